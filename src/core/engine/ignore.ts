/**
 * Which findings a run leaves out: codes everywhere (`--ignore`), codes for one plugin or server only (the
 * project's `.mcp-doctor.json`), and, in author mode, `${VAR}`s the plugin's users are expected to set.
 * Names match as `--plugin`/`--server` do, against the whole inventory.
 */
import { pluginMatches, serverMatches } from './select.js';
import type { Finding, Inventory } from '../model/types.js';

/** A code to leave out for the named plugin (all its servers too) or server; neither named: everywhere. */
export interface IgnoreRule {
  code: string;
  plugin?: string;
  server?: string;
}

export interface IgnoreOptions {
  ignore?: (string | IgnoreRule)[];
  /** Author mode: variables users set themselves; an unset `${VAR}` naming one is not a finding. */
  knownVariables?: string[];
}

/** A predicate that keeps the findings the options do not leave out. */
export function findingFilter(inventory: Inventory, options: IgnoreOptions): (f: Finding) => boolean {
  const everywhere = new Set<string>();
  // code → ids of the plugins / servers it is ignored for
  const forPlugins = new Map<string, Set<string>>();
  const forServers = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, code: string, ids: string[]) => {
    const set = map.get(code) ?? new Set<string>();
    for (const id of ids) set.add(id);
    map.set(code, set);
  };
  for (const rule of options.ignore ?? []) {
    if (typeof rule === 'string' || (rule.plugin === undefined && rule.server === undefined)) {
      everywhere.add(typeof rule === 'string' ? rule : rule.code);
      continue;
    }
    const { plugin, server } = rule;
    if (plugin !== undefined) add(forPlugins, rule.code, inventory.plugins.filter((p) => pluginMatches(p, plugin)).map((p) => p.id));
    if (server !== undefined) add(forServers, rule.code, inventory.servers.filter((s) => serverMatches(s, server)).map((s) => s.id));
  }
  const known = inventory.mode === 'author' ? new Set(options.knownVariables ?? []) : new Set<string>();

  return (f) => {
    if (everywhere.has(f.code)) return false;
    if (f.plugin !== null && forPlugins.get(f.code)?.has(f.plugin)) return false;
    if (f.server !== null && forServers.get(f.code)?.has(f.server)) return false;
    if ((f.code === 'config.env-unset' || f.code === 'config.env-required') && typeof f.args?.variable === 'string' && known.has(f.args.variable)) return false;
    return true;
  };
}
