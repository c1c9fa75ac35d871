/**
 * The TUI's `f` key: the core's fix session for one server (the plan from a fresh check of that server, since
 * fixes come from static findings), the confirmation being the TUI's; after applying, the server is
 * re-checked and re-probed. Same plan, applier, journal and undo as `mcp-doctor --fix`. On a plugin's row it
 * is the same for that plugin's own problems (a hook script's): the session re-checks the plugin itself.
 */
import type { DoctorContext } from '../core/model/context.js';
import type { FixGates } from '../core/fix/gates.js';
import { runFixSession } from '../core/engine/fix-session.js';
import { runDoctor, type RunOptions } from '../core/engine/run.js';
import type { FixSection, Report } from '../core/model/types.js';
import { reportView } from '../core/view/report-view.js';
import type { FixPlanView, FixResultView, FixSubject, ServerActions } from './actions.js';

/** A plugin's own problems in a report (info is not one), as its row counts them. */
const pluginProblemCount = (report: Report, id: string) => reportView(report).plugin(id)?.own.filter((f) => f.severity !== 'info').length ?? 0;

export function fixActions(ctx: DoctorContext, runOptions: RunOptions, gates: FixGates): NonNullable<ServerActions['fix']> {
  const checked = (id: string, of: FixSubject) => runDoctor(ctx, { ...runOptions, probe: false, select: of === 'plugin' ? { plugins: [id] } : { ids: [id] } });
  const scope = (id: string, of: FixSubject) => (of === 'plugin' ? { plugins: [id] } : { servers: [id] });
  const view = (id: string, of: FixSubject, section: FixSection): FixPlanView => ({
    serverId: id,
    ...(of === 'plugin' ? { of } : {}),
    changes: section.changes.map((c) => ({ id: c.id, line: c.description, enabled: c.status !== 'skipped', needs: c.option })),
    manual: section.manual.map((m) => m.step),
  });
  return {
    async plan(id, of = 'server') {
      const result = await runFixSession(await checked(id, of), ctx, runOptions, { gates, ...scope(id, of), dryRun: true });
      return view(id, of, result.section);
    },
    async apply(wanted): Promise<FixResultView> {
      const id = wanted.serverId;
      const of = wanted.of ?? 'server';
      const run = await checked(id, of);
      const chosen = wanted.changes.filter((c) => c.enabled).map((c) => c.id);
      const outcomes = (section: FixSection) => section.changes.map((c) => ({ line: c.description, status: c.status === 'planned' ? ('skipped' as const) : c.status, reason: c.reason }));
      if (of === 'plugin') {
        // The session re-checks a plugin after a fix about it as a whole; no re-check when nothing applied.
        const result = await runFixSession(run, ctx, runOptions, { gates, plugins: [id], chosen });
        const before = pluginProblemCount(run.report, id);
        return {
          outcomes: outcomes(result.section),
          before: 'failed',
          after: null,
          plugin: { before, after: result.after ? pluginProblemCount(result.after, id) : before, rechecked: result.after },
          journal: result.section.journal,
        };
      }
      const result = await runFixSession(run, ctx, runOptions, { gates, servers: [id], chosen, recheck: [id] });
      const row = (result.after ?? (await runDoctor(ctx, { ...runOptions, select: { ids: [id] } })).report).servers.find((s) => s.id === id);
      if (!row) throw new Error(`server ${id} is gone after the fix`);
      return {
        outcomes: outcomes(result.section),
        before: run.report.servers.find((s) => s.id === id)?.status ?? row.status,
        after: row,
        journal: result.section.journal,
      };
    },
  };
}
