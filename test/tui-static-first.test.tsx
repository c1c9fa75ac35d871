/**
 * A slow server's static root cause before its probe ends (`server-checked`), on hand-built events with
 * ink-testing-library: the row shows it beside its spinner, the detail shows it as provisional, and `f`
 * plans and applies its fix from it; the run's own later result for that server (which predates the fix)
 * does not overwrite the fixed row, nor does the final report.
 */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { DoctorEvent, Report, ReportFinding, ReportServer } from '../src/core/model/types.js';
import type { FixPlanView, ServerActions } from '../src/cli/actions.js';
import { createEventFeed } from '../src/cli/event-feed.js';
import { App, type QuitRequest } from '../src/cli/tui/app.js';
import { initialRunState, runReducer, staticallyKnown } from '../src/cli/tui/run-state.js';

const notExec = {
  code: 'command.not-executable',
  severity: 'error',
  causedBy: null,
  message: '/r/bin/srv is not executable.',
  hint: 'Make it executable: chmod +x /r/bin/srv',
  server: 'plugin:p:slow',
  plugin: 'p@m',
  file: '/r/.mcp.json',
  line: 2,
  column: 3,
  pointer: null,
  evidence: {},
  fixable: true,
  fix: { kind: 'chmod', path: '/r/bin/srv', mode: 0o755 },
} as unknown as ReportFinding;

const server = (name: string, status: ReportServer['status'], findings: ReportFinding[] = []): ReportServer =>
  ({ id: `plugin:p:${name}`, name, plugin: 'p@m', marketplace: 'm', scope: 'plugin', root: '/r', transport: 'stdio', command: '/r/bin/srv', args: [], url: null, envKeys: [], env: {}, source: { file: '/r/.mcp.json', line: 2, column: 3 }, status, skipReason: null, probe: null, claudeLog: null, findings }) as ReportServer;

const quick = server('quick', 'ok');
const slowPending = server('slow', 'ok');
const slowStatic = server('slow', 'failed', [notExec]);
const slowFixed = server('slow', 'ok');

const report = (servers: ReportServer[]): Report =>
  ({
    schemaVersion: 1,
    tool: { name: 'mcp-doctor', version: '0' },
    mode: 'installed',
    configDir: '/c',
    projectDir: '/proj',
    generatedAt: '',
    probe: true,
    summary: { marketplaces: 1, plugins: 1, servers: 2, ok: 2, degraded: 0, failed: 0, disabled: 0, skipped: 0, errors: 0, warnings: 0 },
    marketplaces: [{ name: 'm', source: 'directory', location: '/m', exists: true }],
    plugins: [{ id: 'p@m', name: 'p', marketplace: 'm', root: '/r', rootKind: 'in-place', enabled: true, enabledBy: '/c/settings.json', version: '1.0.0', load: { verdict: 'loads', reason: null, errors: 0 } }],
    servers,
    findings: servers.flatMap((s) => s.findings),
  }) as unknown as Report;

const tick = () => new Promise((r) => setTimeout(r, 30));
async function press(stdin: { write(data: string): void }, ...keys: string[]) {
  for (const k of keys) {
    stdin.write(k);
    await tick();
  }
}
const rowOf = (text: string, name: string) => text.split('\n').find((l) => new RegExp(`[✔⚠✘○⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] ${name}\\b`).test(l)) ?? '';

