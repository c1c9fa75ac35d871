/**
 * The live view's decisions as pure functions: which finding is the root cause, how names and paths are
 * shortened, how lines wrap and scroll, what a key does, how events fold into rows, when the view and
 * colour are used, what the progress line says.
 */
import { describe, expect, it } from 'vitest';
import type { DoctorEvent, Report, ReportFinding, ReportServer } from '../src/core/model/types.js';
import { colorMode, wantsColor } from '../src/cli/color.js';
import { wantsInteractive } from '../src/cli/commands/interactive.js';
import { createEventFeed } from '../src/cli/event-feed.js';
import { progressText } from '../src/cli/progress.js';
import { exitSummary } from '../src/cli/tui/exit-summary.js';
import { commandFor, commandsFor } from '../src/cli/tui/keymap.js';
import { listLines, pageTarget, selectable, type ListLine } from '../src/cli/tui/list-layout.js';
import { rootCause } from '../src/core/model/root-cause.js';
import { findingLine } from '../src/cli/tui/row-summary.js';
import { firstFailing, initialRunState, pendingCount, reportSoFar, runReducer, withServer } from '../src/cli/tui/run-state.js';
import { followWindow } from '../src/cli/tui/scroll.js';
import { compactPaths, shortenMiddle, shortenPath, tildeHome } from '../src/cli/tui/shorten.js';
import { wrapText } from '../src/cli/tui/wrap.js';

const finding = (code: string, severity: ReportFinding['severity'], causedBy: string | null = null, evidence: ReportFinding['evidence'] = {}): ReportFinding =>
  ({ code, severity, causedBy, message: `${code} message`, hint: 'hint', server: 'plugin:p:s', plugin: 'p@m', file: '/f', line: 1, column: 1, pointer: null, evidence, fixable: false, fix: null }) as ReportFinding;

describe('root cause', () => {
  it.each([
    ['the first error that is not a symptom', [finding('probe.crashed', 'info', 'venv.missing'), finding('venv.missing', 'error')], 'venv.missing'],
    ['an error before a symptom error', [finding('probe.crashed', 'error', 'deps.python-module'), finding('deps.python-module', 'error')], 'deps.python-module'],
    ['a symptom error when it is the only error', [finding('probe.crashed', 'error', 'x.y'), finding('probe.stdout-noise', 'warning')], 'probe.crashed'],
    ['the first warning when there is no error', [finding('probe.slow-start', 'warning'), finding('probe.stdout-noise', 'warning')], 'probe.slow-start'],
    ['errors beat warnings listed first', [finding('config.unknown-key', 'warning'), finding('command.not-found', 'error')], 'command.not-found'],
  ] as const)('%s', (_why, findings, code) => {
    expect(rootCause(findings)?.code).toBe(code);
  });

  it('nothing for no findings, or only info', () => {
    expect(rootCause([])).toBeUndefined();
    expect(rootCause([finding('server.bundle-not-checked', 'info')])).toBeUndefined();
  });

  it('tells a crash by the stderr line that names the error, not the runtime footer', () => {
    const crash = finding('probe.crashed', 'error', null, { exitCode: 1, stderrTail: ["Error: Cannot find module 'x'", '    at load (node:internal)', 'Node.js v20.20.2'] });
    expect(findingLine(crash, undefined)).toBe("exited (exit code 1): Error: Cannot find module 'x'");
    const timeout = finding('probe.timeout', 'error', null, { timeoutMs: 30_000, stderrTail: [] });
    expect(findingLine(timeout, undefined)).toBe('no answer within 30 s');
  });
});

