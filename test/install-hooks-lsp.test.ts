/**
 * Author mode judges hook commands and LSP servers against the install copy, as it judges MCP servers
 * (install-copy.ts, install-copy-hooks.ts): a real git repository made here, one loss per line, each found at its
 * place; what the install keeps (a tracked script, an in-plugin link) gives nothing.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/model/context.js';
import { runDoctor, type DoctorRun } from '../src/core/engine/run.js';
import { git, write } from './helpers/git-marketplace.js';
import { TEST_PATH } from './helpers/run-cli.js';

const SCRIPT = '#!/bin/sh\nexit 0\n';
const LFS = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n';

let root: string;
let repo: string;
let run: DoctorRun;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mcpd-hooklsp-'));
  const home = join(root, 'home');
  repo = join(root, 'repo');
  mkdirSync(repo, { recursive: true });
  git(repo, 'init', '-q');
  write(join(repo, '.claude-plugin', 'marketplace.json'), JSON.stringify({ name: 'hm', owner: { name: 't' }, plugins: [{ name: 'h', source: './plugins/h' }] }) + '\n');
  write(join(repo, '.gitattributes'), 'plugins/h/bin/*-lfs.sh filter=lfs diff=lfs merge=lfs -text\n');
  write(join(repo, 'shared', 'run.sh'), SCRIPT, 0o755);
  write(join(home, 'tools', 'run.sh'), SCRIPT, 0o755);
  const h = join(repo, 'plugins', 'h');
  write(join(h, '.gitignore'), 'bin/built-*\n');
  // One loss per line, each in a hook and in an LSP server.
  write(
    join(h, 'hooks', 'hooks.json'),
    `{
  "hooks": {
    "SessionStart": [{ "hooks": [
      { "type": "command", "command": "\${CLAUDE_PLUGIN_ROOT}/bin/hook-ok.sh" },
      { "type": "command", "command": "sh \${CLAUDE_PLUGIN_ROOT}/bin/linked.sh" },
      { "type": "command", "command": "\${CLAUDE_PLUGIN_ROOT}/bin/built-hook.sh" },
      { "type": "command", "command": "sh \${CLAUDE_PLUGIN_ROOT}/bin/draft-hook.sh --flag" },
      { "type": "command", "command": "\${CLAUDE_PLUGIN_ROOT}/../../shared/run.sh" },
      { "type": "command", "command": "\${CLAUDE_PLUGIN_ROOT}/tools/run.sh" },
      { "type": "command", "command": "\${CLAUDE_PLUGIN_ROOT}/bin/hook-lfs.sh" }
    ] }]
  }
}
`,
  );
  write(
    join(h, '.claude-plugin', 'plugin.json'),
    `{
  "name": "h",
  "version": "1.0.0",
  "lspServers": {
    "ok": { "command": "\${CLAUDE_PLUGIN_ROOT}/bin/lsp-ok.sh", "extensionToLanguage": { ".a": "a" } },
    "built": { "command": "\${CLAUDE_PLUGIN_ROOT}/bin/built-lsp.sh", "extensionToLanguage": { ".b": "b" } },
    "draft": { "command": "sh", "args": ["\${CLAUDE_PLUGIN_ROOT}/bin/draft-lsp.sh"], "extensionToLanguage": { ".c": "c" } },
    "outside": { "command": "\${CLAUDE_PLUGIN_ROOT}/../../shared/run.sh", "extensionToLanguage": { ".d": "d" } },
    "link": { "command": "\${CLAUDE_PLUGIN_ROOT}/tools/run.sh", "extensionToLanguage": { ".e": "e" } },
    "lfs": { "command": "\${CLAUDE_PLUGIN_ROOT}/bin/lsp-lfs.sh", "extensionToLanguage": { ".f": "f" } }
  }
}
`,
  );
  for (const name of ['hook-ok.sh', 'lsp-ok.sh', 'built-hook.sh', 'built-lsp.sh']) write(join(h, 'bin', name), SCRIPT, 0o755);
  for (const name of ['hook-lfs.sh', 'lsp-lfs.sh']) write(join(h, 'bin', name), LFS, 0o755);
  symlinkSync('hook-ok.sh', join(h, 'bin', 'linked.sh'));
  symlinkSync(join(home, 'tools'), join(h, 'tools'));
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'one');
  // Written after the commit: in the working tree only.
  for (const name of ['draft-hook.sh', 'draft-lsp.sh']) write(join(h, 'bin', name), SCRIPT, 0o755);
  const ctx = createContext({ env: { PATH: TEST_PATH, HOME: home }, cwd: repo, homedir: home, configDir: join(home, '.claude'), managedDir: join(root, 'managed') });
  run = await runDoctor(ctx, { version: 'test', paths: [repo] });
}, 30_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Row = [code: string, file: string, line: number, server: string | null, message: RegExp];

const PJ = 'plugins/h/.claude-plugin/plugin.json';
const HJ = 'plugins/h/hooks/hooks.json';
const expected: Row[] = [
  ['install.untracked', PJ, 6, 'plugin:h:built', /^'bin\/built-lsp\.sh' is gitignored build output \(.*plugins\/h\/\.gitignore:1\): installs do not get it, so users get no binary\.$/],
  ['install.untracked', PJ, 7, 'plugin:h:draft', /^'bin\/draft-lsp\.sh' is not committed: installs copy only what git tracks/],
  ['install.outside-plugin', PJ, 8, 'plugin:h:outside', /^'\.\.\/\.\.\/shared\/run\.sh' is outside the plugin folder .*: installs do not copy it/],
  ['install.link-dropped', PJ, 9, 'plugin:h:link', /^'tools' is a link to '.*\/home\/tools', outside the repository: installs drop it/],
  ['install.lfs-pointer', PJ, 10, 'plugin:h:lfs', /^'bin\/lsp-lfs\.sh' is stored with Git LFS/],
  ['install.untracked', HJ, 6, null, /^'bin\/built-hook\.sh' is gitignored build output \(.*plugins\/h\/\.gitignore:1\): installs do not get it, so users get no binary\.$/],
  ['install.untracked', HJ, 7, null, /^'bin\/draft-hook\.sh' is not committed: installs copy only what git tracks/],
  ['install.outside-plugin', HJ, 8, null, /^'\.\.\/\.\.\/shared\/run\.sh' is outside the plugin folder .*: installs do not copy it/],
  ['install.link-dropped', HJ, 9, null, /^'tools' is a link to '.*\/home\/tools', outside the repository: installs drop it/],
  ['install.lfs-pointer', HJ, 10, null, /^'bin\/hook-lfs\.sh' is stored with Git LFS/],
];

describe('hooks and LSP servers against the install copy', () => {
  const got = () => run.report.findings.filter((f) => f.code.startsWith('install.')).map((f) => [f.code, (f.file ?? '').slice(repo.length + 1), f.line, f.server, f.message] as const);

  it('finds each loss at its place, and nothing for what the install keeps (a tracked script, an in-plugin link)', () => {
    const key = (r: readonly unknown[]) => r.slice(0, 4).join(' ');
    expect(got().map(key).sort()).toEqual(expected.map(key).sort());
  });

  it.each(expected)('%s in %s line %i (%s)', (code, file, line, server, message) => {
    const f = got().find((g) => g[0] === code && g[1] === file && g[2] === line && g[3] === server);
    expect(f?.[4]).toMatch(message);
  });

  it('a hook finding belongs to the plugin and leaves it loaded; an LSP one fails its server', () => {
    expect(run.report.findings.filter((f) => f.file?.endsWith('hooks.json')).map((f) => f.plugin)).toEqual(Array(5).fill('h@hm'));
    expect(run.report.servers.find((s) => s.id === 'plugin:h:ok')?.status).toBe('ok');
    for (const id of ['built', 'draft', 'outside', 'link', 'lfs']) expect(run.report.servers.find((s) => s.id === `plugin:h:${id}`)?.status, id).toBe('failed');
  });
});
