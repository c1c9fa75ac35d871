/**
 * What the live view knows about the run, folded from the core's events: every server as a row from the
 * first event on, pending until its `server-done`, then final; the report as it stands. Re-probing a
 * server or fixing it makes its row pending again until the new row arrives. Pure, so it is tested
 * without a terminal; `use-run-state.ts` feeds it.
 */
import type { DoctorEvent, Report, ReportFinding, ReportServer } from '../../core/model/types.js';
import { replaceServers } from '../../core/view/replace-servers.js';
import { summarize } from '../../core/report/report.js';

export type RowPhase = 'checking' | 'probing' | 'reprobing' | 'fixing';

export interface ServerRow {
  server: ReportServer;
  /** Set while its checks or probe run; null once the row is final. */
  phase: RowPhase | null;
  /** When the current phase (or the whole check) started, in ms of the view's clock. */
  since: number;
  /** How long its check took, once done. */
  tookMs: number | null;
  /**
   * Its static checks are done while its probe still runs (`server-checked`): `server` holds their findings
   * and a provisional verdict, shown beside the spinner, and `f` may fix from them.
   */
  checked?: boolean;
  /**
   * A fix was applied to it while the run still went: the run's own later result for it predates the fix,
   * so it is not taken.
   */
  fixedDuringRun?: boolean;
}

export interface RunState {
  stage: 'starting' | 'running' | 'done';
  /** The discovered report while running, then the final one (updated by re-probes and fixes). */
  report: Report | null;
  rows: ServerRow[];
  startedAt: number;
  finishedAt: number | null;
}

export type RunAction =
  | { type: 'event'; event: DoctorEvent; at: number }
  | { type: 'refresh-start'; id: string; phase: 'reprobing' | 'fixing'; at: number }
  | { type: 'refresh-done'; server: ReportServer; rechecked?: Report; at: number }
  | { type: 'refresh-failed'; id: string; at: number }
  /** A re-check not started from a row (a plugin's, after its fix): its servers' rows and its findings are taken. */
  | { type: 'merge'; rechecked: Report; at: number };

export function initialRunState(at: number): RunState {
  return { stage: 'starting', report: null, rows: [], startedAt: at, finishedAt: null };
}

const updateRow = (rows: ServerRow[], id: string, change: (row: ServerRow) => ServerRow): ServerRow[] =>
  rows.map((row) => (row.server.id === id ? change(row) : row));

/** The report with one server's row replaced: with its whole re-check (plugin findings included) when there is one. */
export function withServer(report: Report, server: ReportServer, rechecked?: Report): Report {
  return replaceServers(report, rechecked ?? { servers: [server], findings: server.findings, plugins: [] });
}

function onEvent(state: RunState, event: DoctorEvent, at: number): RunState {
  switch (event.type) {
    case 'discovered': {
      const pending = new Set(event.pending);
      return {
        ...state,
        stage: 'running',
        // A view mounted after the run started (replaying the feed) counts from the run's first event.
        startedAt: Math.min(state.startedAt, at),
        report: event.report,
        rows: event.report.servers.map((server) => ({ server, phase: pending.has(server.id) ? 'checking' : null, since: at, tookMs: null })),
      };
    }
    case 'probe-start':
      return { ...state, rows: updateRow(state.rows, event.id, (row) => ({ ...row, phase: 'probing' })) };
    case 'server-checked':
      return { ...state, rows: updateRow(state.rows, event.server.id, (row) => (isStale(row) ? row : { ...row, server: event.server, checked: true })) };
    case 'server-done':
      return {
        ...state,
        rows: updateRow(state.rows, event.server.id, (row) =>
          isStale(row) ? row : { ...row, server: event.server, phase: null, checked: false, tookMs: row.phase ? at - row.since : row.tookMs },
        ),
      };
    case 'done': {
      const before = new Map(state.rows.map((r) => [r.server.id, r]));
      // A row fixed during the run keeps its post-fix state (and its phase, if the fix is still being applied).
      const fixed = state.rows.filter(isStale);
      const report = fixed.reduce((r, row) => withServer(r, row.server), event.report);
      return {
        ...state,
        stage: 'done',
        report,
        finishedAt: at,
        rows: report.servers.map((server) => {
          const row = before.get(server.id);
          if (row && isStale(row)) return { ...row, server: row.phase ? row.server : server };
          return { server, phase: null, since: row?.since ?? at, tookMs: row?.tookMs ?? null };
        }),
      };
    }
  }
}

