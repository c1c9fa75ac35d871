/**
 * Every plugin-level case Claude Code was measured on (docs/claude-code-facts.md §16–18; fixtures/plugin-errors, VERDICT.md), checked
 * in-process on a temp copy of the fixture: the codes mcp-doctor reports for the plugin and for each LSP row, the
 * plugin's load verdict (refused / loads with errors / loads) as Claude Code decides it, and that a refused
 * plugin's servers are never started. Author mode, as a plugin author runs it on a source tree; an installed home
 * for what only exists there (two marketplaces with one plugin name, a manifest edited after install).
 */
import { chmod, cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/model/context.js';
import { runDoctor } from '../src/core/engine/run.js';
import { readFrontmatter } from '../src/core/util/frontmatter.js';
import { simpleCommandWords } from '../src/core/command/hook-command.js';
import type { Report } from '../src/core/model/types.js';
import { repoRoot, runCliAsync, TEST_PATH } from './helpers/run-cli.js';

interface Case {
  name: string;
  /** Codes about the plugin as a whole (server: null), sorted. */
  plugin: string[];
  /** Codes per LSP row (plugin:<p>:<name>). */
  lsp?: Record<string, string[]>;
  load: 'loads' | 'loads-with-errors' | 'refused';
  /** Start the servers (LSP cases, and a refused plugin to prove its server is not started). */
  probe?: boolean;
}

// Claude Code's behaviour for each case is in fixtures/plugin-errors/VERDICT.md.
const cases: Case[] = [
  { name: 'lsp-missing', plugin: ['command.runner-required'], lsp: { 'plugin:lsp-missing:pyright': ['lsp.spawn-failed', 'lsp.starts-lazily'] }, load: 'loads', probe: true },
  { name: 'lsp-crash', plugin: [], lsp: { 'plugin:lsp-crash:pyright': ['lsp.crashed', 'lsp.starts-lazily'] }, load: 'loads', probe: true },
  { name: 'lsp-ok', plugin: [], lsp: { 'plugin:lsp-ok:pyright': [] }, load: 'loads', probe: true },
  { name: 'lsp-silent', plugin: [], lsp: { 'plugin:lsp-silent:pyright': ['lsp.timeout', 'lsp.starts-lazily'] }, load: 'loads', probe: true },
  { name: 'lsp-noext', plugin: ['lsp.manifest-entry-invalid'], load: 'refused', probe: true },
  { name: 'lsp-dotfile-noext', plugin: [], lsp: { 'plugin:lsp-dotfile-noext:pyright': ['lsp.config-invalid'] }, load: 'loads', probe: true },
  { name: 'lsp-file-missing', plugin: ['lsp.config-unreadable'], load: 'loads-with-errors' },
  { name: 'hooks-badjson', plugin: ['hook.invalid-json'], load: 'loads-with-errors' },
  { name: 'hooks-nowrap', plugin: ['hook.no-wrapper'], load: 'loads-with-errors' },
  { name: 'hooks-array', plugin: ['hook.not-an-event-map'], load: 'refused', probe: true },
  { name: 'hooks-inline-obj', plugin: ['hook.unknown-event'], load: 'loads' },
  { name: 'hooks-inline-nowrap', plugin: [], load: 'loads' },
  { name: 'hooks-event', plugin: ['hook.unknown-event'], load: 'loads' },
  { name: 'hooks-matcher', plugin: ['hook.guard-unloadable'], load: 'refused', probe: true },
  { name: 'hooks-matcher-post', plugin: ['hook.entry-ignored'], load: 'loads' },
  { name: 'hooks-dup', plugin: [], load: 'loads' },
  { name: 'hooks-path-missing', plugin: ['component.path-not-found'], load: 'loads-with-errors' },
  { name: 'hook-missing', plugin: ['hook.script-missing'], load: 'loads' },
  { name: 'hook-noexec', plugin: ['hook.not-executable'], load: 'loads' },
  { name: 'hook-crlf', plugin: ['hook.bad-interpreter'], load: 'loads' },
  { name: 'hook-program', plugin: ['command.runner-required', 'hook.script-missing'] /* author mode: a program this machine lacks is a requirement */, load: 'loads' },
  { name: 'cmd-badyaml', plugin: ['component.frontmatter-invalid'], load: 'loads' },
  { name: 'cmd-nofm', plugin: [], load: 'loads' },
  { name: 'agent-badyaml', plugin: ['component.frontmatter-invalid'], load: 'loads' },
  { name: 'agent-noname', plugin: [], load: 'loads' },
  { name: 'skill-nofm', plugin: ['component.skill-no-description'], load: 'loads' },
  { name: 'skill-badyaml', plugin: ['component.frontmatter-invalid'], load: 'loads' },
  { name: 'outstyle-missing', plugin: ['component.path-not-found'], load: 'loads-with-errors' },
  { name: 'cmds-path-missing', plugin: ['component.path-not-found', 'component.path-not-found'], load: 'loads-with-errors' },
  { name: 'manifest-badfield', plugin: ['component.manifest-field-ignored', 'component.manifest-field-ignored', 'config.schema'], load: 'refused' },
  { name: 'manifest-fields-ignored', plugin: ['component.manifest-field-ignored', 'component.manifest-field-ignored', 'component.manifest-field-ignored'], load: 'loads' },
  { name: 'manifest-badjson', plugin: ['config.invalid-json'], load: 'refused' },
];

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mcp-doctor-plugerr-'));
  // The fixtures reach their servers as ${CLAUDE_PLUGIN_ROOT}/../../servers: keep that layout.
  await cp(join(repoRoot, 'fixtures', 'servers'), join(scratch, 'servers'), { recursive: true });
  await cp(join(repoRoot, 'fixtures', 'plugin-errors'), join(scratch, 'plugin-errors'), { recursive: true });
  // LSP servers start in the project folder, as Claude Code starts them.
  await mkdir(join(scratch, 'project'), { recursive: true });
  // Modes are part of the case; git and copies may not keep them.
  await chmod(join(scratch, 'plugin-errors', 'hook-noexec', 'hooks', 'start.sh'), 0o644);
  await chmod(join(scratch, 'plugin-errors', 'hook-crlf', 'hooks', 'start.sh'), 0o755);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function context(root: string) {
  const home = join(root, 'home');
  return createContext({ env: { PATH: TEST_PATH, HOME: home }, cwd: join(root, 'project'), homedir: home, managedDir: join(root, 'managed'), platform: 'linux' });
}

describe('plugin-level errors (author mode, one fixture plugin per case)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = join(scratch, 'plugin-errors', c.name);
    const { report } = await runDoctor(context(scratch), { version: 'test', paths: [dir], probe: !!c.probe, timeoutMs: 1_500 });
    const pluginCodes = report.findings.filter((f) => f.server === null).map((f) => f.code).sort();
    expect(pluginCodes).toEqual([...c.plugin].sort());
    for (const [id, codes] of Object.entries(c.lsp ?? {})) {
      const row = report.servers.find((s) => s.id === id);
      expect(row?.kind, id).toBe('lsp');
      expect(row?.findings.map((f) => f.code).sort(), id).toEqual([...codes].sort());
      if (c.probe && codes.length === 0) expect(row?.probe?.outcome).toBe('answered');
      // Claude Code drops an LSP config file with an invalid entry: none of its servers is started.
      if (codes.includes('lsp.config-invalid')) expect(row?.probe).toBeNull();
    }
    expect(report.plugins.map((p) => p.load.verdict)).toEqual([c.load]);
    const mcp = report.servers.find((s) => s.name === 'ok');
    expect(mcp?.kind).toBe('mcp');
    // A refused plugin's servers never start; the others do.
    if (c.probe && mcp) expect(mcp.probe === null, 'probe of the MCP server').toBe(c.load === 'refused');
    // A plugin-level error never turns a server that loads red; a refused plugin's server is not loaded.
    if (c.load === 'refused') expect(mcp?.status).toBe('failed');
    else expect(mcp?.status).toMatch(/^(ok|degraded)$/);
  });
});

