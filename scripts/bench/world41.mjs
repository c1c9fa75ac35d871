/**
 * The 41-server fixture world: a home like the one the diagnose result was measured on in real Claude Code
 * sessions (41 servers, most healthy, a few broken in the usual ways), generated from the repository's
 * fixture server (fixtures/servers/node_fixture.mjs). Used by test/mcp-result-size.test.ts, the real-Claude
 * test and `npm run bench`.
 *
 * - marketplace `w41` (a directory marketplace): 9 healthy plugins with 4 servers each (36 ok);
 *   `tracker` with two failing servers (a command not on PATH, a script that does not exist);
 *   `search`, whose .mcp.json is not JSON (Claude Code drops its servers);
 * - marketplace `fx` (github): `gone`, installed, its install folder deleted;
 * - ~/.claude.json: `notes` (its program does not exist) and `clock` (healthy);
 * - the project's .mcp.json: `db`, a script that does not exist (approved).
 * Failing servers, as Claude Code names them: plugin:tracker:api, plugin:tracker:sync, notes, db.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const repo = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const fixture = join(repo, 'fixtures', 'servers', 'node_fixture.mjs');

export const HEALTHY_PLUGINS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india'];
export const FAILING = {
  'plugin:tracker:api': 'command.not-found',
  'plugin:tracker:sync': 'command.script-missing',
  notes: 'command.not-found',
  db: 'command.script-missing',
};

const json = (path, value) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2) + '\n');
};

/** Writes the world into a new temp folder; returns its home, project and the env to run in it. */
export function makeWorld41(prefix = 'mcp-doctor-world41-') {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const home = join(root, 'home');
  const project = join(root, 'project');
  const mkt = join(root, 'mkt');
  mkdirSync(project, { recursive: true });
  const plugins = [...HEALTHY_PLUGINS, 'tracker', 'search'];
  json(join(mkt, '.claude-plugin', 'marketplace.json'), {
    name: 'w41',
    owner: { name: 'Fixture Author' },
    description: 'the 41-server fixture world',
    plugins: plugins.map((name) => ({ name, source: `./plugins/${name}`, description: `${name} fixture` })),
  });
  for (const name of plugins) {
    const dir = join(mkt, 'plugins', name);
    json(join(dir, '.claude-plugin', 'plugin.json'), { name, version: '1.0.0', description: `${name} fixture` });
    copyFileSync(fixture, join(dir, 'server.mjs'));
    const ok = (i) => [`${name}-${i}`, { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/server.mjs', 'ok', `${name}-${i}`] }];
    if (HEALTHY_PLUGINS.includes(name)) json(join(dir, '.mcp.json'), { mcpServers: Object.fromEntries([1, 2, 3, 4].map(ok)) });
  }
  json(join(mkt, 'plugins', 'tracker', '.mcp.json'), {
    mcpServers: {
      api: { command: 'tracker-mcp-not-installed', args: ['--stdio'] },
      sync: { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/dist/sync.js'] },
    },
  });
  json(join(mkt, 'plugins', 'search', '.mcp.json'), '{\n  "mcpServers": {\n    "index": { "command": "node", "args": ["${CLAUDE_PLUGIN_ROOT}/server.mjs"] },\n  }\n}\n');

  const gone = join(home, '.claude', 'plugins', 'marketplaces', 'fx');
  json(join(gone, '.claude-plugin', 'marketplace.json'), { name: 'fx', owner: { name: 'Fixture Author' }, description: 'fixture', plugins: [{ name: 'gone', source: './plugins/gone', description: 'gone' }] });
  json(join(gone, 'plugins', 'gone', '.claude-plugin', 'plugin.json'), { name: 'gone', version: '0.1.0', description: 'gone' });

  const at = '2026-11-20T10:00:00.000Z';
  json(join(home, '.claude', 'plugins', 'known_marketplaces.json'), {
    w41: { source: { source: 'directory', path: mkt }, installLocation: mkt, lastUpdated: at },
    fx: { source: { source: 'github', repo: 'example/fx' }, installLocation: gone, lastUpdated: at },
  });
  json(join(home, '.claude', 'plugins', 'installed_plugins.json'), {
    version: 2,
    plugins: Object.fromEntries([
      ...plugins.map((name) => [`${name}@w41`, [{ scope: 'user', installPath: join(mkt, 'plugins', name), version: '1.0.0', installedAt: at, lastUpdated: at }]]),
      ['gone@fx', [{ scope: 'user', installPath: join(home, '.claude', 'plugins', 'cache', 'fx', 'gone', '0.1.0'), version: '0.1.0', installedAt: at, lastUpdated: at }]],
    ]),
  });
  json(join(home, '.claude', 'settings.json'), {
    enabledPlugins: Object.fromEntries([...plugins.map((p) => [`${p}@w41`, true]), ['gone@fx', true]]),
    enableAllProjectMcpServers: true,
  });
  json(join(home, '.claude.json'), {
    mcpServers: {
      notes: { command: join(root, 'opt', 'notes', 'bin', 'notes-mcp'), args: [] },
      clock: { command: 'node', args: [fixture, 'ok'] },
    },
  });
  json(join(project, '.mcp.json'), { mcpServers: { db: { command: 'node', args: ['./scripts/db_server.mjs'] } } });
  return { root, home, project, env: { HOME: home, XDG_CACHE_HOME: join(home, '.cache') } };
}