describe('shortening', () => {
  it('shows home as ~, only at a path boundary', () => {
    expect(tildeHome('/home/me/x and /home/me and /home/meg/y', '/home/me')).toBe('~/x and ~ and /home/meg/y');
    expect(tildeHome('/x', '/')).toBe('/x');
  });

  it('cuts paths at folder boundaries, keeping the start and the most specific end', () => {
    const p = '/home/me/.claude/plugins/cache/demo-market/vault/1.0.0/mcp/server.py';
    expect(shortenPath(p, 100, '/home/me')).toBe('~/.claude/plugins/cache/demo-market/vault/1.0.0/mcp/server.py');
    expect(shortenPath(p, 30, '/home/me')).toBe('~/…/vault/1.0.0/mcp/server.py');
    expect(shortenPath(p, 30, '/home/me').length).toBeLessThanOrEqual(30);
    expect(shortenPath('/usr/local/lib/python3.12/site-packages/pkg/module.py', 30)).toBe('/usr/local/lib/…/pkg/module.py');
    expect(shortenPath('/a/very-long-file-name-that-does-not-fit.py', 12)).toHaveLength(12);
  });

  it('cuts names in the middle', () => {
    expect(shortenMiddle('plugin-with-a-very-long-server-name', 15)).toBe('plugin-…er-name');
    expect(shortenMiddle('short', 15)).toBe('short');
    expect([...shortenMiddle('plugin-with-a-very-long-server-name', 15)]).toHaveLength(15);
  });

  it('shortens every long path in a sentence, keeping its punctuation', () => {
    expect(compactPaths("'/home/me/.claude/plugins/cache/m/p/1.0.0/mcp/.venv' is missing.", 24, '/home/me')).toBe("'~/…/m/p/1.0.0/mcp/.venv' is missing.");
  });
});

describe('wrapping', () => {
  it('wraps at word boundaries, breaks what does not fit, keeps indentation', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrapText('    at frame (file.js:1:2)', 18)).toEqual(['    at frame', '    (file.js:1:2)']);
    expect(wrapText('a\n\nb', 10)).toEqual(['a', '', 'b']);
  });
});

describe('scrolling', () => {
  it('moves only as far as needed to keep the focus on screen', () => {
    expect(followWindow(0, 3, 3, 10, 40)).toBe(0);
    expect(followWindow(0, 12, 12, 10, 40)).toBe(3);
    expect(followWindow(3, 5, 5, 10, 40)).toBe(3);
    // Going up brings the headers above the server into view too.
    expect(followWindow(10, 8, 10, 10, 40)).toBe(8);
    expect(followWindow(35, 39, 39, 10, 40)).toBe(30);
    expect(followWindow(5, 0, 0, 10, 4)).toBe(0);
  });
});

describe('keys', () => {
  const none = { upArrow: false, downArrow: false, pageUp: false, pageDown: false, home: false, end: false, return: false, escape: false, ctrl: false };
  it.each([
    ['j', {}, 'list', 'down'],
    ['k', {}, 'detail', 'up'],
    ['', { downArrow: true }, 'list', 'down'],
    ['', { return: true }, 'list', 'toggle-detail'],
    ['', { escape: true }, 'detail', 'close'],
    ['', { escape: true }, 'list', 'close'],
    ['c', {}, 'list', 'copy'],
    ['q', {}, 'detail', 'quit'],
    ['e', {}, 'list', 'problems-only'],
    ['r', {}, 'list', 'reprobe'],
    ['f', {}, 'detail', 'fix'],
    ['?', {}, 'list', 'help'],
    ['x', {}, 'help', 'close'],
    ['y', {}, 'fix-confirm', 'confirm'],
    ['n', {}, 'fix-confirm', 'decline'],
    ['', { return: true }, 'fix-confirm', 'decline'],
    ['q', {}, 'fix-busy', null],
    ['c', { ctrl: true }, 'fix-busy', 'interrupt'],
    ['c', { ctrl: true }, 'list', 'interrupt'],
  ] as const)('%j %j on %s → %s', (input, key, screen, command) => {
    expect(commandFor(input, { ...none, ...key }, screen)).toBe(command);
  });

  it('takes a run of characters (held-down j) as one key press each', () => {
    expect(commandsFor('jjj', none, 'list')).toEqual(['down', 'down', 'down']);
    expect(commandsFor('j\r', none, 'list')).toEqual(['down', 'toggle-detail']);
  });
});

const server = (id: string, status: ReportServer['status'], extra: Partial<ReportServer> = {}): ReportServer =>
  ({ id, name: id.split(':').at(-1), plugin: 'p@m', marketplace: 'm', scope: 'plugin', root: '/r', transport: 'stdio', command: 'x', args: [], url: null, envKeys: [], env: {}, source: { file: '/r/.mcp.json' }, status, skipReason: null, probe: null, claudeLog: null, findings: [], ...extra }) as ReportServer;

