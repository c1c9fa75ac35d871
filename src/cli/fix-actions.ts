/**
 * The TUI's `f` key, through the same plan, applier, journal and undo as `mcp-doctor --fix`: the plan for one
 * server comes from a fresh check of that server (fixes come from static findings), the confirmation is the
 * TUI's, and after applying the server is re-checked and re-probed.
 */
import type { DoctorContext } from '../core/model/context.js';
import { applyPlan } from '../core/fix/apply.js';
import { fixSection } from '../core/fix/fix-report.js';
import { planFixes, type FixPlanSet } from '../core/fix/plan.js';
import { plannedOutcomes } from '../core/fix/apply.js';
import type { FixGates } from '../core/fix/gates.js';
import { runDoctor, type RunOptions } from '../core/engine/run.js';
import type { FixPlanView, FixResultView, ServerActions } from './actions.js';

export function fixActions(ctx: DoctorContext, runOptions: RunOptions, gates: FixGates): NonNullable<ServerActions['fix']> {
  const planFor = async (id: string) => {
    const run = await runDoctor(ctx, { ...runOptions, probe: false, select: { ids: [id] } });
    const all = planFixes(run, ctx, gates);
    const plan: FixPlanSet = { changes: all.changes.filter((c) => c.servers.includes(id)), manual: all.manual.filter((m) => m.finding.server === id || m.finding.server === null) };
    return { run, plan };
  };
  const view = (id: string, section: ReturnType<typeof fixSection>): FixPlanView => ({
    serverId: id,
    changes: section.changes.map((c) => ({ id: c.id, line: c.description, enabled: c.status !== 'skipped', needs: c.option })),
    manual: section.manual.map((m) => m.step),
  });
  return {
    async plan(id) {
      const { run, plan } = await planFor(id);
      return view(id, fixSection(plan, plannedOutcomes(plan), { dryRun: true, journal: null, before: run.report, redactor: run.redactor }));
    },
    async apply(wanted): Promise<FixResultView> {
      const id = wanted.serverId;
      const { run, plan } = await planFor(id);
      const chosen = new Set(wanted.changes.filter((c) => c.enabled).map((c) => c.id));
      const applied = await applyPlan({ changes: plan.changes.filter((c) => chosen.has(c.id)), manual: [] }, ctx);
      const after = await runDoctor(ctx, { ...runOptions, select: { ids: [id] } });
      const section = fixSection(plan, applied.outcomes, { dryRun: false, journal: applied.journal, before: run.report, after: after.report, redactor: run.redactor });
      const row = after.report.servers.find((s) => s.id === id);
      if (!row) throw new Error(`server ${id} is gone after the fix`);
      return {
        outcomes: section.changes.map((c) => ({ line: c.description, status: c.status === 'planned' ? 'skipped' : c.status, reason: c.reason })),
        before: run.report.servers.find((s) => s.id === id)?.status ?? row.status,
        after: row,
        journal: applied.journal,
      };
    },
  };
}
