/**
 * The live view: composes the hooks (run state from the core's events, selection, terminal size, clock,
 * re-probe, fix flow) and picks what the body shows (list, detail, help, fix panel). State lives in the
 * hooks, words and layout in the views; this file only wires them to the keys.
 */
import { Box, Text, useInput, useStdout, type Key } from 'ink';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Report } from '../../core/model/types.js';
import type { ServerActions } from '../actions.js';
import type { EventFeed } from '../event-feed.js';
import { detailCommands, detailLines, findingCommands, groupDetailLines } from './detail-lines.js';
import type { AppliedFix } from './exit-summary.js';
import { reportView } from '../../core/view/report-view.js';
import { DetailView } from './detail-view.js';
import { FixPanel } from './fix-panel.js';
import { Footer } from './footer.js';
import { Header } from './header.js';
import { HelpOverlay } from './help-overlay.js';
import { commandsFor, type Command, type Screen } from './keymap.js';
import { blockStart, fileProblems, type ListLine, listLines, pageTarget, pluginProblems, selectable } from './list-layout.js';
import { rowSummary, type RowSummary } from './row-summary.js';
import { firstFailing, pendingCount, reportSoFar, staticallyKnown, type ServerRow } from './run-state.js';
import { ServerList } from './server-list.js';
import { toneStyle } from './theme.js';
import { fixFlowScreen, useFixFlow } from './use-fix-flow.js';
import { useReprobe } from './use-reprobe.js';
import { useRunState } from './use-run-state.js';
import { useFollowWindow, useScrollOffset } from './use-scroll.js';
import { useSelection } from './use-selection.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useTicker } from './use-ticker.js';

export interface QuitRequest {
  /** The report as it stands (re-probes and fixes included), or null if the run never got going. */
  report: Report | null;
  /** False when the user quit before every server was checked: the run is cancelled. */
  finished: boolean;
  /** How many servers were checked, of how many, and the names of those that were not (for an early quit). */
  progress?: { checked: number; total: number; pending: string[] };
  /** Fixes applied in the view (for the exit verdict, with how to undo them). */
  applied: AppliedFix[];
  /** Commands copied with `c`, printed again on exit. */
  copied: string[];
}

export interface AppProps {
  feed: Pick<EventFeed, 'subscribe'>;
  actions: ServerActions;
  version: string;
  color: boolean;
  home?: string;
  clock?: () => number;
  /** When the run started (the clock's time), so the elapsed time counts discovery and Ink's start-up too. */
  startedAt?: number;
  onQuit(request: QuitRequest): void;
  /** Ctrl-C: stop everything now. */
  onInterrupt(): void;
}

const defaultClock = () => performance.now();
/** Header (3 lines) and footer (1). */
const chromeHeight = 4;