describe('installed home', () => {
  async function home(root: string, plugins: { mkt: string; name: string; manifest: object; hooks?: boolean }[]) {
    const pluginsDir = join(root, 'home', '.claude', 'plugins');
    await mkdir(pluginsDir, { recursive: true });
    await mkdir(join(root, 'project'), { recursive: true });
    const known: Record<string, unknown> = {};
    const installed: Record<string, unknown[]> = {};
    const enabled: Record<string, boolean> = {};
    for (const p of plugins) {
      const mkt = join(root, p.mkt);
      const dir = join(mkt, 'plugins', p.name);
      await mkdir(join(dir, '.claude-plugin'), { recursive: true });
      await mkdir(join(mkt, '.claude-plugin'), { recursive: true });
      await writeFile(join(mkt, '.claude-plugin', 'marketplace.json'), JSON.stringify({ name: p.mkt, owner: { name: 'x' }, plugins: [{ name: p.name, source: `./plugins/${p.name}` }] }));
      await writeFile(join(dir, '.claude-plugin', 'plugin.json'), JSON.stringify(p.manifest));
      await writeFile(join(dir, '.mcp.json'), JSON.stringify({ ok: { command: 'node', args: [join(scratch, 'servers', 'node_fixture.mjs'), 'ok'] } }));
      if (p.hooks) {
        await mkdir(join(dir, 'hooks'), { recursive: true });
        await writeFile(join(dir, 'hooks', 'hooks.json'), JSON.stringify({ hooks: { SessionStart: [{ hooks: [{ type: 'command', command: 'echo hi' }] }] } }));
      }
      known[p.mkt] = { source: { source: 'directory', path: mkt }, installLocation: mkt, lastUpdated: '2026-11-20T10:00:00.000Z' };
      installed[`${p.name}@${p.mkt}`] = [{ scope: 'user', installPath: dir, version: '1.0.0', installedAt: '2026-11-20T10:00:00.000Z', lastUpdated: '2026-11-20T10:00:00.000Z' }];
      enabled[`${p.name}@${p.mkt}`] = true;
    }
    await writeFile(join(pluginsDir, 'known_marketplaces.json'), JSON.stringify(known));
    await writeFile(join(pluginsDir, 'installed_plugins.json'), JSON.stringify({ version: 2, plugins: installed }));
    await writeFile(join(root, 'home', '.claude', 'settings.json'), JSON.stringify({ enabledPlugins: enabled }));
    return context(root);
  }

  it('same plugin name in two marketplaces: said on both, with which copy runs the server and which the hooks', async () => {
    const root = await mkdtemp(join(scratch, 'same-'));
    const ctx = await home(root, [
      { mkt: 'm', name: 'same-name-srv', manifest: { name: 'same-name-srv', version: '1.0.0' }, hooks: true },
      { mkt: 'm2', name: 'same-name-srv', manifest: { name: 'same-name-srv', version: '1.0.0' }, hooks: true },
    ]);
    const { report } = await runDoctor(ctx, { version: 'test', probe: true, timeoutMs: 5_000 });
    const notes = report.findings.filter((f) => f.code === 'component.same-name');
    expect(notes.map((f) => f.plugin).sort()).toEqual(['same-name-srv@m', 'same-name-srv@m2']);
    for (const n of notes) {
      expect(n.evidence.sharedServers).toBe('ok');
      expect(n.evidence.serversFrom).toBe('same-name-srv@m2');
      expect(n.evidence.hooksFrom).toBe('same-name-srv@m');
    }
    // One key, two copies: m2's runs, m's is dropped and not started.
    // The dropped copy gets an id of its own, so nothing about it shows on the copy that runs.
    const copies = report.servers.filter((s) => s.id.startsWith('plugin:same-name-srv:ok'));
    expect(copies.map((s) => [s.plugin, s.findings.map((f) => f.code)])).toEqual([
      ['same-name-srv@m', ['server.duplicate']],
      ['same-name-srv@m2', []],
    ]);
    expect(copies[0]?.status).toBe('skipped');
    expect(copies.map((s) => s.probe?.outcome ?? null)).toEqual([null, 'answered']);
    expect(copies[1]?.status).not.toMatch(/failed|skipped|disabled/);
  });

  it('an installed plugin whose lspServers entry lost extensionToLanguage is refused, its MCP server not started', async () => {
    const root = await mkdtemp(join(scratch, 'after-'));
    const ctx = await home(root, [{ mkt: 'm', name: 'lsp-noext-after', manifest: { name: 'lsp-noext-after', version: '1.0.0', lspServers: { pyright: { command: 'pyright-langserver', args: ['--stdio'] } } } }]);
    const { report } = await runDoctor(ctx, { version: 'test', probe: true, timeoutMs: 2_000 });
    expect(report.findings.filter((f) => f.server === null).map((f) => f.code)).toEqual(['lsp.manifest-entry-invalid']);
    expect(report.plugins.map((p) => [p.id, p.load.verdict])).toEqual([['lsp-noext-after@m', 'refused']]);
    // Shown as not loaded, with the reason; never started.
    const ok = report.servers.find((s) => s.id === 'plugin:lsp-noext-after:ok');
    expect(ok?.status).toBe('failed');
    expect(report.servers.find((s) => s.id === 'plugin:lsp-noext-after:ok')?.probe).toBeNull();
  });
});

