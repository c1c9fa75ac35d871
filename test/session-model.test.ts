/**
 * What the session model adds beyond the verdict table (test/agreement.test.ts): author mode is static unless
 * asked, wrong roots are usage errors, wrong shapes are located findings, a dropped server fails the run, the
 * update that broke a plugin is named, and values from settings or the credentials file never reach the output.
 * Each of these failed on the code before the change.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/model/context.js';
import { runDoctor } from '../src/core/engine/run.js';
import type { Report } from '../src/core/model/types.js';
import { materializeFixture } from '../src/demo/materialize.js';
import { fixtureHome, repoRoot, runCli, runJson, type FixtureHome } from './helpers/run-cli.js';

const dirs: string[] = [];
const homes: FixtureHome[] = [];
afterAll(async () => {
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  await Promise.all(homes.map((h) => h.cleanup()));
});

/** A folder with the given files (JSON values are serialised). */
function tree(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-doctor-session-'));
  dirs.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const server = join(repoRoot, 'fixtures', 'servers', 'mcp_fixture.py');
const json = (stdout: string) => JSON.parse(stdout) as Report;

describe('author mode runs nothing unless --probe is given', () => {
  const pidDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'mcp-doctor-pids-'));
    dirs.push(d);
    return d;
  };
  const repo = () => tree({ '.claude-plugin/plugin.json': { name: 'pr' }, '.mcp.json': { mcpServers: { s: { command: 'python3', args: [server, 'ok'] } } } });

  it('is static by default: no server process starts', () => {
    const dir = repo();
    const pids = pidDir();
    const r = runCli(['--json', dir], { cwd: dir, env: { HOME: dir, FIXTURE_PID_DIR: pids } });
    expect(r.status).toBe(0);
    expect(json(r.stdout).probe).toBe(false);
    expect(readdirSync(pids)).toEqual([]);
  });

  it('starts the servers with --probe', () => {
    const dir = repo();
    const pids = pidDir();
    const r = runCli(['--json', '--probe', dir], { cwd: dir, env: { HOME: dir, FIXTURE_PID_DIR: pids } });
    expect(json(r.stdout).servers[0]?.probe?.outcome).toBe('answered');
    expect(readdirSync(pids).length).toBeGreaterThan(0);
  });

  it('says so in --help', () => {
    expect(runCli(['--help'], { cwd: tmpdir() }).stdout).toMatch(/--probe\s+start every server.*author mode is static/s);
  });

  it('reports an unset ${VAR} as a variable users must set, not an error', () => {
    const dir = tree({ '.claude-plugin/plugin.json': { name: 'p' }, '.mcp.json': { mcpServers: { s: { command: 'python3', args: [server, '${API_TOKEN_FX}'] } } } });
    const r = runCli(['--json', dir], { cwd: dir, env: { HOME: dir } });
    const f = json(r.stdout).findings;
    expect(f.map((x) => [x.code, x.severity, x.evidence.variable])).toEqual([['config.env-required', 'info', 'API_TOKEN_FX']]);
    expect(r.status).toBe(0);
  });
});

