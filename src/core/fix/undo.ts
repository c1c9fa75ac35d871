/**
 * `mcp-doctor undo`: the journals form a stack. Without an id, undo reverts the newest journal that still has
 * something to revert, newest change first; run again, it reverts the one before. `undo <id>` reverts a given
 * one. A path the user changed since the fix is left alone and named; an entry interrupted while pending is
 * rolled back (its temporaries removed). A damaged journal is never skipped to reach an older one: it is an
 * error naming the file and what undo can still do.
 */
import { rm } from 'node:fs/promises';
import { siblingTemp } from '../util/atomic-replace.js';
import type { DoctorContext } from '../model/context.js';
import { UsageError } from '../util/usage-error.js';
import { applierFor } from './appliers/index.js';
import type { Journal, JournalEntry } from './journal.js';
import { listJournals, mayRevert, sweepStrayTemps, type JournalListing } from './journal-list.js';

export interface UndoOutcome {
  entry: JournalEntry;
  status: 'undone' | 'left' | 'failed';
  note: string | null;
}

export interface UndoResult {
  /** The journal reverted, or null when there was nothing to undo. */
  journal: string | null;
  id: string | null;
  createdAt: string | null;
  outcomes: UndoOutcome[];
}

export interface UndoTarget {
  id: string;
  journal: string;
  createdAt: string;
  entries: JournalEntry[];
}

const revertible = (e: JournalEntry) => e.status === 'applied' || e.status === 'pending';

function damaged(l: JournalListing, newest: boolean): UsageError {
  return new UsageError(
    `the undo journal ${l.file} is damaged (${l.damage}); ${newest ? 'undo does not skip it to revert an older fix. ' : ''}` +
      `\`mcp-doctor undo --list\` shows every journal and its state, \`mcp-doctor undo <id>\` reverts a given one; ` +
      `check what ${l.id} changed, then move the file away to go on (nothing was changed)`,
  );
}

/** The journal undo would revert (the newest with something left, or the one named), or null. */
async function target(ctx: DoctorContext, id?: string): Promise<Journal | null> {
  const all = await listJournals(ctx);
  if (id !== undefined) {
    const l = all.find((j) => j.id === id || j.id.startsWith(id));
    if (!l) throw new UsageError(`no undo journal ${id}${all.length ? `; \`mcp-doctor undo --list\` shows the ${all.length} there are` : ': there are none'}`);
    if (!l.journal) throw damaged(l, false);
    return l.journal.hasRevertible() ? l.journal : null;
  }
  const next = all.find(mayRevert);
  if (!next) return null;
  if (!next.journal) throw damaged(next, true);
  return next.journal;
}

/** What undo would revert, without changing anything (for the confirmation question). */
export async function undoPreview(ctx: DoctorContext, id?: string): Promise<UndoTarget | null> {
  // Its own leftovers only (temporaries of runs that are gone): undo's first look tidies them.
  await sweepStrayTemps(ctx);
  const journal = await target(ctx, id);
  if (!journal) return null;
  return { id: journal.id, journal: journal.file, createdAt: journal.data.createdAt, entries: journal.data.entries.filter(revertible) };
}

/** Reverts one journal's changes that are still applied or interrupted, newest first. */
export async function revertJournal(ctx: DoctorContext, journal: Journal, only: (e: JournalEntry) => boolean = revertible): Promise<UndoOutcome[]> {
  const outcomes: UndoOutcome[] = [];
  for (const entry of journal.data.entries.filter(only).reverse()) {
    try {
      // Temporaries it recorded (a half-made link, a staging venv) are its own: they go first.
      for (const t of entry.temps ?? []) await rm(t, { recursive: true, force: true });
      const r = await applierFor(entry.fix.kind).undo(entry as JournalEntry & { fix: never }, {
        ctx,
        journalBackupDir: journal.backupDir,
        async temp(path) {
          const tmp = siblingTemp(path);
          await journal.note(entry, { temps: [tmp] });
          return tmp;
        },
      });
      await journal.settle(entry, r.undone ? 'undone' : 'left', { note: r.undone ? r.note : r.reason });
      outcomes.push({ entry, status: r.undone ? 'undone' : 'left', note: r.undone ? (r.note ?? null) : r.reason });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcomes.push({ entry, status: 'failed', note: message });
    }
  }
  return outcomes;
}

export async function undoLast(ctx: DoctorContext, id?: string): Promise<UndoResult> {
  await sweepStrayTemps(ctx);
  const journal = await target(ctx, id);
  if (!journal) return { journal: null, id: null, createdAt: null, outcomes: [] };
  const outcomes = await revertJournal(ctx, journal);
  return { journal: journal.file, id: journal.id, createdAt: journal.data.createdAt, outcomes };
}
