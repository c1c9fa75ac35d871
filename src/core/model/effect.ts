/**
 * Which findings concern which server, and what each finding makes Claude Code do. Every verdict (the
 * server's status, the plugin's load verdict, the root cause, the live view's rows) asks these two
 * functions, so the answer is the same everywhere.
 */
import { catalog } from './catalog.js';
import type { Effect, Finding, ReportFinding } from './types.js';

type AnyFinding = Pick<Finding, 'code' | 'severity' | 'server' | 'plugin' | 'effect'> | Pick<ReportFinding, 'code' | 'severity' | 'server' | 'plugin' | 'effect'>;

/**
 * The finding's own effect, else its code's. A plugin-level error whose code declares none refuses the
 * plugin: that is what every such error meant before codes declared their effect (a manifest that does not
 * parse), and the safe side for a new one.
 */
export function effectOf(f: AnyFinding): Effect | null {
  const declared = f.effect ?? catalog[f.code].effect;
  if (declared) return declared;
  return f.server === null && f.plugin !== null && f.severity === 'error' ? 'refuses-plugin' : null;
}

/** About the plugin as a whole (no server named). */
export const isPluginLevel = (f: Pick<AnyFinding, 'server' | 'plugin'>): boolean => f.server === null && f.plugin !== null;

/**
 * The findings that decide a server's verdict: its own, and those that keep its whole plugin from loading.
 * A plugin-level error that leaves the rest loaded (`plugin-error`) belongs to the plugin's row, never
 * to its servers.
 */
export function decidesServer(f: AnyFinding, s: { id: string; plugin: string | null }): boolean {
  if (f.server === s.id) return true;
  return isPluginLevel(f) && f.plugin === s.plugin && effectOf(f) === 'refuses-plugin' && f.severity === 'error';
}