const report = (servers: ReportServer[]): Report =>
  ({
    schemaVersion: 1,
    tool: { name: 'mcp-doctor', version: '0' },
    mode: 'installed',
    configDir: '/c',
    projectDir: '/p',
    generatedAt: '',
    probe: true,
    summary: { marketplaces: 1, plugins: 1, servers: servers.length, ok: 0, degraded: 0, failed: 0, disabled: 0, skipped: 0, errors: 0, warnings: 0 },
    marketplaces: [{ name: 'm', source: 'directory', location: '/m', exists: true }],
    plugins: [{ id: 'p@m', name: 'p', marketplace: 'm', root: '/r', rootKind: 'in-place', enabled: true, enabledBy: '/c/settings.json', version: '1.0.0' }],
    servers,
    findings: servers.flatMap((s) => s.findings),
  }) as Report;

describe('run state', () => {
  const a = server('plugin:p:a', 'ok');
  const b = server('plugin:p:b', 'ok');
  const off = server('plugin:p:off', 'disabled');
  const failedB = server('plugin:p:b', 'failed', { findings: [{ ...finding('probe.crashed', 'error'), server: 'plugin:p:b' }] });
  const fold = (events: [DoctorEvent, number][]) => events.reduce((s, [event, at]) => runReducer(s, { type: 'event', event, at }), initialRunState(0));

  it('lists every server as pending from the first event, then final one by one', () => {
    let s = fold([[{ type: 'discovered', report: report([a, b, off]), pending: [a.id, b.id] }, 100]]);
    expect(s.stage).toBe('running');
    // The header's counts: the core's summary of the servers that are done, and the pending ones.
    expect(pendingCount(s.rows)).toBe(2);
    expect(reportSoFar(s)?.summary).toMatchObject({ servers: 1, disabled: 1, ok: 0 });
    s = runReducer(s, { type: 'event', event: { type: 'probe-start', id: b.id }, at: 120 });
    expect(s.rows[1]?.phase).toBe('probing');
    s = runReducer(s, { type: 'event', event: { type: 'server-done', server: failedB }, at: 900 });
    expect(s.rows[1]).toMatchObject({ phase: null, tookMs: 800 });
    expect(pendingCount(s.rows)).toBe(1);
    expect(reportSoFar(s)?.summary).toMatchObject({ servers: 2, failed: 1, disabled: 1, ok: 0, errors: 1 });
    s = runReducer(s, { type: 'event', event: { type: 'server-done', server: a }, at: 950 });
    s = runReducer(s, { type: 'event', event: { type: 'done', report: report([a, failedB, off]) }, at: 1000 });
    expect(s).toMatchObject({ stage: 'done', finishedAt: 1000 });
    expect(s.rows[1]?.tookMs).toBe(800);
    expect(firstFailing(s.rows)).toBe(b.id);
  });

  it('a re-probed server is pending again, then its new row is counted in the report', () => {
    let s = fold([
      [{ type: 'discovered', report: report([a, failedB]), pending: [a.id, b.id] }, 0],
      [{ type: 'done', report: { ...report([a, failedB]), summary: { ...report([a, failedB]).summary, failed: 1, ok: 1, errors: 1 } } }, 10],
    ]);
    s = runReducer(s, { type: 'refresh-start', id: b.id, phase: 'reprobing', at: 20 });
    expect(pendingCount(s.rows)).toBe(1);
    s = runReducer(s, { type: 'refresh-done', server: server(b.id, 'ok'), at: 50 });
    expect(s.report?.summary).toMatchObject({ ok: 2, failed: 0, errors: 0 });
    expect(s.rows[1]).toMatchObject({ phase: null, tookMs: 30 });
  });

  it('withServer replaces the row and its own findings, nothing else', () => {
    const loose = { ...finding('registry.not-installed', 'warning'), server: null };
    const r = { ...report([a, failedB]), findings: [...failedB.findings, loose] };
    const next = withServer(r, server(b.id, 'degraded', { findings: [{ ...finding('probe.slow-start', 'warning'), server: b.id }] }));
    expect(next.findings.map((f) => f.code).sort()).toEqual(['probe.slow-start', 'registry.not-installed']);
    expect(next.summary).toMatchObject({ ok: 1, degraded: 1, failed: 0, errors: 0, warnings: 2 });
  });
});

