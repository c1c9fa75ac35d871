/**
 * The list as lines: a header for each marketplace (or scope), a row for each plugin, then its servers, in
 * the report's order (scope, marketplace, plugin, name); then a row for each file whose problems belong to
 * no listed plugin (a marketplace.json, a settings file, a ghost install). Every problem is on a row that
 * can be selected: a server's on its own, a plugin-level one (the core's `reportView(…).plugins[].own`) on
 * its plugin's, the rest on their file's. "Problems only" keeps the rows with a problem, the servers still
 * running (they may turn out to fail), and the headers they need.
 */
import type { Report } from '../../core/model/types.js';
import { reportView, type FileGroup, type PluginView } from '../../core/view/report-view.js';
import type { ServerRow } from './run-state.js';

export type ListLine =
  | { kind: 'group'; key: string; depth: number; label: string; detail: string; muted: boolean }
  /** A plugin: selectable when it has problems of its own. */
  | { kind: 'plugin'; id: string; pluginId: string; depth: number; label: string; detail: string; muted: boolean; selectable: boolean }
  | { kind: 'server'; id: string; depth: number }
  /** Findings that belong to no listed server or plugin, grouped by the file they are about. */
  | { kind: 'file'; id: string; depth: number; group: FileGroup };

/** Selection ids of the rows that are not servers (server ids are the report's). */
export const pluginRowId = (pluginId: string) => `\0plugin:${pluginId}`;
export const fileRowId = (group: Pick<FileGroup, 'file' | 'plugin'>) => `\0file:${group.plugin ?? ''}:${group.file}`;

export function isProblem(row: ServerRow): boolean {
  return row.phase !== null || row.server.status === 'failed' || row.server.status === 'degraded';
}

/** A plugin's own problems (errors and warnings about the plugin as a whole), as the core's view has them. */
export const pluginProblems = (p: PluginView) => p.own.filter((f) => f.severity !== 'info');
export const fileProblems = (g: FileGroup) => g.findings.filter((f) => f.severity !== 'info');

/** Whether a line can hold the selection. */
export const selectable = (line: ListLine): line is Extract<ListLine, { id: string }> =>
  line.kind === 'server' || line.kind === 'file' || (line.kind === 'plugin' && line.selectable);

const scopeLabel = { user: 'User scope', project: 'Project scope', local: 'Local scope' } as const;

type Entry = { kind: 'server'; row: ServerRow } | { kind: 'plugin'; plugin: PluginView };

