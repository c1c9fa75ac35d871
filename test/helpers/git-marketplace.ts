/**
 * A marketplace repository as a plugin author has it: a real git repo in a temp folder, with commits, a
 * .gitignore, a submodule from a local path, a Git LFS file (a pointer committed under a filter=lfs rule), links
 * inside and outside the plugins, a launcher plugin (seed 001), the same plugin pointing at its ignored binary, and
 * a venv linked into ~/.cache/claude-mcp-venvs (seed 002). Each loss is on a line of its own in plugin.json.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface GitMarketplace {
  root: string;
  home: string;
  repo: string;
}

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid', GIT_CONFIG_NOSYSTEM: '1', HOME: '/nonexistent', PATH: process.env.PATH ?? '/usr/bin:/bin' };

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always', ...args], { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function write(path: string, text: string, mode?: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (mode !== undefined) chmodSync(path, mode);
}

/** A minimal MCP server (CommonJS, no dependency): answers initialize and tools/list. */
export const SERVER = `require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const m = JSON.parse(line);
  if (m.id === undefined) return;
  const result = m.method === 'initialize' ? { protocolVersion: m.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'fx', version: '1' } } : { tools: [] };
  process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result }) + '\\n');
});
`;

/** The same in Python (stdlib only). */
const PY_SERVER = `import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if 'id' not in m:
        continue
    r = {'protocolVersion': m['params']['protocolVersion'], 'capabilities': {'tools': {}}, 'serverInfo': {'name': 'fx', 'version': '1'}} if m['method'] == 'initialize' else {'tools': []}
    print(json.dumps({'jsonrpc': '2.0', 'id': m['id'], 'result': r}), flush=True)
`;

/** The seed-001 launcher: builds the ignored binary on first run, then execs it. */
export const LAUNCHER = `#!/bin/sh
set -eu
DIR="$(cd "$(dirname "$0")" && pwd)"
BINARY="$DIR/interlock-mcp"
if [ ! -x "$BINARY" ]; then
  command -v go >/dev/null 2>&1 || { echo 'go not found' >&2; exit 1; }
  (cd "$DIR/.." && go build -o "$BINARY" ./cmd/interlock-mcp/) >&2
fi
exec "$BINARY" "$@"
`;

