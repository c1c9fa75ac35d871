/**
 * Nothing the doctor prints can leak a credential it knows or drive the terminal: a server that dumps its
 * environment and argv (with escape sequences) is probed, and every output format is searched for the
 * literal values and for raw control bytes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mcp-doctor-protect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const server = join(repoRoot, 'fixtures', 'servers', 'mcp_fixture.py');
const secrets = {
  env: 'hunter2Opaque77', // DB_PASSWORD: no known token shape, only the literal value gives it away
  flag: 'flagValue8812xyz', // --password VALUE as two argv elements
  wrapper: 'wrapTokenQ19zz', // env API_TOKEN=… python3 …
  shell: 'shellExported55aa', // exported in the doctor's own environment, inherited by the server
};

writeFileSync(
  join(dir, '.mcp.json'),
  JSON.stringify({
    mcpServers: {
      'dumps-env': { command: 'python3', args: [server, 'print-env', '--password', secrets.flag], env: { DB_PASSWORD: secrets.env } },
      wrapped: { command: 'env', args: [`API_TOKEN=${secrets.wrapper}`, 'python3', server, 'print-env'] },
      'evil\u001b]0;title\u0007\u001b[2Jname\r': { command: 'python3', args: [server, 'ok'] },
    },
  }),
);

// The project's servers are approved in user settings (HOME is this folder), as Claude Code needs before it starts them.
mkdirSync(join(dir, '.claude'));
writeFileSync(join(dir, '.claude', 'settings.json'), JSON.stringify({ enableAllProjectMcpServers: true }));

const outputs = (['text', 'json'] as const).map((format) => {
  const r = runCli([`--format=${format}`, '--timeout', '10s'], { cwd: dir, env: { HOME: dir, MY_SERVICE_SECRET: secrets.shell } });
  return { format, ...r };
});

describe.each(outputs)('$format output', ({ stdout, stderr, status }) => {
  it('ran and reported the failing servers', () => {
    expect(status).toBe(1);
    expect(stdout).toContain('dumps-env');
  });
  it.each(Object.entries(secrets))('never shows the %s secret', (_kind, value) => {
    expect(stdout + stderr).not.toContain(value);
  });
  it('keeps the shape of what it hid', () => {
    expect(stdout).toMatch(/«redacted DB_PASSWORD, 15 characters»/);
  });
  it('carries no raw control bytes from the server or the config', () => {
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    // Shown, not dropped (JSON escapes the backslash once more): the name printed is the name configured.
    expect(stdout).toMatch(/evil\\{1,2}e\]0;title\\{1,2}x07\\{1,2}e\[2Jname\\{1,2}r/);
  });
});
