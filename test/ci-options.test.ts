/**
 * The CI options end to end through the built CLI: --fail-on, --plugin/--server, the settings file,
 * --output, --base-dir, unknown --ignore codes and the GitHub Actions default.
 */
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodeFor, type FailOn } from '../src/cli/exit-code.js';
import type { Report } from '../src/core/model/types.js';
import { fixtureHome, runCli, runJson, type FixtureHome } from './helpers/run-cli.js';

const homes: FixtureHome[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const home = async (name: string) => {
  const fx = await fixtureHome(name);
  homes.push(fx);
  return fx;
};
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'mcp-doctor-ci-'));
  dirs.push(d);
  return d;
};
const codes = (r: Report) => r.findings.map((f) => `${f.code} ${f.server ?? f.plugin ?? '-'}`).sort();

describe('--fail-on', () => {
  const summary = (errors: number, warnings: number, failed = 0) => ({ summary: { errors, warnings, failed } }) as Report;
  it.each<[FailOn, number, number, number]>([
    ['error', 0, 0, 0],
    ['error', 0, 3, 0],
    ['error', 1, 0, 1],
    ['warning', 0, 0, 0],
    ['warning', 0, 1, 1],
    ['warning', 2, 0, 1],
    ['none', 5, 5, 0],
  ])('exitCodeFor(%s) with %i errors and %i warnings is %i', (failOn, errors, warnings, code) => {
    expect(exitCodeFor(summary(errors, warnings), failOn)).toBe(code);
  });

  it('a server Claude Code would drop fails the run at any threshold but none', () => {
    expect(exitCodeFor(summary(0, 1, 1), 'error')).toBe(1);
    expect(exitCodeFor(summary(0, 1, 1), 'warning')).toBe(1);
    expect(exitCodeFor(summary(0, 1, 1), 'none')).toBe(0);
  });

  it('warnings only: 0 by default, 1 with --fail-on warning, 0 with none', async () => {
    const fx = await home('unknown-key');
    const run = (...args: string[]) => runCli(['--no-probe', ...args], { cwd: fx.project, env: fx.env }).status;
    expect(run()).toBe(0);
    expect(run('--fail-on', 'error')).toBe(0);
    expect(run('--fail-on', 'warning')).toBe(1);
    expect(run('--fail-on', 'none')).toBe(0);
  });

  it('errors: 1 with error or warning, 0 with none', async () => {
    const fx = await home('not-found');
    const run = (...args: string[]) => runCli(['--no-probe', ...args], { cwd: fx.project, env: fx.env }).status;
    expect(run('--fail-on', 'error')).toBe(1);
    expect(run('--fail-on', 'warning')).toBe(1);
    expect(run('--fail-on', 'none')).toBe(0);
  });

  it('an unknown level is a usage error', async () => {
    const fx = await home('healthy');
    const r = runCli(['--no-probe', '--fail-on', 'warn'], { cwd: fx.project, env: fx.env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("argument 'warn' is invalid. Allowed choices are error, warning, none");
  });
});

describe('--plugin and --server', () => {
  it('author mode: --plugin limits the report to that plugin', async () => {
    const fx = await home('author-marketplace');
    const { report, result } = runJson(['--plugin', 'good', join(fx.root, 'repo')], fx);
    expect(result.status).toBe(1);
    expect(report.plugins.map((p) => p.id)).toEqual(['good@acme-tools']);
    expect(codes(report)).toEqual(['config.schema good@acme-tools']);
  });

  it('repeatable, and takes name@marketplace', async () => {
    const fx = await home('author-marketplace');
    const { report } = runJson(['--plugin', 'claude-helper@acme-tools', '--plugin', 'ghost', join(fx.root, 'repo')], fx);
    expect(report.plugins.map((p) => p.id).sort()).toEqual(['claude-helper@acme-tools', 'ghost@acme-tools']);
    expect(codes(report)).toEqual(['config.missing-file ghost@acme-tools', 'config.reserved-name claude-helper@acme-tools']);
  });

  it('installed setup: --server keeps that server (and its plugin) only', async () => {
    const fx = await home('unknown-key');
    const whole = runJson([], fx).report;
    expect(whole.servers.length).toBeGreaterThan(0);
    const { report } = runJson(['--server', 'srv'], fx);
    expect(report.servers.map((s) => s.id)).toEqual(['plugin:unknown-keys:srv']);
    expect(report.findings.length).toBe(whole.findings.length);
  });

  it('a name that matches nothing is a usage error naming close names', async () => {
    const fx = await home('author-marketplace');
    const plugin = runCli(['--no-probe', '--plugin', 'goood', join(fx.root, 'repo')], { cwd: fx.project, env: fx.env });
    expect(plugin.status).toBe(2);
    expect(plugin.stdout).toBe('');
    expect(plugin.stderr).toBe("mcp-doctor: no plugin named 'goood' (did you mean 'good'?)\n");
    const server = runCli(['--no-probe', '--server', 'sr', join(fx.root, 'repo')], { cwd: fx.project, env: fx.env });
    expect(server.status).toBe(2);
    expect(server.stderr).toBe("mcp-doctor: no server named 'sr' (did you mean 'srv'?)\n");
  });
});

describe('--ignore', () => {
  it('an unknown code is a usage error, with the codes it may have meant', async () => {
    const fx = await home('env-unset');
    const r = runCli(['--no-probe', '--ignore', 'config.env-unst'], { cwd: fx.project, env: fx.env });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("mcp-doctor: --ignore: 'config.env-unst' is not a finding code (did you mean 'config.env-unset'?); mcp-doctor explain lists them\n");
  });
});

describe('settings file (.mcp-doctor.json)', () => {
  it('in the base folder: ignore codes, and its failOn sets the threshold (a flag overrides it)', async () => {
    const fx = await home('unknown-key');
    writeFileSync(join(fx.project, '.mcp-doctor.json'), JSON.stringify({ failOn: 'warning' }));
    expect(runCli(['--no-probe'], { cwd: fx.project, env: fx.env }).status).toBe(1);
    expect(runCli(['--no-probe', '--fail-on', 'error'], { cwd: fx.project, env: fx.env }).status).toBe(0);
    writeFileSync(join(fx.project, '.mcp-doctor.json'), JSON.stringify({ failOn: 'warning', ignore: ['config.unknown-key'] }));
    const { report, result } = runJson(['--fail-on', 'warning'], fx);
    expect(report.findings).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('per server: the code is left out for that server only; per plugin: for the plugin and its servers', async () => {
    const fx = await home('unknown-key');
    const all = codes(runJson([], fx).report);
    expect(all).toEqual([
      'config.unknown-key plugin:unknown-keys:srv',
      'config.unknown-key plugin:unknown-keys:srv',
      'config.unknown-key unknown-keys@fx',
      'config.unknown-key unknown-keys@fx',
    ]);
    const settings = join(fx.root, 'settings.json');
    writeFileSync(settings, JSON.stringify({ servers: { 'unknown-keys/srv': { ignore: ['config.unknown-key'] } } }));
    const perServer = runJson(['--config', settings], fx).report;
    expect(codes(perServer)).toEqual(['config.unknown-key unknown-keys@fx', 'config.unknown-key unknown-keys@fx']);
    // Its plugin's warnings sit on the plugin's row: the server itself is fine.
    expect(perServer.servers[0]?.status).toBe('ok');
    expect(perServer.plugins[0]?.load.verdict).toBe('loads');
    writeFileSync(settings, JSON.stringify({ plugins: { 'unknown-keys': { ignore: ['config.unknown-key'] } } }));
    expect(codes(runJson(['--config', settings], fx).report)).toEqual([]);
    writeFileSync(settings, JSON.stringify({ servers: { 'other-server': { ignore: ['config.unknown-key'] } } }));
    expect(codes(runJson(['--config', settings], fx).report)).toEqual(all);
  });

  it('knownVariables: in author mode a ${VAR} users set themselves is not reported; the installed setup still is', async () => {
    const dir = tempDir();
    const plugin = join(dir, 'api-plugin');
    mkdirSync(join(plugin, '.claude-plugin'), { recursive: true });
    writeFileSync(join(plugin, '.claude-plugin', 'plugin.json'), JSON.stringify({ name: 'api-plugin', version: '1.0.0' }));
    writeFileSync(join(plugin, '.mcp.json'), JSON.stringify({ mcpServers: { api: { command: 'node', args: ['--version'], env: { API_TOKEN: '${FX_API_TOKEN}' } } } }, null, 2));
    const run = () => runCli(['--no-probe', '--json', plugin], { cwd: dir });
    expect(codes(JSON.parse(run().stdout) as Report)).toEqual(['config.env-required plugin:api-plugin:api']);
    writeFileSync(join(dir, '.mcp-doctor.json'), JSON.stringify({ knownVariables: ['FX_API_TOKEN'] }));
    const r = run();
    expect(codes(JSON.parse(r.stdout) as Report)).toEqual([]);
    expect(r.status).toBe(0);

    const fx = await home('env-unset');
    writeFileSync(join(fx.project, '.mcp-doctor.json'), JSON.stringify({ knownVariables: ['FX_DOCTOR_UNSET_KEY'] }));
    expect(codes(runJson([], fx).report)).toEqual(['config.env-unset plugin:env-unset:needs-key']);
  });

  it.each([
    ['{\n  "failOn": "warning",\n  "ignore": ["config.schema",]\n}\n', '3:30: .mcp-doctor.json does not parse: expected a value, found "]"'],
    ['{\n  "failOn": "warn"\n}\n', '2:3: failOn: expected one of "error", "warning", "none", found "warn"'],
    ['{\n  "ignore": "config.schema"\n}\n', '2:3: ignore: expected array, found string'],
    ['{\n  "plugins": {\n    "vault": { "ignor": [] }\n  }\n}\n', '3:16: plugins.vault.ignor: expected one of the keys ignore, found "ignor"'],
    ['{\n  "failOn": "error",\n  "fail-on": "none"\n}\n', '3:3: fail-on: expected one of the keys failOn, ignore, plugins, servers, knownVariables, found "fail-on"'],
    ['{\n  "servers": { "srv": { "ignore": ["config.schema", "venv.nope"] } }\n}\n', "2:53: servers.srv.ignore.1: 'venv.nope' is not a finding code (did you mean 'venv.missing'"],
    ['{\n  "knownVariables": ["API TOKEN"]\n}\n', '2:3: knownVariables.0: expected text matching ^[A-Za-z_][A-Za-z0-9_]*$, found "API TOKEN"'],
  ])('a bad file is a usage error at file:line:col (%#)', async (text, expected) => {
    const dir = tempDir();
    writeFileSync(join(dir, '.mcp-doctor.json'), text);
    const r = runCli(['--no-probe', '--demo'], { cwd: dir, env: { HOME: dir } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const first = r.stderr.split('\n')[0];
    expect(first?.startsWith(`mcp-doctor: .mcp-doctor.json:${expected.split(':')[0]}:`), r.stderr).toBe(true);
    expect(r.stderr).toContain(`.mcp-doctor.json:${expected}`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
  });

  it.each([
    // [where the settings files are, the folder checked, the one that applies (null: none)]
    [['repo'], 'repo/plugins/p', 'repo'],
    [['repo', 'repo/plugins'], 'repo/plugins/p', 'repo/plugins'],
    [['repo/plugins/p'], 'repo/plugins/p', 'repo/plugins/p'],
    [['repo/plugins/p'], 'repo/plugins/p/.claude-plugin/plugin.json', 'repo/plugins/p'],
    // Above the repository's root (the folder holding .git): not this repository's settings.
    [['.'], 'repo/plugins/p', null],
  ] as const)('found from the checked folder upward, like eslint: %j, checking %s', async (placed, checked, expected) => {
    const { findSettingsFile } = await import('../src/cli/settings.js');
    const dir = tempDir();
    mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
    mkdirSync(join(dir, 'repo', 'plugins', 'p', '.claude-plugin'), { recursive: true });
    writeFileSync(join(dir, 'repo', 'plugins', 'p', '.claude-plugin', 'plugin.json'), '{"name":"p"}');
    for (const p of placed) writeFileSync(join(dir, p, '.mcp-doctor.json'), '{}');
    expect(await findSettingsFile(join(dir, checked))).toBe(expected === null ? null : join(dir, expected, '.mcp-doctor.json'));
  });

  it('author mode reads the repository root settings when a plugin folder below it is checked', () => {
    const dir = tempDir();
    const repo = join(dir, 'repo');
    const plugin = join(repo, 'plugins', 'api');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(plugin, '.claude-plugin'), { recursive: true });
    writeFileSync(join(plugin, '.claude-plugin', 'plugin.json'), JSON.stringify({ name: 'api', version: '1.0.0' }));
    writeFileSync(join(plugin, '.mcp.json'), JSON.stringify({ mcpServers: { api: { command: 'node', args: ['--version'], env: { T: '${FX_API_TOKEN}' } } } }));
    writeFileSync(join(repo, '.mcp-doctor.json'), JSON.stringify({ ignore: ['config.env-required'] }));
    const r = runCli(['--no-probe', '--json', plugin], { cwd: dir });
    expect(codes(JSON.parse(r.stdout) as Report)).toEqual([]);
  });

  it('--config FILE that does not exist is a usage error; an absent default file is fine', async () => {
    const fx = await home('healthy');
    const r = runCli(['--no-probe', '--config', 'nope.json'], { cwd: fx.project, env: fx.env });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('mcp-doctor: --config nope.json: no such file\n');
    expect(runCli(['--no-probe'], { cwd: fx.project, env: fx.env }).status).toBe(0);
  });
});

describe('--output', () => {
  it('writes the chosen format to the file while stdout keeps the text report', async () => {
    const fx = await home('not-found');
    const file = join(fx.root, 'report.json');
    const r = runCli(['--no-probe', '--format', 'json', '--output', file], { cwd: fx.project, env: fx.env });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('error command.not-found');
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    expect(report.findings.map((f) => f.code)).toEqual(['command.not-found']);
  });

  it('replaces the file by rename: a hard link to the old file keeps the old content, no temp file is left', async () => {
    const fx = await home('healthy');
    const out = join(fx.root, 'out');
    mkdirSync(out);
    const file = join(out, 'summary.md');
    writeFileSync(file, 'previous\n');
    linkSync(file, join(out, 'old-link.md'));
    const before = statSync(file).ino;
    const r = runCli(['--no-probe', '--output', `markdown:${file}`], { cwd: fx.project, env: fx.env });
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('## mcp-doctor: ✔ no errors');
    expect(statSync(file).ino).not.toBe(before);
    expect(readFileSync(join(out, 'old-link.md'), 'utf8')).toBe('previous\n');
    expect(readdirSync(out).sort()).toEqual(['old-link.md', 'summary.md']);
  });

  it('writes through a symlink at the path, keeping the link', async () => {
    const fx = await home('healthy');
    const real = join(fx.root, 'real.sarif');
    writeFileSync(real, '');
    symlinkSync(real, join(fx.root, 'link.sarif'));
    runCli(['--no-probe', '--output', `sarif:${join(fx.root, 'link.sarif')}`], { cwd: fx.project, env: fx.env });
    expect(JSON.parse(readFileSync(real, 'utf8'))).toMatchObject({ version: '2.1.0' });
  });

  it.each([
    ['a folder that does not exist', (d: string) => join(d, 'missing', 'out.sarif'), 'its folder does not exist'],
    ['a path through a file', (d: string) => join(d, 'file.txt', 'out.sarif'), 'a part of the path is not a folder'],
    ['a folder', (d: string) => d, 'it is a folder'],
  ])('%s is a usage error (exit 2, one line, nothing run)', async (_what, path, reason) => {
    const fx = await home('not-found');
    writeFileSync(join(fx.root, 'file.txt'), 'x');
    const target = path(fx.root);
    const r = runCli(['--no-probe', '--format', 'sarif', '--output', target], { cwd: fx.project, env: fx.env });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`mcp-doctor: --output ${target}: cannot write it (${reason})\n`);
  });

  it('FORMAT: with no file name is a usage error', async () => {
    const fx = await home('healthy');
    const r = runCli(['--no-probe', '--output', 'sarif:'], { cwd: fx.project, env: fx.env });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("mcp-doctor: --output sarif:: no file name after 'sarif:'\n");
  });
});

describe('--base-dir', () => {
  it('paths are relative to it; a folder that does not exist is a usage error', async () => {
    const fx = await home('not-found');
    const rel = runCli(['--no-probe', '--format', 'github', '--base-dir', join(fx.root, 'mkt')], { cwd: fx.project, env: fx.env });
    expect(rel.stdout).toContain('::error file=plugins/not-found/.mcp.json,line=4,col=7,title=command.not-found::');
    const cwd = runCli(['--no-probe', '--format', 'github'], { cwd: join(fx.root, 'mkt'), env: { ...fx.env } });
    expect(cwd.stdout).toContain('file=plugins/not-found/.mcp.json,');
    const bad = runCli(['--no-probe', '--base-dir', join(fx.root, 'nope')], { cwd: fx.project, env: fx.env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(`mcp-doctor: --base-dir ${join(fx.root, 'nope')}: no such folder\n`);
  });
});

describe('in GitHub Actions', () => {
  it('with no --format: the text report (commands off while it prints), then one annotation per finding', async () => {
    const fx = await home('not-found');
    const r = runCli(['--no-probe', '--base-dir', fx.root], { cwd: fx.project, env: { ...fx.env, GITHUB_ACTIONS: 'true' } });
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const token = /^::stop-commands::([0-9a-f]{24})$/.exec(lines[0] ?? '')?.[1];
    expect(token).toBeDefined();
    const resume = lines.indexOf(`::${token}::`);
    expect(resume).toBeGreaterThan(1);
    expect(lines.slice(1, resume).join('\n')).toContain('error command.not-found');
    expect(lines.slice(resume + 1)).toEqual([expect.stringMatching(/^::error file=mkt\/plugins\/not-found\/.mcp.json,line=4,col=7,title=command.not-found::/)]);
  });

  it('an explicit format is left alone', async () => {
    const fx = await home('not-found');
    const r = runCli(['--no-probe', '--json'], { cwd: fx.project, env: { ...fx.env, GITHUB_ACTIONS: 'true' } });
    expect((JSON.parse(r.stdout) as Report).schemaVersion).toBe(1);
  });
});
