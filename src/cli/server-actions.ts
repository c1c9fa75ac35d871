/**
 * What the live view may ask of the engine for one server (`ServerActions`), built by the CLI so the view
 * never touches the core's machinery. A re-probe is a run of the core narrowed to that server: discovery
 * stays whole (so precedence and duplicates are judged as before), only that server is checked and started.
 */
import type { DoctorContext } from '../core/model/context.js';
import { runDoctor, type RunOptions } from '../core/engine/run.js';
import type { ServerActions } from './actions.js';

export function createServerActions(ctx: DoctorContext, run: RunOptions, fix?: ServerActions['fix']): ServerActions {
  const recheck = async (id: string) => {
    const { report } = await runDoctor(ctx, { ...run, select: { ids: [id] }, onEvent: undefined });
    if (!report.servers.some((s) => s.id === id)) throw new Error(`${id} is no longer in the configuration`);
    return report;
  };
  return {
    recheck,
    async reprobe(id) {
      return (await recheck(id)).servers.find((s) => s.id === id)!;
    },
    ...(fix ? { fix } : {}),
  };
}
