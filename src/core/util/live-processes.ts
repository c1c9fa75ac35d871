/**
 * Every process group the doctor has started and not yet reaped: probed servers, and the commands `--fix`
 * runs. Each runs in a group of its own, so one signal reaches its helpers too. The CLI's signal handlers
 * call `killAllGroups` on Ctrl-C, `kill`, `timeout` or a CI cancel, so nothing outlives the doctor.
 */
import { readFileSync } from 'node:fs';
const groups = new Set<number>();
/** Synchronous extra sweeps (the probe's tracker of helpers that left their group). */
const sweepers = new Set<() => void>();

/** Registers a synchronous sweep that `killAllGroups` runs after the groups are killed. */
export function onKillAll(sweep: () => void): void {
  sweepers.add(sweep);
}

export function trackGroup(pid: number | undefined): void {
  if (pid !== undefined) groups.add(pid);
}

export function untrackGroup(pid: number | undefined): void {
  if (pid !== undefined) groups.delete(pid);
}

/** Signals every live group (synchronously: it runs inside a signal handler); returns how many there were. */
export function killAllGroups(signal: NodeJS.Signals = 'SIGKILL'): number {
  const count = groups.size;
  for (const pid of groups) {
    try {
      if (process.platform === 'win32') process.kill(pid, signal);
      else process.kill(-pid, signal);
    } catch {
      /* ESRCH: already gone */
    }
  }
  const killed = [...groups];
  groups.clear();
  if (signal === 'SIGKILL') waitUntilDead(killed, 250);
  for (const sweep of sweepers) {
    try {
      sweep();
    } catch {
      /* best effort: the exit matters more */
    }
  }
  return count;
}

/**
 * Waits (synchronously, a signal handler cannot await) until each killed group leader is dead or a zombie,
 * at most `ms`. A SIGKILL is delivered at once, but a system call already running on the other core
 * completes: without this, a `mkdir -p` of a venv build could recreate a folder the exit path just removed.
 * Linux only (it reads /proc); elsewhere it returns at once.
 */
function waitUntilDead(pids: number[], ms: number): void {
  if (process.platform !== 'linux' || pids.length === 0) return;
  const until = Date.now() + ms;
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  let left = pids.filter(alive);
  while (left.length > 0 && Date.now() < until) left = left.filter(alive);
}
