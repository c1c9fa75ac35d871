/** Which findings keep their fix: only those the applier may make, judged by where it would write. */
import type { DoctorContext } from '../model/context.js';
import type { Finding, Inventory, ServerEntry } from '../model/types.js';
import { applierFor } from './appliers/index.js';
import { rootOf, rootsFor } from './roots.js';

/**
 * Drops the fix of a finding that `--fix` would refuse to make because it writes outside the folders it may
 * change (a user's own script behind a user-scope server): the report must not offer what the applier
 * will not do. The finding's hint still says how to do it by hand.
 */
export async function dropUnreachableFixes(findings: Finding[], server: ServerEntry, inventory: Inventory, ctx: DoctorContext): Promise<void> {
  await dropOutside(findings.filter((f) => f.server === server.id), rootsFor(server, inventory, ctx));
}

/** The same for the findings about a plugin as a whole (a hook script's mode or line endings). */
export async function dropUnreachablePluginFixes(findings: Finding[], pluginId: string, inventory: Inventory, ctx: DoctorContext): Promise<void> {
  await dropOutside(findings.filter((f) => f.server === null && f.plugin === pluginId), rootsFor({ plugin: pluginId }, inventory, ctx));
}

async function dropOutside(findings: Finding[], roots: string[]): Promise<void> {
  for (const f of findings) {
    if (!f.fix) continue;
    for (const target of await applierFor(f.fix.kind).writeTargets(f.fix as never)) {
      if (!(await rootOf(target, roots))) {
        delete f.fix;
        break;
      }
    }
  }
}
