/**
 * Author mode rehearses `claude plugin install` from git (core/install): a real repository made here with git,
 * each loss of the install copy found with its exact place, and the seed stories end to end (001: the Go
 * launcher passes and the plugin pointing at its ignored binary fails; 002: the venv link the install drops).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/context.js';
import { runDoctor, type DoctorRun } from '../src/core/run.js';
import { makeGitMarketplace, type GitMarketplace } from './helpers/git-marketplace.js';
import { runCli, TEST_PATH } from './helpers/run-cli.js';

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
  ['install.link-dropped', 'plugins/x/.claude-plugin/plugin.json', 11, 42, 'plugin:x:abs', /^'tools' is a link to '.*\/home\/\.cache\/shared-tools', outside the plugin: installs drop it/],
  ['install.untracked', 'plugins/go-bad/.claude-plugin/plugin.json', 5, 37, 'plugin:go-bad:interlock', /^'bin\/interlock-mcp' is gitignored build output \(.*plugins\/go-bad\/\.gitignore:1\): installs do not get it, so users get no binary\.$/],
  ['install.link-dropped', 'plugins/venv/.claude-plugin/plugin.json', 5, 16, 'plugin:venv:gitea', /^'\.venv' is a link to '.*\/\.cache\/claude-mcp-venvs\/leo-mkt\/venv\/\.venv', outside the plugin: .* so users get no venv\.$/],
  ['install.link-dropped', 'plugins/venv/.claude-plugin/plugin.json', 6, 17, 'plugin:venv:direct', /so users get no venv\.$/],
  ['install.npm-ci', 'plugins/node/package.json', 4, 3, null, /^npm ci will run at install and add 1 devDependency \(3 MB in your node_modules\): typescript\.$/],
  ['install.nested-package', 'plugins/node/.claude-plugin/plugin.json', 5, 42, 'plugin:node:api', /^'server\/package\.json' is not installed by Claude Code \(only the plugin root's lockfile is\), and the server imports ccf-dep\.$/],
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
    ['plugin:x:ok', 'ok'], ['plugin:x:rel', 'ok'], ['plugin:x:lib', 'ok'], ['plugin:x:sub', 'ok'], ['plugin:go:interlock', 'ok'],
    ['plugin:x:shared', 'failed'], ['plugin:x:lfs', 'failed'], ['plugin:x:draft', 'failed'], ['plugin:x:abs', 'failed'],
    ['plugin:go-bad:interlock', 'failed'], ['plugin:node:api', 'failed'], ['plugin:venv:gitea', 'failed'], ['plugin:venv:direct', 'failed'],
  ])('%s is %s', (id, status) => {
    expect(run.report.servers.find((s) => s.id === id)?.status).toBe(status);
  });

  it('says how to fix each loss: a launcher that builds, a venv made on first run', () => {
    const hint = (server: string) => run.report.findings.find((f) => f.server === server)?.hint ?? '';
    expect(hint('plugin:go-bad:interlock')).toMatch(/^Ship a launcher that builds it on first run \(cd .*plugins\/go-bad && go build -o .*bin\/interlock-mcp \.\/cmd\/interlock-mcp\) and point the command at it, or commit the build/);
    expect(hint('plugin:venv:gitea')).toMatch(/^Create the venv on first run in a launcher/);
    expect(hint('plugin:x:draft')).toBe('Commit it: git add draft.js.');
  });

  it('the seed stories through the CLI: 001 passes, its unbuilt twin and 002 fail, exit 1', async () => {
    const r = runCli(['--json', join(m.repo, 'plugins', 'go'), join(m.repo, 'plugins', 'go-bad'), join(m.repo, 'plugins', 'venv')], { cwd: m.repo, env: { HOME: m.home } });
    const report = JSON.parse(r.stdout) as { servers: { id: string; status: string }[]; findings: { code: string; server: string | null }[] };
    expect(Object.fromEntries(report.servers.map((s) => [s.id, s.status]))).toEqual({ 'plugin:go-bad:interlock': 'failed', 'plugin:go:interlock': 'ok', 'plugin:venv:direct': 'failed', 'plugin:venv:gitea': 'failed' });
    expect(report.findings.map((f) => f.code).sort()).toEqual(['command.runner-required', 'install.link-dropped', 'install.link-dropped', 'install.untracked']);
    expect(r.status).toBe(1);
  }, 20_000);
});
