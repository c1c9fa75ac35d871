/**
 * The server list as lines: a header for each marketplace and plugin (or scope), then its servers, in the
 * report's order (scope, marketplace, plugin, name). "Problems only" keeps failing and degraded servers,
 * and those still running (they may turn out to fail), and the headers they need.
 */
import type { Report, ReportFinding } from '../../core/model/types.js';
import type { ServerRow } from './run-state.js';

export type ListLine =
  | { kind: 'group'; key: string; depth: number; label: string; detail: string; muted: boolean }
  | { kind: 'server'; id: string; depth: number }
  /** A finding that belongs to no listed server (a marketplace, a registry, a plugin without servers). */
  | { kind: 'finding'; key: string; depth: number; finding: ReportFinding };

export function isProblem(row: ServerRow): boolean {
  return row.phase !== null || row.server.status === 'failed' || row.server.status === 'degraded';
}

const scopeLabel = { user: 'User scope', project: 'Project scope', local: 'Local scope' } as const;

export function listLines(rows: readonly ServerRow[], report: Report | null, problemsOnly: boolean): ListLine[] {
  const lines: ListLine[] = [];
  let open: string[] = [];
  for (const row of rows) {
    if (problemsOnly && !isProblem(row)) continue;
    const s = row.server;
    const groups: ListLine[] = [];
    if (s.scope === 'plugin' || s.scope === 'author') {
      const mkt = report?.marketplaces.find((m) => m.name === s.marketplace);
      const plugin = report?.plugins.find((p) => p.id === s.plugin);
      groups.push({
        kind: 'group',
        key: `m:${s.marketplace ?? ''}`,
        depth: 0,
        label: s.marketplace ?? 'Plugins',
        detail: mkt ? `${mkt.source}${mkt.location ? ` ${mkt.location}` : ''}` : s.marketplace ? 'not registered' : '',
        muted: false,
      });
      groups.push({
        kind: 'group',
        key: `p:${s.plugin ?? s.root ?? ''}`,
        depth: 1,
        label: `${plugin?.name ?? s.plugin ?? 'plugin'}${plugin?.version ? ` ${plugin.version}` : ''}`,
        detail: plugin?.root ?? s.root ?? '',
        muted: plugin ? !plugin.enabled : false,
      });
    } else {
      const files = [...new Set(rows.filter((r) => r.server.scope === s.scope).map((r) => r.server.source.file))];
      groups.push({ kind: 'group', key: `s:${s.scope}`, depth: 0, label: scopeLabel[s.scope], detail: files.join(', '), muted: false });
    }
    const keys = groups.map((g) => (g.kind === 'group' ? g.key : ''));
    // Print the headers from the first level that differs from the group already open.
    let same = 0;
    while (same < keys.length && keys[same] === open[same]) same++;
    lines.push(...groups.slice(same));
    open = keys;
    lines.push({ kind: 'server', id: s.id, depth: groups.length });
  }
  const loose = looseFindings(rows, report);
  if (loose.length > 0) {
    lines.push({ kind: 'group', key: 'other', depth: 0, label: 'Other problems', detail: '', muted: false });
    loose.forEach((finding, i) => lines.push({ kind: 'finding', key: `f:${i}`, depth: 1, finding }));
  }
  return lines;
}

/** Errors and warnings no server row shows: not about a server, nor about the plugin of a listed one. */
export function looseFindings(rows: readonly ServerRow[], report: Report | null): ReportFinding[] {
  const plugins = new Set(rows.map((r) => r.server.plugin).filter((p) => p !== null));
  return (report?.findings ?? []).filter((f) => f.server === null && f.severity !== 'info' && !(f.plugin !== null && plugins.has(f.plugin)));
}

/** The first line that belongs to a server: its own, or the headers printed just above it. */
export function blockStart(lines: readonly ListLine[], index: number): number {
  let start = index;
  while (start > 0 && lines[start - 1]?.kind === 'group') start--;
  return start;
}
