/**
 * What the CI formats list one by one, read from the core's report view: every server with the findings it
 * shows, then each plugin and each file with findings of its own (a manifest error, a marketplace.json
 * problem, a project .mcp.json of the wrong shape). JUnit makes them test cases, Markdown table rows.
 */
import type { Report, ReportFinding, ReportServer } from '../core/model/types.js';
import { reportView } from '../core/view/report-view.js';
import { relativePath } from './paths.js';

/** Its own findings, then its plugin's own ones (the view's `shown`). */
export function serverFindings(report: Report, s: ReportServer): ReportFinding[] {
  return reportView(report).server(s.id)?.shown ?? s.findings;
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
  const view = reportView(report);
  const plugins = view.plugins.filter((p) => p.own.length > 0).map((p): OwnFindings => ({ kind: 'plugin', label: p.plugin.id, name: p.plugin.name, findings: p.own }));
  // Files are grouped by their path as shown (relative to the base folder).
  const byFile = new Map<string, ReportFinding[]>();
  for (const g of view.files) {
    const key = g.file ? relativePath(g.file, baseDir) : '';
    byFile.set(key, [...(byFile.get(key) ?? []), ...g.findings]);
  }
  return [...plugins, ...[...byFile].map(([file, findings]): OwnFindings => ({ kind: file ? 'file' : 'other', label: file, name: file, findings }))];
}
