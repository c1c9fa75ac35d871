/**
 * Every journal, newest first, each read or named as damaged (unreadable, not a journal, or holding a fix kind
 * this version does not know), with its state: what `undo --list` shows and what undo picks from.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DoctorContext } from '../model/context.js';
import { UsageError } from '../util/usage-error.js';
import { isKnownKind } from './appliers/index.js';
import { Journal, JournalDamaged, journalDir } from './journal.js';

export type JournalState = 'applied' | 'interrupted' | 'undone' | 'partly undone' | 'failed' | 'damaged';

export interface JournalListing {
  id: string;
  file: string;
  journal: Journal | null;
  /** Why it could not be read, for a damaged one. */
  damage: string | null;
  state: JournalState;
}

export function journalState(j: Journal): JournalState {
  const s = j.data.entries.map((e) => e.status);
  if (s.includes('pending')) return 'interrupted';
  if (s.includes('applied')) return s.some((x) => x === 'undone' || x === 'left') ? 'partly undone' : 'applied';
  if (s.includes('undone') || s.includes('left')) return 'undone';
  return 'failed';
}

/** Every journal, newest first, each read or named as damaged. */
export async function listJournals(ctx: DoctorContext): Promise<JournalListing[]> {
  const dir = journalDir(ctx);
  let names: string[];
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) throw new UsageError(`the undo journal folder ${dir} is not a folder; move it away to use --fix and undo`);
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort().reverse();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return [];
  }
  const out: JournalListing[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      const journal = await Journal.open(file);
      const unknown = [...new Set(journal.data.entries.filter((e) => !isKnownKind(e.fix.kind)).map((e) => String(e.fix.kind)))];
      if (unknown.length > 0) {
        out.push({ id: basename(name, '.json'), file, journal: null, damage: `it holds a fix kind this version does not know: ${unknown.join(', ')} (written by a newer mcp-doctor?)`, state: 'damaged' });
      } else out.push({ id: journal.id, file, journal, damage: null, state: journalState(journal) });
    } catch (error) {
      if (!(error instanceof JournalDamaged)) throw error;
      out.push({ id: basename(name, '.json'), file, journal: null, damage: error.why, state: 'damaged' });
    }
  }
  return out;
}

/** The state a listing has when it still has something to revert (or is damaged, and might). */
export function mayRevert(l: JournalListing): boolean {
  return l.state === 'applied' || l.state === 'interrupted' || l.state === 'partly undone' || l.state === 'damaged';
}

/**
 * Temporaries a killed run left beside the journals and the lock (`<journal>.json.<pid>-<hex>.tmp`,
 * `fix.lock.<pid>.tmp`): removed when the run that made them is gone. Returns how many.
 */
export async function sweepStrayTemps(ctx: DoctorContext): Promise<number> {
  const dir = journalDir(ctx);
  let removed = 0;
  for (const folder of [dir, join(dir, '..')]) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      const m = /\.(?:json|lock)\.(\d+)(?:-[0-9a-f]+)?\.tmp$/.exec(name);
      if (!m || pidAlive(Number(m[1]))) continue;
      await rm(join(folder, name), { force: true }).catch(() => undefined);
      removed++;
    }
  }
  return removed;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