export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'event':
      return onEvent(state, action.event, action.at);
    case 'refresh-start':
      return {
        ...state,
        rows: updateRow(state.rows, action.id, (row) => ({ ...row, phase: action.phase, since: action.at, checked: false, fixedDuringRun: row.fixedDuringRun || (action.phase === 'fixing' && state.stage !== 'done') })),
      };
    case 'refresh-done':
      return {
        ...state,
        report: state.report ? withServer(state.report, action.server, action.rechecked) : state.report,
        rows: updateRow(state.rows, action.server.id, (row) => ({ ...row, server: action.server, phase: null, tookMs: action.at - row.since })),
      };
    case 'refresh-failed':
      // A fix that failed during the run changed nothing to wait for: the run's own result is taken again.
      return { ...state, rows: updateRow(state.rows, action.id, (row) => ({ ...row, phase: row.fixedDuringRun && state.stage !== 'done' ? 'probing' : null, fixedDuringRun: false })) };
    case 'merge': {
      const fresh = new Map(action.rechecked.servers.map((s) => [s.id, s]));
      return {
        ...state,
        report: state.report ? replaceServers(state.report, action.rechecked) : state.report,
        // A row still running keeps running: its own result comes with its event.
        rows: state.rows.map((row) => (fresh.has(row.server.id) && row.phase === null ? { ...row, server: fresh.get(row.server.id)! } : row)),
      };
    }
  }
}

/** A row whose run result would be older than what it shows: fixed (or being fixed) while the run went. */
const isStale = (row: ServerRow) => row.fixedDuringRun === true;

/** Its probe still runs but its static verdict is known: the row shows it beside the spinner, `f` may fix it. */
export function staticallyKnown(row: ServerRow): boolean {
  return row.checked === true && (row.phase === 'checking' || row.phase === 'probing');
}

/** Servers still being checked (a fact of the run, not of the report). */
export function pendingCount(rows: readonly ServerRow[]): number {
  return rows.filter((r) => r.phase !== null).length;
}

/** The first failing server, where the selection goes when the run ends. */
export function firstFailing(rows: readonly ServerRow[]): string | undefined {
  return rows.find((r) => !r.phase && r.server.status === 'failed')?.server.id;
}

/**
 * The report as it stands: the final one once the run is done; before that, the discovered one with only
 * the servers that are done (their rows and findings), counted again by the core (`replaceServers`), so
 * the header and a partial verdict after an early `q` say what is known, never a pending server's guess.
 */
export function reportSoFar(state: RunState): Report | null {
  if (!state.report || state.stage === 'done') return state.report;
  const settled = state.rows.filter((r) => r.phase === null).map((r) => r.server);
  const ids = new Set(settled.map((s) => s.id));
  const merged = replaceServers(state.report, { servers: settled, findings: settled.flatMap((s) => s.findings), plugins: [] });
  return replaceServersOnly(merged, ids);
}

/** The report narrowed to some servers, its summary counted again by the core. */
function replaceServersOnly(report: Report, ids: ReadonlySet<string>): Report {
  const servers = report.servers.filter((s) => ids.has(s.id));
  const findings = report.findings.filter((f) => f.server === null || ids.has(f.server));
  return { ...report, servers, findings, summary: summarize(report.summary.marketplaces, report.summary.plugins, servers, findings) };
}
