/**
 * The verdict rule, as a table: what Claude Code refuses fails whatever the probe saw; a server that was
 * started is judged by what the probe saw (answered → never failed, static errors softened to warnings);
 * an unstarted server by its static findings; a plugin-level finding decides a server only when it refuses
 * the whole plugin.
 */
import { describe, expect, it } from 'vitest';
import type { Code } from '../src/core/model/catalog.js';
import type { Effect, Finding, ServerEntry, Severity } from '../src/core/model/types.js';
import { judgeByProbe, unconfirm } from '../src/core/report/probe-judge.js';
import { pluginLoad } from '../src/core/report/plugin-load.js';
import { serverStatus } from '../src/core/report/status.js';
import { catalog } from '../src/core/model/catalog.js';
import { wordsOf } from '../src/core/model/catalog/words.js';
import { probeFindings } from '../src/core/probe/probe-findings.js';
import type { ProbeResult } from '../src/core/model/probe-types.js';

const server = { id: 'plugin:p:s', plugin: 'p@m', enabled: true } as ServerEntry;

function f(code: Code, severity: Severity, on: 'server' | 'plugin' = 'server', effect?: Effect): Finding {
  return { code, severity, server: on === 'server' ? server.id : null, plugin: 'p@m', ...(effect ? { effect } : {}) };
}

type Row = [what: string, findings: Finding[], probe: 'answered' | 'crashed' | 'timeout' | 'spawn-failed' | null, status: string];

