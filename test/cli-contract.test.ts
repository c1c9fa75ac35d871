/** The command line's contract: exit codes, one JSON document on stdout, explain, --demo, no secrets. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from './helpers/formats.js';
import { afterAll, describe, expect, it } from 'vitest';
import { allCodes, catalog } from '../src/core/model/catalog.js';
import reportSchema from '../schemas/report.schema.json' with { type: 'json' };
import { casesDir, fixtureHome, repoRoot, runCli, runJson, type FixtureHome } from './helpers/run-cli.js';
import { readdirSync } from 'node:fs';

const homes: FixtureHome[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const emptyDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'mcp-doctor-cli-'));
  dirs.push(d);
  return d;
};

describe('report schema', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(reportSchema);
  const names = readdirSync(casesDir).sort();
  it.each(names)('the report for %s matches schemas/report.schema.json', async (name) => {
    const fx = await fixtureHome(name);
    homes.push(fx);
    const { report } = runJson(name.startsWith('author') ? [join(fx.root, 'repo')] : [], fx);
    expect(validate(report), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(report.schemaVersion).toBe(1);
  });
});

describe('exit codes', () => {
  it('0 when there is nothing wrong, 1 when there are errors', async () => {
    const ok = await fixtureHome('healthy');
    const bad = await fixtureHome('not-found');
    homes.push(ok, bad);
    expect(runCli(['--no-probe'], { cwd: ok.project, env: ok.env }).status).toBe(0);
    expect(runCli(['--no-probe'], { cwd: bad.project, env: bad.env }).status).toBe(1);
  });

  it('2 for a path that is not a marketplace or plugin, with a clear message and no stack', () => {
    const r = runCli(['--no-probe', '/nonexistent/fx-doctor-path'], { cwd: emptyDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('mcp-doctor: /nonexistent/fx-doctor-path: no such file or folder\n');
    const dir = emptyDir();
    const r2 = runCli(['--no-probe', dir], { cwd: dir });
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('found neither .claude-plugin/marketplace.json');
  });

  it('2 for an unknown option', () => {
    const r = runCli(['--frobnicate'], { cwd: emptyDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
  });

  it('2 with a pointer to --demo when there is no Claude Code config at all', () => {
    const home = emptyDir();
    const r = runCli(['--no-probe'], { cwd: home, env: { HOME: home } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no Claude Code configuration found');
    expect(r.stderr).toContain('mcp-doctor --demo');
  });
});

describe('explain', () => {
  it.each(allCodes)('explains %s', (code) => {
    const r = runCli(['explain', code], { cwd: repoRoot });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${code}: ${catalog[code].title}`);
    expect(r.stdout).toContain(catalog[code].explain.slice(0, 40));
  });
  it('rejects an unknown code with the list of known ones', () => {
    const r = runCli(['explain', 'venv.nope'], { cwd: repoRoot });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('venv.link-lost');
  });
  it('--json: one entry as data, or every entry; an unknown code is a usage error with nothing on stdout', () => {
    const one = runCli(['explain', '--json', 'install.link-dropped'], { cwd: repoRoot });
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({
      code: 'install.link-dropped',
      title: catalog['install.link-dropped'].title,
      severity: 'error',
      fixable: false,
      fixOption: null,
      explanation: catalog['install.link-dropped'].explain,
      helpUri: 'https://github.com/mcp-doctor/mcp-doctor/blob/main/docs/codes.md#install-link-dropped',
    });
    const all = runCli(['explain', '--json'], { cwd: repoRoot });
    expect((JSON.parse(all.stdout) as { code: string }[]).map((e) => e.code)).toEqual(allCodes);
    const bad = runCli(['explain', '--json', 'venv.nope'], { cwd: repoRoot });
    expect([bad.status, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toBe("mcp-doctor: 'venv.nope' is not a finding code (did you mean 'venv.missing', 'venv.dangling-link', 'venv.link-lost', 'venv.broken-interpreter'?); mcp-doctor explain lists them\n");
  });
});

describe('--demo', () => {
  it('runs on the built-in home, reports its broken plugins and cleans up after itself', () => {
    // A temp folder of its own, so other runs on the machine cannot make or remove demo homes in it.
    const tmp = emptyDir();
    const r = runCli(['--demo', '--no-probe', '--json'], { cwd: repoRoot, env: { HOME: emptyDir(), TMPDIR: tmp } });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as import('../src/core/model/types.js').Report;
    expect(report.findings.map((f) => f.code).sort()).toEqual(
      ['command.toolchain-missing', 'command.unbuilt', 'config.env-unset', 'deps.not-installed', 'venv.link-lost'].sort(),
    );
    expect(report.summary).toMatchObject({ servers: 9, ok: 3, failed: 5, disabled: 1 });
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('secrets', () => {
  it('never prints a literal credential, in text or JSON', async () => {
    const fx = await fixtureHome('secret-literal');
    homes.push(fx);
    for (const args of [['--json'], []]) {
      const r = runCli(['--no-probe', ...args], { cwd: fx.project, env: fx.env });
      expect(r.stdout).toContain('secret.literal');
      expect(r.stdout).not.toContain('ghp_FAKEfixtureTOKEN0123456789abcdefABCDEF');
      expect(r.stdout).not.toContain('sk-fixture-9f8e7d6c5b4a39281706');
    }
  });

  it('redacts credentials passed in args', async () => {
    const fx = await fixtureHome('healthy');
    homes.push(fx);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(fx.root, 'mkt/plugins/healthy/.mcp.json'), JSON.stringify({ mcpServers: { x: { command: 'node', args: ['--version', '--api-key=sk-live-abcdef1234567890XYZ', 'https://u:hunter2secret@127.0.0.1:2/x?token=abc123def456'] } } }));
    const r = runCli(['--no-probe', '--json'], { cwd: fx.project, env: fx.env });
    expect(r.stdout).not.toContain('sk-live-abcdef1234567890XYZ');
    expect(r.stdout).not.toContain('hunter2secret');
    expect(r.stdout).not.toContain('abc123def456');
  });
});

describe('--ignore', () => {
  it('leaves the named codes out of the report and the exit code', async () => {
    const fx = await fixtureHome('env-unset');
    homes.push(fx);
    const { report, result } = runJson(['--ignore', 'config.env-unset'], fx);
    expect(report.findings).toEqual([]);
    expect(result.status).toBe(0);
  });
});
