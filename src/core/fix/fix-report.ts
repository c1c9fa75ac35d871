/** The `fixes` section of the report (JSON and every renderer read it), protected like every other string. */
import { catalog } from '../model/catalog.js';
import type { Redactor } from '../util/redactor.js';
import { protect } from '../report/report.js';
import type { FixSection, Report } from '../model/types.js';
import type { ChangeOutcome } from './apply.js';
import { describeChange } from './describe.js';
import { gateOption } from './gates.js';
import type { FixPlanSet } from './plan.js';

export function fixSection(
  plan: FixPlanSet,
  outcomes: ChangeOutcome[],
  opts: { dryRun: boolean; journal: string | null; before: Report; after?: Report; redactor: Redactor },
): FixSection {
  const rechecked = opts.after ? opts.after.servers : [];
  const section: FixSection = {
    dryRun: opts.dryRun,
    journal: opts.journal,
    changes: outcomes.map(({ change, status, reason, output }) => ({
      id: change.id,
      kind: change.fix.kind,
      description: describeChange(change.fix),
      code: change.finding.code,
      server: change.finding.server,
      servers: change.servers,
      plugin: change.finding.plugin,
      option: change.gate === 'always' ? null : gateOption[change.gate],
      status,
      reason,
      output,
    })),
    manual: plan.manual.map(({ code, finding }) => ({
      code,
      server: finding.server,
      plugin: finding.plugin,
      message: catalog[code].message(finding.args ?? {}),
      step: catalog[code].hint(finding.args ?? {}),
    })),
    servers: rechecked.map((s) => ({ id: s.id, name: s.name, before: opts.before.servers.find((b) => b.id === s.id)?.status ?? s.status, after: s.status })),
  };
  return protect(section, opts.redactor);
}
