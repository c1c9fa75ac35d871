/**
 * `--fix` and `undo` on temporary copies of fixture homes, through the built CLI: every fixer (the change on
 * disk, the server re-probed after it, undo restoring the tree), the options that gate the fixers that run
 * programs, dry-run, idempotence, and no terminal without --yes. Refusals are in fix-safety.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import reportSchema from '../schemas/report.schema.json' with { type: 'json' };
import addFormats from './helpers/formats.js';
import type { FixSection, Report } from '../src/core/model/types.js';
import { fixtureHome, repoRoot, runCli, TEST_PATH, type CliResult, type FixtureHome } from './helpers/run-cli.js';
import { snapshot, treeDiff } from './helpers/tree.js';

const homes: FixtureHome[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
});

/** Paths the doctor itself writes (its journal) or that Claude Code would create too (plugin data folders). */
const notOurs = ['home/.cache/mcp-doctor', 'home/.claude/plugins/data', 'npm-cache'];

/** No network but loopback: pip and npm are pointed at a closed loopback port and read no machine config. */
const offline = { PIP_CONFIG_FILE: '/dev/null', PIP_INDEX_URL: 'http://127.0.0.1:2/simple', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_RETRIES: '0', npm_config_registry: 'http://127.0.0.1:2/', npm_config_cache: '' };

async function home(name: string): Promise<FixtureHome> {
  const fx = await fixtureHome(name);
  fx.env = { ...fx.env, ...offline, npm_config_cache: join(fx.root, 'npm-cache') };
  homes.push(fx);
  return fx;
}

function doctor(fx: FixtureHome, args: string[]): CliResult {
  return runCli([...args, '--timeout', '15s'], { cwd: fx.project, env: fx.env });
}

