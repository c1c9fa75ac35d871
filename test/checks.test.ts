/**
 * Checks, one at a time, on a few files each (test/helpers/check-harness.ts): table-driven, in process, no
 * build. Each row: the check, the files, and the findings it must give (code and file:line:column).
 */
import { describe, expect, it } from 'vitest';
import { runCheck } from './helpers/check-harness.js';
import type { Entry } from './helpers/tree.js';

const mcp = (server: Record<string, unknown>) => ({ '.mcp.json': { mcpServers: { s: server } } });

type Row = [check: string, what: string, files: Record<string, Entry>, expected: string[]];

const rows: Row[] = [
  ['command-runnable', 'a script that exists and runs', { ...mcp({ command: '${CLAUDE_PLUGIN_ROOT}/run.sh' }), 'run.sh': { text: '#!/bin/sh\nexit 0\n', mode: 0o755 } }, []],
  ['command-runnable', 'a script that is not executable', { ...mcp({ command: '${CLAUDE_PLUGIN_ROOT}/run.sh' }), 'run.sh': { text: '#!/bin/sh\nexit 0\n', mode: 0o644 } }, ['command.not-executable .mcp.json:4:7']],
  ['command-runnable', 'a program path that does not exist', mcp({ command: '${CLAUDE_PLUGIN_ROOT}/bin/server' }), ['command.not-found .mcp.json:4:7']],
  ['interpreter-script', 'a script an interpreter runs that does not exist', mcp({ command: 'python3', args: ['${CLAUDE_PLUGIN_ROOT}/server.py'] }), ['command.script-missing .mcp.json:6:9']],
  // The harness checks a source tree (author mode): a program this machine lacks is a requirement of the plugin.
  ['command-runnable', 'a program on no PATH folder', mcp({ command: 'mcp-doctor-no-such-program' }), ['command.runner-required .mcp.json:4:7']],
  ['command-runnable', 'a CRLF shebang', { ...mcp({ command: '${CLAUDE_PLUGIN_ROOT}/run.sh' }), 'run.sh': { text: '#!/bin/sh\r\nexit 0\r\n', mode: 0o755 } }, ['command.bad-interpreter .mcp.json:4:7']],
  ['command-holds-args', 'the whole command line in "command"', mcp({ command: 'node server.js --stdio' }), ['command.holds-args .mcp.json:4:7']],
  ['secret-literal', 'a token written into env', mcp({ command: 'node', env: { GITHUB_TOKEN: 'ghp_' + 'a'.repeat(36) } }), ['secret.literal .mcp.json:6:9']],
  ['server-unknown-keys', 'cwd is not read', mcp({ command: 'node', cwd: '/tmp' }), ['config.unknown-key .mcp.json:5:7']],
  ['relative-paths', 'a relative script path', mcp({ command: 'node', args: ['server.js'] }), []],
];

describe('checks on a few files', () => {
  it.each(rows)('%s: %s', async (check, _what, files, expected) => {
    const found = await runCheck(check, files);
    expect(found.map((f) => `${f.code} ${f.at}`)).toEqual(expected);
  });

  it('a fix comes with the finding that asks for it, as data', async () => {
    const [f] = await runCheck('command-runnable', { ...mcp({ command: '${CLAUDE_PLUGIN_ROOT}/run.sh' }), 'run.sh': { text: '#!/bin/sh\n', mode: 0o644 } });
    expect(f?.fix).toMatchObject({ kind: 'chmod' });
  });

  it('names the check when it does not exist', async () => {
    await expect(runCheck('no-such-check', {})).rejects.toThrow(/no check 'no-such-check'/);
  });
});

describe('schema mistakes are named as values; the catalog words the fix', () => {
  it.each([
    [{ name: 'fx', version: 1 }, 'mistake quote-it version "1"', 'Quote it: "version": "1".'],
    [{ name: 'fx', version: '1.0.0', author: 'Ann' }, 'mistake as-object author {"name": "Ann"}', 'Write it as an object: "author": {"name": "Ann"}.'],
    [{ name: 'fx', version: '1.0.0', keywords: 'mcp' }, 'mistake as-list keywords ["mcp"]', 'Make it a list: "keywords": ["mcp"].'],
  ])('%j', async (manifest, args, hint) => {
    const { catalog } = await import('../src/core/model/catalog.js');
    const found = (await runCheck('manifest-schema', { '.claude-plugin/plugin.json': manifest })).filter((f) => f.code === 'config.schema');
    expect(found).toHaveLength(1);
    const a = found[0]!.args;
    expect(`mistake ${String(a.mistake)} ${String(a.key)} ${String(a.suggested)}`).toBe(args);
    expect(catalog['config.schema'].hint(a as never)).toBe(hint);
  });
});
