/**
 * One fix at a time per home: `--fix` (from the command line or the live view) and `undo` hold a lock file
 * beside the journals while they change anything. A second one waits briefly, then refuses with who holds
 * it. A lock whose process is gone (same pid, but another start time, counts as gone) is stale and taken
 * over, unless programs that process started still run: then undo must not race them.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cacheHome, type DoctorContext } from '../model/context.js';
import { UsageError } from '../util/usage-error.js';
import { journalDir, unwritableJournal } from './journal.js';

interface LockData {
  pid: number;
  /** The process's start time (Linux: clock ticks since boot), so a reused pid is not taken for it. */
  start: string | null;
  what: string;
  since: string;
  /** Process groups of the programs it runs now (pip, npm, a build). */
  children: { pid: number; start: string | null }[];
}

export function lockFile(ctx: DoctorContext): string {
  return join(cacheHome(ctx), 'mcp-doctor', 'fix.lock');
}

/** A process's start time where the system tells it (Linux /proc), else null. */
export function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name, which may hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** A process's state letter and group from /proc (Linux), or null where /proc does not tell. */
function procStat(pid: number | string): { state: string; pgrp: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state = '', , pgrp = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, pgrp: Number(pgrp) };
  } catch {
    return null;
  }
}

/**
 * Whether any process of a group still runs. A zombie does not count: where nothing reaps orphans (a
 * container whose init does not), a killed run's programs stay as zombies, and they hold nothing open.
 */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  let names: string[];
  try {
    names = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return true;
  }
  return names.some((n) => {
    const st = procStat(n);
    return st !== null && st.pgrp === pgid && st.state !== 'Z' && st.state !== 'X';
  });
}

function alive(p: { pid: number; start: string | null }, group = false): boolean {
  if (group) return groupAlive(p.pid);
  try {
    process.kill(p.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const st = procStat(p.pid);
  if (st && (st.state === 'Z' || st.state === 'X')) return false;
  if (p.start === null) return true;
  const now = startTime(p.pid);
  return now === null || now === p.start;
}

export class FixLock {
  private data: LockData;
  private constructor(
    readonly file: string,
    what: string,
  ) {
    this.data = { pid: process.pid, start: startTime(process.pid), what, since: new Date().toISOString(), children: [] };
  }

  /** Takes the lock, waiting up to `waitMs` for another run to finish; refuses (exit 2) after that. */
  static async acquire(ctx: DoctorContext, what: string, waitMs = Number(ctx.env.MCP_DOCTOR_LOCK_WAIT_MS ?? 5000)): Promise<FixLock> {
    const lock = new FixLock(lockFile(ctx), what);
    try {
      await mkdir(dirname(lock.file), { recursive: true, mode: 0o700 });
    } catch (error) {
      throw unwritableJournal(journalDir(ctx), error);
    }
    const deadline = Date.now() + waitMs;
    for (;;) {
      let taken: boolean;
      try {
        taken = await lock.tryTake();
      } catch (error) {
        throw unwritableJournal(journalDir(ctx), error);
      }
      if (taken) return lock;
      const holder = await readHolder(lock.file);
      // A lock with no readable holder is being written, or was left half-written by a kill: stale after a moment.
      const orphan = !holder && Date.now() - ((await stat(lock.file).catch(() => null))?.mtimeMs ?? Date.now()) > 2000;
      if (orphan || (holder && !alive(holder))) {
        const running = (holder?.children ?? []).filter((c) => alive(c, true));
        if (running.length > 0) {
          throw new UsageError(
            `programs started by an interrupted mcp-doctor (pid ${holder?.pid}, ${holder?.what}) still run (process group ${running.map((c) => c.pid).join(', ')}); wait for them to end (or kill them) and run it again; nothing was changed`,
          );
        }
        // Stale: moved away under a unique name, so of two runs taking it over only one succeeds.
        const stale = `${lock.file}.stale-${process.pid}-${randomBytes(3).toString('hex')}`;
        if (await rename(lock.file, stale).then(() => true, () => false)) await rm(stale, { force: true });
        continue;
      }
      if (Date.now() >= deadline) {
        const who = holder ? `pid ${holder.pid}, ${holder.what}, since ${holder.since}` : 'a run that is starting';
        throw new UsageError(`another mcp-doctor is changing this home (${who}); run it again when that one has finished; nothing was changed`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async tryTake(): Promise<boolean> {
    try {
      const handle = await open(this.file, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(this.data));
      } catch (error) {
        // A full disk: no half-written lock is left for the next run to wait on.
        await handle.close();
        await rm(this.file, { force: true });
        throw error;
      }
      await handle.close();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  /** Records a program's process group while it runs, so a later run knows to wait for it. */
  async child(pid: number | undefined, running: boolean): Promise<void> {
    if (pid === undefined) return;
    this.data.children = running ? [...this.data.children, { pid, start: startTime(pid) }] : this.data.children.filter((c) => c.pid !== pid);
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      const handle = await open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify(this.data));
      } finally {
        await handle.close();
      }
      await rename(tmp, this.file);
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }

  async release(): Promise<void> {
    const holder = await readHolder(this.file);
    if (holder?.pid === process.pid) await rm(this.file, { force: true });
  }
}

async function readHolder(file: string): Promise<LockData | null> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as LockData;
    return typeof data.pid === 'number' ? { ...data, children: Array.isArray(data.children) ? data.children : [] } : null;
  } catch {
    // Being written, or damaged: an unreadable lock older than a moment is treated as stale by its absence of a pid.
    return null;
  }
}
