/**
 * What the CI formats list one by one: every server with the findings that decide its status, then each
 * plugin and each file with findings of its own (a manifest error, a marketplace.json problem, a project
 * .mcp.json of the wrong shape). JUnit makes them test cases, markdown table rows.
 */
import type { Report, ReportFinding, ReportServer } from '../core/model/types.js';
import { relativePath } from './paths.js';

/** As the server's status counts them: its own findings, then its plugin's (a manifest that fails drops it). */
export function serverFindings(report: Report, s: ReportServer): ReportFinding[] {
  return [...s.findings, ...report.findings.filter((f) => f.server === null && f.plugin !== null && f.plugin === s.plugin)];
}

export interface OwnFindings {
  kind: 'plugin' | 'file' | 'other';
  /** The plugin id, or the file relative to the base folder ('' for findings with no file). */
  label: string;
  /** For a plugin: its name. */
  name: string;
  findings: ReportFinding[];
}

export function ownFindings(report: Report, baseDir: string | undefined): OwnFindings[] {
  const out: OwnFindings[] = [];
  for (const p of report.plugins) {
    const own = report.findings.filter((f) => f.server === null && f.plugin === p.id);
    if (own.length > 0) out.push({ kind: 'plugin', label: p.id, name: p.name, findings: own });
  }
  const pluginIds = new Set(report.plugins.map((p) => p.id));
  const byFile = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    if (f.server !== null || (f.plugin !== null && pluginIds.has(f.plugin))) continue;
    const key = f.file ? relativePath(f.file, baseDir) : '';
    byFile.set(key, [...(byFile.get(key) ?? []), f]);
  }
  for (const [file, findings] of byFile) out.push({ kind: file ? 'file' : 'other', label: file, name: file, findings });
  return out;
}
