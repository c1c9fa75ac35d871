/**
 * A plugin's load verdict as Claude Code decides it: refused (a finding with the `refuses-plugin` effect:
 * none of its servers start), loads with errors (`/plugin` counts `plugin-error` findings, the rest
 * works), or loads.
 */
import { effectOf, isPluginLevel } from '../model/effect.js';
import type { Code } from '../model/catalog.js';
import type { Finding, PluginLoad, ReportFinding } from '../model/types.js';

type PluginFinding = Pick<Finding | ReportFinding, 'code' | 'severity' | 'server' | 'plugin' | 'effect'>;

export function pluginLoad(pluginId: string, findings: readonly PluginFinding[], enabled: boolean): PluginLoad {
  const own = findings.filter((f) => isPluginLevel(f) && f.plugin === pluginId);
  const refusal = own.find((f) => f.severity === 'error' && effectOf(f) === 'refuses-plugin');
  if (refusal) return { verdict: 'refused', reason: refusal.code as Code, errors: 1 };
  const errors = enabled ? own.filter((f) => effectOf(f) === 'plugin-error') : [];
  if (errors.length > 0) return { verdict: 'loads-with-errors', reason: errors[0]!.code as Code, errors: errors.length };
  return { verdict: 'loads', reason: null, errors: 0 };
}
