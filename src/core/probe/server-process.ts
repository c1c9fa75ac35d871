/**
 * Starting a server process the way Claude Code does (no shell, cwd = the project, Claude Code's env), in a
 * process group of its own so that signals reach every grandchild, and tearing it down without leaving
 * pipes open. Shared by the probe session and the server/discover check. Every group is tracked until it is
 * reaped, so an interrupted doctor can still kill it; on Linux its descendants are watched too, so helpers
 * that left the group (setsid, a fork into the background) are killed as well.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { DoctorContext } from '../model/context.js';
import { trackGroup, untrackGroup } from '../util/live-processes.js';
import type { ServerEntry } from '../model/types.js';
import { DescendantWatch, MARKER_VARIABLE, newMarker, type Stray } from './descendants.js';
import { serverEnvironment } from './server-environment.js';

export interface ServerProcess {
  child: ChildProcess;
  /**
   * The server's stdin, held here rather than on `child`: Node destroys `child.stdin` the moment the spawned
   * process exits, and a process it left in the background would read EOF and vanish before it could be
   * seen. We close it ourselves, at shutdown.
   */
  stdin: Writable | null;
  /** `performance.now()` just before the spawn: every time of this server is measured from here. */
  spawnedAt: number;
  descendants: DescendantWatch;
}

/** May throw synchronously (Node does for ELOOP, ENOTDIR, ENAMETOOLONG, EINVAL, EMFILE, …). */
export function spawnServer(server: ServerEntry, ctx: DoctorContext): ServerProcess {
  const marker = newMarker();
  const env = { ...serverEnvironment(server, ctx), [MARKER_VARIABLE]: marker };
  const spawnedAt = performance.now();
  const child = spawn(server.expanded.command ?? '', server.expanded.args, {
    cwd: ctx.cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: ctx.platform !== 'win32',
    windowsHide: true,
    shell: false,
  });
  trackGroup(child.pid);
  const stdin = child.stdin;
  (child as ChildProcess).stdin = null;
  stdin?.on('error', () => {}); // EPIPE from a server that already died: its exit tells the story
  return { child, stdin, spawnedAt, descendants: new DescendantWatch(marker, child.pid) };
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
export function destroyPipes(proc: ServerProcess): void {
  proc.stdin?.destroy();
  proc.child.stdout?.destroy();
  proc.child.stderr?.destroy();
}

/**
 * The last step for every server process: SIGKILL its whole group and the helpers that left it, close the
 * pipes, stop tracking it. Returns the helpers that had left the group and were still alive.
 */
export function reap(proc: ServerProcess, platform: NodeJS.Platform): Stray[] {
  signalGroup(proc.child, 'SIGKILL', platform);
  const strays = proc.descendants.killEscaped();
  proc.descendants.stop();
  destroyPipes(proc);
  untrackGroup(proc.child.pid);
  return strays;
}
