/**
 * Starting a server process the way Claude Code does (no shell, cwd = the project, Claude Code's env), in a
 * process group of its own so that signals reach every grandchild, and tearing it down without leaving
 * pipes open. Shared by the probe session and the server/discover check. Every group is tracked until it is
 * reaped, so an interrupted doctor can still kill it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { DoctorContext } from '../context.js';
import { trackGroup, untrackGroup } from '../live-processes.js';
import type { ServerEntry } from '../types.js';
import { serverEnvironment } from './server-environment.js';

/** May throw synchronously (Node does for ELOOP, ENOTDIR, ENAMETOOLONG, EINVAL, …). */
export function spawnServer(server: ServerEntry, ctx: DoctorContext): ChildProcess {
  const child = spawn(server.expanded.command ?? '', server.expanded.args, {
    cwd: ctx.cwd,
    env: serverEnvironment(server, ctx),
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: ctx.platform !== 'win32',
    windowsHide: true,
    shell: false,
  });
  trackGroup(child.pid);
  return child;
}

export function signalGroup(child: ChildProcess, signal: NodeJS.Signals, platform: NodeJS.Platform): void {
  if (child.pid === undefined) return;
  try {
    if (platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    /* ESRCH: the group is already gone */
  }
}

/** Closes our ends of the pipes, so a grandchild that still holds one cannot keep the doctor alive. */
export function destroyPipes(child: ChildProcess): void {
  child.stdin?.destroy();
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** The last step for every server process: SIGKILL its whole group, close the pipes, stop tracking it. */
export function reap(child: ChildProcess, platform: NodeJS.Platform): void {
  signalGroup(child, 'SIGKILL', platform);
  destroyPipes(child);
  untrackGroup(child.pid);
}
