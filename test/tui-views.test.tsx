/**
 * The live view's components, rendered with ink-testing-library from real report rows: the live-view
 * fixture home run through the built CLI (--json), so every state and every piece of evidence is what
 * the doctor really produced. One test per server state, and the detail view.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportServer } from '../src/core/model/types.js';
import { detailLines } from '../src/cli/tui/detail-lines.js';
import { DetailView } from '../src/cli/tui/detail-view.js';
import { Header } from '../src/cli/tui/header.js';
import { rowSummary } from '../src/cli/tui/row-summary.js';
import type { ServerRow as Row } from '../src/cli/tui/run-state.js';
import { ServerRow } from '../src/cli/tui/server-row.js';
import { fixtureHome, runCli, type FixtureHome } from './helpers/run-cli.js';

let fx: FixtureHome;
let report: Report;

beforeAll(async () => {
  fx = await fixtureHome('live-view');
  // What Claude Code itself logged the last time it started "crash", where it keeps it.
  const logDir = join(fx.home, '.cache', 'claude-cli-nodejs', fx.project.replace(/[^a-zA-Z0-9]/g, '-'), 'mcp-logs-plugin-live-crash');
  mkdirSync(logDir, { recursive: true });
  writeFileSync(join(logDir, '2026-11-20T10-00-00-000Z.jsonl'), JSON.stringify({ error: 'Connection failed (CONNECTION_CLOSED): Connection closed', timestamp: '2026-11-20T10:00:00.500Z' }) + '\n');
  const r = runCli(['--json'], { cwd: fx.project, env: fx.env });
  report = JSON.parse(r.stdout) as Report;
});

afterAll(async () => {
  await fx?.cleanup();
});

const byName = (name: string): ReportServer => {
  const s = report.servers.find((x) => x.name === name);
  if (!s) throw new Error(`no server ${name}`);
  return s;
};
const row = (name: string, phase: Row['phase'] = null): Row => ({ server: byName(name), phase, since: 1000, tookMs: phase ? null : 420 });

function frameOf(r: Row, o: { selected?: boolean; now?: number; color?: boolean } = {}): string {
  const { lastFrame, unmount } = render(
    <ServerRow row={r} summary={rowSummary(r.server, report, fx.home)} selected={o.selected ?? false} depth={2} nameColumn={14} now={o.now ?? 3500} color={o.color ?? false} />,
  );
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
}

describe('a server row in each state', () => {
  it('pending: a spinner, what it is doing, and for how long', () => {
    expect(frameOf(row('slow', 'probing'))).toMatch(/^ {6}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] slow {8}starting… 2\.5 s$/);
    expect(frameOf(row('slow', 'checking'), { now: 1800 })).toMatch(/slow {8}checking… 0\.8 s$/);
  });

  it('ok: ✔ and what answered', () => {
    expect(frameOf(row('ok'))).toMatch(/^ {6}✔ ok {10}answered in \d+ ms · fixture-node 2\.0\.0 · 1 tool$/);
  });

  it('degraded: ⚠ and the warning', () => {
    expect(frameOf(row('banner'))).toMatch(/^ {6}⚠ banner {6}The server printed 1 non-JSON-RPC line\(s\) on stdout, first: "fixture-weather/);
  });

  it('failed: ✘ and the root cause, not its symptom', () => {
    const frame = frameOf(row('crash'));
    expect(frame).toMatch(/^ {6}✘ crash {7}'\/usr\/bin\/python3' cannot import 'mcp_doctor_fixture_missing_module'/);
    expect(frame).not.toContain('exited');
    expect(frameOf(row('exit'))).toMatch(/✘ exit {8}exited \(exit code 3\): fatal: environment variable API_KEY is empty or unset/);
  });

  it('disabled: ○ and where it was disabled', () => {
    expect(frameOf(row('dormant'))).toBe('      ○ dormant     disabled in ~/.claude/settings.json');
  });

  it('selected: a pointer, so the selection shows without colour', () => {
    expect(frameOf(row('crash'), { selected: true })).toMatch(/^❯ {5}✘ crash/);
  });

  it('colour only when asked for', () => {
    expect(frameOf(row('crash'), { color: false })).not.toContain('\x1b[');
  });

  it('cuts a long line at the width (100 columns here) instead of wrapping it', () => {
    const frame = frameOf(row('banner'));
    expect(frame.split('\n')).toHaveLength(1);
    expect([...frame].length).toBeLessThanOrEqual(100);
    expect(frame.endsWith('…')).toBe(true);
  });
});

describe('the header', () => {
  it('counts servers by state, and shows progress while running', () => {
    const { lastFrame } = render(
      <Header
        version="9.9.9"
        configDir={join(fx.home, '.claude')}
        projectDir={fx.project}
        home={fx.home}
        summary={{ ...report.summary, ok: 2, degraded: 1, failed: 2, disabled: 1, skipped: 0 }}
        pending={1}
        otherProblems={2}
        total={5}
        running
        elapsedMs={2300}
        width={100}
        color={false}
      />,
    );
    const [top, counts, rule] = (lastFrame() ?? '').split('\n');
    expect(top).toMatch(/^mcp-doctor 9\.9\.9 {2}~\/\.claude · project .* 4\/5 done · 2\.3 s$/);
    // The core's words for each state; the plugin and file rows with problems count too.
    expect(counts).toBe('✔ 2 ok   ⚠ 1 with warnings   ✘ 2 failing   … 1 pending   ○ 1 disabled   ✘ 2 plugin/file problems');
    expect(rule).toBe('─'.repeat(100));
  });
});

describe('the detail view', () => {
  const lines = (name: string, width = 96) => detailLines(row(name), report, { home: fx.home, width, now: 5000, canFix: false }).map((l) => l.map((s) => s.text).join(''));

  it('puts the root cause first, then its fix, then the other findings with file:line:column', () => {
    const text = lines('crash');
    expect(text[0]).toBe('crash  ✘ fails to load');
    expect(text[2]).toBe('defined in ~/code/fx-marketplace/plugins/live/.mcp.json:7:5');
    const cause = text.indexOf('Root cause');
    expect(cause).toBeGreaterThan(0);
    expect(text[cause + 1]).toMatch(/^ {2}'\/usr\/bin\/python3' cannot import 'mcp_doctor_fixture_missing_module': ModuleNotFoundError/);
    const fix = text.indexOf('Fix');
    expect(fix).toBeGreaterThan(cause);
    expect(text[fix + 1]).toBe('  Install it into that interpreter:');
    // The command alone on its line, never wrapped.
    expect(text[fix + 2]).toBe('  $ /usr/bin/python3 -m pip install mcp_doctor_fixture_missing_module');
    expect(text.indexOf('Other findings (1)')).toBeGreaterThan(fix);
    expect(text.indexOf('Evidence')).toBeGreaterThan(text.indexOf('Other findings (1)'));
    expect(text.indexOf('Command, as started')).toBeGreaterThan(text.indexOf('Evidence'));
    expect(text).toContainEqual(expect.stringMatching(/^ {2}info probe\.crashed {2}.*\.mcp\.json:7:5$/));
    expect(text).toContainEqual('    a symptom of deps.python-module');
  });

  it('shows the stderr tail with the line that names the error picked out', () => {
    const text = lines('crash');
    expect(text).toContainEqual(expect.stringMatching(/^ {2}stderr: \d+ bytes, the last lines:$/));
    expect(text).toContainEqual("  ▶ ModuleNotFoundError: No module named 'mcp_doctor_fixture_missing_module'");
    expect(text).toContainEqual('    starting fixture server');
    expect(text).toContainEqual(expect.stringMatching(/^ {2}exit code 1 · crashed after \d+ ms \(timeout 30 s\) · checked in 0\.4 s$/));
  });

  it('shows the command as it was started, with the env as the report shows it (secrets as their shape)', () => {
    const text = lines('exit');
    const at = text.indexOf('Command, as started');
    expect(at).toBeGreaterThan(0);
    expect(text[at + 1]).toBe('  $ python3 ~/code/fx-marketplace/plugins/live/servers/mcp_fixture.py exit');
    expect(text[at + 2]).toBe(`  cwd ${fx.project}`);
    expect(text).toContainEqual('  env API_KEY=«empty»');
    expect(text).toContainEqual('      LOG_LEVEL=debug');
  });

  it('shows what Claude Code logged last', () => {
    const text = lines('crash');
    expect(text).toContainEqual('Claude Code last logged (2026-11-20T10:00:00.500Z)');
    expect(text).toContainEqual('  Connection failed (CONNECTION_CLOSED): Connection closed');
  });

  it('keeps a long command on one line at any width (the view cuts it; c copies it whole)', () => {
    const narrow = lines('crash', 30);
    expect(narrow).toContainEqual('  $ /usr/bin/python3 -m pip install mcp_doctor_fixture_missing_module');
  });

  it('renders a window of the lines, cut at the width', () => {
    const all = detailLines(row('crash'), report, { home: fx.home, width: 60, now: 5000, canFix: false });
    const { lastFrame } = render(<DetailView lines={all} offset={2} height={10} width={62} color={false} />);
    const frame = (lastFrame() ?? '').split('\n');
    expect(frame).toHaveLength(10);
    expect(frame.every((l) => [...l].length <= 62)).toBe(true);
    expect(frame[2]?.trim()).toBe('Root cause');
  });

  it('for a disabled server: why it was not checked', () => {
    const text = lines('dormant');
    expect(text).toContainEqual('Not checked');
    expect(text).toContainEqual(expect.stringMatching(/^ {2}Its plugin is disabled in ~\/\.claude\/settings\.json; mcp-doctor --all checks it anyway\.$/));
  });
});
