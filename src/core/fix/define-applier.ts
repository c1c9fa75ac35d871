/**
 * An applier carries out one kind of fix. Like a check it is a small typed object in an explicit list
 * (`appliers/index.ts`): `check` says whether the change is still needed and safe (it never writes), `apply`
 * makes it and returns the state it left, `undo` reverts it only if the path is still as the fix left it.
 */
import type { DoctorContext } from '../model/context.js';
import type { FixPlan } from '../model/types.js';
import type { Journal, JournalEntry, PathState } from './journal.js';

export interface ApplyContext {
  ctx: DoctorContext;
  /** The folders this change may write in (see roots.ts). */
  roots: string[];
  journal: Journal;
  /** This change's id, for names of backups it keeps. */
  entryId: string;
  /** Per-command timeout for programs the applier runs. */
  timeoutMs: number;
}

export type Precheck = { ok: true; before: PathState } | { ok: false; reason: string };

export interface Applied {
  after: PathState;
  /** What the programs it ran printed (last lines), for the report. */
  output?: string[];
  /** Something the user should know about the result (e.g. "nothing to install from"). */
  note?: string;
}

export type Undone = { undone: true; note?: string } | { undone: false; reason: string };

/** What undo compares the path against: the recorded result, or for an interrupted entry the expected one. */
export function leftBy(entry: JournalEntry): PathState {
  return entry.after ?? entry.expected ?? {};
}

/** Undo of an interrupted entry whose change never happened: nothing to revert. */
export const notMade: Undone = { undone: true, note: 'the interrupted change had not been made; nothing to revert' };

export function changedSince(path: string): Undone {
  return { undone: false, reason: `${path} changed since the fix; left alone` };
}

export interface Applier<K extends FixPlan['kind'] = FixPlan['kind']> {
  kind: K;
  check(fix: Extract<FixPlan, { kind: K }>, a: Omit<ApplyContext, 'journal' | 'entryId'>): Promise<Precheck>;
  /**
   * The state the change will leave, recorded with `before` when the entry begins: if the doctor is
   * interrupted mid-change, undo compares against it to tell a change that happened from one that did not.
   */
  expect(fix: Extract<FixPlan, { kind: K }>, before: PathState): PathState;
  /** Throws FixFailure after undoing its own partial work. */
  apply(fix: Extract<FixPlan, { kind: K }>, before: PathState, a: ApplyContext): Promise<Applied>;
  /**
   * Reverts the change if the path is as the fix left it (`entry.after`, or `entry.expected` for an entry
   * interrupted while pending); otherwise leaves it alone and says why.
   */
  undo(entry: JournalEntry & { fix: Extract<FixPlan, { kind: K }> }, a: { ctx: DoctorContext; journalBackupDir: string }): Promise<Undone>;
}

export function defineApplier<K extends FixPlan['kind']>(applier: Applier<K>): Applier<K> {
  return applier;
}
