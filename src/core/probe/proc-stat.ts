/**
 * Linux process facts from /proc, read synchronously (a few microseconds each, and usable inside a signal
 * handler). A process is named by pid *and* start time, so a pid the kernel reused for another program is
 * never mistaken for the one seen earlier.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  /** The program name the kernel keeps (at most 15 characters). */
  comm: string;
  /** R, S, D, Z (zombie: dead, not yet reaped), T, … */
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** Clock ticks after boot; with the pid, identifies one process for its whole life. */
  starttime: number;
}

export const procAvailable = (() => {
  try {
    return readFileSync('/proc/self/stat', 'utf8').length > 0;
  } catch {
    return false;
  }
})();

export function readStat(pid: number | 'self'): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // comm may hold spaces and parentheses: it ends at the last ')'.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open === -1 || close === -1) return null;
  const rest = text.slice(close + 2).split(' ');
  return {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '?',
    ppid: Number(rest[1]),
    pgrp: Number(rest[2]),
    session: Number(rest[3]),
    starttime: Number(rest[19]),
  };
}

/** The pids that exist right now. */
export function listPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((n) => n.charCodeAt(0) >= 48 && n.charCodeAt(0) <= 57)
      .map(Number);
  } catch {
    return [];
  }
}

/** The value of one variable in a process's initial environment, or null (gone, not ours, not set). */
export function environValue(pid: number, name: string): string | null {
  let env: Buffer;
  try {
    env = readFileSync(`/proc/${pid}/environ`);
  } catch {
    return null;
  }
  const key = Buffer.from(`${name}=`);
  let at = env.indexOf(key);
  while (at > 0 && env[at - 1] !== 0) at = env.indexOf(key, at + 1);
  if (at === -1) return null;
  const end = env.indexOf(0, at);
  return env.subarray(at + key.length, end === -1 ? env.length : end).toString('utf8');
}

/** Alive and still the same process (not a zombie, not a reused pid). */
export function isSameLiveProcess(pid: number, starttime: number): boolean {
  const st = readStat(pid);
  return !!st && st.starttime === starttime && st.state !== 'Z' && st.state !== 'X';
}
