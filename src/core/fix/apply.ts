/**
 * The one applier loop: for each enabled change, its applier checks it is still needed and safe, the journal
 * records the state it replaces, and only then is the change made. A failed step stops the remaining fixes of
 * the servers it concerns. It holds the fix lock (one fix at a time per home); the journal is written and
 * synced before the first change; the result names a journal only when a change was made (one whose changes
 * all failed was taken back, and its journal removed: nothing to undo). Running out of space for the journal
 * or a change takes back everything this run made and ends it as a usage-level failure.
 */
import { rm } from 'node:fs/promises';
import { siblingTemp } from '../util/atomic-replace.js';
import type { DoctorContext } from '../model/context.js';
import { UsageError } from '../util/usage-error.js';
import { applierFor } from './appliers/index.js';
import type { ApplyContext } from './define-applier.js';
import { describeChange } from './describe.js';
import { gateOption } from './gates.js';
import { isNoSpace, Journal, type JournalEntry } from './journal.js';
import { FixLock } from './lock.js';
import type { FixPlanSet, PlannedChange } from './plan.js';
import { rootOf } from './roots.js';
import { FixFailure } from './run-command.js';

export type ChangeStatus = 'planned' | 'applied' | 'skipped' | 'failed';

export interface ChangeOutcome {
  change: PlannedChange;
  status: ChangeStatus;
  /** Why it was skipped or failed, or a note about the result. */
  reason: string | null;
  /** What the programs it ran printed (last lines). */
  output: string[];
}

export interface ApplyResult {
  outcomes: ChangeOutcome[];
  /** The journal `undo` reverts, or null when no change was made. */
  journal: string | null;
  /** Servers whose fixes were applied: they are re-checked and re-probed. */
  touched: string[];
}

export interface ApplyOptions {
  /** Per command the applier runs (venv, pip, npm, a build). */
  timeoutMs?: number;
  onOutcome?: (outcome: ChangeOutcome) => void;
  /** A lock the caller already holds (the session holds one across recovery and apply). */
  lock?: FixLock;
}

/** The outcomes a dry run shows: what would happen, nothing done. */
export function plannedOutcomes(plan: FixPlanSet): ChangeOutcome[] {
  return plan.changes.map((change) => ({
    change,
    status: change.enabled ? 'planned' : 'skipped',
    reason: change.enabled ? null : `needs ${gateOption[change.gate as keyof typeof gateOption]}`,
    output: [],
  }));
}

export async function applyPlan(plan: FixPlanSet, ctx: DoctorContext, options: ApplyOptions = {}): Promise<ApplyResult> {
  const outcomes: ChangeOutcome[] = [];
  if (!plan.changes.some((c) => c.enabled)) {
    for (const change of plan.changes) outcomes.push({ change, status: 'skipped', reason: `needs ${gateOption[change.gate as keyof typeof gateOption]}`, output: [] });
    for (const o of outcomes) options.onOutcome?.(o);
    return { outcomes, journal: null, touched: [] };
  }
  const lock = options.lock ?? (await FixLock.acquire(ctx, '--fix'));
  try {
    return await applyLocked(plan, ctx, options, lock);
  } finally {
    if (!options.lock) await lock.release();
  }
}

