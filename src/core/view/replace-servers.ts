/**
 * A report with some servers checked again (a re-check after a fix, the live view's re-probe): their rows,
 * their own findings and their plugins' findings come from the new run; everything else stays; the plugin
 * verdicts and the summary are counted again by the same functions that counted them first.
 */
import type { Report } from '../model/types.js';
import { pluginLoad } from '../report/plugin-load.js';
import { compareFindings, summarize } from '../report/report.js';

export function replaceServers(before: Report, after: Pick<Report, 'servers' | 'findings' | 'plugins'> & { generatedAt?: string }): Report {
  const rechecked = new Set(after.servers.map((s) => s.id));
  const plugins = new Set(after.plugins.map((p) => p.id));
  const stale = (f: Report['findings'][number]) => (f.server !== null ? rechecked.has(f.server) : f.plugin !== null && plugins.has(f.plugin));
  const servers = before.servers.map((s) => after.servers.find((a) => a.id === s.id) ?? s);
  const findings = [...before.findings.filter((f) => !stale(f)), ...after.findings].sort(compareFindings);
  return {
    ...before,
    generatedAt: after.generatedAt ?? before.generatedAt,
    servers,
    findings,
    plugins: before.plugins.map((p) => ({ ...p, load: pluginLoad(p.id, findings, p.enabled) })),
    summary: summarize(before.summary.marketplaces, before.summary.plugins, servers, findings),
  };
}
