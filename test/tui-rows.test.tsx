/**
 * The live view (App) on hand-built reports, with ink-testing-library: problems that are no server's are
 * rows (a plugin's own, a file's), counted in the header, reachable with G, opened with Enter; Esc closes
 * and never quits; c copies the selected row's command; q before the end hands over a partial report.
 */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Report, ReportFinding, ReportServer } from '../src/core/model/types.js';
import type { ServerActions } from '../src/cli/actions.js';
import { createEventFeed } from '../src/cli/event-feed.js';
import { App, type QuitRequest } from '../src/cli/tui/app.js';
import { selected } from './helpers/ink-frames.js';

const finding = (code: string, extra: Partial<ReportFinding>): ReportFinding =>
  ({ code, severity: 'error', causedBy: null, message: `${code} message`, hint: 'Fix it.', server: null, plugin: null, file: '/m/.claude-plugin/marketplace.json', line: 3, column: 5, pointer: null, evidence: {}, fixable: false, fix: null, ...extra }) as ReportFinding;

const server = (name: string, status: ReportServer['status'], findings: ReportFinding[] = []): ReportServer =>
  ({ id: `plugin:p:${name}`, name, plugin: 'p@m', marketplace: 'm', scope: 'plugin', root: '/r', transport: 'stdio', command: '/r/bin/srv', args: ['--port', '1'], url: null, envKeys: [], env: {}, source: { file: '/r/.mcp.json', line: 2, column: 3 }, status, skipReason: null, probe: null, claudeLog: null, findings }) as ReportServer;

const crash = finding('probe.crashed', { server: 'plugin:p:bad', plugin: 'p@m', message: 'The server exited.', hint: 'Run it by hand to see the whole error: /r/bin/srv --port 1', evidence: { commandLine: '/r/bin/srv --port 1' } });
const servers = [server('good', 'ok'), server('bad', 'failed', [crash])];
const own = finding('config.missing-file', { plugin: 'q@m', file: '/q/.claude-plugin/plugin.json', message: "mcpServers points to './servers.json', which does not exist." });
const ghost = finding('config.missing-file', { plugin: 'gone@m', message: "plugins.3.source points to './plugins/gone', which does not exist." });
const plugin = (id: string, name: string) => ({ id, name, marketplace: 'm', root: `/${name}`, rootKind: 'in-place', enabled: true, enabledBy: '/c/settings.json', version: '1.0.0', load: { verdict: 'refused', reason: null, errors: 1 } });

const report = (done: boolean): Report =>
  ({
    schemaVersion: 1,
    tool: { name: 'mcp-doctor', version: '0' },
    mode: 'installed',
    configDir: '/c',
    projectDir: '/proj',
    generatedAt: '',
    probe: true,
    summary: { marketplaces: 1, plugins: 2, servers: 2, ok: 1, degraded: 0, failed: 1, disabled: 0, skipped: 0, errors: 3, warnings: 0 },
    marketplaces: [{ name: 'm', source: 'directory', location: '/m', exists: true }],
    plugins: [plugin('p@m', 'p'), plugin('q@m', 'q')],
    servers: done ? servers : servers.map((s) => ({ ...s, status: 'ok', findings: [] })),
    findings: done ? [crash, own, ghost] : [],
  }) as unknown as Report;

const actions: ServerActions = { reprobe: async (id) => servers.find((s) => s.id === id)! };
const tick = () => new Promise((r) => setTimeout(r, 30));
async function press(stdin: { write(data: string): void }, ...keys: string[]) {
  for (const k of keys) {
    stdin.write(k);
    await tick();
  }
}

function mount(events: Parameters<ReturnType<typeof createEventFeed>['push']>[0][]) {
  const feed = createEventFeed();
  for (const e of events) feed.push(e);
  const quits: QuitRequest[] = [];
  const app = render(<App feed={feed} actions={actions} version="0" color={false} onQuit={(q) => quits.push(q)} onInterrupt={() => {}} />);
  return { ...app, quits };
}

describe('rows for every problem', () => {
  it('counts them, reaches them with G, opens them; Esc closes and never quits; c copies a command', async () => {
    const app = mount([
      { type: 'discovered', report: report(false), pending: [] },
      { type: 'done', report: report(true) },
    ]);
    await tick();
    const list = app.lastFrame() ?? '';
    expect(list).toMatch(/✔ 1 ok\s+✘ 1 failing\s+✘ 2 plugin\/file problems/);
    expect(list).toMatch(/✘ q\s+mcpServers points to '\.\/servers\.json'/);

    await press(app.stdin, 'G');
    expect(selected(app.lastFrame() ?? '')).toMatch(/marketplace\.json\s+plugins\.3\.source points/);
    await press(app.stdin, '\r');
    expect(app.lastFrame()).toMatch(/Root cause/);
    expect(app.lastFrame()).toMatch(/about gone@m/);
    await press(app.stdin, '\x1b', '\x1b');
    expect(app.quits).toEqual([]);
    expect(app.lastFrame()).not.toMatch(/Root cause/);

    await press(app.stdin, 'k');
    expect(selected(app.lastFrame() ?? '')).toMatch(/✘ q /);
    await press(app.stdin, 'k');
    expect(selected(app.lastFrame() ?? '')).toMatch(/✘ bad /);
    await press(app.stdin, '\r');
    const detail = app.lastFrame() ?? '';
    const rows = detail.split('\n').map((l) => l.trim());
    expect(rows.indexOf('Fix')).toBeGreaterThan(rows.indexOf('Root cause'));
    expect(rows[rows.indexOf('Fix') + 2]).toBe('$ /r/bin/srv --port 1');
    await press(app.stdin, 'c');
    expect(app.lastFrame()).toMatch(/Copied: \/r\/bin\/srv --port 1/);
    await press(app.stdin, 'q');
    expect(app.quits).toHaveLength(1);
    expect(app.quits[0]).toMatchObject({ finished: true, copied: ['/r/bin/srv --port 1'], applied: [] });
    app.unmount();
  });

  it('q before the end hands over what is known: the servers that are done, and which are not', async () => {
    const app = mount([
      { type: 'discovered', report: report(false), pending: ['plugin:p:good', 'plugin:p:bad'] },
      { type: 'server-done', server: servers[1]! },
    ]);
    await tick();
    expect(app.lastFrame()).toMatch(/✘ 1 failing\s+… 1 pending/);
    await press(app.stdin, 'q');
    const q = app.quits[0]!;
    expect(q.finished).toBe(false);
    expect(q.progress).toEqual({ checked: 1, total: 2, pending: ['good'] });
    expect(q.report?.summary).toMatchObject({ servers: 1, failed: 1, ok: 0 });
    app.unmount();
  });
});
