/**
 * The TUI's `f` key: the core's fix session for one server (the plan from a fresh check of that server, since
 * fixes come from static findings), the confirmation being the TUI's; after applying, the server is
 * re-checked and re-probed. Same plan, applier, journal and undo as `mcp-doctor --fix`.
 */
import type { DoctorContext } from '../core/model/context.js';
import type { FixGates } from '../core/fix/gates.js';
import { runFixSession } from '../core/engine/fix-session.js';
import { runDoctor, type RunOptions } from '../core/engine/run.js';
import type { FixSection } from '../core/model/types.js';
import type { FixPlanView, FixResultView, ServerActions } from './actions.js';

export function fixActions(ctx: DoctorContext, runOptions: RunOptions, gates: FixGates): NonNullable<ServerActions['fix']> {
  const checked = (id: string) => runDoctor(ctx, { ...runOptions, probe: false, select: { ids: [id] } });
  const view = (id: string, section: FixSection): FixPlanView => ({
    serverId: id,
    changes: section.changes.map((c) => ({ id: c.id, line: c.description, enabled: c.status !== 'skipped', needs: c.option })),
    manual: section.manual.map((m) => m.step),
  });
  return {
    async plan(id) {
      const result = await runFixSession(await checked(id), ctx, runOptions, { gates, servers: [id], dryRun: true });
      return view(id, result.section);
    },
    async apply(wanted): Promise<FixResultView> {
      const id = wanted.serverId;
      const run = await checked(id);
      const chosen = wanted.changes.filter((c) => c.enabled).map((c) => c.id);
      const result = await runFixSession(run, ctx, runOptions, { gates, servers: [id], chosen, recheck: [id] });
      const row = (result.after ?? (await runDoctor(ctx, { ...runOptions, select: { ids: [id] } })).report).servers.find((s) => s.id === id);
      if (!row) throw new Error(`server ${id} is gone after the fix`);
      return {
        outcomes: result.section.changes.map((c) => ({ line: c.description, status: c.status === 'planned' ? 'skipped' : c.status, reason: c.reason })),
        before: run.report.servers.find((s) => s.id === id)?.status ?? row.status,
        after: row,
        journal: result.section.journal,
      };
    },
  };
}
