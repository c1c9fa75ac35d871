/**
 * The package as a user gets it: `npm pack`, installed into a fresh prefix (offline: it has no
 * dependencies), then run from there with an empty HOME: --version, --demo, and the MCP server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, TEST_PATH } from './helpers/run-cli.js';

let work: string;
let bin: string;
let home: string;
let files: string[];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mcp-doctor-package-'));
  home = join(work, 'home');
  // The suite built dist/ already (pretest); pack what is there.
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path);
  execFileSync('npm', ['install', '--prefix', join(work, 'prefix'), '--offline', '--no-audit', '--no-fund', join(work, info!.filename)], { stdio: 'ignore' });
  bin = join(work, 'prefix', 'node_modules', '.bin', 'mcp-doctor');
  execFileSync('mkdir', ['-p', home]);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (args: string[], input?: string) => spawnSync(bin, args, { cwd: home, env: { PATH: `${join(process.execPath, '..')}:${TEST_PATH}`, HOME: home }, encoding: 'utf8', input, timeout: 60_000 });

describe('the packed package', () => {
  it('ships the bundle, schemas, the demo (with its .gitignore files renamed), README and LICENSE; no tests, no sources, no maps', () => {
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('schemas/report.schema.json');
    expect(files).toContain('LICENSE');
    expect(files).toContain('dist/THIRD-PARTY-NOTICES.txt');
    expect(files.some((f) => f.startsWith('dist/fixtures/demo/') && f.endsWith('/_gitignore'))).toBe(true);
    expect(files.filter((f) => /^(src|test)\/|\.map$|\.ts$/.test(f))).toEqual([]);
  });

  it('installs as one package, with nothing else', () => {
    expect(readdirSync(join(work, 'prefix', 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['mcp-doctor']);
  });

  it('--version', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("--demo finds the demo home's problems, the unbuilt one included (its .gitignore came back)", () => {
    const r = run(['--demo', '--no-probe', '--json']);
    expect(r.status).toBe(1);
    const codes = (JSON.parse(r.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code).sort();
    expect(codes).toEqual(['command.toolchain-missing', 'command.unbuilt', 'config.env-unset', 'deps.not-installed', 'venv.link-lost']);
  });

  it('mcp answers initialize and lists its tools, then exits when stdin closes', () => {
    const lines = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'test', version: '1' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    ].map((m) => JSON.stringify(m) + '\n');
    const r = run(['mcp'], lines.join(''));
    expect(r.status).toBe(0);
    const replies = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: { protocolVersion?: string; tools?: { name: string }[] } });
    expect(replies.map((m) => m.id)).toEqual([1, 2]);
    expect(replies[0]!.result.protocolVersion).toBe('2025-11-25');
    expect(replies[1]!.result.tools!.map((t) => t.name).sort()).toEqual(['diagnose', 'explain', 'fix_plan']);
  });
});