export function listLines(rows: readonly ServerRow[], report: Report | null, problemsOnly: boolean): ListLine[] {
  const view = report ? reportView(report) : null;
  // Plugins without a server row (no servers, or their file is missing) go after the last row of their
  // marketplace, so every plugin with a problem has a row.
  const entries: Entry[] = rows.map((row) => ({ kind: 'server', row }));
  const listed = new Set(rows.map((r) => r.server.plugin));
  for (const plugin of view?.plugins ?? []) {
    if (listed.has(plugin.plugin.id) || pluginProblems(plugin).length === 0) continue;
    const mkt = plugin.plugin.marketplace;
    let at = -1;
    entries.forEach((e, i) => {
      const m = e.kind === 'server' ? e.row.server.marketplace : e.plugin.plugin.marketplace;
      const inPlugins = e.kind === 'plugin' || e.row.server.scope === 'plugin' || e.row.server.scope === 'author';
      if (inPlugins && (m === mkt || at === -1)) at = i;
    });
    entries.splice(at + 1, 0, { kind: 'plugin', plugin });
  }

  const lines: ListLine[] = [];
  let open: string[] = [];
  const push = (groups: ListLine[], keys: string[]) => {
    // Print the headers from the first level that differs from the group already open.
    let same = 0;
    while (same < keys.length && keys[same] === open[same]) same++;
    lines.push(...groups.slice(same));
    open = keys;
  };
  const marketplaceLine = (name: string | null): ListLine => {
    const mkt = report?.marketplaces.find((m) => m.name === name);
    return {
      kind: 'group',
      key: `m:${name ?? ''}`,
      depth: 0,
      label: name ?? 'Plugins',
      detail: mkt ? `${mkt.source}${mkt.location ? ` ${mkt.location}` : ''}` : name ? 'not registered' : '',
      muted: false,
    };
  };
  const pluginLine = (id: string | null, root: string | null): ListLine => {
    const p = id === null ? undefined : view?.plugin(id);
    const problems = p ? pluginProblems(p).length > 0 : false;
    return {
      kind: 'plugin',
      id: pluginRowId(id ?? root ?? ''),
      pluginId: id ?? '',
      depth: 1,
      label: `${p?.plugin.name ?? id ?? 'plugin'}${p?.plugin.version ? ` ${p.plugin.version}` : ''}`,
      detail: p?.plugin.root ?? root ?? '',
      muted: p ? !p.plugin.enabled : false,
      selectable: problems,
    };
  };

  for (const e of entries) {
    if (e.kind === 'plugin') {
      const p = e.plugin.plugin;
      push([marketplaceLine(p.marketplace), pluginLine(p.id, p.root)], [`m:${p.marketplace ?? ''}`, pluginRowId(p.id)]);
      continue;
    }
    const { row } = e;
    const s = row.server;
    const plugin = s.plugin === null ? undefined : view?.plugin(s.plugin);
    const pluginHasProblems = plugin ? pluginProblems(plugin).length > 0 : false;
    if (problemsOnly && !isProblem(row) && !pluginHasProblems) continue;
    if (s.scope === 'plugin' || s.scope === 'author') {
      const pl = pluginLine(s.plugin, s.root);
      push([marketplaceLine(s.marketplace), pl], [`m:${s.marketplace ?? ''}`, pl.kind === 'plugin' ? pl.id : '']);
      if (problemsOnly && !isProblem(row)) continue;
      lines.push({ kind: 'server', id: s.id, depth: 2 });
    } else {
      const files = [...new Set(rows.filter((r) => r.server.scope === s.scope).map((r) => r.server.source.file))];
      push([{ kind: 'group', key: `s:${s.scope}`, depth: 0, label: scopeLabel[s.scope], detail: files.join(', '), muted: false }], [`s:${s.scope}`]);
      lines.push({ kind: 'server', id: s.id, depth: 1 });
    }
  }
  const files = (view?.files ?? []).filter((g) => fileProblems(g).length > 0);
  if (files.length > 0) {
    lines.push({ kind: 'group', key: 'files', depth: 0, label: 'Files', detail: 'problems that belong to no plugin or server', muted: false });
    for (const group of files) lines.push({ kind: 'file', id: fileRowId(group), depth: 1, group });
  }
  return lines;
}

/** The first line that belongs to a row: its own, or the headers printed just above it. */
export function blockStart(lines: readonly ListLine[], index: number): number {
  let start = index;
  while (start > 0 && (lines[start - 1]?.kind === 'group' || (lines[start - 1]?.kind === 'plugin' && !selectable(lines[start - 1]!)))) start--;
  return start;
}

/**
 * Where a page key takes the selection: the selectable row a screen of lines (`delta`) away from the
 * selected one, so PgDn moves by what the screen shows, not by a count of servers; the last (or first)
 * row when the list ends first.
 */
export function pageTarget(lines: readonly ListLine[], from: number, delta: number): string | undefined {
  const ids = lines.map((l, i) => (selectable(l) ? i : -1)).filter((i) => i >= 0);
  if (ids.length === 0) return undefined;
  const target = Math.max(0, from) + delta;
  const index = delta >= 0 ? (ids.find((i) => i >= target) ?? ids.at(-1)!) : ([...ids].reverse().find((i) => i <= target) ?? ids[0]!);
  const line = lines[index];
  return line && selectable(line) ? line.id : undefined;
}