export function App({ feed, actions, version, color, home, clock = defaultClock, startedAt, onQuit, onInterrupt }: AppProps) {
  const [run, dispatch] = useRunState(feed, clock, startedAt);
  const { columns, rows: terminalRows } = useTerminalSize();
  const anyRunning = run.stage !== 'done' || run.rows.some((r) => r.phase !== null);
  const now = useTicker(anyRunning, clock);
  const [screen, setScreen] = useState<'list' | 'detail' | 'help'>('list');
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const lines = useMemo(() => listLines(run.rows, run.report, problemsOnly), [run.rows, run.report, problemsOnly]);
  const ids = useMemo(() => lines.flatMap((l) => (selectable(l) ? [l.id] : [])), [lines]);
  const rowsById = useMemo(() => new Map(run.rows.map((r) => [r.server.id, r])), [run.rows]);
  const selection = useSelection(ids);
  const selected: ServerRow | undefined = selection.selectedId ? rowsById.get(selection.selectedId) : undefined;
  // The report as it stands, counted by the core: the header's counts and an early quit's verdict.
  const soFar = useMemo(() => reportSoFar(run), [run]);
  const view = useMemo(() => (run.report ? reportView(run.report) : null), [run.report]);
  const selectedLine = lines.findIndex((l) => selectable(l) && l.id === selection.selectedId);
  const selectedGroup = selectedLine >= 0 ? (lines[selectedLine] as Extract<ListLine, { id: string }>) : undefined;
  const [applied, setApplied] = useState<AppliedFix[]>([]);
  const [copied, setCopied] = useState<string[]>([]);
  const { stdout } = useStdout();

  // When the run ends, the first failing server is what the user came for. Set during render (not in an
  // effect), so no frame shows the finished list with the old selection; once only, so re-probes do not
  // move it.
  const [jumped, setJumped] = useState(false);
  if (run.stage === 'done' && !jumped) {
    setJumped(true);
    const id = firstFailing(run.rows);
    if (id) selection.select(id);
  }

  const say = useCallback((text: string) => setNote(text), []);
  const reprobe = useReprobe(actions, dispatch, clock, say);
  const fix = useFixFlow(actions, dispatch, clock, (done) => setApplied((all) => [...all, done]));

  const width = Math.max(20, columns);
  // One line short of the terminal: a frame as tall as the screen makes Ink clear the screen on every update.
  const frameHeight = Math.max(6, terminalRows - 1);
  const bodyHeight = Math.max(1, frameHeight - chromeHeight);
  const maxDepth = lines.reduce((m, l) => (l.kind === 'server' ? Math.max(m, l.depth) : m), 0);
  const longestName = run.rows.reduce((m, r) => Math.max(m, [...r.server.name].length), 4);
  const nameColumn = maxDepth * 2 + Math.min(longestName, Math.max(8, Math.floor(width * 0.3)), 32);
  // Paths inside a one-line verdict get a third of what is left of the line, so the sentence stays readable.
  const pathWidth = Math.max(24, Math.floor((width - nameColumn - 8) / 3));
  const summaries = useMemo(
    () => new Map<string, RowSummary>(run.rows.map((r) => [r.server.id, rowSummary(r.server, run.report, home, pathWidth)])),
    [run.rows, run.report, home, pathWidth],
  );

  const top = useFollowWindow(selectedLine < 0 ? 0 : blockStart(lines, selectedLine), Math.max(0, selectedLine), bodyHeight, lines.length);
  // A running server's detail shows how long it has been running, so it follows the clock; a finished one
  // does not, so a key press in its detail never rebuilds it.
  const detailClock = selected?.phase ? now : 0;
  const detail = useMemo(() => {
    if (screen !== 'detail') return [];
    const o = { home, width: width - 2, now: detailClock, canFix: !!actions.fix };
    if (selected) return detailLines(selected, run.report, o);
    if (selectedGroup?.kind === 'plugin') {
      const plugin = view?.plugin(selectedGroup.pluginId);
      return plugin ? groupDetailLines({ kind: 'plugin', plugin }, o) : [];
    }
    if (selectedGroup?.kind === 'file') return groupDetailLines({ kind: 'file', group: selectedGroup.group }, o);
    return [];
  }, [selected, selectedGroup, view, screen, run.report, home, width, detailClock, actions.fix]);
  const [detailOffset, scrollDetail] = useScrollOffset(selection.selectedId ?? '', detail.length, bodyHeight);

  const fixScreen = fixFlowScreen(fix.flow);
  const current: Screen = fixScreen ?? screen;

  const startFix = (row: ServerRow) => {
    const s = row.server;
    if (!actions.fix) return say('--fix is not available yet: this version cannot apply fixes.');
    // Fixes come from static findings: once those are in, its probe need not end first.
    if (row.phase && !staticallyKnown(row)) return say(`${s.name} is still being checked; wait for its verdict.`);
    if (s.status !== 'failed' && s.status !== 'degraded') return say(`${s.name} has nothing to fix.`);
    fix.start(s.id, s.name);
  };
  /** A plugin's or a file's problems: their fixes are the user's to make (or --fix's, for the fixable ones). */
  const groupFindings = () =>
    selectedGroup?.kind === 'plugin' ? (view?.plugin(selectedGroup.pluginId) ? pluginProblems(view.plugin(selectedGroup.pluginId)!) : []) : selectedGroup?.kind === 'file' ? fileProblems(selectedGroup.group) : [];
  const copy = () => {
    const commands = selected ? detailCommands(selected, run.report, home) : findingCommands(groupFindings(), home);
    const command = commands[0];
    if (!command) return say('No command to copy here.');
    // OSC 52: the terminal puts it on the clipboard where it allows that; the exit verdict prints it anyway.
    stdout.write(`\x1b]52;c;${Buffer.from(command).toString('base64')}\x07`);
    setCopied((all) => (all.includes(command) ? all : [...all, command]));
    say(`Copied: ${command} (printed again when you quit)`);
  };
  const quit = () => {
    const finished = run.stage === 'done';
    const pending = run.rows.filter((r) => r.phase !== null).map((r) => r.server.name);
    onQuit({ report: finished ? run.report : soFar, finished, progress: { checked: run.rows.length - pending.length, total: run.rows.length, pending }, applied, copied });
  };

  const perform = (command: Command) => {
    const page = Math.max(1, bodyHeight - 1);
    switch (command) {
      case 'interrupt':
        return onInterrupt();
      case 'quit':
        if (fix.flow.step === 'applying') return say('A fix is being applied; quit when it is done (Ctrl-C stops it now).');
        return quit();
      case 'up':
      case 'down':
      case 'page-up':
      case 'page-down': {
        const delta = command === 'up' ? -1 : command === 'down' ? 1 : command === 'page-up' ? -page : page;
        if (screen === 'detail') return scrollDetail(delta);
        if (command === 'up' || command === 'down') return selection.move(delta);
        // A page is a screen of rows, not a count of servers.
        const target = pageTarget(lines, selectedLine, delta);
        return target === undefined ? undefined : selection.select(target);
      }
      case 'first':
      case 'last':
        return screen === 'detail' ? scrollDetail(command === 'first' ? 'top' : 'bottom') : selection.toEdge(command);
      case 'toggle-detail':
        return setScreen((now) => (now === 'detail' || !selectedGroup ? 'list' : 'detail'));
      case 'close':
        if (fixScreen) return fix.close();
        return setScreen('list');
      case 'problems-only':
        return setProblemsOnly((only) => !only);
      case 'help':
        return setScreen('help');
      case 'copy':
        return copy();
      case 'reprobe':
        if (!selected) return say('r re-checks a server; select one.');
        if (run.stage !== 'done') return say('Wait for the run to finish before re-checking a server.');
        if (selected.phase) return say(`${selected.server.name} is already being checked.`);
        return reprobe(selected.server.id, selected.server.name);
      case 'fix':
        if (selected) return startFix(selected);
        if (!selectedGroup) return;
        {
          // Problems of a plugin or a file: the fix panel lists what to do; --fix applies the fixable ones.
          const findings = groupFindings();
          const name = selectedGroup.kind === 'plugin' ? selectedGroup.pluginId : selectedGroup.kind === 'file' ? selectedGroup.group.file || (selectedGroup.group.plugin ?? '') : '';
          // A plugin's own fixable problems (a hook script's mode or line ends): planned and applied like a server's.
          if (selectedGroup.kind === 'plugin' && actions.fix && findings.some((f) => f.fixable)) {
            // Its re-check is merged into the report, which the run's end would replace.
            if (run.stage !== 'done') return say('Wait for the run to finish before fixing a plugin.');
            return fix.start(selectedGroup.pluginId, name, 'plugin');
          }
          return fix.showSteps(name, findings.map((f) => f.hint), findings.some((f) => f.fixable));
        }
      case 'confirm':
        return fix.confirm();
      case 'decline':
        say('Nothing was changed.');
        return fix.decline();
    }
  };

  // The handler Ink calls is stable and reads the latest render's state: Ink re-subscribes a changed
  // handler only in an effect, so a key pressed right after another would otherwise see stale state.
  const onKey = useRef<(input: string, key: Key) => void>(() => {});
  onKey.current = (input, key) => {
    for (const command of commandsFor(input, key, current)) {
      if (command !== 'decline') setNote(null);
      perform(command);
    }
  };
  useInput(useCallback((input: string, key: Key) => onKey.current(input, key), []));

  const otherProblems = view ? view.plugins.filter((p) => pluginProblems(p).length > 0).length + view.files.filter((g) => fileProblems(g).length > 0).length : 0;
  const elapsedMs = (run.finishedAt ?? now) - run.startedAt;
  const position =
    current === 'list' && lines.length > bodyHeight
      ? `${top + 1}–${Math.min(lines.length, top + bodyHeight)} of ${lines.length}`
      : current === 'detail' && detail.length > bodyHeight
        ? `${detailOffset + 1}–${Math.min(detail.length, detailOffset + bodyHeight)} of ${detail.length}`
        : '';

  let body;
  if (terminalRows < 8 || columns < 30) {
    body = <Text {...toneStyle('warn', color)}>The terminal is too small; make it at least 30×8.</Text>;
  } else if (fixScreen) {
    body = <FixPanel flow={fix.flow} height={bodyHeight} width={width} now={now} home={home} color={color} />;
  } else if (screen === 'help') {
    body = <HelpOverlay height={bodyHeight} width={width} color={color} />;
  } else if (screen === 'detail' && selectedGroup) {
    body = <DetailView lines={detail} offset={detailOffset} height={bodyHeight} width={width} color={color} />;
  } else {
    body = (
      <ServerList
        lines={lines}
        top={top}
        height={bodyHeight}
        rows={rowsById}
        summaries={summaries}
        selectedId={selection.selectedId}
        width={width}
        nameColumn={nameColumn}
        pathWidth={pathWidth}
        view={view}
        now={now}
        home={home}
        color={color}
        emptyText={run.stage === 'starting' ? 'Looking for marketplaces, plugins and servers…' : problemsOnly ? 'No problems. (e: show every server)' : 'No MCP servers found.'}
      />
    );
  }

  return (
    <Box flexDirection="column" width={width} height={frameHeight}>
      <Header
        version={version}
        configDir={run.report?.mode === 'author' ? 'source trees' : (run.report?.configDir ?? null)}
        projectDir={run.report?.projectDir ?? null}
        home={home}
        summary={soFar?.summary ?? null}
        pending={pendingCount(run.rows)}
        otherProblems={otherProblems}
        total={run.rows.filter((r) => r.phase !== null || r.tookMs !== null).length}
        running={anyRunning}
        elapsedMs={elapsedMs}
        width={width}
        color={color}
      />
      <Box height={bodyHeight} flexDirection="column">
        {body}
      </Box>
      <Footer screen={current} note={note} problemsOnly={problemsOnly} position={position} width={width} color={color} />
    </Box>
  );
}