export function makeGitMarketplace(): GitMarketplace {
  const root = mkdtempSync(join(tmpdir(), 'mcpd-gitmkt-'));
  const home = join(root, 'home');
  const repo = join(root, 'repo');
  // The venv every plugin's links point at lives in the author's cache (seed 002).
  const venv = join(home, '.cache', 'claude-mcp-venvs', 'leo-mkt', 'venv', '.venv');
  mkdirSync(join(venv, 'bin'), { recursive: true });
  write(join(venv, 'pyvenv.cfg'), 'home = /usr/bin\nversion = 3.11.2\n');
  symlinkSync('/usr/bin/python3', join(venv, 'bin', 'python'));

  // A submodule from a local path (standing in for an https one).
  const sub = join(root, 'sub');
  mkdirSync(sub, { recursive: true });
  git(sub, 'init', '-q');
  write(join(sub, 'server.js'), SERVER);
  git(sub, 'add', '.');
  git(sub, 'commit', '-qm', 'sub');

  mkdirSync(repo, { recursive: true });
  git(repo, 'init', '-q');
  write(
    join(repo, '.claude-plugin', 'marketplace.json'),
    JSON.stringify({ name: 'gm', owner: { name: 't' }, plugins: ['x', 'go', 'go-bad', 'venv', 'node', 'rt'].map((n) => ({ name: n, source: `./plugins/${n}` })) }, null, 2) + '\n',
  );
  write(join(repo, '.gitignore'), '.venv\nnode_modules/\n');
  // Shared tools in the author's home, linked from a plugin (a tracked absolute link).
  write(join(home, '.cache', 'shared-tools', 'server.js'), SERVER);
  write(join(repo, '.gitattributes'), 'plugins/x/model.js filter=lfs diff=lfs merge=lfs -text\n');
  write(join(repo, 'mcp-servers', 'gitea', 'server.js'), SERVER);
  write(join(repo, 'lib', 'server.js'), SERVER);

  // x: one server per loss, and the kinds of path an install keeps.
  const x = join(repo, 'plugins', 'x');
  write(
    join(x, '.claude-plugin', 'plugin.json'),
    `{
  "name": "x",
  "version": "1.0.0",
  "mcpServers": {
    "shared": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/../../mcp-servers/gitea/server.js"] },
    "lfs": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/model.js"] },
    "draft": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/draft.js"] },
    "rel": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/link-rel.js"] },
    "lib": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/shared-lib/server.js"] },
    "sub": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/sub/server.js"] },
    "abs": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/tools/server.js"] },
    "flink": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/filelink.js"] },
    "ok": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/server.js"] }
  }
}
`,
  );
  write(join(x, 'server.js'), SERVER);
  write(join(x, 'model.js'), 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n');
  symlinkSync('server.js', join(x, 'link-rel.js'));
  symlinkSync('../../lib', join(x, 'shared-lib'));
  symlinkSync('../../lib/server.js', join(x, 'filelink.js'));
  symlinkSync(join(home, '.cache', 'shared-tools'), join(x, 'tools'));
  git(repo, 'submodule', '-q', 'add', sub, 'plugins/x/sub');

  // go: the launcher of seed 001 (the binary is ignored and built here, as on the author's machine).
  const go = join(repo, 'plugins', 'go');
  write(join(go, '.claude-plugin', 'plugin.json'), `{
  "name": "go",
  "version": "0.2.0",
  "mcpServers": {
    "interlock": { "type": "stdio", "command": "\${CLAUDE_PLUGIN_ROOT}/bin/launch-mcp.sh", "args": [] }
  }
}
`);
  write(join(go, '.gitignore'), 'bin/interlock-mcp\n');
  write(join(go, 'bin', 'launch-mcp.sh'), LAUNCHER, 0o755);
  write(join(go, 'bin', 'interlock-mcp'), '#!/bin/sh\nexec node -e "process.stdin.resume()"\n', 0o755);
  write(join(go, 'go.mod'), 'module example.com/interlock\n\ngo 1.23.0\n');
  write(join(go, 'cmd', 'interlock-mcp', 'main.go'), 'package main\n\nfunc main() {}\n');

  // go-bad: the same plugin before the fix, pointing at its gitignored binary.
  const goBad = join(repo, 'plugins', 'go-bad');
  write(join(goBad, '.claude-plugin', 'plugin.json'), `{
  "name": "go-bad",
  "version": "0.1.0",
  "mcpServers": {
    "interlock": { "type": "stdio", "command": "\${CLAUDE_PLUGIN_ROOT}/bin/interlock-mcp", "args": [] }
  }
}
`);
  write(join(goBad, '.gitignore'), 'bin/interlock-mcp\n');
  write(join(goBad, 'bin', '.gitkeep'), '');
  write(join(goBad, 'bin', 'interlock-mcp'), '#!/bin/sh\nexec node -e "process.stdin.resume()"\n', 0o755);
  write(join(goBad, 'go.mod'), 'module example.com/interlock\n\ngo 1.23.0\n');
  write(join(goBad, 'cmd', 'interlock-mcp', 'main.go'), 'package main\n\nfunc main() {}\n');

  // venv: seed 002, a run.sh that uses .venv, a .venv link into ~/.cache/claude-mcp-venvs, and the venv's python named directly.
  const v = join(repo, 'plugins', 'venv');
  write(join(v, '.claude-plugin', 'plugin.json'), `{
  "name": "venv",
  "version": "3.4.0",
  "mcpServers": {
    "gitea": { "command": "\${CLAUDE_PLUGIN_ROOT}/run.sh" },
    "direct": { "command": "\${CLAUDE_PLUGIN_ROOT}/.venv/bin/python", "args": ["\${CLAUDE_PLUGIN_ROOT}/server.py"] }
  }
}
`);
  write(join(v, 'run.sh'), '#!/bin/sh\nDIR="$(dirname "$0")"\nexec "$DIR/.venv/bin/python" "$DIR/server.py"\n', 0o755);
  write(join(v, 'server.py'), PY_SERVER);
  symlinkSync(venv, join(v, '.venv'));

  // node: a root lockfile whose devDependencies npm ci installs, and a server/package.json nobody installs.
  const n = join(repo, 'plugins', 'node');
  write(join(n, '.claude-plugin', 'plugin.json'), `{
  "name": "node",
  "version": "1.0.0",
  "mcpServers": {
    "api": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/server/index.js"] }
  }
}
`);
  write(join(n, 'package.json'), '{\n  "name": "node-plugin",\n  "private": true,\n  "devDependencies": {\n    "typescript": "^5.9.3"\n  }\n}\n');
  write(
    join(n, 'package-lock.json'),
    JSON.stringify({ name: 'node-plugin', lockfileVersion: 3, requires: true, packages: { '': { name: 'node-plugin', devDependencies: { typescript: '^5.9.3' } }, 'node_modules/typescript': { version: '5.9.3', resolved: 'https://registry.npmjs.org/typescript/-/typescript-5.9.3.tgz', dev: true } } }, null, 2) + '\n',
  );
  write(join(n, 'node_modules', 'typescript', 'lib', 'typescript.js'), 'x'.repeat(3_000_000));
  write(join(n, 'server', 'package.json'), '{ "name": "api", "type": "module", "dependencies": { "ccf-dep": "^1.0.0" } }\n');
  write(join(n, 'server', 'package-lock.json'), '{ "lockfileVersion": 3, "packages": {} }\n');
  write(join(n, 'server', 'index.js'), "import dep from 'ccf-dep';\nprocess.stdin.on('data', () => dep);\n");
  write(join(n, 'server', 'node_modules', 'ccf-dep', 'index.js'), 'export default 1;\n');

  // rt: a server that reads a gitignored config file at run time; only starting it from the install copy shows it.
  const rt = join(repo, 'plugins', 'rt');
  write(join(rt, '.claude-plugin', 'plugin.json'), `{
  "name": "rt",
  "version": "1.0.0",
  "mcpServers": {
    "conf": { "command": "node", "args": ["\${CLAUDE_PLUGIN_ROOT}/server.js"] }
  }
}
`);
  write(join(rt, '.gitignore'), 'config.json\n');
  write(join(rt, 'config.json'), '{"port": 1}\n');
  write(join(rt, 'server.js'), `const config = require(require('node:path').join(__dirname, 'config.json'));\nvoid config;\n${SERVER}`);

  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'marketplace');
  // Written after the commit: in the working tree only.
  write(join(x, 'draft.js'), SERVER);
  return { root, home, repo };
}
