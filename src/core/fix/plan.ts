/**
 * From a finished run to a fix plan: every finding that carries a fix becomes a change (one per path, however
 * many servers asked for it), ordered as each applier declares (venv links first); every other problem that is not a mere
 * symptom becomes a manual step the doctor will not take itself (install go, export a variable, …).
 */
import type { Code } from '../model/catalog.js';
import type { DoctorContext } from '../model/context.js';
import type { DoctorRun } from '../report/doctor-run.js';
import type { Finding, FixPlan } from '../model/types.js';
import { applierFor } from './appliers/index.js';
import { gateOf, gateOpen, type FixGates, type Gate } from './gates.js';
import { rootsFor } from './roots.js';

export interface PlannedChange {
  id: string;
  fix: FixPlan;
  /** The finding that asked for it (the first, when several servers share the path). */
  finding: Finding;
  /** Every server whose findings asked for this change. */
  servers: string[];
  gate: Gate;
  /** False when its gate (--rebuild-venvs, --install-deps, --build) was not given. */
  enabled: boolean;
  /** The folders it may write in. */
  roots: string[];
}

export interface ManualStep {
  code: Code;
  finding: Finding;
}

export interface FixPlanSet {
  changes: PlannedChange[];
  manual: ManualStep[];
}

export function planFixes(run: DoctorRun, ctx: DoctorContext, gates: FixGates): FixPlanSet {
  const byKey = new Map<string, Omit<PlannedChange, 'id'>>();
  const manual: ManualStep[] = [];
  const seenManual = new Set<string>();
  for (const finding of run.findings) {
    if (finding.fix) {
      const key = applierFor(finding.fix.kind).key(finding.fix as never);
      const existing = byKey.get(key);
      if (existing) {
        if (finding.server && !existing.servers.includes(finding.server)) existing.servers.push(finding.server);
        continue;
      }
      const gate = gateOf(finding.fix);
      const server = run.inventory.servers.find((s) => s.id === finding.server);
      byKey.set(key, { fix: finding.fix, finding, servers: finding.server ? [finding.server] : [], gate, enabled: gateOpen(gate, gates), roots: rootsFor(server ?? { plugin: finding.plugin }, run.inventory, ctx) });
    } else if (finding.severity !== 'info' && !finding.causedBy) {
      const key = `${finding.code}:${finding.server ?? finding.plugin ?? ''}:${JSON.stringify(finding.args ?? {})}`;
      if (seenManual.has(key)) continue;
      seenManual.add(key);
      manual.push({ code: finding.code, finding });
    }
  }
  const changes = [...byKey.values()]
    .sort((a, b) => applierFor(a.fix.kind).order - applierFor(b.fix.kind).order)
    .map((c, i) => ({ id: `c${i + 1}`, ...c, servers: [...c.servers].sort() }));
  // Plugins first (by id), then the user's own servers; within each, by server.
  const order = (m: ManualStep) => `${m.finding.plugin === null ? 1 : 0}\u0000${m.finding.plugin ?? ''}\u0000${m.finding.server ?? ''}`;
  manual.sort((a, b) => order(a).localeCompare(order(b)));
  return { changes, manual };
}
