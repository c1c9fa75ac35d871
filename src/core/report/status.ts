/** A server's verdict from its findings and those of its plugin. */
import type { Finding, ServerEntry, ServerStatus } from '../model/types.js';

export function serverStatus(server: ServerEntry, findings: Finding[], checked: boolean): ServerStatus {
  // A suppressed duplicate is not off: another server provides it. It is just not started.
  if (!checked && !server.enabled) return server.inactive === 'duplicate' ? 'skipped' : 'disabled';
  if (server.skipReason === 'bundle' || server.skipReason === 'unsupported-transport') return 'skipped';
  const relevant = findings.filter((f) => f.server === server.id || (f.server === null && f.plugin !== null && f.plugin === server.plugin));
  if (relevant.some((f) => f.severity === 'error' || f.args?.dropped === true)) return 'failed';
  // Not started for want of an option value mcp-doctor cannot see (the keychain, a source tree): no verdict.
  if (server.skipReason === 'user-config-keychain' || server.skipReason === 'user-config-unset') return 'skipped';
  if (relevant.some((f) => f.severity === 'warning')) return 'degraded';
  return 'ok';
}
