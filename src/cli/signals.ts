/**
 * Ctrl-C, `kill`, `timeout` and a CI cancel end the doctor the same way: every server group it started is
 * killed, temporary folders are removed, and it exits 128+n. All of it is synchronous, so it completes
 * inside the handler; a second Ctrl-C while that runs exits at once. The TUI (where Ctrl-C arrives as a key
 * in raw mode, not as a signal) calls `shutdownNow` too.
 */
import { rmSync } from 'node:fs';
import { constants } from 'node:os';
import { killAllGroups } from '../core/util/live-processes.js';

const cleanups = new Set<() => void>();
let shuttingDown = false;

/** Registers synchronous cleanup to run on an interrupt; returns its removal. */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** A folder to remove if the doctor is interrupted (the --demo home). */
export function removeOnInterrupt(dir: string): () => void {
  return onInterrupt(() => rmSync(dir, { recursive: true, force: true }));
}

export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/**
 * Leaves now, the way every early exit must: every process group stopped, every temporary folder removed.
 * Used by the signal handlers, a closed output pipe and the last-resort error handler.
 */
export function exitNow(code: number): never {
  if (shuttingDown) process.exit(code);
  shuttingDown = true;
  killAllGroups('SIGKILL');
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      /* best effort: the exit matters more */
    }
  }
  process.exit(code);
}

export function shutdownNow(signal: NodeJS.Signals): never {
  const code = exitCodeForSignal(signal);
  if (shuttingDown) process.exit(code);
  if (signal === 'SIGHUP' && process.platform !== 'win32') {
    // The terminal is gone: process.exit would try to restore its settings and Node aborts on the dead tty.
    // Die of the hangup itself instead (default action), which is what the parent expects anyway.
    onInterrupt(() => {
      process.removeAllListeners('SIGHUP');
      process.kill(process.pid, 'SIGHUP');
    });
  }
  return exitNow(code);
}

export function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdownNow(signal));
}
