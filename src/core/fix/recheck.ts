/**
 * After fixes, the servers they touched are checked and probed again; the whole picture is the earlier
 * report with those servers (and their plugins' findings) replaced by the new run's, so the exit code comes
 * from the state after the fix.
 */
import { compareFindings, summarize } from '../report/report.js';
import type { Report } from '../model/types.js';

export function mergeRecheck(before: Report, after: Report): Report {
  const rechecked = new Set(after.servers.map((s) => s.id));
  const plugins = new Set(after.plugins.map((p) => p.id));
  const stale = (f: Report['findings'][number]) => (f.server !== null ? rechecked.has(f.server) : f.plugin !== null && plugins.has(f.plugin));
  const servers = before.servers.map((s) => after.servers.find((a) => a.id === s.id) ?? s);
  const findings = [...before.findings.filter((f) => !stale(f)), ...after.findings].sort(compareFindings);
  return { ...before, generatedAt: after.generatedAt, servers, findings, summary: summarize(before.summary.marketplaces, before.summary.plugins, servers, findings) };
}