const table: Row[] = [
  ['nothing wrong, answered', [], 'answered', 'ok'],
  ['nothing wrong, not started', [], null, 'ok'],
  ['static error, not started', [f('config.env-unset', 'error')], null, 'failed'],
  ['static error, answered: softened first, so degraded', [f('config.env-unset', 'error')], 'answered', 'degraded'],
  ['static warning, crashed', [f('deps.not-installed', 'warning'), f('probe.crashed', 'error')], 'crashed', 'failed'],
  // Every check that predicts a failure follows the probe: a server that answered is degraded, one not started fails.
  ['venv predicted missing, answered anyway', [f('venv.missing', 'error')], 'answered', 'degraded'],
  ['venv predicted missing, not started', [f('venv.missing', 'error')], null, 'failed'],
  ['toolchain predicted missing, answered anyway', [f('command.toolchain-missing', 'error')], 'answered', 'degraded'],
  ['unbuilt binary predicted, answered anyway', [f('command.unbuilt', 'error')], 'answered', 'degraded'],
  ['unbuilt binary predicted, spawn failed', [f('command.unbuilt', 'error'), f('probe.spawn-failed', 'info')], 'spawn-failed', 'failed'],
  ['node_modules predicted missing, answered (a bundled server)', [f('deps.not-installed', 'error')], 'answered', 'degraded'],
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

  it('words a softened finding by what will still go wrong (the catalog chooses, by probeAnswered)', () => {
    const env = { ...f('config.env-unset', 'error'), args: { variable: 'API_KEY', field: 'mcpServers.s.env.API_KEY', inPlugin: true } };
    judgeByProbe([env], { outcome: 'answered' });
    const shown = wordsOf(catalog['config.env-unset'], env.args ?? {}, !!env.contradictedByProbe);
    expect(shown.message).toContain("its tools receive the literal text '${API_KEY}' and will fail when called");
    expect(shown.message).toContain('/plugin counts this as the plugin\'s "1 error"');
    expect(shown.hint).toContain('"env" block of ~/.claude/settings.json');
    const deps = { ...f('deps.not-installed', 'error'), args: { packageJson: 'p', count: 1, nodeModules: 'n', dir: 'd', imports: ['x'] } };
    unconfirm(deps, false);
    expect(wordsOf(catalog['deps.not-installed'], deps.args ?? {}, true).message).toContain('not what stopped the server');
    // A code without its own words keeps its message and says the probe did not confirm it.
    expect(wordsOf(catalog['venv.missing'], { venv: '/v', probeAnswered: true }, true).message).toMatch(/does not exist\. The server answered anyway/);
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

/**
 * Predictions the probe confirms only by name: missing node_modules is an error when the crash names a missing
 * module (and the finding then names it), a warning when the server answered or died of something else.
 */
describe('node dependencies, judged by the probe', () => {
  const entry = { ...server, source: { file: '/p/.mcp.json' }, expanded: { command: 'node', args: [], env: {}, headers: {}, unsetVars: [], userConfigUnset: [] } } as unknown as ServerEntry;
  const probe = (outcome: ProbeResult['outcome'], stderr: string): ProbeResult => ({ transport: 'stdio', outcome, durationMs: 5, timeoutMs: 1000, stderrTail: stderr.split('\n'), stderrBytes: stderr.length, stdoutNoise: [], exit: { code: 1, signal: null } });
  it.each([
    ['crash names the module', 'crashed', "Error: Cannot find module 'zod'\nRequire stack:", 'error', 'failed', 'zod'],
    ['crash names something else', 'crashed', 'Error: DATABASE_URL is not set', 'warning', 'failed', undefined],
    ['timed out, nothing named', 'timeout', '', 'warning', 'failed', undefined],
    ['answered (a bundled server)', 'answered', '', 'warning', 'degraded', undefined],
  ] as const)('%s', (_what, outcome, stderr, severity, status, module) => {
    const deps: Finding = { ...f('deps.not-installed', 'error'), args: { packageJson: '/p/package.json', count: 2, nodeModules: '/p/node_modules', dir: '/p', imports: ['zod'] } };
    const findings: Finding[] = [deps];
    const r = probe(outcome, stderr);
    const pf = probeFindings(entry, r, stderr, 'node', findings, 30_000);
    for (const x of pf.unconfirmed) unconfirm(x, false);
    for (const input of pf.findings) findings.push({ ...input, severity: input.severity ?? catalog[input.code].severity, server: server.id, plugin: 'p@m' });
    judgeByProbe(findings.filter((x) => x.server === server.id), r);
    expect(deps.severity).toBe(severity);
    expect(deps.args?.missingModule).toBe(module);
    expect(serverStatus(server, findings, true, r)).toBe(status);
    // The crash is the symptom of the confirmed cause, and the cause of its own when the deps are not confirmed.
    const crash = findings.find((x) => x.code === 'probe.crashed');
    if (crash) expect(crash.severity).toBe(module ? 'info' : 'error');
  });
});

/** The blocker first: a program the launcher needs outranks an unset key the server never got to read. */
describe('an unset variable, judged by the probe', () => {
  const entry = { ...server, source: { file: '/p/.mcp.json' }, expanded: { command: '/p/run.sh', args: [], env: {}, headers: {}, unsetVars: [], userConfigUnset: [] } } as unknown as ServerEntry;
  it.each([
    ['crash names a missing program', '/p/run.sh: 3: uv: not found', 'warning', 'command.toolchain-missing'],
    ['crash names nothing the doctor knows', "KeyError: 'API_KEY'", 'error', 'config.env-unset'],
  ] as const)('%s', (_what, stderr, severity, cause) => {
    const env: Finding = { ...f('config.env-unset', 'error'), args: { variable: 'API_KEY' } };
    const findings: Finding[] = [env];
    const r: ProbeResult = { transport: 'stdio', outcome: 'crashed', durationMs: 5, timeoutMs: 1000, stderrTail: [stderr], stderrBytes: stderr.length, stdoutNoise: [], exit: { code: 1, signal: null } };
    const pf = probeFindings(entry, r, stderr, '/p/run.sh', findings, 30_000);
    for (const x of pf.unconfirmed) unconfirm(x, false);
    for (const input of pf.findings) findings.push({ ...input, severity: input.severity ?? catalog[input.code].severity, server: server.id, plugin: 'p@m' });
    expect(env.severity).toBe(severity);
    expect(findings.filter((x) => x.severity === 'error').map((x) => x.code)).toEqual([cause]);
    expect(findings.find((x) => x.code === 'probe.crashed')?.causedBy).toBe(cause);
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
