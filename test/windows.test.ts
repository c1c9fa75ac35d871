/**
 * Windows, simulated on Linux: a context whose platform is win32, PATH split on ';', PATHEXT deciding what
 * runs. `npx` resolves to `npx.cmd` and is flagged for the cmd /c wrapper Claude Code's docs ask for.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveCommand } from '../src/core/command/resolve-command.js';
import { createContext } from '../src/core/model/context.js';
import { runDoctor } from '../src/core/engine/run.js';
import { approveProjectServers } from './helpers/run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'mcp-doctor-win-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const bin = join(root, 'Program Files', 'nodejs');
const system = join(root, 'Windows', 'System32');
for (const [dir, name] of [[bin, 'npx.cmd'], [bin, 'node.exe'], [system, 'cmd.exe'], [system, 'tool.BAT']] as const) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), '', { mode: 0o644 }); // no execute bit: Windows does not need one
}
const env = { PATH: `${bin};${system}`, PATHEXT: '.COM;.EXE;.BAT;.CMD', USERPROFILE: root };

describe('PATH lookup on Windows', () => {
  it.each([
    ['npx', join(bin, 'npx.cmd')],
    ['node', join(bin, 'node.exe')],
    ['cmd', join(system, 'cmd.exe')],
    ['tool', join(system, 'tool.BAT')],
    ['node.exe', join(bin, 'node.exe')],
    ['python', null],
  ])('%s → %s', async (name, path) => {
    expect((await resolveCommand(name, root, env, 'win32')).path).toBe(path);
  });
  it('the same names are not found with Linux rules', async () => {
    expect((await resolveCommand('npx', root, { PATH: `${bin}:${system}` }, 'linux')).path).toBeNull();
  });
});

describe('a project .mcp.json on Windows', () => {
  it('flags npx without cmd /c, leaves the wrapped form and other programs alone, and finds every command', async () => {
    const project = join(root, 'project');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'server.js'), '');
    approveProjectServers(join(root, 'home'));
    writeFileSync(
      join(project, '.mcp.json'),
      JSON.stringify({
        mcpServers: {
          bare: { command: 'npx', args: ['-y', '@acme/mcp-server'] },
          wrapped: { command: 'cmd', args: ['/c', 'npx', '-y', '@acme/mcp-server'] },
          native: { command: 'node', args: ['server.js'] },
        },
      }),
    );
    const ctx = createContext({ env, cwd: project, homedir: join(root, 'home'), platform: 'win32', managedDir: join(root, 'managed') });
    const { report } = await runDoctor(ctx, { version: 'test', probe: false });
    const codes = Object.fromEntries(report.servers.map((s) => [s.name, s.findings.map((f) => f.code)]));
    expect(codes).toEqual({ bare: ['command.windows-cmd-wrapper'], wrapped: [], native: [] });
    const finding = report.findings.find((f) => f.code === 'command.windows-cmd-wrapper');
    expect(finding?.severity).toBe('warning');
    expect(finding?.hint).toBe(`Wrap it as Claude Code's docs describe: {"command":"cmd","args":["/c","npx","-y","@acme/mcp-server"]}`);
  });
});
