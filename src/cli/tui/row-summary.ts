/**
 * The one line a server gets in the list once it is done: its root cause for a failing or degraded server,
 * what answered for a healthy one, why it was left alone for a disabled one. A crash or a timeout is told
 * by the stderr line that names the error (not the footer a runtime prints last).
 */
import type { Report, ReportFinding, ReportServer } from '../../core/model/types.js';
import { serverView } from '../../core/view/report-view.js';
import { catalog } from '../../core/model/catalog.js';
import { seconds } from '../../core/model/catalog/probe.js';
import { shortForm } from '../../core/model/catalog/words.js';
import { compactPaths, tildeHome } from './shorten.js';

import type { Tone } from './theme.js';

export interface RowSummary {
  text: string;
  tone: Tone;
}

/** What a server's detail shows: its view's findings (its own, then its plugin's), as the core's view decides. */
export function findingsFor(server: ReportServer, report: Report | null): ReportFinding[] {
  return serverView(server, report).shown;
}

export { seconds };

/** "answered in 566 ms · fixture-ok 1.2.3 · 2 tools" */
export function answeredLine(server: ReportServer): string | null {
  const p = server.probe;
  if (!p || p.outcome !== 'answered') return null;
  const who = p.serverInfo ? `${p.serverInfo.name} ${p.serverInfo.version}`.trim() : '';
  const tools = p.tools === null || p.tools === undefined ? '' : `${p.tools} tool${p.tools === 1 ? '' : 's'}`;
  return [`answered in ${p.durationMs} ms`, who, tools].filter(Boolean).join(' · ');
}

/** The words for one finding on one line; paths shortened so the rest of the sentence stays visible. */
export function findingLine(f: ReportFinding, home: string | undefined, pathWidth = 40): string {
  return compactPaths(shortForm(catalog[f.code], f.evidence, f.message), pathWidth, home);
}

/** `pathWidth`: paths in the sentence are shortened to this, so the rest of it fits on the line. */
export function rowSummary(server: ReportServer, report: Report | null, home: string | undefined, pathWidth = 28): RowSummary {
  switch (server.status) {
    case 'disabled': {
      const plugin = report?.plugins.find((p) => p.id === server.plugin);
      return { text: plugin ? `disabled in ${tildeHome(plugin.enabledBy, home)}` : 'disabled', tone: 'muted' };
    }
    case 'skipped':
      return { text: server.skipReason === 'bundle' ? 'MCP bundle: not unpacked, not checked' : `not checked (${server.skipReason ?? server.transport})`, tone: 'muted' };
    case 'ok':
      return { text: answeredLine(server) ?? (report?.probe ? 'no problems found' : 'static checks passed (not started)'), tone: 'muted' };
    case 'degraded':
    case 'failed': {
      const cause = serverView(server, report).cause;
      const tone = server.status === 'failed' ? 'fail' : 'warn';
      if (!cause) return { text: server.plugin ? `its plugin ${server.plugin} has a problem` : 'has a problem', tone };
      return { text: findingLine(cause, home, pathWidth), tone };
    }
  }
}