describe('wrong roots are usage errors', () => {
  const dir = tree({ 'a-file': 'x' });
  it.each([
    [['--project', '/nonexistent/fx-doctor'], '--project /nonexistent/fx-doctor: no such folder'],
    [['--config-dir', '/nonexistent/fx-doctor'], '--config-dir /nonexistent/fx-doctor: no such folder'],
    [['--config-dir', join(dir, 'a-file')], `--config-dir ${join(dir, 'a-file')}: not a folder`],
  ])('%s', (args, line) => {
    const r = runCli(['--no-probe', ...args], { cwd: dir, env: { HOME: dir } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`mcp-doctor: ${line}\n`);
    expect(r.stdout).toBe('');
  });
});

describe('state files of the wrong shape are located findings', () => {
  type ShapeCase = [name: string, files: Record<string, unknown>, file: string, pointer: string];
  const cases: ShapeCase[] = [
    ['settings.json is an array', { '.claude/settings.json': '[1, 2]' }, '.claude/settings.json', ''],
    ['enabledPlugins is an array', { '.claude/settings.json': { enabledPlugins: ['p@m'] } }, '.claude/settings.json', '/enabledPlugins'],
    ['"true" as a string', { '.claude/settings.json': { enabledPlugins: { 'p@m': 'true' } } }, '.claude/settings.json', '/enabledPlugins/p@m'],
    ['~/.claude.json is an array', { '.claude.json': '[]' }, '.claude.json', ''],
    ['mcpServers in ~/.claude.json is a list', { '.claude.json': { mcpServers: [{ command: 'x' }] } }, '.claude.json', '/mcpServers'],
    ['installed_plugins.json is an array', { '.claude/plugins/installed_plugins.json': '[]' }, '.claude/plugins/installed_plugins.json', ''],
    ['an install record that is a number', { '.claude/plugins/installed_plugins.json': { version: 2, plugins: { 'p@m': 42 } } }, '.claude/plugins/installed_plugins.json', '/plugins/p@m'],
    ['known_marketplaces.json is an array', { '.claude/plugins/known_marketplaces.json': '[]' }, '.claude/plugins/known_marketplaces.json', ''],
    ['a marketplace record that is a number', { '.claude/plugins/known_marketplaces.json': { m: 7 } }, '.claude/plugins/known_marketplaces.json', '/m'],
  ];
  it.each(cases)('%s', (_name, files, file, pointer) => {
    const dir = tree(files);
    const r = runCli(['--json', '--no-probe'], { cwd: dir, env: { HOME: dir } });
    expect(r.stderr).toBe('');
    const f = json(r.stdout).findings.find((x) => x.file === join(dir, file));
    expect(f?.code).toBe('config.schema');
    expect(f?.pointer ?? '').toBe(pointer);
    expect(f?.line).toBeGreaterThan(0);
    expect(r.status).toBe(1);
  });

  it('a "true" string names the fix', () => {
    const dir = tree({ '.claude/settings.json': { enabledPlugins: { 'p@m': 'true' } } });
    const f = json(runCli(['--json', '--no-probe'], { cwd: dir, env: { HOME: dir } }).stdout).findings.find((x) => x.code === 'config.schema');
    expect(f?.hint).toContain('without quotes');
  });

  it.each([
    ['a folder', (p: string) => mkdirSync(p), 'a folder, not a file'],
    ['a symlink loop', (p: string) => symlinkSync(p, p), 'a symlink loop (ELOOP)'],
  ])('a project .mcp.json that is %s', (_name, make, problem) => {
    const dir = tree({});
    make(join(dir, '.mcp.json'));
    const r = runCli(['--json', '--no-probe'], { cwd: dir, env: { HOME: dir } });
    const f = json(r.stdout).findings.find((x) => x.file === join(dir, '.mcp.json'));
    expect(f?.code).toBe('config.unreadable');
    expect(f?.message).toContain(problem);
    expect(r.status).toBe(1);
  });
});

describe('a server Claude Code drops makes the exit code 1', () => {
  it.each([
    ['user scope', { '.claude.json': { mcpServers: { web: { url: 'http://127.0.0.1:2/mcp' } } } }],
    ['project scope', { '.mcp.json': { mcpServers: { web: { url: 'http://127.0.0.1:2/mcp' } } }, '.claude/settings.json': { enableAllProjectMcpServers: true } }],
  ])('%s', (_name, files) => {
    const dir = tree(files);
    const r = runCli(['--json', '--no-probe'], { cwd: dir, env: { HOME: dir } });
    const report = json(r.stdout);
    expect(report.servers.map((s) => [s.name, s.status])).toEqual([['web', 'failed']]);
    expect(report.findings.map((f) => [f.code, f.severity])).toEqual([['config.schema', 'warning']]);
    expect(r.status).toBe(1);
  });
});

describe('which update broke it', () => {
  it('names the version, the date and what the previous version had', async () => {
    const fx = await fixtureHome('update-broke');
    homes.push(fx);
    const { report } = runJson([], fx);
    const note = report.findings.find((f) => f.code === 'registry.recent-update');
    expect(note?.message).toBe('Broke with the update to 1.1.0 on 2026-11-20: 1.0.0 had a `.venv` link, 1.1.0 has none.');
    expect(note?.server).toBe('plugin:vault:vault');
    expect(note?.severity).toBe('info');
    expect(report.servers[0]?.status).toBe('failed');
  });
});

describe('--all still checks what a session leaves off', () => {
  it('starts a pending project server and a server disabled for the project', () => {
    const dir = tree({
      '.mcp.json': { mcpServers: { pend: { command: 'python3', args: [server, 'ok'] } } },
      '.claude.json': { mcpServers: { off: { command: 'python3', args: [server, 'ok', '--name', 'off'] } } },
    });
    // The project's entry in ~/.claude.json (HOME is this folder) turns `off` off for this project.
    writeFileSync(join(dir, '.claude.json'), JSON.stringify({ mcpServers: { off: { command: 'python3', args: [server, 'ok', '--name', 'off'] } }, projects: { [dir]: { disabledMcpServers: ['off'] } } }));
    const plain = json(runCli(['--json', '--timeout', '10s'], { cwd: dir, env: { HOME: dir } }).stdout);
    expect(plain.servers.map((s) => [s.name, s.status, s.skipReason, s.probe])).toEqual([
      ['off', 'disabled', 'disabled-for-project', null],
      ['pend', 'disabled', 'pending-approval', null],
    ]);
    const all = json(runCli(['--json', '--all', '--timeout', '10s'], { cwd: dir, env: { HOME: dir } }).stdout);
    expect(all.servers.map((s) => [s.name, s.probe?.outcome])).toEqual([
      ['off', 'answered'],
      ['pend', 'answered'],
    ]);
  });
});

describe('credentials from settings env and the credentials file never reach the output', () => {
  it('redacts a settings env value that a server prints', () => {
    const token = 'settingsEnvTok3n99';
    const dir = tree({
      '.claude/settings.json': { env: { FX_SERVICE_TOKEN: token } },
      '.claude.json': { mcpServers: { dump: { command: 'python3', args: [server, 'print-env'] } } },
    });
    // --verbose: the text shows all the stderr kept, so the line that held the value is on it.
    for (const format of ['text', 'json']) {
      const r = runCli([`--format=${format}`, '--verbose', '--timeout', '10s'], { cwd: dir, env: { HOME: dir } });
      expect(r.stdout).toContain('dump');
      expect(r.stdout + r.stderr).not.toContain(token);
      expect(r.stdout).toMatch(/«redacted FX_SERVICE_TOKEN, 18 characters»/);
    }
  });
});

describe('plugin options mcp-doctor cannot see', () => {
  it('on macOS a sensitive option may be in the keychain: the server is skipped with that reason, not failed', async () => {
    const { root, cleanup } = await materializeFixture(join(repoRoot, 'fixtures', 'agreement', 'user-config'), 'mcp-doctor-keychain-');
    try {
      const home = join(root, 'home');
      const ctx = createContext({ env: { PATH: '/usr/bin:/bin', HOME: home }, cwd: join(root, 'project'), homedir: home, managedDir: join(root, 'managed'), platform: 'darwin' });
      const { report } = await runDoctor(ctx, { version: 'test' });
      const sec = report.servers.find((s) => s.id === 'plugin:cfg:s_sec');
      expect([sec?.status, sec?.skipReason]).toEqual(['skipped', 'user-config-keychain']);
      expect(sec?.findings.map((f) => [f.code, f.severity])).toEqual([['config.user-config-unset', 'info']]);
      expect(sec?.findings[0]?.message).toContain('keychain');
      // A required option with no value is an error wherever it runs.
      const req = report.servers.find((s) => s.id === 'plugin:cfg:s_req');
      expect(req?.findings.map((f) => [f.code, f.severity, f.evidence.required])).toEqual([['config.user-config-unset', 'error', true]]);
    } finally {
      await cleanup();
    }
  });
});
