/**
 * Claude Code suppresses a plugin server that duplicates another one, whatever the names
 * (docs/claude-code-facts.md §5, bundle `TP`/`kYs`). The signature is the stdio command line (`[command, ...args]`,
 * compared literally, after expansion) or the URL (parsed: `#hash` dropped, one trailing `/` of the path dropped, host lower-cased
 * and the default port dropped by the URL parser; query and path case kept; type and headers ignored).
 * - A plugin server equal to a manually configured one (user, local, or an approved project server that is
 *   not disabled) is suppressed; env is not compared.
 * - A plugin server equal to an earlier plugin server is suppressed when their env is equal too (minus
 *   `CLAUDE_PLUGIN_ROOT`/`_DATA`). Plugins come in the key order of `enabledPlugins`, a plugin's servers in
 *   file order. Servers Claude Code does not load (disabled, dropped) take no part.
 */
import type { ServerEntry } from '../model/types.js';
import type { InventoryBuilder } from './inventory-builder.js';

const pluginEnvKeys = new Set(['CLAUDE_PLUGIN_ROOT', 'CLAUDE_PLUGIN_DATA']);

/** Claude Code's URL normalisation for duplicate detection (`Sdt`). */
export function normalizeUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.includes('?') ? url : url.replace(/\/$/, '');
  }
  u.hash = '';
  u.pathname = u.pathname.replace(/\/$/, '') || '/';
  const text = u.toString();
  return u.search ? text : text.replace(/\/$/, '');
}

/** The duplicate signature, or null for entries Claude Code cannot compare. */
export function serverSignature(server: ServerEntry, includeEnv: boolean): string | null {
  if (server.skipReason && server.skipReason !== 'user-config-keychain') return null;
  if (server.transport === 'stdio') {
    if (server.expanded.command === undefined) return null;
    const line = `stdio:${JSON.stringify([server.expanded.command, ...server.expanded.args])}`;
    if (!includeEnv) return line;
    const env = Object.entries(server.expanded.env)
      .filter(([k]) => !pluginEnvKeys.has(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return env.length > 0 ? `${line}:${JSON.stringify(Object.fromEntries(env))}` : line;
  }
  if ((server.transport === 'http' || server.transport === 'sse' || server.transport === 'ws') && server.expanded.url !== undefined) {
    return `url:${normalizeUrl(server.expanded.url)}`;
  }
  return null;
}

/**
 * Marks suppressed plugin servers (`inactive: 'duplicate'`) with an info finding naming the server that runs
 * instead. `pluginOrder` is the plugin ids in Claude Code's iteration order.
 */
export function suppressDuplicates(b: InventoryBuilder, servers: ServerEntry[], pluginOrder: string[]): void {
  const manual = new Map<string, ServerEntry>();
  for (const s of servers) {
    if (s.scope === 'plugin' || !s.enabled) continue;
    const sig = serverSignature(s, false);
    if (sig && !manual.has(sig)) manual.set(sig, s);
  }
  const rank = (id: string | null) => {
    const i = id === null ? -1 : pluginOrder.indexOf(id);
    return i === -1 ? pluginOrder.length : i;
  };
  // A stable sort keeps each plugin's servers in file order.
  const plugin = servers.filter((s) => s.scope === 'plugin' && s.enabled).sort((a, b) => rank(a.plugin) - rank(b.plugin) || (a.plugin ?? '').localeCompare(b.plugin ?? ''));
  const earlier = new Map<string, ServerEntry>();
  for (const s of plugin) {
    const bare = serverSignature(s, false);
    const full = serverSignature(s, true);
    if (!bare || !full) continue;
    const twin = manual.get(bare);
    const first = twin ? undefined : earlier.get(full);
    const winner = twin ?? first;
    if (!winner) {
      earlier.set(full, s);
      continue;
    }
    s.enabled = false;
    s.inactive = 'duplicate';
    b.add(
      {
        code: 'server.duplicate',
        location: s.source,
        args: {
          duplicateOf: winner.id,
          duplicateOfScope: winner.scope,
          duplicateFile: winner.source.file,
          by: s.transport === 'stdio' ? 'command' : 'url',
          manual: !!twin,
        },
      },
      { server: s.id, plugin: s.plugin },
    );
  }
}

