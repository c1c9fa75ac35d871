/**
 * Processes the doctor starts never outlive it: helpers that left the server's process group, a daemon a
 * command forked into the background, servers still starting when Ctrl-C, `kill` or a hang-up arrives, and
 * the `--demo` home being built at that moment. The built CLI runs real fixture servers; each fixture
 * process writes its pid, and none may be alive afterwards.
 */
import { createHook } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/model/context.js';
import { runDoctor } from '../src/core/engine/run.js';
import type { Report } from '../src/core/model/types.js';
import { assertReportSchema, codesOf, probeHome, pyFixture, serverNamed, survivors, type ProbeHome } from './helpers/probe-home.js';
import { cliPath, runCli, runCliAsync, TEST_PATH } from './helpers/run-cli.js';

const homes: ProbeHome[] = [];
const made = (servers: Parameters<typeof probeHome>[0]) => {
  const h = probeHome(servers);
  homes.push(h);
  return h;
};
afterEach(() => {
  for (const h of homes.splice(0)) h.cleanup();
});

const py = (...args: string[]) => ({ command: 'python3', args: [pyFixture, ...args] });

async function probeJson(h: ProbeHome, args: string[] = []): Promise<Report> {
  const r = await runCliAsync(['--json', '--timeout', '20s', ...args], { cwd: h.project, env: h.env });
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as Report;
  await assertReportSchema(report);
  return report;
}

describe('helpers outside the process group', () => {
  it('kills a helper that called setsid() and reports the server as leaving processes behind', async () => {
    const h = made({ setsid: py('setsid-helper'), plain: py('ok') });
    const report = await probeJson(h);
    expect(codesOf(serverNamed(report, 'setsid'))).toEqual(['warning:probe.left-processes']);
    expect(serverNamed(report, 'setsid').probe?.leftProcesses).toHaveLength(1);
    expect(codesOf(serverNamed(report, 'plain'))).toEqual([]);
    expect(readdirSync(h.pids)).toHaveLength(3); // two servers and the helper
    expect(await survivors(h.pids)).toEqual([]);
  });

  it('judges a command that forks into the background as Claude Code does, and kills the daemon', async () => {
    const h = made({ daemon: py('fork-background') });
    const report = await probeJson(h);
    const s = serverNamed(report, 'daemon');
    expect(s.probe?.outcome).toBe('crashed');
    expect(codesOf(s)).toEqual(['error:probe.backgrounded']);
    expect(s.findings[0]?.message).toContain('exits right away (exit code 0) and leaves a background process');
    expect(s.findings[0]?.hint).toContain('Run the server in the foreground');
    expect(await survivors(h.pids)).toEqual([]);
  });
});

describe('interrupts', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s while servers are still starting: exit %i, no process left', async (signal, code) => {
    const h = made({ slow: py('ok', '--delay', '60'), grandchild: py('grandchild', '--delay', '60'), setsid: py('setsid-helper', '--delay', '60') });
    const child = spawn(process.execPath, [cliPath, '--json', '--timeout', '120s'], { cwd: h.project, env: { PATH: TEST_PATH, ...h.env } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // A hangup ends the doctor by the signal itself (the terminal is gone); a shell reports 128+n either way.
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 128 + constants.signals[s] : null))));
    // Every process is up: three servers and two helpers (server/discover goes to the same process).
    for (let i = 0; i < 400 && readdirSync(h.pids).length < 5; i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(h.pids)).toHaveLength(5);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(stderr).toBe('');
    expect(await survivors(h.pids)).toEqual([]);
  }, 60_000);

  it('removes the --demo home when interrupted while it is being built', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'mcp-doctor-tmp-'));
    try {
      const child = spawn(process.execPath, [cliPath, '--demo', '--json'], { cwd: tmp, env: { PATH: TEST_PATH, TMPDIR: tmp, HOME: tmp } });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      for (let i = 0; i < 2000 && readdirSync(tmp).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(readdirSync(tmp)[0]).toMatch(/^mcp-doctor-demo-/);
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('exits', () => {
  it('leaves no timer running after the run, so the process exits as soon as the report is out', async () => {
    // The server ignores stdin's end and dies on SIGTERM: the path where a grace timer used to linger.
    const h = made({ deaf: py('hang', '--delay', '60') });
    const ctx = createContext({ env: { PATH: TEST_PATH, ...h.env }, homedir: h.home, cwd: h.project });
    // Every timer the doctor's code creates during the run (vitest's own, created meanwhile for its
    // messages, are not ours to count). A timer that fired or was cleared is marked destroyed at once.
    const created: { timer: { _destroyed?: boolean }; where: string }[] = [];
    const hook = createHook({
      init: (_id, type, _trigger, resource) => {
        if (type !== 'Timeout') return;
        const where = (new Error().stack ?? '').split('\n').find((l) => l.includes('/src/core/'));
        if (where) created.push({ timer: resource as { _destroyed?: boolean }, where: where.trim() });
      },
    }).enable();
    let report: Report;
    try {
      ({ report } = await runDoctor(ctx, { version: 'test', probe: true, timeoutMs: 300 }));
    } finally {
      hook.disable();
    }
    expect(report.servers[0]?.probe?.outcome).toBe('timeout');
    expect(created.length).toBeGreaterThan(0);
    expect(created.filter((t) => !t.timer._destroyed).map((t) => t.where)).toEqual([]);
    expect(await survivors(h.pids)).toEqual([]);
  }, 30_000);

  it('--demo without python3 on PATH is a clear message, not an internal error', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'mcp-doctor-tmp-'));
    try {
      const r = runCli(['--demo'], { cwd: tmp, env: { PATH: join(tmp, 'no-such-dir'), TMPDIR: tmp, HOME: tmp } });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^mcp-doctor: --demo needs python3 on PATH/);
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('refuses a timeout that rounds to 0 ms, like 0', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'mcp-doctor-tmp-'));
    try {
      for (const t of ['0.0001', '0.4ms', '0']) {
        const r = runCli(['--timeout', t, '--no-probe', tmp], { cwd: tmp, env: { HOME: tmp } });
        expect(r.status).toBe(2);
        expect(r.stderr).toContain(`--timeout ${t}`);
      }
      expect(existsSync(tmp)).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