describe('frontmatter reader', () => {
  it.each([
    ['---\ndescription: fine\n---\nbody', null],
    ['---\ndescription: "unclosed quote\nargument-hint: [x\n---\n', 2],
    ['---\nname: a\ntools: [Read\n---\n', 3],
    ["---\ndescription: 'it''s fine'\nlist:\n  - a\n  - b\n---\n", null],
    ['---\ndescription: spans\n  two lines\n---\n', null],
    ['---\ndescription: x\nnot a key line\n---\n', 3],
    ['---\n\tdescription: x\n---\n', 2],
  ] as const)('%j → error line %s', (text, line) => {
    expect(readFrontmatter(text)?.error?.line ?? null).toBe(line);
  });
  it('a value on the indented lines below its key (a real skill writes its description so)', () => {
    const fm = readFrontmatter('---\nname: m\ndescription:\n  "Solve competition\n  math problems."\nallowed-tools: Read\n---\nbody\n');
    expect(fm?.error).toBeNull();
    expect(fm?.keys.get('description')).toBe('"Solve competition math problems."');
    expect(readFrontmatter('---\ndescription:\n  "never closed\n---\n')?.error?.line).toBe(3);
  });
  it('no block, or a block that never closes: no frontmatter', () => {
    expect(readFrontmatter('# title\n')).toBeNull();
    expect(readFrontmatter('---\ndescription: x\n')).toBeNull();
  });
});

