/**
 * Claude Code's handshake, measured (docs/claude-code-facts.md §15): server/discover first;
 * answered → the 2026-07-28 protocol, no initialize; an error answer or silence (2.7 s) → initialize on the same
 * process; an exit → the server is started a second time, straight with initialize. Every fixture logs its starts
 * and requests, so the table checks what the server saw, not only the verdict.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCOVER_PROTOCOL_VERSION, INITIALIZE_PROTOCOL_VERSION } from '../src/core/model/claude-code.js';
import { createContext } from '../src/core/model/context.js';
import { runDoctor } from '../src/core/engine/run.js';
import type { Report } from '../src/core/model/types.js';
import { codesOf, nodeFixture, probeHome, serverNamed, survivors, type ProbeHome } from './helpers/probe-home.js';
import { TEST_PATH } from './helpers/run-cli.js';

const node = (mode: string) => ({ command: process.execPath, args: [nodeFixture, mode], env: { FIXTURE_LOG: '${FX_LOG_DIR}/' + mode } });

let h: ProbeHome;
let report: Report;
beforeAll(async () => {
  h = probeHome({
    legacy: node('ok'),
    modern: node('modern'),
    silent: node('silent-discover'),
    'dies-on-discover': node('die-on-discover'),
    crash: node('missing-module'),
    'crash-launcher': { command: '${CLAUDE_PLUGIN_ROOT}/run.sh', env: { FIXTURE_LOG: '${FX_LOG_DIR}/launcher' } },
  });
  h.pluginFile('run.sh', `#!/bin/sh\necho "building the server…" >&2\ngo build ./... >/dev/null 2>&1 || true\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(nodeFixture)} missing-module\n`);
  const { chmodSync } = await import('node:fs');
  chmodSync(join(h.pluginDir, 'run.sh'), 0o755);
  const env = { PATH: TEST_PATH, ...h.env, FX_LOG_DIR: h.pids };
  const ctx = createContext({ env, cwd: h.project, homedir: h.home, platform: 'linux' });
  report = (await runDoctor(ctx, { version: 'test', probe: true, timeoutMs: 8_000 })).report;
}, 30_000);
afterAll(() => h?.cleanup());

/** What one fixture saw: its starts and the requests each start got, in order. */
function seen(mode: string): string[][] {
  const lines = readFileSync(join(h.pids, mode), 'utf8').trim().split('\n');
  const byPid = new Map<string, string[]>();
  for (const line of lines) {
    const [pid, what] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
    byPid.set(pid, [...(byPid.get(pid) ?? []), what]);
  }
  return [...byPid.values()];
}

describe('server/discover first, as Claude Code does', () => {
  it.each([
    // server, fixture log, outcome, discover, protocol, started twice, what each start saw, findings
    ['legacy', 'ok', 'answered', 'legacy', INITIALIZE_PROTOCOL_VERSION, undefined, [['start', 'server/discover', 'initialize', 'tools/list']], []],
    ['modern', 'modern', 'answered', 'modern', DISCOVER_PROTOCOL_VERSION, undefined, [['start', 'server/discover', 'tools/list']], []],
    ['silent', 'silent-discover', 'answered', 'silent', INITIALIZE_PROTOCOL_VERSION, undefined, [['start', 'server/discover', 'initialize', 'tools/list']], []],
    ['dies-on-discover', 'die-on-discover', 'answered', 'died', INITIALIZE_PROTOCOL_VERSION, true, [['start', 'server/discover'], ['start', 'initialize', 'tools/list']], ['warning:probe.discover-crash']],
    ['crash', 'missing-module', 'crashed', 'died', undefined, true, [['start'], ['start']], ['error:deps.node-module', 'info:probe.crashed']],
  ] as const)('%s', (name, log, outcome, discover, protocol, twice, starts, findings) => {
    const s = serverNamed(report, name);
    expect(s.probe?.outcome).toBe(outcome);
    expect(s.probe?.discover).toBe(discover);
    expect(s.probe?.protocolVersion).toBe(protocol);
    expect(s.probe?.startedTwice).toBe(twice);
    expect(seen(log)).toEqual(starts);
    expect(codesOf(s)).toEqual(findings);
  });

  it('waits for an answer to server/discover as long as Claude Code does (2.7 s), then sends initialize', () => {
    expect(serverNamed(report, 'silent').probe?.durationMs).toBeGreaterThanOrEqual(2_700);
    expect(serverNamed(report, 'legacy').probe?.durationMs).toBeLessThan(2_700);
  });

  it('says a launcher that exits before answering runs twice at every start', () => {
    const s = serverNamed(report, 'crash-launcher');
    expect(s.probe?.startedTwice).toBe(true);
    expect(s.probe?.launcherTools).toEqual(['go']);
    expect(s.findings.find((f) => f.code === 'probe.crashed')?.message).toContain('what run.sh does before it fails (its go steps) runs twice at every start');
    // The plain node server is started twice too, but nothing of its own runs twice: no such sentence.
    expect(serverNamed(report, 'crash').findings.find((f) => f.code === 'probe.crashed')?.message).not.toContain('runs twice');
  });

  it('leaves no process behind', async () => {
    expect(await survivors(h.pids)).toEqual([]);
  });
});
