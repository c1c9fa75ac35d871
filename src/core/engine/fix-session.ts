/**
 * The one fix session: plan → confirm → apply → re-check → the resulting `fixes` section, as data. `--fix`,
 * the live view's `f` key and the MCP tool `fix_plan` all run it; each supplies only what differs (how to
 * ask, what to print as a change lands, which servers to plan for). Before planning, an interrupted earlier
 * fix is rolled back (recover.ts). Nothing here prints or exits.
 */
import type { DoctorContext } from '../model/context.js';
import { runDoctor, type DoctorRun, type RunOptions } from './run.js';
import type { FixSection, Report } from '../model/types.js';
import { applyPlan, plannedOutcomes, type ApplyResult, type ChangeOutcome } from '../fix/apply.js';
import { fixSection } from '../fix/fix-report.js';
import type { FixGates } from '../fix/gates.js';
import { planFixes, type FixPlanSet, type PlannedChange } from '../fix/plan.js';
import { mergeRecheck } from '../fix/recheck.js';
import { recoverInterrupted } from '../fix/recover.js';

export interface FixSessionOptions {
  gates: FixGates;
  /** Plan and stop: nothing is asked or changed (`--dry-run`, `fix_plan`, the live view's plan step). */
  dryRun?: boolean;
  /** Only the changes (and manual steps) for these servers (the live view fixes one server). */
  servers?: string[];
  /** Only the changes (and manual steps) about these plugins as a whole, a hook script's (the live view's plugin row). */
  plugins?: string[];
  /** Only these planned changes, by id (the ones the user kept enabled in the live view). */
  chosen?: string[];
  /** Asked once with the preview before anything changes; false changes nothing. Absent: apply. */
  confirm?: (preview: FixSection, enabled: PlannedChange[], diagnosis: Report, recovered: string[]) => Promise<boolean>;
  /** Each change's outcome as it lands, as its row of the section. */
  onOutcome?: (change: FixSection['changes'][number], outcome: ChangeOutcome) => void;
  /** Servers re-checked after applying even when no change touched them (the live view's row). */
  recheck?: string[];
  timeoutMs?: number;
}

export type FixSessionState = 'dry-run' | 'nothing-to-do' | 'declined' | 'applied';

export interface FixSessionResult {
  state: FixSessionState;
  plan: FixPlanSet;
  /** The `fixes` section: the preview until something was applied, then the outcomes. */
  section: FixSection;
  /** The report to publish: the diagnosis, or after applying the state after the re-check, with `fixes`. */
  report: Report;
  /** The re-check's own report (only the re-checked servers), when there was one. */
  after: Report | null;
  applied: ApplyResult | null;
  /** What finishing an interrupted earlier fix did (each a line), before this one planned. */
  recovered: string[];
  /** The diagnosis the plan was made from (a fresh one when recovery changed the home). */
  diagnosis: Report;
}

function scoped(plan: FixPlanSet, opts: FixSessionOptions): FixPlanSet {
  const { servers, plugins } = opts;
  if (!servers && !plugins) return plan;
  const aboutPlugin = (f: { server: string | null; plugin: string | null }) => f.server === null && f.plugin !== null && !!plugins?.includes(f.plugin);
  return {
    changes: plan.changes.filter((c) => c.servers.some((s) => servers?.includes(s)) || (c.servers.length === 0 && aboutPlugin(c.finding))),
    manual: plan.manual.filter((m) => (servers && (m.finding.server === null || servers.includes(m.finding.server))) || aboutPlugin(m.finding)),
  };
}

export async function runFixSession(given: DoctorRun, ctx: DoctorContext, runOptions: RunOptions, opts: FixSessionOptions): Promise<FixSessionResult> {
  let run = given;
  let recovered: string[] = [];
  if (!opts.dryRun) {
    const r = await recoverInterrupted(ctx);
    recovered = r.lines;
    // Rolling back an interrupted change altered the home: plan from what is there now.
    if (r.changed) run = await runDoctor(ctx, runOptions.select || (!opts.servers && !opts.plugins) ? runOptions : { ...runOptions, select: { ids: opts.servers ?? [], plugins: opts.plugins } });
  }
  const { redactor } = run;
  const plan = scoped(planFixes(run, ctx, opts.gates), opts);
  const preview = fixSection(plan, plannedOutcomes(plan), { dryRun: true, journal: null, before: run.report, redactor });
  const stop = (state: FixSessionState): FixSessionResult => ({ state, plan, section: preview, report: { ...run.report, fixes: preview }, after: null, applied: null, recovered, diagnosis: run.report });

  const chosen = opts.chosen ? new Set(opts.chosen) : null;
  const enabled = plan.changes.filter((c) => c.enabled && (!chosen || chosen.has(c.id)));
  if (opts.dryRun) return stop('dry-run');
  if (enabled.length === 0) return stop('nothing-to-do');
  if (opts.confirm && !(await opts.confirm(preview, enabled, run.report, recovered))) return stop('declined');

  const toApply: FixPlanSet = chosen ? { changes: plan.changes.filter((c) => chosen.has(c.id)), manual: [] } : plan;
  const applied = await applyPlan(toApply, ctx, {
    timeoutMs: opts.timeoutMs,
    onOutcome: (o) => opts.onOutcome?.(fixSection(plan, [o], { dryRun: false, journal: null, before: run.report, redactor }).changes[0]!, o),
  });

  const recheck = [...new Set([...applied.touched, ...(opts.recheck ?? [])])];
  // A fix about a plugin as a whole (a hook script) names no server: its plugin is checked again.
  const plugins = [...new Set(applied.outcomes.filter((o) => o.status === 'applied' && o.change.servers.length === 0 && o.change.finding.plugin).map((o) => o.change.finding.plugin as string))];
  let after: Report | null = null;
  let final = run.report;
  if (recheck.length > 0 || plugins.length > 0) {
    after = (await runDoctor(ctx, { ...runOptions, select: { ids: recheck, plugins } })).report;
    final = mergeRecheck(run.report, after);
  }
  const section = fixSection(plan, applied.outcomes, { dryRun: false, journal: applied.journal, before: run.report, after: after ?? undefined, redactor });
  return { state: 'applied', plan, section, report: { ...final, fixes: section }, after, applied, recovered, diagnosis: run.report };
}