describe('hook command lines', () => {
  const vars = { CLAUDE_PLUGIN_ROOT: '/p' };
  it.each([
    ['${CLAUDE_PLUGIN_ROOT}/hooks/x.sh', ['/p/hooks/x.sh']],
    ['"$CLAUDE_PLUGIN_ROOT/hooks/x.sh" --a "b c"', ['/p/hooks/x.sh', '--a', 'b c']],
    ['python3 "${CLAUDE_PLUGIN_ROOT}"/x.py 2>/dev/null || true', ['python3', '/p/x.py']],
    ['node x.js > out.log; echo done', ['node', 'x.js']],
    ['echo hi', null],
    ['cd "$HOME" && ./x.sh', null],
    ['FOO=1 prog', null],
    ['prog $(date)', null],
    ['prog `date`', null],
    ['prog *.txt', null],
    ['"unclosed', null],
  ] as const)('%s', (line, words) => {
    expect(simpleCommandWords(line, vars)).toEqual(words);
  });
});

describe('the CLI, end to end', () => {
  it('--fix repairs hook scripts (exec bit, CRLF), re-checks their plugins, and the JSON report lists LSP rows by kind', async () => {
    const root = await mkdtemp(join(scratch, 'cli-'));
    await mkdir(join(root, 'project'), { recursive: true });
    await cp(join(scratch, 'servers'), join(root, 'servers'), { recursive: true });
    for (const c of ['hook-noexec', 'hook-crlf', 'lsp-ok']) await cp(join(scratch, 'plugin-errors', c), join(root, 'p', c), { recursive: true });
    const noexec = join(root, 'p', 'hook-noexec', 'hooks', 'start.sh');
    const crlf = join(root, 'p', 'hook-crlf', 'hooks', 'start.sh');
    await chmod(noexec, 0o644);
    const env = { PATH: TEST_PATH, HOME: root, XDG_CACHE_HOME: join(root, '.cache') };
    const paths = ['../p/hook-noexec', '../p/hook-crlf', '../p/lsp-ok'];
    const fixed = await runCliAsync([...paths, '--no-probe', '--fix', '--yes', '--format', 'json'], { cwd: join(root, 'project'), env });
    const report = JSON.parse(fixed.stdout) as Report;
    expect(report.fixes?.changes.map((c) => [c.code, c.status])).toEqual([
      ['hook.not-executable', 'applied'],
      ['hook.bad-interpreter', 'applied'],
    ]);
    expect((await stat(noexec)).mode & 0o777).toBe(0o755);
    expect(await readFile(crlf, 'utf8')).toBe('#!/bin/sh\necho started\n');
    expect(report.findings.filter((f) => f.code.startsWith('hook.'))).toEqual([]);
    expect(report.servers.map((s) => [s.id, s.kind]).sort()).toEqual([
      ['plugin:hook-crlf:ok', 'mcp'],
      ['plugin:hook-noexec:ok', 'mcp'],
      ['plugin:lsp-ok:ok', 'mcp'],
      ['plugin:lsp-ok:pyright', 'lsp'],
    ]);
  });
});

describe('LSP entries in a marketplace entry', () => {
  it('an unknown key fails the marketplace.json as Claude Code\'s strict LSP schema does', async () => {
    const root = await mkdtemp(join(scratch, 'mkt-'));
    await mkdir(join(root, '.claude-plugin'), { recursive: true });
    await mkdir(join(root, 'plugins', 'rb', '.claude-plugin'), { recursive: true });
    await writeFile(join(root, 'plugins', 'rb', '.claude-plugin', 'plugin.json'), JSON.stringify({ name: 'rb', version: '1.0.0' }));
    const lsp = { ruby: { command: 'ruby-lsp', extensionToLanguage: { '.rb': 'ruby' }, filePatterns: ['*.rb'] } };
    await writeFile(join(root, '.claude-plugin', 'marketplace.json'), JSON.stringify({ name: 'mk', owner: { name: 'o' }, plugins: [{ name: 'rb', source: './plugins/rb', lspServers: lsp }] }, null, 2));
    const { report } = await runDoctor(context(scratch), { version: 'test', paths: [root], probe: false });
    const schema = report.findings.filter((f) => f.code === 'config.schema');
    expect(schema.map((f) => [f.pointer, f.evidence.found])).toEqual([['/plugins/0/lspServers/ruby/filePatterns', '"filePatterns"']]);
  });
});
