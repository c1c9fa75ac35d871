/**
 * Hostile and broken input never crashes the doctor: every file below gets a located finding (or is
 * tolerated), the exit code is 0/1 (never 3), stderr carries no stack trace, stdout stays one JSON document.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/model/context.js';
import { runDoctor } from '../src/core/engine/run.js';
import { runCli } from './helpers/run-cli.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function pluginWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-doctor-hostile-'));
  made.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

function runAuthor(dir: string) {
  const r = runCli(['--json', '--no-probe', dir], { cwd: dir, env: { HOME: dir } });
  expect(r.stderr).toBe('');
  expect([0, 1]).toContain(r.status);
  return JSON.parse(r.stdout) as import('../src/core/model/types.js').Report;
}

const manifest = '.claude-plugin/plugin.json';
const deep = 200_000;

type HostileCase = [name: string, files: () => Record<string, string | Buffer>, code: string | null, line?: number, column?: number];
const hostile: HostileCase[] = [
  ['empty plugin.json', () => ({ [manifest]: '' }), 'config.invalid-json', 1, 1],
  ['whitespace-only .mcp.json', () => ({ [manifest]: '{"name":"p"}', '.mcp.json': '  \n \n' }), 'config.invalid-json', 3, 1],
  ['truncated plugin.json', () => ({ [manifest]: '{\n  "name": "x",\n  "mcpServers": {"a": {"comm' }), 'config.invalid-json', 3, 24],
  ['20 MB plugin.json', () => ({ [manifest]: '{"name":"big","description":"' + 'x'.repeat(20 * 1024 * 1024) + '"}' }), 'config.too-large', 1, 1],
  ['deeply nested .mcp.json', () => ({ [manifest]: '{"name":"p"}', '.mcp.json': '['.repeat(deep) + ']'.repeat(deep) }), 'config.schema', 1, 1],
  ['deeply nested object values', () => ({ [manifest]: '{"name":"p","metadata":' + '{"a":'.repeat(deep) + '1' + '}'.repeat(deep) + '}' }), null],
  ['binary plugin.json', () => ({ [manifest]: Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x01, 0x02, 0x22, 0x0a, 0x00]) }), 'config.invalid-json', 1, 2],
  ['BOM before valid JSON', () => ({ [manifest]: '\ufeff{"name":"bom"}' }), 'config.bom', 1, 1],
  ['comments in .mcp.json', () => ({ [manifest]: '{"name":"p"}', '.mcp.json': '{\n  // servers\n  "mcpServers": {}\n}' }), 'config.invalid-json', 2, 3],
  ['a JSON string instead of an object', () => ({ [manifest]: '"just a string"' }), 'config.schema', 1, 1],
];

describe('hostile files in a plugin folder', () => {
  it.each(hostile)('%s', (_name, files, code, line, column) => {
    const dir = pluginWith(files());
    const report = runAuthor(dir);
    if (code === null) {
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      return;
    }
    const f = report.findings.find((x) => x.code === code);
    expect(f, JSON.stringify(report.findings, null, 1)).toBeDefined();
    expect([f?.line, f?.column]).toEqual([line, column]);
  });

  it('__proto__ keys neither pollute prototypes nor hide servers', async () => {
    const dir = pluginWith({
      [manifest]: '{"name":"p","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      '.mcp.json': '{"mcpServers":{"__proto__":{"command":"fx-doctor-no-such-command"},"toString":{"command":"node","args":["--version"]}}}',
    });
    const { report } = await runDoctor(createContext({ cwd: dir, env: { PATH: '/usr/bin:/bin', HOME: dir } }), { paths: [dir], version: 'test' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(report.servers.map((s) => s.name).sort()).toEqual(['__proto__', 'toString']);
    // Author mode: the missing program is a requirement, listed with the servers that need it.
    expect(report.findings.filter((f) => f.code === 'command.runner-required').map((f) => f.evidence.servers)).toEqual([['__proto__']]);
    expect(report.findings.filter((f) => f.code === 'config.unknown-key').map((f) => f.evidence.key).sort()).toEqual(['__proto__', 'constructor']);
  });

  it('symlink loops in the plugin tree are reported, not followed forever', () => {
    const dir = pluginWith({ [manifest]: '{"name":"loopy"}', '.mcp.json': '{"mcpServers":{"loop":{"command":"${CLAUDE_PLUGIN_ROOT}/a/run.sh"},"self":{"command":"${CLAUDE_PLUGIN_ROOT}/self/self/self/x"}}}' });
    symlinkSync(join(dir, 'b'), join(dir, 'a'));
    symlinkSync(join(dir, 'a'), join(dir, 'b'));
    symlinkSync('.', join(dir, 'self'));
    const report = runAuthor(dir);
    const loop = report.findings.find((f) => f.server === 'plugin:loopy:loop');
    expect(loop?.code).toBe('command.not-found');
    // Which part is missing is a fact (the path and its kind); the catalog words it.
    expect(loop?.evidence).toMatchObject({ missing: `${dir}/a`, missingKind: 'link-loop' });
    expect(loop?.message).toContain(`(${dir}/a is a symlink loop)`);
    expect(report.findings.find((f) => f.server === 'plugin:loopy:self')?.code).toBe('command.not-found');
  });

  // root reads any file whatever its mode, so this case can only be shown by another user.
  it.skipIf(process.getuid?.() === 0)('an unreadable manifest is a located finding, not a crash', () => {
    const dir = pluginWith({ [manifest]: '{"name":"p"}' });
    chmodSync(join(dir, manifest), 0o000);
    expect(runAuthor(dir).findings.map((f) => f.code)).toContain('config.invalid-json');
  });
});

describe('hostile registries in a config dir', () => {
  const variants: [string, Record<string, string | Buffer>][] = [
    ['registries of the wrong shape', { 'plugins/known_marketplaces.json': '[1,2,3]', 'plugins/installed_plugins.json': '{"version":2,"plugins":{"x@y":"nope","a@b":[null,{"installPath":42}]}}', 'settings.json': '{"enabledPlugins":[true]}' }],
    ['binary registries', { 'plugins/known_marketplaces.json': Buffer.from([0, 1, 2, 3]), 'plugins/installed_plugins.json': Buffer.from([0xff, 0xfe]), 'settings.json': Buffer.from([0]) }],
    ['v1 installed_plugins pointing nowhere', { 'plugins/installed_plugins.json': '{"version":1,"plugins":{"old@gone":{"version":"1.0.0","installPath":"/nonexistent/fx-doctor/old"}}}', 'settings.json': '{"enabledPlugins":{"old@gone":true,"never@installed":true}}' }],
  ];
  it.each(variants)('%s', (_name, files) => {
    const dir = pluginWith(Object.fromEntries(Object.entries(files).map(([k, v]) => [`.claude/${k}`, v])));
    const r = runCli(['--json', '--no-probe'], { cwd: dir, env: { HOME: dir } });
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
    const report = JSON.parse(r.stdout) as import('../src/core/model/types.js').Report;
    for (const f of report.findings) expect(f.code).toMatch(/^(config|registry)\./);
  });

  it('v1 records are read and a gone install is reported', () => {
    const dir = pluginWith({ '.claude/plugins/installed_plugins.json': '{"version":1,"plugins":{"old@gone":{"version":"1.0.0","installPath":"/nonexistent/fx-doctor/old"}}}' });
    const r = runCli(['--json', '--no-probe'], { cwd: dir, env: { HOME: dir } });
    const report = JSON.parse(r.stdout) as import('../src/core/model/types.js').Report;
    expect(report.findings.map((f) => f.code).sort()).toEqual(['registry.install-missing', 'registry.unknown-marketplace']);
  });
});
