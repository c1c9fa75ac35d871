/**
 * Installed mode: "what will this update break?" A fixture home built here: a git marketplace clone with two
 * commits, plugins installed at the first (installed_plugins.json gitCommitSha), their cache copies as the first
 * commit had them. The update to the clone's HEAD is rehearsed statically: each file a server runs that the new copy
 * loses or changes, and the version change; a same-version update keeps the cache, and says so.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/model/context.js';
import { runDoctor, type DoctorRun } from '../src/core/engine/run.js';
import { git, SERVER, write } from './helpers/git-marketplace.js';
import { TEST_PATH } from './helpers/run-cli.js';

let root: string;
let run: DoctorRun;
let first: string;
let second: string;

const manifest = (name: string, version: string, servers: Record<string, unknown>) => JSON.stringify({ name, version, mcpServers: servers }, null, 2) + '\n';
const U_SERVERS = {
  keep: { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/keep.js'] },
  gone: { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/gone.js'] },
  edit: { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/edit.js'] },
  built: { command: '${CLAUDE_PLUGIN_ROOT}/bin/server' },
  py: { command: '${CLAUDE_PLUGIN_ROOT}/run.sh' },
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mcpd-update-'));
  const home = join(root, 'home');
  const plugins = join(home, '.claude', 'plugins');
  const clone = join(plugins, 'marketplaces', 'gm');
  // ent declares no version in plugin.json: the marketplace entry's version is the one installed.
  const market = (entVersion: string) => JSON.stringify({ name: 'gm', owner: { name: 't' }, plugins: [{ name: 'u', source: './plugins/u' }, { name: 'same', source: './plugins/same' }, { name: 'ent', source: './plugins/ent', version: entVersion }] }) + '\n';
  write(join(clone, '.claude-plugin', 'marketplace.json'), market('3.0.0'));
  write(join(clone, 'plugins', 'ent', '.claude-plugin', 'plugin.json'), JSON.stringify({ name: 'ent' }) + '\n');
  const u = join(clone, 'plugins', 'u');
  write(join(u, '.claude-plugin', 'plugin.json'), manifest('u', '1.0.0', U_SERVERS));
  for (const f of ['keep.js', 'gone.js', 'edit.js']) write(join(u, f), SERVER);
  write(join(u, 'bin', 'server'), '#!/bin/sh\nexec node "$(dirname "$0")/../keep.js"\n', 0o755);
  write(join(u, 'run.sh'), '#!/bin/sh\nexec "$(dirname "$0")/.venv/bin/python" -c pass\n', 0o755);
  write(join(u, '.venv', 'pyvenv.cfg'), 'home = /usr/bin\n');
  const same = join(clone, 'plugins', 'same');
  write(join(same, '.claude-plugin', 'plugin.json'), manifest('same', '2.0.0', { s: { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/s.js'] } }));
  write(join(same, 's.js'), SERVER);
  git(clone, 'init', '-q');
  git(clone, 'add', '.');
  git(clone, 'commit', '-qm', 'one');
  first = git(clone, 'rev-parse', 'HEAD').trim();
  // The cache copies of the first commit, as the install made them.
  const cache = join(plugins, 'cache', 'gm');
  cpSync(u, join(cache, 'u', '1.0.0'), { recursive: true });
  cpSync(same, join(cache, 'same', '2.0.0'), { recursive: true });
  cpSync(join(clone, 'plugins', 'ent'), join(cache, 'ent', '3.0.0'), { recursive: true });
  write(join(clone, '.claude-plugin', 'marketplace.json'), market('3.1.0'));

  // The second commit: u goes to 1.1.0 and loses or changes files; same changes a file, version kept.
  write(join(u, '.claude-plugin', 'plugin.json'), manifest('u', '1.1.0', U_SERVERS));
  git(clone, 'rm', '-q', 'plugins/u/gone.js');
  git(clone, 'rm', '-rq', 'plugins/u/.venv');
  git(clone, 'rm', '-q', '--cached', 'plugins/u/bin/server');
  write(join(u, '.gitignore'), 'bin/\n');
  write(join(u, 'edit.js'), SERVER + '// edited\n');
  write(join(same, 's.js'), SERVER + '// edited\n');
  git(clone, 'add', '.');
  git(clone, 'commit', '-qm', 'two');
  second = git(clone, 'rev-parse', 'HEAD').trim();

  write(join(plugins, 'known_marketplaces.json'), JSON.stringify({ gm: { source: { source: 'git', url: 'https://example.invalid/gm.git' }, installLocation: clone } }));
  const record = (p: string, version: string) => [{ scope: 'user', installPath: join(cache, p, version), version, gitCommitSha: first, installedAt: '2026-01-01T00:00:00.000Z', lastUpdated: '2026-01-01T00:00:00.000Z' }];
  write(join(plugins, 'installed_plugins.json'), JSON.stringify({ version: 2, plugins: { 'u@gm': record('u', '1.0.0'), 'same@gm': record('same', '2.0.0'), 'ent@gm': record('ent', '3.0.0') } }, null, 2));
  write(join(home, '.claude', 'settings.json'), JSON.stringify({ enabledPlugins: { 'u@gm': true, 'same@gm': true, 'ent@gm': true } }));
  const ctx = createContext({ env: { PATH: TEST_PATH, HOME: home }, cwd: root, homedir: home, configDir: join(home, '.claude'), managedDir: join(root, 'managed') });
  run = await runDoctor(ctx, { version: 'test', probe: false });
}, 30_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('what will this update break', () => {
  const update = () => run.report.findings.filter((f) => f.code.startsWith('install.update'));

  type Row = [code: string, plugin: string, line: number, message: RegExp];
  const rows = (): Row[] => [
    ['install.update-pending', 'u@gm', 7, new RegExp(`^An update is waiting: 1\\.0\\.0 → 1\\.1\\.0 \\(marketplace commit ${first.slice(0, 7)} → ${second.slice(0, 7)}\\)\\.$`)],
    ['install.update-server', 'u@gm', 7, /^Updating to 1\.1\.0 loses 'gone\.js', which server gone runs: the new copy will not hold it \(it was removed\)\.$/],
    ['install.update-server', 'u@gm', 7, /^Updating to 1\.1\.0 loses 'bin\/server', which server built runs: the new copy will not hold it \(it is gitignored in the marketplace\)\.$/],
    ['install.update-server', 'u@gm', 7, /^Updating to 1\.1\.0 loses '\.venv', which server py runs: the new copy will not hold it \(it was removed\)\.$/],
    ['install.update-server', 'u@gm', 7, /^Updating to 1\.1\.0 changes 'edit\.js', which server edit runs\.$/],
    ['install.update-pending', 'ent@gm', 27, /^An update is waiting: 3\.0\.0 → 3\.1\.0 \(marketplace commit /],
    ['install.update-pending', 'same@gm', 17, new RegExp(`^The marketplace clone is at ${second.slice(0, 7)}, past the installed ${first.slice(0, 7)}, but the version is still 2\\.0\\.0: \`plugin update\` will say already at the latest version, and the cache keeps the old copy\\.$`)],
  ];

  it('names each loss and change, the version change, and nothing for what stays the same (keep.js)', () => {
    const got = update().map((f) => `${f.severity} ${f.code} ${f.plugin} ${f.line} ${f.message}`);
    expect(got).toHaveLength(rows().length);
    for (const [code, plugin, line, message] of rows()) {
      const hit = update().filter((f) => f.code === code && f.plugin === plugin && f.line === line && message.test(f.message));
      expect(hit.map((f) => f.severity), `${code} ${String(message)}`).toEqual(['info']);
      expect(hit[0]?.file).toMatch(/installed_plugins\.json$/);
    }
  });

  it('the update findings are information: no server changes its verdict for them', () => {
    expect(update().every((f) => f.server === null)).toBe(true);
    expect(run.report.servers.find((s) => s.name === 'keep')?.status).toBe('ok');
  });

  it('args are data: the change, why, and the commits', () => {
    const built = update().find((f) => f.evidence.rel === 'bin/server');
    expect(built?.evidence).toMatchObject({ change: 'lost', why: 'gitignored', server: 'built', version: '1.0.0', newVersion: '1.1.0', from: first.slice(0, 7), to: second.slice(0, 7) });
  });
});
