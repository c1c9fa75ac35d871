/**
 * `mcp-doctor undo`: reverts the last fix that changed something, newest change first. A path the user
 * changed since the fix is left alone and named; an entry interrupted while pending is completed. A second
 * undo finds nothing to do.
 */
import type { DoctorContext } from '../model/context.js';
import type { FixPlan } from '../model/types.js';
import { applierFor } from './appliers/index.js';
import { latestJournal, type JournalEntry } from './journal.js';

export interface UndoOutcome {
  entry: JournalEntry;
  status: 'undone' | 'left' | 'failed';
  note: string | null;
}

export interface UndoResult {
  /** The journal reverted, or null when there was nothing to undo. */
  journal: string | null;
  createdAt: string | null;
  outcomes: UndoOutcome[];
}

/** What undo would revert, without changing anything (for the confirmation question). */
export async function undoPreview(ctx: DoctorContext): Promise<{ journal: string; createdAt: string; entries: JournalEntry[] } | null> {
  const journal = await latestJournal(ctx);
  if (!journal) return null;
  const entries = journal.data.entries.filter((e) => e.status === 'applied' || e.status === 'pending');
  return entries.length > 0 ? { journal: journal.file, createdAt: journal.data.createdAt, entries } : null;
}

export async function undoLast(ctx: DoctorContext): Promise<UndoResult> {
  const journal = await latestJournal(ctx);
  if (!journal) return { journal: null, createdAt: null, outcomes: [] };
  const outcomes: UndoOutcome[] = [];
  const revertible = journal.data.entries.filter((e) => e.status === 'applied' || e.status === 'pending');
  for (const entry of [...revertible].reverse()) {
    try {
      const r = await applierFor(entry.fix.kind).undo(entry as JournalEntry & { fix: FixPlan & { kind: never } }, { ctx, journalBackupDir: journal.backupDir });
      await journal.settle(entry, r.undone ? 'undone' : 'left', { note: r.undone ? r.note : r.reason });
      outcomes.push({ entry, status: r.undone ? 'undone' : 'left', note: r.undone ? (r.note ?? null) : r.reason });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcomes.push({ entry, status: 'failed', note: message });
    }
  }
  return { journal: revertible.length > 0 ? journal.file : null, createdAt: journal.data.createdAt, outcomes };
}
