/**
 * An applier carries out one kind of fix. Like a check it is a small typed object in an explicit list
 * (`appliers/index.ts`): `check` says whether the change is still needed and safe (it never writes), `apply`
 * makes it and returns the state it left, `undo` reverts it only if the path is still as the fix left it.
 */
import type { DoctorContext } from '../model/context.js';
import type { FixPlan } from '../model/types.js';
import type { Journal, JournalEntry, PathState } from './journal.js';

/** The option a kind of fix needs beyond --fix, or 'always' (see gates.ts). */
export type Gate = 'always' | 'rebuild-venvs' | 'install-deps' | 'build';

export interface ApplyContext {
  ctx: DoctorContext;
  /** The folders this change may write in (see roots.ts). */
  roots: string[];
  journal: Journal;
  /** This change's id, for names of backups it keeps. */
  entryId: string;
  /** This change's pending journal entry. */
  entry: JournalEntry;
  /** Per-command timeout for programs the applier runs. */
  timeoutMs: number;
  /** A hidden name beside `path` for a temporary, recorded in the journal before it is made. */
  temp(path: string): Promise<string>;
  /** Right before a switch: `path` still lands inside the roots by its real location (a folder swapped for a link is caught). */
  guard(path: string): Promise<void>;
  /** For the programs it runs: their process group is recorded while it runs (see lock.ts). */
  onGroup?: (pid: number | undefined, running: boolean) => Promise<void>;
}

/** What an applier's undo gets: the journal's folder of displaced things, and temporaries recorded like apply's. */
export interface UndoContext {
  ctx: DoctorContext;
  journalBackupDir: string;
  temp(path: string): Promise<string>;
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

/** Undo finds the path as it was before the fix (an undo killed after the revert, before its record): done. */
export const alreadyReverted: Undone = { undone: true, note: 'already as it was before the fix' };

/** The path is in its state from before the fix: for a pending entry the change never happened, else it was reverted. */
export function asBefore(entry: JournalEntry): Undone {
  return entry.status === 'pending' ? notMade : alreadyReverted;
}

export function changedSince(path: string): Undone {
  return { undone: false, reason: `${path} changed since the fix; left alone` };
}

export interface Applier<K extends FixPlan['kind'] = FixPlan['kind']> {
  kind: K;
  /**
   * The option that lets this kind run, or 'always' for the small exact reversible ones. Declared by every
   * applier, never defaulted: a new kind that forgot it must not run ungated (defineApplier refuses it).
   */
  gate: Gate;
  /** Where its changes come in a plan, lowest first (links before the scripts they serve, builds last). */
  order: number;
  /** What makes two fixes the same change (one per path, however many servers ask for it). */
  key(fix: Extract<FixPlan, { kind: K }>): string;
  /** Where the change writes, for the roots check (the real file for a mode or a script's bytes). */
  writeTargets(fix: Extract<FixPlan, { kind: K }>): Promise<string[]>;
  /** One line saying what it does and where (renderers add why and for whom). */
  describe(fix: Extract<FixPlan, { kind: K }>): string;
  check(fix: Extract<FixPlan, { kind: K }>, a: Pick<ApplyContext, 'ctx' | 'roots' | 'timeoutMs'>): Promise<Precheck>;
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
  undo(entry: JournalEntry & { fix: Extract<FixPlan, { kind: K }> }, a: UndoContext): Promise<Undone>;
}

const gates: readonly Gate[] = ['always', 'rebuild-venvs', 'install-deps', 'build'];

/** Refuses an applier that does not say how it is gated and where it is ordered: a programming error. */
export function defineApplier<K extends FixPlan['kind']>(applier: Applier<K>): Applier<K> {
  const declared = applier as Partial<Applier<K>>;
  if (!declared.gate || !gates.includes(declared.gate)) throw new Error(`programming error: the applier for '${applier.kind}' declares no gate`);
  if (typeof declared.order !== 'number') throw new Error(`programming error: the applier for '${applier.kind}' declares no order`);
  return applier;
}