const show = (l: ListLine) => (l.kind === 'group' ? `# ${l.label}` : l.kind === 'plugin' ? `${l.selectable ? '❯' : '#'} ${l.label}` : l.kind === 'file' ? `! ${l.group.file}` : l.id);

describe('list layout', () => {
  it('groups by marketplace and plugin, then scope; problems only keeps failing, degraded and running servers', () => {
    const rows = [
      { server: server('plugin:p:a', 'ok'), phase: null, since: 0, tookMs: 1 },
      { server: server('plugin:p:b', 'failed'), phase: null, since: 0, tookMs: 1 },
      { server: server('user:u', 'ok', { scope: 'user', plugin: null, marketplace: null, source: { file: '/home/.claude.json' } }), phase: 'probing' as const, since: 0, tookMs: null },
    ];
    const all = listLines(rows, report(rows.map((r) => r.server)), false);
    expect(all.map(show)).toEqual(['# m', '# p 1.0.0', 'plugin:p:a', 'plugin:p:b', '# User scope', 'user:u']);
    const problems = listLines(rows, report(rows.map((r) => r.server)), true);
    expect(problems.map(show)).toEqual(['# m', '# p 1.0.0', 'plugin:p:b', '# User scope', 'user:u']);
  });
});

describe('problems outside any server', () => {
  const failing = server('plugin:p:a', 'failed', { findings: [{ ...finding('probe.crashed', 'error'), server: 'plugin:p:a' }] });
  const rows = [{ server: failing, phase: null, since: 0, tookMs: 1 }];
  const loose = { ...finding('registry.install-missing', 'error'), server: null, plugin: 'gone@m', message: 'gone@m is recorded as installed at /x, which does not exist.' };
  const ofListedPlugin = { ...finding('config.unknown-key', 'warning'), server: null, plugin: 'p@m' };
  const r = { ...report([failing]), findings: [...failing.findings, loose, ofListedPlugin], summary: { ...report([failing]).summary, failed: 1, errors: 2, warnings: 1 } };

  it('are rows: a plugin-level one on its plugin, the rest on their file, each selectable', () => {
    const lines = listLines(rows, r, false);
    expect(lines.map(show)).toEqual(['# m', '❯ p 1.0.0', 'plugin:p:a', '# Files', '! /f']);
    expect(lines.filter(selectable)).toHaveLength(3);
    // A plugin without a server row still has its row when it has a problem.
    const empty = { ...r, plugins: [...r.plugins, { ...r.plugins[0]!, id: 'q@m', name: 'q' }], findings: [...r.findings, { ...finding('config.missing-file', 'error'), server: null, plugin: 'q@m' }] };
    expect(listLines(rows, empty, true).map(show)).toEqual(['# m', '❯ p 1.0.0', 'plugin:p:a', '❯ q 1.0.0', '# Files', '! /f']);
  });

  it('stay in the summary printed after the view closes: one line each, the verdict and the next step last', () => {
    expect(exitSummary(r, { color: false })).toBe(
      [
        '  ✘ a    probe.crashed message',
        '  ⚠ p@m  config.unknown-key message',
        '  ✘ /f   gone@m is recorded as installed at /x, which does not exist.',
        'mcp-doctor: 1 MCP server: 0 ok, 1 failing · 2 errors, 1 warning',
        'Next: 3 to do by hand (each finding says how)',
        '(mcp-doctor --format text prints the whole report)',
        '',
      ].join('\n'),
    );
  });

  it('a long list is cut to the terminal, so the verdict stays on screen; fixes applied say how to undo them', () => {
    const many = Array.from({ length: 60 }, (_, i) => server(`plugin:p:s${i}`, 'failed', { findings: [{ ...finding('probe.crashed', 'error'), server: `plugin:p:s${i}`, message: 'x'.repeat(500) }] }));
    const out = exitSummary({ ...report(many), findings: many.flatMap((m) => m.findings) }, { color: false, width: 80, height: 24, applied: [{ name: 's1', changes: ['relink the venv'] }], copied: ['go build -o ~/x/bin/geo-mcp ./cmd/geo'] });
    const lines = out.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines.every((l) => [...l].length <= 80 || l.startsWith('  go build'))).toBe(true);
    expect(out).toMatch(/… and \d+ more/);
    expect(out).toMatch(/mcp-doctor: 60 MCP servers/);
    expect(out).toContain('✔ s1: relink the venv');
    expect(out).toContain('Undo: mcp-doctor undo reverts it');
    expect(out).toContain('  go build -o ~/x/bin/geo-mcp ./cmd/geo');
  });
});