function fixJson(fx: FixtureHome, args: string[]): { report: Report & { fixes: FixSection }; status: number | null; stderr: string } {
  const r = doctor(fx, ['--fix', '--json', ...args]);
  try {
    return { report: JSON.parse(r.stdout) as Report & { fixes: FixSection }, status: r.status, stderr: r.stderr };
  } catch {
    throw new Error(`not JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

const journals = (fx: FixtureHome) => {
  try {
    return readdirSync(join(fx.home, '.cache', 'mcp-doctor', 'journal')).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
};

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validReport = ajv.compile(reportSchema);

const status = (report: Report, id: string) => report.servers.find((s) => s.id === id)?.status;

type Fixer = {
  fixture: string;
  kind: FixSection['changes'][number]['kind'];
  args: string[];
  server: string;
  /** Expected status of the server after the fix and re-probe. */
  after: string;
  prepare?: (fx: FixtureHome) => void;
  verify: (fx: FixtureHome) => void;
};

const plugin = (fx: FixtureHome, name: string) => join(fx.root, 'mkt', 'plugins', name);

const fixers: Fixer[] = [
  {
    fixture: 'fix-story',
    kind: 'symlink',
    args: [],
    server: 'plugin:vault:vault',
    after: 'ok',
    verify: (fx) => expect(readlinkSync(join(fx.home, '.claude/plugins/cache/story/vault/1.1.0/mcp/.venv'))).toBe(join(fx.home, '.cache/claude-mcp-venvs/story/vault/.venv')),
  },
  {
    fixture: 'not-executable',
    kind: 'chmod',
    args: [],
    server: 'plugin:noexec:noexec',
    after: 'ok',
    verify: (fx) => expect((statSync(join(plugin(fx, 'noexec'), 'server.sh')).mode & 0o777).toString(8)).toBe('755'),
  },
  {
    fixture: 'bad-interpreter',
    kind: 'line-endings',
    args: [],
    server: 'plugin:bad-interp:crlf',
    // The script now starts; it runs `python3 server.py` from the project folder, a second problem the re-check names.
    after: 'failed',
    verify: (fx) => {
      const text = readFileSync(join(plugin(fx, 'bad-interp'), 'crlf.sh'), 'latin1');
      expect(text).toBe('#!/usr/bin/env bash\nexec python3 server.py\n');
      expect(statSync(join(plugin(fx, 'bad-interp'), 'crlf.sh')).mode & 0o111).not.toBe(0);
    },
  },
  {
    fixture: 'venv-missing',
    kind: 'venv-create',
    args: ['--rebuild-venvs'],
    server: 'plugin:pyvenv:pyvenv',
    after: 'ok',
    prepare: (fx) => {
      // Install a real package, offline: a wheel made here, found through requirements.txt.
      const wheels = join(fx.root, 'wheels');
      execFileSync('python3', [join(repoRoot, 'test', 'helpers', 'make-wheel.py'), wheels]);
      writeFileSync(join(plugin(fx, 'pyvenv'), 'requirements.txt'), `--no-index\n--find-links ${wheels}\nfixture-pkg\n`);
      const mcp = join(plugin(fx, 'pyvenv'), '.mcp.json');
      writeFileSync(mcp, readFileSync(mcp, 'utf8').replace('"${CLAUDE_PLUGIN_ROOT}/server.py"', '"${CLAUDE_PLUGIN_ROOT}/server.py", "needs-fixture-pkg"'));
    },
    verify: (fx) => expect(readdirSync(join(plugin(fx, 'pyvenv'), '.venv', 'lib', readdirSync(join(plugin(fx, 'pyvenv'), '.venv', 'lib'))[0]!, 'site-packages'))).toContain('fixture_pkg'),
  },
  {
    fixture: 'venv-dangling',
    kind: 'venv-create',
    args: ['--rebuild-venvs'],
    server: 'plugin:pyvenv:pyvenv',
    after: 'ok',
    // The venv is made where the dangling link points (the shared venv cache); the link is left as it was.
    verify: (fx) => {
      expect(lstatSync(join(plugin(fx, 'pyvenv'), '.venv')).isSymbolicLink()).toBe(true);
      expect(statSync(join(fx.home, '.cache/claude-mcp-venvs/fx/pyvenv/.venv/pyvenv.cfg')).isFile()).toBe(true);
    },
  },
  {
    fixture: 'venv-broken-interpreter',
    kind: 'venv-create',
    args: ['--rebuild-venvs'],
    server: 'plugin:pyvenv:pyvenv',
    after: 'ok',
    verify: (fx) => {
      const python = join(plugin(fx, 'pyvenv'), '.venv', 'bin', 'python');
      expect(statSync(python).isFile()).toBe(true);
      // The broken venv was moved aside into the journal, not deleted.
      const backups = join(fx.home, '.cache', 'mcp-doctor', 'journal');
      const aside = readdirSync(backups).filter((n) => !n.endsWith('.json')).flatMap((d) => readdirSync(join(backups, d)));
      expect(aside.some((n) => n.endsWith('.venv'))).toBe(true);
    },
  },
  {
    fixture: 'fix-npm',
    kind: 'npm-install',
    args: ['--install-deps'],
    server: 'plugin:nodedeps:nodedeps',
    after: 'ok',
    verify: (fx) => expect(lstatSync(join(plugin(fx, 'nodedeps'), 'server', 'node_modules', 'fixture-dep')).isSymbolicLink()).toBe(true),
  },
  {
    fixture: 'fix-build',
    kind: 'build',
    args: ['--build'],
    server: 'plugin:maker:maker',
    after: 'ok',
    verify: (fx) => expect(statSync(join(plugin(fx, 'maker'), 'bin', 'maker-server')).mode & 0o111).not.toBe(0),
  },
];

describe.each(fixers)('$kind fixer on $fixture', (f) => {
  it('applies the change, re-probes the server, and undo restores the tree exactly', async () => {
    const fx = await home(f.fixture);
    f.prepare?.(fx);
    doctor(fx, ['--no-probe']); // so that anything a plain run creates is already there
    const before = snapshot(fx.root, notOurs);
    const { report, status: code } = fixJson(fx, ['--yes', ...f.args]);
    expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true);
    const change = report.fixes.changes.find((c) => c.kind === f.kind);
    expect(change?.status, JSON.stringify(report.fixes, null, 1)).toBe('applied');
    expect(report.fixes.journal).toBeTruthy();
    f.verify(fx);
    expect(status(report, f.server)).toBe(f.after);
    expect(report.fixes.servers.find((s) => s.id === f.server)).toMatchObject({ before: 'failed', after: f.after });
    expect(code).toBe(report.summary.errors > 0 ? 1 : 0);

    const undone = runCli(['undo', '--yes'], { cwd: fx.project, env: fx.env });
    expect(undone.status, undone.stdout + undone.stderr).toBe(0);
    expect(undone.stdout).toContain('Reverted.');
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
    expect(runCli(['undo', '--yes'], { cwd: fx.project, env: fx.env }).stdout).toContain('Nothing to undo');
  });
});

describe('options that gate the fixers which run programs', () => {
  it.each([
    ['venv-missing', '--rebuild-venvs'],
    ['fix-npm', '--install-deps'],
    ['fix-build', '--build'],
  ])('%s: without %s the change is listed, skipped, and nothing changes', async (name, option) => {
    const fx = await home(name);
    doctor(fx, ['--no-probe']);
    const before = snapshot(fx.root, notOurs);
    const { report, status: code } = fixJson(fx, ['--yes']);
    expect(report.fixes.changes).toHaveLength(1);
    expect(report.fixes.changes[0]).toMatchObject({ status: 'skipped', option, reason: `needs ${option}` });
    expect(code).toBe(1);
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
    expect(journals(fx)).toEqual([]);
  });
});

describe('a step that fails', () => {
  it('quotes pip’s error line and takes back the venv it made', async () => {
    const fx = await home('venv-missing'); // requirements.txt asks for mcp>=1.2, which no loopback index has
    doctor(fx, ['--no-probe']);
    const before = snapshot(fx.root, notOurs);
    const { report, status: code } = fixJson(fx, ['--yes', '--rebuild-venvs']);
    const change = report.fixes.changes[0]!;
    expect(change.status).toBe('failed');
    expect(change.reason).toMatch(/^pip could not install from requirements\.txt: ERROR: (Could not find a version|No matching distribution)/);
    expect(code).toBe(1);
    // Taken back: nothing for undo, so no journal is named and no "undo" is suggested.
    expect(report.fixes.journal).toBeNull();
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
    expect(runCli(['undo', '--yes'], { cwd: fx.project, env: fx.env }).stdout).toContain('Nothing to undo');
  });
});

describe('--fix --dry-run', () => {
  it('shows the plan and changes nothing at all', async () => {
    const fx = await home('fix-story');
    doctor(fx, []);
    const before = snapshot(fx.root);
    const r = doctor(fx, ['--fix', '--dry-run', '--yes']);
    expect(r.stdout).toContain('Fix plan');
    expect(r.stdout).toMatch(/1\. link ~\/\.claude\/plugins\/cache\/story\/vault\/1\.1\.0\/mcp\/\.venv → ~\/\.cache\/claude-mcp-venvs\/story\/vault\/\.venv {2}\(venv\.link-lost · vault(-admin)?, vault(-admin)?\)/);
    expect(r.stdout).toContain('Dry run: nothing was changed.');
    expect(r.status).toBe(1);
    expect(treeDiff(before, snapshot(fx.root))).toEqual([]);
  });

  it('in JSON, lists every change as planned', async () => {
    const fx = await home('fix-story');
    const { report } = fixJson(fx, ['--dry-run']);
    expect(report.fixes).toMatchObject({ dryRun: true, journal: null, changes: [{ kind: 'symlink', status: 'planned', code: 'venv.link-lost', servers: ['plugin:vault:vault', 'plugin:vault:vault-admin'] }] });
  });
});

describe('in a terminal', () => {
  /** Runs the CLI on a pseudo-terminal (util-linux `script`), typing `answer` at the question. */
  function inTerminal(fx: FixtureHome, args: string[], answer: string): { stdout: string; status: number | null } {
    const command = [process.execPath, join(repoRoot, 'dist', 'cli', 'main.js'), ...args].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: fx.project, env: { PATH: TEST_PATH, ...fx.env, NO_COLOR: '1' }, input: answer, encoding: 'utf8', timeout: 60_000 });
    return { stdout: r.stdout, status: r.status };
  }

  it('asks once, and a no changes nothing', async () => {
    const fx = await home('fix-story');
    doctor(fx, ['--no-probe']);
    const before = snapshot(fx.root, notOurs);
    const r = inTerminal(fx, ['--fix', '--no-probe'], 'n\n');
    expect(r.stdout.match(/Apply 1 change\? \[y\/N\]/g)).toHaveLength(1);
    expect(r.stdout).toContain('mcp-doctor: nothing was changed');
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
  });

  it('and a yes applies the plan', async () => {
    const fx = await home('fix-story');
    const r = inTerminal(fx, ['--fix'], 'y\n');
    expect(r.stdout).toContain('✔ link');
    expect(r.stdout).toContain('vault: failed → ok');
    expect(r.status).toBe(0);
  });
});

describe('without a terminal', () => {
  it('--fix without --yes changes nothing and exits 2 with one line saying to add --yes', async () => {
    const fx = await home('fix-story');
    doctor(fx, []);
    const before = snapshot(fx.root);
    const r = runCli(['--fix', '--json'], { cwd: fx.project, env: fx.env });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('mcp-doctor: --fix would make 1 change; add --yes to apply it without a terminal (nothing was changed)\n');
    expect(r.stdout).toBe('');
    expect(treeDiff(before, snapshot(fx.root))).toEqual([]);
  });

  it('undo without --yes changes nothing and exits 2', async () => {
    const fx = await home('not-executable');
    fixJson(fx, ['--yes']);
    const fixed = snapshot(fx.root);
    const r = runCli(['undo'], { cwd: fx.project, env: fx.env });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('mcp-doctor: undo needs --yes when not run in a terminal (nothing was changed)\n');
    expect(treeDiff(fixed, snapshot(fx.root))).toEqual([]);
  });

  it('fix options without --fix are a usage error', () => {
    const r = runCli(['--rebuild-venvs'], { cwd: repoRoot });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('mcp-doctor: --rebuild-venvs works with --fix (mcp-doctor --fix --rebuild-venvs)\n');
  });
});

describe('idempotence', () => {
  it('a second --fix finds nothing to do, writes no journal, and undo still reverts the first', async () => {
    const fx = await home('not-executable');
    doctor(fx, ['--no-probe']);
    const before = snapshot(fx.root, notOurs);
    expect(fixJson(fx, ['--yes']).report.fixes.changes[0]?.status).toBe('applied');
    const fixed = snapshot(fx.root, notOurs);
    expect(journals(fx)).toHaveLength(1);

    const again = fixJson(fx, ['--yes']);
    expect(again.report.fixes.changes).toEqual([]);
    expect(again.status).toBe(0);
    expect(journals(fx)).toHaveLength(1);
    expect(treeDiff(fixed, snapshot(fx.root, notOurs))).toEqual([]);

    expect(runCli(['undo', '--yes'], { cwd: fx.project, env: fx.env }).status).toBe(0);
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
  });
});

describe('undo', () => {
  it('leaves alone a path the user changed since the fix, and says so', async () => {
    const fx = await home('bad-interpreter');
    fixJson(fx, ['--yes']);
    const script = join(plugin(fx, 'bad-interp'), 'crlf.sh');
    writeFileSync(script, '#!/usr/bin/env bash\n# edited by hand\nexec python3 server.py\n');
    const r = runCli(['undo', '--yes'], { cwd: fx.project, env: fx.env });
    expect(r.stdout).toMatch(/crlf\.sh changed since the fix; left alone/);
    expect(r.stdout).toContain('Reverted 0 of 1; the rest were left alone.');
    expect(readFileSync(script, 'utf8')).toContain('# edited by hand');
  });

  it('completes a fix that was interrupted while a change was pending', async () => {
    const fx = await home('fix-story');
    doctor(fx, ['--no-probe']);
    const before = snapshot(fx.root, notOurs);
    fixJson(fx, ['--yes']);
    // What a kill -9 right after the rename leaves: the entry still pending, no recorded result.
    const dir = join(fx.home, '.cache', 'mcp-doctor', 'journal');
    const file = join(dir, journals(fx)[0]!);
    const journal = JSON.parse(readFileSync(file, 'utf8')) as { entries: { status: string; after?: unknown }[] };
    journal.entries[0]!.status = 'pending';
    delete journal.entries[0]!.after;
    writeFileSync(file, JSON.stringify(journal));
    const r = runCli(['undo', '--yes'], { cwd: fx.project, env: fx.env });
    expect(r.stdout).toContain('(interrupted)');
    expect(r.stdout).toContain('Reverted.');
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
  });
});

describe("the user's story", () => {
  it('an update drops the .venv links; --fix restores them; the servers answer; undo restores the broken state', async () => {
    const fx = await home('fix-story');
    const broken = doctor(fx, ['--json']);
    const diagnosis = JSON.parse(broken.stdout) as Report;
    expect(broken.status).toBe(1);
    expect(diagnosis.findings.filter((f) => f.code === 'venv.link-lost').map((f) => f.server).sort()).toEqual(['plugin:vault:vault', 'plugin:vault:vault-admin']);
    const before = snapshot(fx.root, notOurs);

    const fixed = doctor(fx, ['--fix', '--yes']);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain('✔ link ~/.claude/plugins/cache/story/vault/1.1.0/mcp/.venv → ~/.cache/claude-mcp-venvs/story/vault/.venv');
    expect(fixed.stdout).toContain('vault: failed → ok');
    expect(fixed.stdout).toContain('vault-admin: failed → ok');
    expect(fixed.stdout).toContain('Undo these changes with: mcp-doctor undo');

    const answered = JSON.parse(doctor(fx, ['--json']).stdout) as Report;
    expect(answered.servers.map((s) => [s.name, s.status, s.probe?.outcome])).toEqual([
      ['vault', 'ok', 'answered'],
      ['vault-admin', 'ok', 'answered'],
    ]);

    expect(runCli(['undo', '--yes'], { cwd: fx.project, env: fx.env }).status).toBe(0);
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
  });

  it('falls back to the venv of the previous version still in the cache', async () => {
    const fx = await home('fix-story');
    // No clone link and no shared venv: only 1.0.0's own venv survived the update.
    const old = join(fx.home, '.claude/plugins/cache/story/vault/1.0.0/mcp/.venv');
    rmSync(join(fx.home, '.claude/plugins/marketplaces/story/plugins/vault/mcp/.venv'));
    rmSync(join(fx.home, '.cache/claude-mcp-venvs/story/vault/.venv'), { recursive: true });
    rmSync(old);
    execFileSync('python3', ['-m', 'venv', '--without-pip', old]);
    const { report } = fixJson(fx, ['--yes']);
    expect(report.fixes.changes[0]).toMatchObject({ kind: 'symlink', status: 'applied' });
    expect(readlinkSync(join(fx.home, '.claude/plugins/cache/story/vault/1.1.0/mcp/.venv'))).toBe(old);
    expect(status(report, 'plugin:vault:vault')).toBe('ok');
  });
});
