/**
 * The verdict rule, as a table: what Claude Code refuses fails whatever the probe saw; a server that was
 * started is judged by what the probe saw (answered → never failed, static errors softened to warnings);
 * an unstarted server by its static findings; a plugin-level finding decides a server only when it refuses
 * the whole plugin.
 */
import { describe, expect, it } from 'vitest';
import type { Code } from '../src/core/model/catalog.js';
import type { Effect, Finding, ServerEntry, Severity } from '../src/core/model/types.js';
import { judgeByProbe } from '../src/core/report/probe-judge.js';
import { pluginLoad } from '../src/core/report/plugin-load.js';
import { serverStatus } from '../src/core/report/status.js';

const server = { id: 'plugin:p:s', plugin: 'p@m', enabled: true } as ServerEntry;

function f(code: Code, severity: Severity, on: 'server' | 'plugin' = 'server', effect?: Effect): Finding {
  return { code, severity, server: on === 'server' ? server.id : null, plugin: 'p@m', ...(effect ? { effect } : {}) };
}

type Row = [what: string, findings: Finding[], probe: 'answered' | 'crashed' | 'timeout' | null, status: string];

const table: Row[] = [
  ['nothing wrong, answered', [], 'answered', 'ok'],
  ['nothing wrong, not started', [], null, 'ok'],
  ['static error, not started', [f('config.env-unset', 'error')], null, 'failed'],
  ['static error, answered: softened first, so degraded', [f('config.env-unset', 'error')], 'answered', 'degraded'],
  ['static warning, crashed', [f('deps.not-installed', 'warning'), f('probe.crashed', 'error')], 'crashed', 'failed'],
  ['probe symptom only, timed out', [f('probe.timeout', 'error')], 'timeout', 'failed'],
  ['entry Claude Code drops, answered anyway', [f('config.schema', 'warning', 'server', 'drops-server')], 'answered', 'failed'],
  ['plugin refused, probe never ran', [f('config.invalid-json', 'error', 'plugin', 'refuses-plugin')], null, 'failed'],
  ['plugin-level error without a declared effect refuses (the safe default)', [f('config.invalid-json', 'error', 'plugin')], null, 'failed'],
  ['plugin error that leaves the rest loaded', [f('config.missing-file', 'error', 'plugin', 'plugin-error')], 'answered', 'ok'],
  ['plugin warning', [f('config.unknown-key', 'warning', 'plugin')], null, 'ok'],
  ['info only', [f('server.bundle-not-checked', 'info')], 'answered', 'ok'],
];

describe('server verdict', () => {
  it.each(table)('%s', (_what, findings, outcome, status) => {
    const copy = findings.map((x) => ({ ...x }));
    if (outcome) judgeByProbe(copy.filter((x) => x.server === server.id), { outcome });
    expect(serverStatus(server, copy, true, outcome ? { outcome } : null)).toBe(status);
  });

  it('softens only static errors of a server that answered, and marks them', () => {
    const own = [f('config.env-unset', 'error'), f('probe.tools-failed', 'error'), f('config.schema', 'error', 'server', 'drops-server')];
    expect(judgeByProbe(own, { outcome: 'crashed' })).toEqual([]);
    const softened = judgeByProbe(own, { outcome: 'answered' });
    expect(softened.map((x) => x.code)).toEqual(['config.env-unset']);
    expect(own.map((x) => x.severity)).toEqual(['warning', 'error', 'error']);
    expect(own[0]?.contradictedByProbe).toBe(true);
  });
});

describe('plugin load verdict', () => {
  it.each([
    ['loads', [f('config.unknown-key', 'warning', 'plugin')], true, 'loads', 0],
    ['refused', [f('config.missing-file', 'error', 'plugin', 'plugin-error'), f('config.invalid-json', 'error', 'plugin', 'refuses-plugin')], true, 'refused', 1],
    ['loads with errors', [f('config.missing-file', 'error', 'plugin', 'plugin-error'), f('config.missing-file', 'error', 'plugin', 'plugin-error')], true, 'loads-with-errors', 2],
    ['a disabled plugin counts no errors', [f('config.missing-file', 'error', 'plugin', 'plugin-error')], false, 'loads', 0],
  ] as const)('%s', (_what, findings, enabled, verdict, errors) => {
    const load = pluginLoad('p@m', [...findings], enabled);
    expect(load.verdict).toBe(verdict);
    expect(load.errors).toBe(errors);
  });
});
