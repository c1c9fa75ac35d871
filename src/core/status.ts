/** A server's verdict from its findings and those of its plugin. */
import type { Finding, ServerEntry, ServerStatus } from './types.js';

export function serverStatus(server: ServerEntry, findings: Finding[], checked: boolean): ServerStatus {
  if (!checked && !server.enabled) return 'disabled';
  if (server.skipReason === 'bundle' || server.skipReason === 'unsupported-transport') return 'skipped';
  const relevant = findings.filter((f) => f.server === server.id || (f.server === null && f.plugin !== null && f.plugin === server.plugin));
  if (relevant.some((f) => f.severity === 'error' || f.args?.dropped === true)) return 'failed';
  if (relevant.some((f) => f.severity === 'warning')) return 'degraded';
  return 'ok';
}
