/**
 * Author mode judges the plugin, not the machine: a runner the CI machine lacks (uvx, uv, bunx, bun, deno,
 * docker, npx, go in a launcher) is a requirement stated once per program, never an error, and package
 * specifiers are not paths. Installed mode keeps judging the machine it runs on.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/model/context.js';
import { runDoctor } from '../src/core/engine/run.js';

const root = mkdtempSync(join(tmpdir(), 'mcpd-ci-machine-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A PATH with nothing but node: every runner below is missing, as on a bare CI image.
const binDir = join(root, 'bin');
mkdirSync(binDir);
const env = { PATH: binDir, HOME: join(root, 'home') };

const servers: Record<string, { command: string; args: string[] }> = {
  fetch: { command: 'uvx', args: ['mcp-server-fetch@2025.4.7'] },
  git: { command: 'uvx', args: ['--from', 'mcp-server-git==0.6', 'mcp-server-git'] },
  sync: { command: 'uv', args: ['run', '--directory', '${CLAUDE_PLUGIN_ROOT}', 'server'] },
  bx: { command: 'bunx', args: ['@scope/pkg@1'] },
  bn: { command: 'bun', args: ['run', '${CLAUDE_PLUGIN_ROOT}/server.ts'] },
  jsr: { command: 'deno', args: ['run', '-A', 'jsr:@scope/server@1'] },
  npmspec: { command: 'deno', args: ['run', '--allow-net', 'npm:some-server@2'] },
  box: { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/x/y:1'] },
  nx: { command: 'npx', args: ['-y', 'pkg@latest'] },
};

function plugin(dir: string): void {
  mkdirSync(join(dir, '.claude-plugin'), { recursive: true });
  writeFileSync(join(dir, '.claude-plugin', 'plugin.json'), JSON.stringify({ name: 'runners', version: '1.0.0', mcpServers: servers }, null, 2));
  writeFileSync(join(dir, 'server.ts'), 'export {};\n');
}

describe('author mode on a machine without the runners', () => {
  it('states each program once, with its servers, and fails nothing', async () => {
    const dir = join(root, 'runners');
    plugin(dir);
    const ctx = createContext({ env, cwd: dir, homedir: env.HOME, managedDir: join(root, 'managed') });
    const { report } = await runDoctor(ctx, { version: 'test', paths: [dir] });
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.server} ${f.message}`)).toEqual([]);
    const needs = Object.fromEntries(report.findings.filter((f) => f.code === 'command.runner-required').map((f) => [f.evidence.program, f.evidence.servers]));
    expect(needs).toEqual({ uvx: ['fetch', 'git'], uv: ['sync'], bunx: ['bx'], bun: ['bn'], deno: ['jsr', 'npmspec'], docker: ['box'], npx: ['nx'] });
    expect(report.findings.find((f) => f.evidence.program === 'deno')?.message).toBe("Users need 'deno' on their PATH: servers jsr, npmspec run it as the command.");
    expect(report.findings.every((f) => f.plugin === 'runners' && f.server === null)).toBe(true);
    expect(report.servers.every((s) => s.status === 'ok')).toBe(true);
  });

  it('installed mode still reports the missing programs of this machine', async () => {
    const project = join(root, 'project');
    mkdirSync(join(env.HOME, '.claude'), { recursive: true });
    writeFileSync(join(env.HOME, '.claude', 'settings.json'), '{"enableAllProjectMcpServers":true}\n');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, '.mcp.json'), JSON.stringify({ mcpServers: { jsr: servers.jsr, fetch: servers.fetch } }));
    const ctx = createContext({ env, cwd: project, homedir: env.HOME, managedDir: join(root, 'managed') });
    const { report } = await runDoctor(ctx, { version: 'test' });
    expect(report.findings.map((f) => `${f.code} ${f.server}`).sort()).toEqual(['command.not-found fetch', 'command.not-found jsr']);
  });
});
