/**
 * Author mode rehearses `claude plugin install` from git (core/install): a real repository made here with git,
 * each loss of the install copy found with its exact place, and the seed stories end to end (001: the Go
 * launcher passes and the plugin pointing at its ignored binary fails; 002: the venv link the install drops).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/model/context.js';
import { runDoctor, type DoctorRun } from '../src/core/engine/run.js';
import { git, makeGitMarketplace, write, type GitMarketplace } from './helpers/git-marketplace.js';
import { cliPath, runCli, TEST_PATH } from './helpers/run-cli.js';

let m: GitMarketplace;
let run: DoctorRun;

beforeAll(async () => {
  m = makeGitMarketplace();
  const ctx = createContext({ env: { PATH: TEST_PATH, HOME: m.home }, cwd: m.repo, homedir: m.home, configDir: join(m.home, '.claude'), managedDir: join(m.root, 'managed') });
  run = await runDoctor(ctx, { version: 'test', paths: [m.repo] });
}, 30_000);
afterAll(() => rmSync(m.root, { recursive: true, force: true }));

type Row = [code: string, file: string, line: number, column: number, server: string | null, message: RegExp];

const expected: Row[] = [
  ['install.outside-plugin', 'plugins/x/.claude-plugin/plugin.json', 5, 45, 'plugin:x:shared', /^'\.\.\/\.\.\/mcp-servers\/gitea\/server\.js' is outside the plugin folder .*: installs do not copy it/],
  ['install.lfs-pointer', 'plugins/x/.claude-plugin/plugin.json', 6, 42, 'plugin:x:lfs', /^'model\.js' is stored with Git LFS: users get an LFS pointer, not the file\.$/],
  ['install.untracked', 'plugins/x/.claude-plugin/plugin.json', 7, 44, 'plugin:x:draft', /^'draft\.js' is not committed: installs copy only what git tracks/],
  ['install.link-dropped', 'plugins/x/.claude-plugin/plugin.json', 11, 42, 'plugin:x:abs', /^'tools' is a link to '.*\/home\/\.cache\/shared-tools', outside the repository: installs drop it/],
  ['install.untracked', 'plugins/go-bad/.claude-plugin/plugin.json', 5, 37, 'plugin:go-bad:interlock', /^'bin\/interlock-mcp' is gitignored build output \(.*plugins\/go-bad\/\.gitignore:1\): installs do not get it, so users get no binary\.$/],
  ['install.link-dropped', 'plugins/venv/.claude-plugin/plugin.json', 5, 16, 'plugin:venv:gitea', /^'\.venv' is a link to '.*\/\.cache\/claude-mcp-venvs\/leo-mkt\/venv\/\.venv', outside the repository: .* so users get no venv\.$/],
  ['install.link-dropped', 'plugins/venv/.claude-plugin/plugin.json', 6, 17, 'plugin:venv:direct', /so users get no venv\.$/],
  ['install.npm-ci', 'plugins/node/package.json', 4, 3, null, /^npm ci will run at install and add 1 devDependency \(3 MB in your node_modules\): typescript\.$/],
  ['install.nested-package', 'plugins/node/.claude-plugin/plugin.json', 5, 42, 'plugin:node:api', /^'server\/package\.json' is not installed by Claude Code \(only the plugin root's lockfile is\), and the server imports ccf-dep\.$/],
  // The submodule comes from a local path: Claude Code's clone of the whole marketplace fails on it.
  ['install.submodule-local', '.gitmodules', 3, 1, null, /^Submodule 'plugins\/x\/sub' has the local URL '\/.*\/sub': Claude Code's clone refuses it, and the whole marketplace fails to install\.$/],
  // The launcher's toolchain, which this machine lacks: a requirement of the plugin, not an error.
  ['command.runner-required', 'plugins/go/bin/launch-mcp.sh', 7, 1, null, /^Users need 'go' on their PATH: server interlock runs it from a launcher\.$/],
];

describe('author mode checks each server against the install copy', () => {
  it('finds each loss at its place, and nothing else', () => {
    const got = run.report.findings.map((f) => [f.code, (f.file ?? '').slice(m.repo.length + 1), f.line, f.column, f.server, f.message]);
    const key = (r: unknown[]) => r.slice(0, 5).join(' ');
    expect(got.map(key).sort()).toEqual(expected.map(key).sort());
    for (const row of expected) {
      const f = got.find((g) => g[0] === row[0] && g[4] === row[4] && g[2] === row[2]);
      expect(f?.[5], row.join(' ')).toMatch(row[5]);
    }
  });

  it.each([
    ['plugin:x:ok', 'ok'], ['plugin:rt:conf', 'ok'], ['plugin:x:flink', 'ok'], ['plugin:x:rel', 'ok'], ['plugin:x:lib', 'ok'], ['plugin:x:sub', 'ok'], ['plugin:go:interlock', 'ok'],
    ['plugin:x:shared', 'failed'], ['plugin:x:lfs', 'failed'], ['plugin:x:draft', 'failed'], ['plugin:x:abs', 'failed'],
    ['plugin:go-bad:interlock', 'failed'], ['plugin:node:api', 'failed'], ['plugin:venv:gitea', 'failed'], ['plugin:venv:direct', 'failed'],
  ])('%s is %s', (id, status) => {
    expect(run.report.servers.find((s) => s.id === id)?.status).toBe(status);
  });

  it('says how to fix each loss: a launcher that builds, a venv made on first run', () => {
    const hint = (server: string) => run.report.findings.find((f) => f.server === server)?.hint ?? '';
    expect(hint('plugin:go-bad:interlock')).toMatch(/^Ship a launcher that builds it on first run \(cd .*plugins\/go-bad && go build -o .*bin\/interlock-mcp \.\/cmd\/interlock-mcp\) and point the command at it, or commit the build/);
    expect(hint('plugin:venv:gitea')).toMatch(/^Create the venv on first run in a launcher/);
    expect(hint('plugin:x:draft')).toBe('Commit it: git add plugins/x/draft.js.');
  });

  it('the seed stories through the CLI: 001 passes, its unbuilt twin and 002 fail, exit 1', async () => {
    const r = runCli(['--json', join(m.repo, 'plugins', 'go'), join(m.repo, 'plugins', 'go-bad'), join(m.repo, 'plugins', 'venv')], { cwd: m.repo, env: { HOME: m.home } });
    const report = JSON.parse(r.stdout) as { servers: { id: string; status: string }[]; findings: { code: string; server: string | null }[] };
    expect(Object.fromEntries(report.servers.map((s) => [s.id, s.status]))).toEqual({ 'plugin:go-bad:interlock': 'failed', 'plugin:go:interlock': 'ok', 'plugin:venv:direct': 'failed', 'plugin:venv:gitea': 'failed' });
    expect(report.findings.map((f) => f.code).sort()).toEqual(['command.runner-required', 'install.link-dropped', 'install.link-dropped', 'install.untracked']);
    expect(r.status).toBe(1);
  }, 20_000);
});

describe('--probe in author mode starts the servers from a rehearsed install', () => {
  let probed: DoctorRun;
  const temps: string[] = [];
  beforeAll(async () => {
    const ctx = createContext({ env: { PATH: TEST_PATH, HOME: m.home }, cwd: m.repo, homedir: m.home, configDir: join(m.home, '.claude'), managedDir: join(m.root, 'managed') });
    probed = await runDoctor(ctx, {
      version: 'test',
      paths: [m.repo],
      probe: true,
      timeoutMs: 8000,
      onTempDir: (dir) => {
        temps.push(dir);
        return () => {};
      },
    });
  }, 60_000);

  const status = (id: string) => probed.report.servers.find((s) => s.id === id);

  it.each([
    // Kept by the install: answered from the cache copy.
    ['plugin:x:ok', 'ok', 'answered'],
    ['plugin:x:rel', 'ok', 'answered'],
    ['plugin:x:lib', 'ok', 'answered'],
    ['plugin:x:sub', 'ok', 'answered'],
    ['plugin:x:flink', 'ok', 'answered'],
    // Lost by the install: they fail there, and the static finding names why.
    ['plugin:x:shared', 'failed', 'crashed'],
    ['plugin:x:lfs', 'failed', 'crashed'],
    ['plugin:x:draft', 'failed', 'crashed'],
    ['plugin:x:abs', 'failed', 'crashed'],
    ['plugin:go-bad:interlock', 'failed', 'spawn-failed'],
    ['plugin:venv:direct', 'failed', 'spawn-failed'],
    ['plugin:venv:gitea', 'failed', 'crashed'],
    ['plugin:node:api', 'failed', 'crashed'],
  ])('%s is %s (%s)', (id, verdict, outcome) => {
    expect(status(id)?.status).toBe(verdict);
    expect(status(id)?.probe?.outcome).toBe(outcome);
  });

  it('the root cause stays the static finding; the crash in the copy is its evidence', () => {
    const own = (id: string) => status(id)?.findings.map((f) => `${f.severity} ${f.code}${f.causedBy ? ` <- ${f.causedBy}` : ''}`);
    expect(own('plugin:x:lfs')).toEqual(['error install.lfs-pointer', 'info probe.crashed <- install.lfs-pointer']);
    expect(own('plugin:go-bad:interlock')).toEqual(['error install.untracked', 'info probe.spawn-failed <- install.untracked']);
  });

  it('a file read only at run time (gitignored config.json): the working tree passes, the rehearsed install fails', () => {
    expect(run.report.servers.find((s) => s.id === 'plugin:rt:conf')?.status).toBe('ok');
    const conf = status('plugin:rt:conf');
    expect(conf?.status).toBe('failed');
    expect(conf?.probe?.stderrTail.join('\n')).toMatch(/Cannot find module '.*\/\.claude\/plugins\/cache\/gm\/rt\/1\.0\.0\/config\.json'/);
  });

  it('the Go launcher on a machine without go: a requirement, not a failure', () => {
    const go = status('plugin:go:interlock');
    expect(go?.probe?.outcome).toBe('crashed');
    expect(go?.status).toBe('ok');
    expect(go?.findings.map((f) => `${f.severity} ${f.code} <- ${f.causedBy}`)).toEqual(['info probe.crashed <- command.runner-required']);
  });

  it('the rehearsal folder is gone afterwards, and the copy was laid out as Claude Code lays it out', () => {
    expect(temps).toHaveLength(1);
    expect(existsSync(temps[0]!)).toBe(false);
  });
});

describe('the rehearsed install copy', () => {
  it('holds what a git install holds: tracked files with their modes, in-plugin links, linked folders as folders, LFS pointers', async () => {
    const { rehearseInstall, listTree } = await import('../src/core/install/rehearsal.js');
    const { discover } = await import('../src/core/discover/discover.js');
    const ctx = createContext({ env: { PATH: TEST_PATH, HOME: m.home }, cwd: m.repo, homedir: m.home, configDir: join(m.home, '.claude'), managedDir: join(m.root, 'managed') });
    const r = await rehearseInstall(ctx, await discover(ctx, { paths: [join(m.repo, 'plugins', 'x')] }));
    try {
      const root = join(r!.configDir, 'plugins', 'cache', 'x', 'x', '1.0.0');
      expect(await listTree(root)).toEqual([
        '.claude-plugin/',
        '.claude-plugin/plugin.json',
        '.in_use/',
        'filelink.js',
        'link-rel.js -> server.js',
        'model.js',
        'server.js',
        'shared-lib/',
        'shared-lib/server.js',
        'sub/',
        'sub/server.js',
      ]);
      expect(readFileSync(join(root, 'model.js'), 'utf8')).toMatch(/^version https:\/\/git-lfs\.github\.com\/spec\/v1\n/);
      const installed = JSON.parse(readFileSync(join(r!.configDir, 'plugins', 'installed_plugins.json'), 'utf8')) as { plugins: Record<string, { installPath: string }[]> };
      expect(installed.plugins['x@x']?.[0]?.installPath).toBe(root);
    } finally {
      r?.cleanup();
    }
    expect(existsSync(r!.home)).toBe(false);
  });
});

describe('interrupted while the rehearsed servers run', () => {
  it('SIGTERM: exit 143 and the rehearsal folder is removed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mcpd-rehearsal-int-'));
    const tmp = join(root, 'tmp');
    const started = join(root, 'started');
    mkdirSync(tmp);
    try {
      const repo = join(root, 'p');
      mkdirSync(repo);
      git(repo, 'init', '-q');
      write(join(repo, '.claude-plugin', 'plugin.json'), JSON.stringify({ name: 'p', version: '1.0.0', mcpServers: { hang: { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/hang.js', started] } } }));
      // Says it started, then never answers.
      write(join(repo, 'hang.js'), "require('node:fs').writeFileSync(process.argv[2], String(process.pid));\nsetInterval(() => {}, 1000);\n");
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'p');
      const child = spawn(process.execPath, [cliPath, '--probe', '--json', '--timeout', '60s', repo], { cwd: root, env: { PATH: TEST_PATH, TMPDIR: tmp, HOME: root } });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      for (let i = 0; i < 400 && !existsSync(started); i++) await new Promise((r) => setTimeout(r, 25));
      expect(readdirSync(tmp).filter((n) => n.startsWith('mcp-doctor-rehearsal-'))).toHaveLength(1);
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 30_000);
});
