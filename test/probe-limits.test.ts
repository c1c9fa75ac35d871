/**
 * What servers print, however big or badly framed: a 5.5 MB tools/list (2,500 tools) is accepted as Claude
 * Code accepts it; a reply past the limit is "reply too large (N MB)"; a reply without its final newline and
 * a flood of unterminated stdout are described (start and size), never "printed nothing"; a server that
 * floods us with ping requests while never reading its stdin does not grow the doctor's write queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/core/model/types.js';
import { assertReportSchema, codesOf, probeHome, pyFixture, serverNamed, survivors, type ProbeHome } from './helpers/probe-home.js';
import { runCliAsync } from './helpers/run-cli.js';

const py = (...args: string[]) => ({ command: 'python3', args: [pyFixture, ...args] });
let h: ProbeHome;
let report: Report;

beforeAll(async () => {
  h = probeHome({
    'big-tools': py('big-tools', '--count', '2500'),
    'huge-tools': py('big-tools', '--count', '10000'),
    'no-newline': py('no-newline'),
    'unterminated-flood': py('unterminated-flood', '--size', '50'),
    'ping-flood': py('ping-flood'),
  });
  // MCP_TIMEOUT is Claude Code's, for slow-start: large, so no verdict here depends on the machine's speed.
  const r = await runCliAsync(['--json', '--timeout', '8s'], { cwd: h.project, env: { ...h.env, MCP_TIMEOUT: '600000' } });
  expect(r.stderr).toBe('');
  report = JSON.parse(r.stdout) as Report;
}, 60_000);

afterAll(() => h?.cleanup());

describe('reply sizes', () => {
  it('accepts a 5.5 MB tools/list with 2,500 tools', () => {
    const s = serverNamed(report, 'big-tools');
    expect(s.probe).toMatchObject({ outcome: 'answered', tools: 2500 });
    expect(codesOf(s)).toEqual([]);
  });

  it('says "reply too large (N MB)" past the limit', () => {
    const s = serverNamed(report, 'huge-tools');
    expect(codesOf(s)).toEqual(['error:probe.tools-failed']);
    expect(s.findings[0]?.message).toMatch(/reply too large \(21 MB\)/);
  });
});

describe('unterminated output', () => {
  it('names a reply to initialize that lacks only its final newline', () => {
    const s = serverNamed(report, 'no-newline');
    expect(s.probe).toMatchObject({ outcome: 'timeout', unterminatedReply: true });
    expect(s.findings[0]?.message).toContain('without the final newline Claude Code waits for');
    expect(s.findings[0]?.message).toContain('fixture-no-newline');
  });

  it('gives the start and the size of a flood without a newline', () => {
    const s = serverNamed(report, 'unterminated-flood');
    expect(s.probe?.stdoutUnterminatedBytes).toBeGreaterThan(50 * 1024 * 1024);
    const message = s.findings[0]?.message ?? '';
    expect(message).not.toContain('printed nothing');
    expect(message).toMatch(/printed \d{8} bytes on stdout without a final newline, starting: "fixture log line without newline: x/);
  });
});

describe('a server that never reads its stdin', () => {
  it('stops answering its pings once the queue is full, and says so', () => {
    const s = serverNamed(report, 'ping-flood');
    expect(s.probe?.outcome).toBe('timeout');
    const stalled = s.probe?.stdinStalled;
    expect(stalled?.dropped).toBeGreaterThan(0);
    // One megabyte, plus at most the last answer written before the check.
    expect(stalled?.queuedBytes).toBeLessThan(1024 * 1024 + 1024);
    const message = s.findings[0]?.message ?? '';
    expect(message).toMatch(/it sent \d+ ping requests but did not read its stdin, so mcp-doctor stopped answering/);
    expect(message).not.toContain('printed nothing');
  });
});

it('matches the report schema', async () => {
  await assertReportSchema(report);
});

it('leaves no fixture process behind', async () => {
  expect(await survivors(h.pids)).toEqual([]);
});