describe('paging', () => {
  it('moves by screen rows, and reaches the last row', () => {
    const lines: ListLine[] = [
      { kind: 'group', key: 'm', depth: 0, label: 'm', detail: '', muted: false },
      ...Array.from({ length: 30 }, (_, i): ListLine => ({ kind: 'server', id: `s${i}`, depth: 1 })),
      { kind: 'plugin', id: 'P', pluginId: 'p', depth: 1, label: 'p', detail: '', muted: false, selectable: true },
    ];
    expect(pageTarget(lines, 1, 10)).toBe('s10');
    expect(pageTarget(lines, 25, 10)).toBe('P');
    expect(pageTarget(lines, 5, -10)).toBe('s0');
  });
});

describe('colour', () => {
  it.each([
    ['--color always on a pipe', 'always', {}, false, true],
    ['--color never on a terminal', 'never', {}, true, false],
    ['--color always beats NO_COLOR', 'always', { NO_COLOR: '1' }, false, true],
    ['--color never beats FORCE_COLOR', 'never', { FORCE_COLOR: '1' }, true, false],
    ['auto on a terminal', 'auto', {}, true, true],
    ['auto on a pipe', 'auto', {}, false, false],
    ['NO_COLOR on a terminal', 'auto', { NO_COLOR: '1' }, true, false],
    ['an empty NO_COLOR is ignored', 'auto', { NO_COLOR: '' }, true, true],
    ['FORCE_COLOR=1 on a pipe', 'auto', { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=3 beats NO_COLOR', 'auto', { FORCE_COLOR: '3', NO_COLOR: '1' }, false, true],
    ['FORCE_COLOR=0 on a terminal', 'auto', { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false on a terminal', 'auto', { FORCE_COLOR: 'false' }, true, false],
    ['TERM=dumb on a terminal', 'auto', { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR beats TERM=dumb', 'auto', { TERM: 'dumb', FORCE_COLOR: '1' }, true, true],
  ] as const)('%s', (_why, mode, env, tty, expected) => {
    expect(wantsColor(mode, env, tty)).toBe(expected);
  });

  it('maps the options commander hands over', () => {
    expect(colorMode(false)).toBe('never');
    expect(colorMode(undefined)).toBe('auto');
    expect(colorMode('always')).toBe('always');
  });
});

describe('when the live view opens', () => {
  const tty = { stdin: { isTTY: true }, stdout: { isTTY: true } };
  it.each([
    ['a terminal, no format', {}, tty, {}, true],
    ['--format text', { format: 'text' as const }, tty, {}, false],
    ['--json', { json: true }, tty, {}, false],
    ['stdout redirected', {}, { ...tty, stdout: { isTTY: false } }, {}, false],
    ['stdin redirected', {}, { ...tty, stdin: {} }, {}, false],
    ['TERM=dumb', {}, tty, { TERM: 'dumb' }, false],
    ['CI', {}, tty, { CI: 'true' }, false],
    ['CI=false', {}, tty, { CI: 'false' }, true],
  ])('%s', (_why, opts, io, env, expected) => {
    expect(wantsInteractive(opts, io, env)).toBe(expected);
  });
});

describe('stderr progress', () => {
  it('says how many servers are done, and the seconds once there are some', () => {
    expect(progressText(12, 31, true, 400)).toBe('probing 12/31 servers…');
    expect(progressText(0, 1, false, 2500)).toBe('checking 0/1 server… 2s');
  });
});

describe('event feed', () => {
  it('replays what came before a late subscriber, with the time each event arrived', () => {
    let t = 5;
    const feed = createEventFeed(() => t);
    feed.push({ type: 'probe-start', id: 'a' });
    t = 9;
    const seen: [string, number][] = [];
    feed.subscribe((e, at) => seen.push([e.type, at]));
    feed.push({ type: 'probe-start', id: 'b' });
    expect(seen).toEqual([
      ['probe-start', 5],
      ['probe-start', 9],
    ]);
  });
});
