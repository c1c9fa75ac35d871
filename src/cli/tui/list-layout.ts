/**
 * The server list as lines: a header for each marketplace and plugin (or scope), then its servers, in the
 * report's order (scope, marketplace, plugin, name). "Problems only" keeps failing and degraded servers,
 * and those still running (they may turn out to fail), and the headers they need.
 */
import type { Report } from '../../core/types.js';
import type { ServerRow } from './run-state.js';

export type ListLine =
  | { kind: 'group'; key: string; depth: number; label: string; detail: string; muted: boolean }
  | { kind: 'server'; id: string; depth: number };

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
  return lines;
}

/** The first line that belongs to a server: its own, or the headers printed just above it. */
export function blockStart(lines: readonly ListLine[], index: number): number {
  let start = index;
  while (start > 0 && lines[start - 1]?.kind === 'group') start--;
  return start;
}
