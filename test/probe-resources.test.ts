/**
 * The doctor's own limits are never a server's fault, and no input can hang it: 60 servers under a limit of
 * 256 open files (a container, a CI image) give a report with the right exit code and no EMFILE blamed on
 * anyone; a FIFO given as a command or a script does not block the `#!` sniffing, with or without the probe.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../src/core/model/types.js';
import { codesOf, probeHome, pyFixture, serverNamed, survivors, type ProbeHome } from './helpers/probe-home.js';
import { cliPath, runCliAsync, TEST_PATH, type CliResult } from './helpers/run-cli.js';

const homes: ProbeHome[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) h.cleanup();
});

/** The built CLI with a soft and hard limit of `n` open files, as `ulimit -n n` in a container sets it. */
function runLimited(n: number, args: string[], h: ProbeHome): Promise<CliResult> {
  return new Promise((resolve) => {
    const r = spawnSync('/bin/sh', ['-c', `ulimit -n ${n} && exec "$0" "$@"`, process.execPath, cliPath, ...args], {
      cwd: h.project,
      env: { PATH: TEST_PATH, ...h.env },
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    resolve({ status: r.status, stdout: r.stdout, stderr: r.stderr });
  });
}

describe('few file descriptors', () => {
  it.each([[[] as string[]], [['--discover']]])('60 servers under ulimit -n 256 %j: a report, exit per findings, no EMFILE blamed', async (extra) => {
    const servers: Record<string, { command: string; args: string[] }> = {};
    // Distinct args: identical command lines are one server to Claude Code (the rest are suppressed duplicates).
    for (let i = 0; i < 59; i++) servers[`ok-${i}`] = { command: 'python3', args: [pyFixture, 'ok', '--name', `ok-${i}`] };
    servers.broken = { command: 'python3', args: [pyFixture, 'exit'] };
    const h = probeHome(servers);
    homes.push(h);
    // MCP_TIMEOUT is large so that no verdict depends on the machine's speed.
    const r = await runLimited(256, ['--json', '--timeout', '60s', ...extra], { ...h, env: { ...h.env, MCP_TIMEOUT: '600000' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.servers).toHaveLength(60);
    expect(JSON.stringify(report)).not.toMatch(/EMFILE|ENFILE|EAGAIN/);
    for (const s of report.servers.filter((x) => x.name !== 'broken')) expect([s.name, s.probe?.outcome, codesOf(s)]).toEqual([s.name, 'answered', []]);
    expect(codesOf(serverNamed(report, 'broken'))).toEqual(['error:probe.crashed']);
    expect(await survivors(h.pids)).toEqual([]);
  }, 150_000);
});

describe('a FIFO where a file is expected', () => {
  it.each([[['--no-probe']], [['--timeout', '2s']]])('does not hang %j', async (extra) => {
    const h = probeHome({});
    homes.push(h);
    const fifo = join(h.pluginDir, 'server');
    const script = join(h.pluginDir, 'server.py');
    for (const f of [fifo, script]) expect(spawnSync('mkfifo', [f]).status).toBe(0);
    chmodSync(fifo, 0o755);
    h.pluginFile('.mcp.json', JSON.stringify({ mcpServers: { 'fifo-command': { command: fifo }, 'fifo-script': { command: 'python3', args: [script] } } }));
    const r = await runCliAsync(['--json', ...extra], { cwd: h.project, env: h.env });
    expect(r.status).not.toBeNull(); // null: it had to be killed
    const report = JSON.parse(r.stdout) as Report;
    expect(report.servers.map((s) => s.name).sort()).toEqual(['fifo-command', 'fifo-script']);
    // Started, a FIFO is refused by exec (EACCES); the static verdict on it is the command checks' business.
    if (!extra.includes('--no-probe')) expect(serverNamed(report, 'fifo-command').probe?.outcome).toBe('spawn-failed');
  }, 90_000);
});
