/**
 * One fixture home per failure class (fixtures/cases/<class>), run through the built CLI with --json.
 * Each row lists the exact findings (code, file, line, column, server) and every server's status.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureHome, runJson, type FixtureHome } from './helpers/run-cli.js';

type Row = [code: string, file: string, line: number, column: number, server: string | null];
type Case = [name: string, findings: Row[], exit: number, statuses: Record<string, string>, args?: (fx: FixtureHome) => string[]];

const cases: Case[] = [
  ['healthy', [], 0, { 'plugin:healthy:docs': 'ok', 'plugin:healthy:node': 'ok', 'plugin:healthy:py': 'ok' }],
  ['invalid-json', [['config.invalid-json', 'mkt/plugins/broken-json/.claude-plugin/plugin.json', 6, 3, null]], 1, {}],
  [
    'schema',
    [
      ['config.schema', 'mkt/plugins/wrong-types/.claude-plugin/plugin.json', 3, 3, null],
      ['config.schema', 'mkt/plugins/wrong-types/.claude-plugin/plugin.json', 4, 3, null],
      ['config.schema', 'mkt/plugins/wrong-types/.claude-plugin/plugin.json', 5, 3, null],
      ['config.schema', 'mkt/plugins/wrong-types/.claude-plugin/plugin.json', 6, 3, null],
      ['config.schema', 'mkt/plugins/wrong-types/.mcp.json', 5, 7, 'plugin:wrong-types:bad-args'],
      ['config.schema', 'mkt/plugins/wrong-types/.mcp.json', 8, 7, 'plugin:wrong-types:remote'],
    ],
    1,
    { 'plugin:wrong-types:bad-args': 'failed', 'plugin:wrong-types:remote': 'failed' },
  ],
  [
    'unknown-key',
    [
      ['config.unknown-key', 'mkt/plugins/unknown-keys/.claude-plugin/plugin.json', 4, 3, null],
      ['config.unknown-key', 'mkt/plugins/unknown-keys/.claude-plugin/plugin.json', 5, 3, null],
      ['config.unknown-key', 'mkt/plugins/unknown-keys/.mcp.json', 8, 7, 'plugin:unknown-keys:srv'],
      ['config.unknown-key', 'mkt/plugins/unknown-keys/.mcp.json', 9, 7, 'plugin:unknown-keys:srv'],
    ],
    0,
    { 'plugin:unknown-keys:srv': 'degraded' },
  ],
  [
    'missing-file',
    [
      ['config.missing-file', 'mkt/plugins/missing-file/.claude-plugin/plugin.json', 4, 3, null],
      ['config.missing-file', 'mkt/plugins/missing-file/.claude-plugin/plugin.json', 5, 3, null],
    ],
    1,
    { 'plugin:missing-file:srv': 'failed' },
  ],
  ['env-unset', [['config.env-unset', 'mkt/plugins/env-unset/.mcp.json', 11, 9, 'plugin:env-unset:needs-key']], 1, { 'plugin:env-unset:needs-key': 'failed' }],
  [
    'relative-path',
    // The file exists in the plugin, not in the project: the relative path is the cause (an error naming the
    // plugin's file), and "command not found" at the same place would only repeat it.
    [['config.relative-path', 'mkt/plugins/relative-path/.mcp.json', 4, 7, 'plugin:relative-path:rel']],
    1,
    { 'plugin:relative-path:rel': 'failed' },
  ],
  ['not-found', [['command.not-found', 'mkt/plugins/not-found/.mcp.json', 4, 7, 'plugin:not-found:ghost']], 1, { 'plugin:not-found:ghost': 'failed' }],
  ['unbuilt', [['command.unbuilt', 'mkt/plugins/weather/.mcp.json', 4, 7, 'plugin:weather:weather-go']], 1, { 'plugin:weather:weather-go': 'failed' }],
  ['toolchain-missing', [['command.toolchain-missing', 'mkt/plugins/builder/scripts/launch.sh', 5, 1, 'plugin:builder:builder']], 1, { 'plugin:builder:builder': 'failed' }],
  ['not-executable', [['command.not-executable', 'mkt/plugins/noexec/.mcp.json', 4, 7, 'plugin:noexec:noexec']], 1, { 'plugin:noexec:noexec': 'failed' }],
  [
    'bad-interpreter',
    [
      ['command.bad-interpreter', 'mkt/plugins/bad-interp/.mcp.json', 4, 7, 'plugin:bad-interp:crlf'],
      ['command.bad-interpreter', 'mkt/plugins/bad-interp/.mcp.json', 7, 7, 'plugin:bad-interp:gone-python'],
    ],
    1,
    { 'plugin:bad-interp:crlf': 'failed', 'plugin:bad-interp:gone-python': 'failed' },
  ],
  ['venv-missing', [['venv.missing', 'mkt/plugins/pyvenv/.mcp.json', 4, 7, 'plugin:pyvenv:pyvenv']], 1, { 'plugin:pyvenv:pyvenv': 'failed' }],
  ['venv-dangling', [['venv.dangling-link', 'mkt/plugins/pyvenv/.mcp.json', 4, 7, 'plugin:pyvenv:pyvenv']], 1, { 'plugin:pyvenv:pyvenv': 'failed' }],
  ['venv-link-lost', [['venv.link-lost', 'home/.claude/plugins/cache/fx/pyvenv/0.1.0/.mcp.json', 4, 7, 'plugin:pyvenv:pyvenv']], 1, { 'plugin:pyvenv:pyvenv': 'failed' }],
  ['venv-broken-interpreter', [['venv.broken-interpreter', 'mkt/plugins/pyvenv/.mcp.json', 4, 7, 'plugin:pyvenv:pyvenv']], 1, { 'plugin:pyvenv:pyvenv': 'failed' }],
  ['deps-not-installed', [['deps.not-installed', 'mkt/plugins/node-deps/.mcp.json', 6, 9, 'plugin:node-deps:node-deps']], 1, { 'plugin:node-deps:node-deps': 'failed' }],
  ['install-missing', [['registry.install-missing', 'home/.claude/plugins/installed_plugins.json', 7, 9, null]], 1, {}],
  ['marketplace-missing', [['registry.marketplace-missing', 'home/.claude/plugins/known_marketplaces.json', 2, 3, null]], 1, {}],
  [
    'secret-literal',
    [
      ['secret.literal', 'mkt/plugins/secrets/.mcp.json', 9, 9, 'plugin:secrets:gh'],
      ['secret.literal', 'mkt/plugins/secrets/.mcp.json', 17, 9, 'plugin:secrets:remote'],
    ],
    0,
    { 'plugin:secrets:gh': 'degraded', 'plugin:secrets:remote': 'degraded' },
  ],
  ['disabled', [], 0, { 'plugin:off:off': 'disabled' }],
  ['disabled', [['command.not-found', 'mkt/plugins/off/.mcp.json', 4, 7, 'plugin:off:off']], 1, { 'plugin:off:off': 'failed' }, () => ['--all']],
  [
    'scopes',
    [
      ['command.not-found', 'home/.claude.json', 14, 11, 'local-missing'],
      ['config.schema', 'project/.mcp.json', 1, 1, null],
    ],
    1,
    { 'user-ok': 'ok', 'local-missing': 'failed' },
  ],
  [
    'author-marketplace',
    [
      ['config.reserved-name', 'repo/.claude-plugin/marketplace.json', 13, 7, null],
      ['config.missing-file', 'repo/.claude-plugin/marketplace.json', 18, 7, null],
      ['config.schema', 'repo/.mcp.json', 1, 1, null],
      ['config.reserved-name', 'repo/plugins/claude-helper/.claude-plugin/plugin.json', 2, 3, null],
      ['config.schema', 'repo/plugins/good/.claude-plugin/plugin.json', 4, 3, null],
    ],
    1,
    { 'plugin:good:srv': 'failed' },
    (fx) => [`${fx.root}/repo`],
  ],
];

const homes: FixtureHome[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
});

describe('static checks over fixture homes', () => {
  it.each(cases)('%s', async (name, expected, exit, statuses, args) => {
    const fx = await fixtureHome(name);
    homes.push(fx);
    const { report, result } = runJson(args?.(fx) ?? [], fx);
    const rows = report.findings.map((f) => [f.code, (f.file ?? '').replace(fx.root + '/', ''), f.line, f.column, f.server]);
    const sort = (a: unknown[]) => [...a].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    expect(sort(rows)).toEqual(sort(expected));
    expect(result.status).toBe(exit);
    expect(Object.fromEntries(report.servers.map((s) => [s.id, s.status]))).toEqual(statuses);
    expect(result.stderr).toBe('');
  });
});

describe('evidence in findings', () => {
  it('names the dangling venv link and its target', async () => {
    const fx = await fixtureHome('venv-dangling');
    homes.push(fx);
    const f = runJson([], fx).report.findings[0];
    expect(f?.evidence.link).toBe(`${fx.root}/mkt/plugins/pyvenv/.venv`);
    expect(f?.evidence.target).toBe(`${fx.root}/home/.cache/claude-mcp-venvs/fx/pyvenv/.venv`);
    expect(f?.pointer).toBe('/mcpServers/pyvenv/command');
  });

  it('plans a venv relink for a lost link, pointing at the healthy venv', async () => {
    const fx = await fixtureHome('venv-link-lost');
    homes.push(fx);
    const f = runJson([], fx).report.findings[0];
    expect(f?.fixable).toBe(true);
    expect(f?.fix).toEqual({
      kind: 'symlink',
      path: `${fx.root}/home/.claude/plugins/cache/fx/pyvenv/0.1.0/.venv`,
      target: `${fx.root}/home/.cache/claude-mcp-venvs/fx/pyvenv/.venv`,
    });
    expect(f?.evidence.via).toBe("the marketplace clone's venv link");
  });

  it('says how to build unbuilt output and that the toolchain is missing', async () => {
    const fx = await fixtureHome('unbuilt');
    homes.push(fx);
    const f = runJson([], fx).report.findings[0];
    expect(f?.evidence.reason).toBe(`ignored by ${fx.root}/mkt/plugins/weather/.gitignore`);
    expect(f?.hint).toContain(`go build -o ${fx.root}/mkt/plugins/weather/bin/weather-server ./cmd/weather-server`);
    expect(f?.evidence.toolchainMissing).toBe('go');
  });

  it('schema findings say what was expected and what was found', async () => {
    const fx = await fixtureHome('schema');
    homes.push(fx);
    const byPointer = Object.fromEntries(runJson([], fx).report.findings.map((f) => [f.pointer, f]));
    expect(byPointer['/author']?.evidence).toMatchObject({ expected: 'object', found: 'string' });
    expect(byPointer['/author']?.hint).toBe('Write it as an object: "author": {"name": "Jane Doe"}.');
    expect(byPointer['/version']?.hint).toBe('Quote it: "version": "1.2".');
    expect(byPointer['/mcpServers/bad-args/args']?.evidence).toMatchObject({ expected: 'array', found: 'string' });
  });

  it('suggests the intended key and explains cwd', async () => {
    const fx = await fixtureHome('unknown-key');
    homes.push(fx);
    const byKey = Object.fromEntries(runJson([], fx).report.findings.map((f) => [f.evidence.key, f]));
    expect(byKey.mcp_servers?.hint).toBe("Did you mean 'mcpServers'?");
    expect(byKey.enviroment?.hint).toBe("Did you mean 'env'?");
    expect(byKey.cwd?.hint).toContain('Claude Code ignores "cwd"');
  });

  it('an env var set in the environment is not reported', async () => {
    const fx = await fixtureHome('env-unset');
    homes.push(fx);
    const { report, result } = runJson([], fx, { FX_DOCTOR_UNSET_KEY: 'set-now' });
    expect(report.findings).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('the launcher finding points at the line that runs the toolchain', async () => {
    const fx = await fixtureHome('toolchain-missing');
    homes.push(fx);
    const f = runJson([], fx).report.findings[0];
    expect(f?.evidence).toMatchObject({ tool: 'go', scriptLine: 5, guarded: false });
    expect(f?.severity).toBe('error');
  });
});

describe('launchers', () => {
  it('a #!/usr/bin/env bash launcher relying on a dangling .venv is reported (regression)', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('./helpers/run-cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'mcp-doctor-launcher-'));
    try {
      mkdirSync(join(dir, '.claude-plugin'));
      writeFileSync(join(dir, '.claude-plugin', 'plugin.json'), '{"name":"launch"}');
      writeFileSync(join(dir, '.mcp.json'), '{"mcpServers":{"srv":{"command":"${CLAUDE_PLUGIN_ROOT}/run.sh"}}}');
      writeFileSync(join(dir, 'run.sh'), '#!/usr/bin/env bash\nexec "$(dirname "$0")/.venv/bin/python" server.py\n', { mode: 0o755 });
      symlinkSync(join(dir, 'gone-venv'), join(dir, '.venv'));
      const r = runCli(['--json', '--no-probe', dir], { cwd: dir, env: { HOME: dir } });
      const report = JSON.parse(r.stdout) as import('../src/core/model/types.js').Report;
      expect(report.findings.map((f) => [f.code, f.evidence.link, f.evidence.target])).toEqual([['venv.dangling-link', join(dir, '.venv'), join(dir, 'gone-venv')]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
