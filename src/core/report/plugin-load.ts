/**
 * Does Claude Code load this plugin, and if not, why: from the findings about the plugin as a whole and the
 * catalog's `effect`. Pure. `refused`: the whole plugin is off (manifest errors, a PreToolUse/PermissionRequest entry
 * that cannot load, hooks that are not an event map, …), its MCP servers never start and are not probed;
 * `loads-with-errors`: /plugin counts errors (hook-load-failed, path-not-found, …) but the rest loads, and no server
 * turns red for it; `loads`: nothing of the kind.
 */
import { join } from 'node:path';
import { catalog } from '../model/catalog.js';
import type { Finding, PluginEntry } from '../model/types.js';

export type PluginLoadVerdict = 'loads' | 'loads-with-errors' | 'refused';

export interface PluginLoad {
  verdict: PluginLoadVerdict;
  /** The findings that decide it (the refusing ones when refused, else the plugin errors). */
  reasons: Finding[];
}

/** A manifest that does not parse or validate refuses the plugin: these codes, located in its plugin.json. */
const MANIFEST_FAILURES = new Set(['config.invalid-json', 'config.schema', 'config.unreadable', 'config.too-large']);

export function manifestFileOf(plugin: Pick<PluginEntry, 'manifest' | 'root'>): string | null {
  return plugin.manifest?.file ?? (plugin.root ? join(plugin.root, '.claude-plugin', 'plugin.json') : null);
}

export function pluginLoad(plugin: Pick<PluginEntry, 'id' | 'manifest' | 'root'>, findings: readonly Finding[]): PluginLoad {
  const manifest = manifestFileOf(plugin);
  const own = findings.filter((f) => f.plugin === plugin.id && f.server === null);
  const refusing = own.filter(
    (f) =>
      catalog[f.code].effect === 'refuses-plugin' ||
      (MANIFEST_FAILURES.has(f.code) && f.severity === 'error' && manifest !== null && f.location?.file === manifest),
  );
  if (refusing.length > 0) return { verdict: 'refused', reasons: refusing };
  const errors = own.filter((f) => catalog[f.code].effect === 'plugin-error');
  return errors.length > 0 ? { verdict: 'loads-with-errors', reasons: errors } : { verdict: 'loads', reasons: [] };
}
