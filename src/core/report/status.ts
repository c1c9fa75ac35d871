/**
 * A server's verdict, by one rule. What Claude Code refuses to load (an entry it drops, a plugin it refuses)
 * fails whatever else is true. Otherwise, when the server was started, its verdict is what the probe saw:
 * a server that answered is never "failed" (static findings then explain or warn, see `judgeByProbe`), and
 * one that did not answer has the probe's finding as its error. Unstarted servers (--no-probe, author mode)
 * are judged by their static findings.
 */
import { decidesServer, effectOf } from '../model/effect.js';
import type { ProbeResult } from '../model/probe-types.js';
import type { Finding, ServerEntry, ServerStatus } from '../model/types.js';

export function serverStatus(server: ServerEntry, findings: readonly Finding[], checked: boolean, probe: Pick<ProbeResult, 'outcome'> | null = null): ServerStatus {
  // A suppressed duplicate is not off: another server provides it. It is just not started.
  if (!checked && !server.enabled) return server.inactive === 'duplicate' ? 'skipped' : 'disabled';
  if (server.skipReason === 'bundle' || server.skipReason === 'unsupported-transport') return 'skipped';
  const deciding = findings.filter((f) => decidesServer(f, server));
  if (deciding.some((f) => effectOf(f) === 'drops-server' || (effectOf(f) === 'refuses-plugin' && f.severity === 'error'))) return 'failed';
  if (probe?.outcome === 'answered') return deciding.some((f) => f.severity !== 'info') ? 'degraded' : 'ok';
  if (deciding.some((f) => f.severity === 'error')) return 'failed';
  // Not started for want of an option value mcp-doctor cannot see (the keychain, a source tree): no verdict.
  if (server.skipReason === 'user-config-keychain' || server.skipReason === 'user-config-unset') return 'skipped';
  if (deciding.some((f) => f.severity === 'warning')) return 'degraded';
  return 'ok';
}