describe('a slow server, checked statically before its probe ends', () => {
  it('shows its static root cause beside the spinner; the detail and f work on it; its stale run result is not taken', async () => {
    const feed = createEventFeed();
    feed.push({ type: 'discovered', report: report([quick, slowPending]), pending: [quick.id, slowPending.id] });
    feed.push({ type: 'server-done', server: quick });
    feed.push({ type: 'probe-start', id: slowPending.id });
    const planned: string[] = [];
    const applied: FixPlanView[] = [];
    const actions: ServerActions = {
      reprobe: async () => slowFixed,
      fix: {
        async plan(id) {
          planned.push(id);
          return { serverId: id, changes: [{ id: 'c1', line: 'chmod +x /r/bin/srv', enabled: true, needs: null }], manual: [] };
        },
        async apply(plan) {
          applied.push(plan);
          return { outcomes: [{ line: 'chmod +x /r/bin/srv', status: 'applied', reason: null }], before: 'failed', after: slowFixed, journal: '/c/journal.json' };
        },
      },
    };
    const quits: QuitRequest[] = [];
    const app = render(<App feed={feed} actions={actions} version="0" color={false} onQuit={(q) => quits.push(q)} onInterrupt={() => {}} />);
    await tick();
    const before = app.lastFrame() ?? '';
    expect(rowOf(before, 'slow')).toMatch(/starting…/);
    expect(rowOf(before, 'slow')).not.toMatch(/not executable/);
    // f before its static checks are in: still being checked.
    await press(app.stdin, 'G', 'f');
    expect(app.lastFrame()).toMatch(/slow is still being checked/);
    expect(planned).toEqual([]);

    feed.push({ type: 'server-checked', server: slowStatic });
    await tick();
    const checked = app.lastFrame() ?? '';
    // The spinner runs on, the static root cause sits beside it.
    expect(rowOf(checked, 'slow')).toMatch(/starting… [\d.]+ ?s\s+\/r\/bin\/srv is not executable/);
    expect(checked).toMatch(/1 pending/);

    await press(app.stdin, '\r');
    const detail = app.lastFrame() ?? '';
    expect(detail).toMatch(/Root cause \(static checks; its probe is still running\)/);
    expect(detail).toMatch(/\/r\/bin\/srv is not executable/);
    expect(detail).toMatch(/Press f to apply it/);

    await press(app.stdin, 'f');
    await tick();
    expect(planned).toEqual([slowStatic.id]);
    expect(app.lastFrame()).toMatch(/\[y\/N\]/);
    await press(app.stdin, 'y');
    await tick();
    expect(applied).toHaveLength(1);
    expect(app.lastFrame()).toMatch(/slow: failed → ok/);
    await press(app.stdin, 'x', '\x1b');
    expect(rowOf(app.lastFrame() ?? '', 'slow')).toMatch(/✔ slow/);

    // The run's own result for slow started before the fix: it neither overwrites the row nor the final report.
    feed.push({ type: 'server-done', server: slowStatic });
    feed.push({ type: 'done', report: report([quick, slowStatic]) });
    await tick();
    const after = app.lastFrame() ?? '';
    expect(rowOf(after, 'slow')).toMatch(/✔ slow/);
    expect(after).not.toMatch(/not executable/);
    await press(app.stdin, 'q');
    expect(quits[0]?.report?.servers.find((s) => s.name === 'slow')?.status).toBe('ok');
    expect(quits[0]?.report?.summary).toMatchObject({ ok: 2, failed: 0 });
    app.unmount();
  });

  it('the reducer: server-checked keeps the spinner; a server fixed during the run keeps its fixed row', () => {
    const fold = (events: DoctorEvent[]) => events.reduce((s, event, i) => runReducer(s, { type: 'event', event, at: i * 10 }), initialRunState(0));
    let s = fold([
      { type: 'discovered', report: report([quick, slowPending]), pending: [slowPending.id] },
      { type: 'probe-start', id: slowPending.id },
      { type: 'server-checked', server: slowStatic },
    ]);
    const slow = () => s.rows.find((r) => r.server.id === slowStatic.id)!;
    expect(slow()).toMatchObject({ phase: 'probing', checked: true });
    expect(slow().server.status).toBe('failed');
    expect(staticallyKnown(slow())).toBe(true);
    // Not yet settled: the header and a partial verdict do not count a provisional verdict.
    s = runReducer(s, { type: 'refresh-start', id: slowStatic.id, phase: 'fixing', at: 50 });
    expect(staticallyKnown(slow())).toBe(false);
    // The run's result arrives while the fix is being applied: not taken.
    s = runReducer(s, { type: 'event', event: { type: 'server-done', server: slowStatic }, at: 60 });
    expect(slow().phase).toBe('fixing');
    s = runReducer(s, { type: 'event', event: { type: 'done', report: report([quick, slowStatic]) }, at: 70 });
    expect(slow().phase).toBe('fixing');
    s = runReducer(s, { type: 'refresh-done', server: slowFixed, at: 80 });
    expect(slow()).toMatchObject({ phase: null, server: { status: 'ok' } });
    expect(s.report?.summary).toMatchObject({ failed: 0, ok: 2 });

    // A fix that fails during the run: the row waits for the run's own result again, and takes it.
    let t = fold([
      { type: 'discovered', report: report([quick, slowPending]), pending: [slowPending.id] },
      { type: 'server-checked', server: slowStatic },
    ]);
    t = runReducer(t, { type: 'refresh-start', id: slowStatic.id, phase: 'fixing', at: 30 });
    t = runReducer(t, { type: 'refresh-failed', id: slowStatic.id, at: 40 });
    expect(t.rows[1]).toMatchObject({ phase: 'probing', fixedDuringRun: false });
    t = runReducer(t, { type: 'event', event: { type: 'server-done', server: slowStatic }, at: 50 });
    expect(t.rows[1]).toMatchObject({ phase: null, server: { status: 'failed' } });
  });
});
