/**
 * Root causes read from a crash, in words a user can act on: the stderr line that names the error (not
 * Node's version footer), shown inside the quoted tail; and a runtime older than the server needs, with both
 * versions named (a Node built-in this Node lacks, `engines.node`, `requires-python`, syntax of a newer Python).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLine } from '../src/core/model/error-line.js';
import { compareVersions, minimumOf, satisfies } from '../src/core/probe/version-range.js';
import type { Report } from '../src/core/model/types.js';
import { assertReportSchema, codesOf, nodeFixture, probeHome, serverNamed, survivors, type ProbeHome } from './helpers/probe-home.js';
import { runCliAsync, TEST_PATH } from './helpers/run-cli.js';

const version = (cmd: string, args: string[]) => /(\d+\.\d+\.\d+)/.exec(spawnSync(cmd, args, { encoding: 'utf8', env: { PATH: TEST_PATH } }).stdout)?.[1] ?? '0.0.0';
const node = version('node', ['--version']);
const python = version('python3', ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])']);

let h: ProbeHome;
let report: Report;

beforeAll(async () => {
  h = probeHome({
    'crash-deep': { command: 'node', args: [nodeFixture, 'crash-deep'] },
    'node-sqlite': { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/sqlite/index.mjs'] },
    'node-engines': { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/engines/index.mjs'] },
    'py-requires': { command: 'python3', args: ['${CLAUDE_PLUGIN_ROOT}/py-requires/server.py'] },
    'py-syntax': { command: 'python3', args: ['${CLAUDE_PLUGIN_ROOT}/py-syntax/server.py'] },
    'py-typo': { command: 'python3', args: ['${CLAUDE_PLUGIN_ROOT}/py-typo/server.py'] },
  });
  h.pluginFile('sqlite/index.mjs', "import { DatabaseSync } from 'node:sqlite';\nnew DatabaseSync(':memory:');\n");
  h.pluginFile('sqlite/package.json', JSON.stringify({ name: 'fixture-sqlite', type: 'module', engines: { node: '>=22.5.0' } }));
  h.pluginFile('engines/index.mjs', "throw new Error('this build needs a newer runtime');\n");
  h.pluginFile('engines/package.json', JSON.stringify({ name: 'fixture-engines', type: 'module', engines: { node: '^24.1 || >=25' } }));
  // Python 3.14 accepts `except A, B:` without parentheses; older versions raise SyntaxError.
  h.pluginFile('py-requires/server.py', 'import sys\ntry:\n    sys.exit(0)\nexcept ValueError, TypeError:\n    pass\n');
  h.pluginFile('py-requires/pyproject.toml', '[project]\nname = "fixture"\nrequires-python = ">=3.14"\n');
  h.pluginFile('py-syntax/server.py', 'type Port = int\nprint("never")\n');
  // A plain mistake: a SyntaxError no newer Python accepts is not blamed on the runtime.
  h.pluginFile('py-typo/server.py', 'def broken(:\n    pass\n');
  h.pluginFile('py-typo/pyproject.toml', '[project]\nname = "fixture"\nrequires-python = ">=3.8"\n');
  const r = await runCliAsync(['--json', '--timeout', '20s'], { cwd: h.project, env: h.env });
  expect(r.stderr).toBe('');
  report = JSON.parse(r.stdout) as Report;
}, 60_000);

afterAll(() => h?.cleanup());

describe('the error line', () => {
  it('quotes the line that names the error, not the footer, and shows it inside the tail', () => {
    const f = serverNamed(report, 'crash-deep').findings.find((x) => x.code === 'probe.crashed');
    const line = 'Error: DATABASE_URL is not set: export it before starting the server';
    expect(f?.evidence.stderrLast).toBe(line);
    expect(f?.message).toContain(`stderr says: ${line}`);
    const tail = f?.evidence.stderrTail as string[];
    expect(tail.length).toBeLessThanOrEqual(8);
    expect(tail).toContain(line);
    // What Node printed last is the footer: the line is far from the end.
    expect(serverNamed(report, 'crash-deep').probe?.stderrTail.at(-1)).toMatch(/^Node\.js v\d/);
  });
});

describe('the error line picker', () => {
  it.each([
    [
      'Node footer and stack',
      ['file:///srv/index.mjs:3', "    throw new Error('boom');", '    ^', '', "Error: Cannot find config '/etc/srv.toml'", '    at main (file:///srv/index.mjs:3:11)', '', 'Node.js v20.20.2'],
      "Error: Cannot find config '/etc/srv.toml'",
    ],
    [
      'npm 404 and its log footer',
      [
        'npm error code E404',
        'npm error 404 Not Found - GET https://registry.npmjs.org/@acme%2fmcp-missing - Not found',
        'npm error 404',
        "npm error 404  '@acme/mcp-missing@*' is not in this registry.",
        'npm error 404',
        'npm error 404 Note that you can also install from a',
        'npm error 404 tarball, folder, http url, or git url.',
        'npm error A complete log of this run can be found in: /root/.npm/_logs/debug-0.log',
      ],
      "npm error 404  '@acme/mcp-missing@*' is not in this registry.",
    ],
    ['Python traceback', ['Traceback (most recent call last):', '  File "/srv/server.py", line 1, in <module>', '    import fastmcp', "ModuleNotFoundError: No module named 'fastmcp'"], "ModuleNotFoundError: No module named 'fastmcp'"],
  ])('%s', (_what, lines, expected) => {
    expect(errorLine(lines)).toBe(expected);
  });
});

describe('runtime too old', () => {
  it.skipIf(compareVersions(node, '22.5.0') >= 0)('a Node built-in this Node lacks (node:sqlite)', () => {
    const s = serverNamed(report, 'node-sqlite');
    expect(codesOf(s)).toEqual(['error:runtime.node-too-old', 'info:probe.crashed']);
    const f = s.findings.find((x) => x.code === 'runtime.node-too-old');
    expect(f?.evidence).toMatchObject({ have: node, need: '22.5.0', because: 'it imports node:sqlite' });
    expect(f?.message).toMatch(new RegExp(`needs Node\\.js 22\\.5\\.0 \\(it imports node:sqlite\\), but /\\S+/node is ${node.replace(/\./g, '\\.')}\\.$`));
  });

  it.skipIf(compareVersions(node, '24.1.0') >= 0)('package.json engines.node that excludes the Node on PATH', () => {
    const s = serverNamed(report, 'node-engines');
    expect(codesOf(s)).toEqual(['error:runtime.node-too-old', 'info:probe.crashed']);
    expect(s.findings.find((x) => x.code === 'runtime.node-too-old')?.evidence).toMatchObject({ have: node, need: '24.1', because: 'package.json engines.node is "^24.1 || >=25"' });
  });

  it.skipIf(compareVersions(python, '3.14.0') >= 0)('a SyntaxError under a requires-python that excludes this Python', () => {
    const s = serverNamed(report, 'py-requires');
    expect(codesOf(s)).toEqual(['error:runtime.python-too-old', 'info:probe.crashed']);
    const f = s.findings.find((x) => x.code === 'runtime.python-too-old');
    expect(f?.evidence).toMatchObject({ have: python, need: '3.14', because: 'pyproject.toml requires-python is ">=3.14"' });
    expect(f?.message).toContain(`needs Python 3.14`);
    expect(f?.message).toContain(`is ${python}: SyntaxError:`);
  });

  it.skipIf(compareVersions(python, '3.12.0') >= 0)('syntax of a newer Python, without requires-python', () => {
    const s = serverNamed(report, 'py-syntax');
    expect(codesOf(s)).toEqual(['error:runtime.python-too-old', 'info:probe.crashed']);
    expect(s.findings.find((x) => x.code === 'runtime.python-too-old')?.evidence).toMatchObject({ have: python, need: '3.12', because: 'the code uses a type statement' });
  });

  it('a plain SyntaxError is only a crash', () => {
    expect(codesOf(serverNamed(report, 'py-typo'))).toEqual(['error:probe.crashed']);
  });
});

describe('version ranges', () => {
  it.each([
    ['20.20.2', '>=22.5.0', false, '22.5'],
    ['22.5.0', '>=22.5.0', true, '22.5'],
    ['20.20.2', '^20.6 || >=22', true, '20.6'],
    ['20.1.0', '^20.6 || >=22', false, '20.6'],
    ['20.20.2', '>= 18', true, '18.0'],
    ['20.20.2', '20.x', true, '20.0'],
    ['21.0.0', '18 - 20', false, '18.0'],
    ['3.11.2', '>=3.10,<4', true, '3.10'],
    ['3.11.2', '~=3.12', false, '3.12'],
    ['3.11.2', '!=3.11.*', false, '0.0'],
    ['3.11.2', 'whatever', null, null],
  ] as const)('%s in %s: %s', (v, range, ok, min) => {
    expect(satisfies(v, range)).toBe(ok);
    expect(minimumOf(range)).toBe(min);
  });
});

it('matches the report schema', async () => {
  await assertReportSchema(report);
});

it('leaves no fixture process behind', async () => {
  expect(await survivors(h.pids)).toEqual([]);
});