async function applyLocked(plan: FixPlanSet, ctx: DoctorContext, options: ApplyOptions, lock: FixLock): Promise<ApplyResult> {
  const journal = Journal.create(ctx);
  const outcomes: ChangeOutcome[] = [];
  const failedServers = new Set<string>();
  const touched = new Set<string>();
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const report = (o: ChangeOutcome) => {
    outcomes.push(o);
    options.onOutcome?.(o);
  };
  const onGroup = (pid: number | undefined, running: boolean) => lock.child(pid, running);

  await journal.ready();
  for (const change of plan.changes) {
    if (!change.enabled) {
      report({ change, status: 'skipped', reason: `needs ${gateOption[change.gate as keyof typeof gateOption]}`, output: [] });
      continue;
    }
    const blocked = change.servers.find((s) => failedServers.has(s));
    if (blocked) {
      report({ change, status: 'skipped', reason: `an earlier fix for ${blocked} failed`, output: [] });
      continue;
    }
    const applier = applierFor(change.fix.kind);
    let pre;
    try {
      pre = await applier.check(change.fix as never, { ctx, roots: change.roots, timeoutMs });
    } catch (error) {
      // Looking at the path failed (permissions, a vanished folder): nothing was changed.
      report({ change, status: 'failed', reason: `could not check it: ${error instanceof Error ? error.message : String(error)}`, output: [] });
      continue;
    }
    if (!pre.ok) {
      report({ change, status: 'skipped', reason: pre.reason, output: [] });
      continue;
    }
    let entry: JournalEntry;
    try {
      entry = await journal.begin({
        id: change.id,
        fix: change.fix,
        code: change.finding.code,
        server: change.finding.server,
        before: pre.before,
        expected: applier.expect(change.fix as never, pre.before),
      });
    } catch (error) {
      // The record could not be written: this change is not made, and those made before are taken back.
      return abort(journal, ctx, error, `recording the change to ${describeChange(change.fix)}`);
    }
    const a: ApplyContext = {
      ctx,
      roots: change.roots,
      journal,
      entryId: change.id,
      entry,
      timeoutMs,
      onGroup,
      async temp(path) {
        const tmp = siblingTemp(path);
        await journal.note(entry, { temps: [tmp] });
        return tmp;
      },
      async guard(path) {
        if (!(await rootOf(path, change.roots))) throw new FixFailure(`${path} now leads outside the folders mcp-doctor may change (a folder became a link?); left alone`);
      },
    };
    let done;
    try {
      done = await applier.apply(change.fix as never, pre.before, a);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isNoSpace(error)) {
        entry.status = 'failed';
        return abort(journal, ctx, error, describeChange(change.fix));
      }
      await journal.settle(entry, 'failed', { note: message }).catch(() => undefined);
      for (const s of change.servers) failedServers.add(s);
      report({ change, status: 'failed', reason: message, output: error instanceof FixFailure ? error.output : [] });
      continue;
    }
    try {
      await journal.settle(entry, 'applied', { after: done.after, note: done.note });
    } catch (error) {
      // Made, but its record could not say so: take it back with the others.
      entry.status = 'applied';
      entry.after = done.after;
      return abort(journal, ctx, error, `recording the change to ${describeChange(change.fix)}`);
    }
    for (const s of change.servers) touched.add(s);
    report({ change, status: 'applied', reason: done.note ?? null, output: done.output ?? [] });
  }
  const kept = journal.data.entries.some((e) => e.status === 'applied');
  if (!kept) await journal.discard();
  return { outcomes, journal: kept ? journal.file : null, touched: [...touched] };
}

/**
 * A write failed in a way that stops the whole fix (no space for the journal or a change): every change this
 * run made is taken back, newest first, and the run ends as a usage-level failure saying so.
 */
async function abort(journal: Journal, ctx: DoctorContext, error: unknown, during: string): Promise<never> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : String(error));
  const made = journal.data.entries.filter((e) => e.status === 'applied' || e.status === 'pending');
  const notBack: string[] = [];
  for (const entry of [...made].reverse()) {
    for (const t of entry.temps ?? []) await rm(t, { recursive: true, force: true }).catch(() => undefined);
    try {
      const r = await applierFor(entry.fix.kind).undo(entry as never, { ctx, journalBackupDir: journal.backupDir, temp: async (p) => siblingTemp(p) });
      entry.status = r.undone ? 'undone' : 'left';
      if (!r.undone) notBack.push(`${describeChange(entry.fix)}: ${r.reason}`);
    } catch (e) {
      notBack.push(`${describeChange(entry.fix)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  await journal.save().catch(() => undefined);
  if (notBack.length === 0) await journal.discard();
  const what = made.length === 0 ? 'before any change; nothing was changed' : `after ${made.length} change${made.length === 1 ? '' : 's'}; ${notBack.length === 0 ? `${made.length === 1 ? 'it was' : 'they were'} rolled back, nothing is changed` : `could not roll back: ${notBack.join('; ')} (see mcp-doctor undo --list)`}`;
  throw new UsageError(`--fix stopped: ${isNoSpace(error) ? 'no space left on the device' : code} while ${during}, ${what}`);
}
