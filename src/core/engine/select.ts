/**
 * `--plugin NAME` / `--server NAME`: which part of the inventory a run checks, probes and reports. Discovery
 * stays whole (precedence and duplicates are judged against everything); only the chosen ones go further.
 */
import type { Inventory, PluginEntry, ServerEntry } from '../model/types.js';
import { UsageError } from '../util/usage-error.js';
import { editDistance } from '../util/edit-distance.js';

export interface SelectionInput {
  /** Plugin names or ids (`vault`, `vault@demo-market`). */
  plugins?: string[];
  /** Server names, ids (`plugin:vault:vault`) or `plugin/server`. */
  servers?: string[];
  /** Exact server ids (the fix applier re-probes what it touched). */
  ids?: string[];
}

export interface Selection {
  servers: ReadonlySet<string>;
  plugins: ReadonlySet<string>;
}

/** A name that matches nothing: a usage error; `close` are the known names that look like it. */
export class SelectionError extends UsageError {
  constructor(
    readonly kind: 'plugin' | 'server',
    readonly missing: string,
    readonly close: string[],
  ) {
    super(`no ${kind} named '${missing}'${close.length ? ` (did you mean ${close.map((c) => `'${c}'`).join(', ')}?)` : ''}`);
  }
}

/** Up to three known names that look like `name` (a typo, a prefix), closest first. */
export function closeNames(name: string, known: string[]): string[] {
  const n = name.toLowerCase();
  return [...new Set(known)]
    .map((k) => ({ k, d: k.toLowerCase().includes(n) || n.includes(k.toLowerCase()) ? 1 : editDistance(n, k.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map((x) => x.k);
}

export const pluginMatches = (p: PluginEntry, name: string) => p.id === name || p.name === name;
export const serverMatches = (s: ServerEntry, name: string) => s.id === name || s.name === name || (s.pluginName !== null && `${s.pluginName}/${s.name}` === name);

/** Null when nothing is selected (the whole inventory); throws SelectionError for a name that matches nothing. */
export function selectFrom(inventory: Inventory, input: SelectionInput | undefined): Selection | null {
  const plugins = input?.plugins ?? [];
  const servers = input?.servers ?? [];
  const ids = input?.ids;
  if (plugins.length === 0 && servers.length === 0 && ids === undefined) return null;
  const serverIds = new Set<string>();
  const pluginIds = new Set<string>();
  for (const name of plugins) {
    const found = inventory.plugins.filter((p) => pluginMatches(p, name));
    if (found.length === 0) throw new SelectionError('plugin', name, closeNames(name, inventory.plugins.flatMap((p) => [p.name, p.id])));
    for (const p of found) {
      pluginIds.add(p.id);
      for (const s of inventory.servers) if (s.plugin === p.id) serverIds.add(s.id);
    }
  }
  for (const name of servers) {
    const found = inventory.servers.filter((s) => serverMatches(s, name));
    if (found.length === 0) throw new SelectionError('server', name, closeNames(name, inventory.servers.map((s) => s.name)));
    for (const s of found) serverIds.add(s.id);
  }
  for (const id of ids ?? []) if (inventory.servers.some((s) => s.id === id)) serverIds.add(id);
  // A selected server's plugin is reported too: its manifest decides whether the server loads.
  for (const s of inventory.servers) if (serverIds.has(s.id) && s.plugin) pluginIds.add(s.plugin);
  return { servers: serverIds, plugins: pluginIds };
}

/** The inventory cut down to a selection (discovery findings about other plugins left out). */
export function narrow(inventory: Inventory, selection: Selection | null): Inventory {
  if (!selection) return inventory;
  const keepPlugin = (id: string | null) => id !== null && selection.plugins.has(id);
  return {
    ...inventory,
    marketplaces: inventory.marketplaces.filter((m) => inventory.plugins.some((p) => keepPlugin(p.id) && p.marketplace === m.name)),
    plugins: inventory.plugins.filter((p) => keepPlugin(p.id)),
    servers: inventory.servers.filter((s) => selection.servers.has(s.id)),
    findings: inventory.findings.filter((f) => (f.server !== null ? selection.servers.has(f.server) : keepPlugin(f.plugin))),
  };
}
