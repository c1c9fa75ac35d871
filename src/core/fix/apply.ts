/**
 * The one applier loop: for each enabled change, its applier checks it is still needed and safe, the journal
 * records the state it replaces, and only then is the change made. A failed step stops the remaining fixes of
 * the servers it concerns. No journal is written unless a change is about to be made; the result names a
 * journal only when a change was made (one whose changes all failed was taken back: nothing to undo).
 */
import type { DoctorContext } from '../model/context.js';
import { gateOption } from './gates.js';
import { Journal } from './journal.js';
import { applierFor } from './appliers/index.js';
import type { FixPlanSet, PlannedChange } from './plan.js';
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
  const journal = Journal.create(ctx);
  const outcomes: ChangeOutcome[] = [];
  const failedServers = new Set<string>();
  const touched = new Set<string>();
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const report = (o: ChangeOutcome) => {
    outcomes.push(o);
    options.onOutcome?.(o);
  };

  if (plan.changes.some((c) => c.enabled)) await journal.ready();
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
    const entry = await journal.begin({
      id: change.id,
      fix: change.fix,
      code: change.finding.code,
      server: change.finding.server,
      before: pre.before,
      expected: applier.expect(change.fix as never, pre.before),
    });
    try {
      const done = await applier.apply(change.fix as never, pre.before, { ctx, roots: change.roots, journal, entryId: change.id, timeoutMs });
      await journal.settle(entry, 'applied', { after: done.after, note: done.note });
      for (const s of change.servers) touched.add(s);
      report({ change, status: 'applied', reason: done.note ?? null, output: done.output ?? [] });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await journal.settle(entry, 'failed', { note: message });
      for (const s of change.servers) failedServers.add(s);
      report({ change, status: 'failed', reason: message, output: error instanceof FixFailure ? error.output : [] });
    }
  }
  return { outcomes, journal: journal.data.entries.some((e) => e.status === 'applied') ? journal.file : null, touched: [...touched] };
}
