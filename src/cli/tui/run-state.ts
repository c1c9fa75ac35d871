/**
 * What the live view knows about the run, folded from the core's events: every server as a row from the
 * first event on, pending until its `server-done`, then final; the report as it stands. Re-probing a
 * server or fixing it makes its row pending again until the new row arrives. Pure, so it is tested
 * without a terminal; `use-run-state.ts` feeds it.
 */
import type { DoctorEvent, Report, ReportFinding, ReportServer } from '../../core/model/types.js';
import { replaceServers } from '../../core/view/replace-servers.js';

export type RowPhase = 'checking' | 'probing' | 'reprobing' | 'fixing';

export interface ServerRow {
  server: ReportServer;
  /** Set while its checks or probe run; null once the row is final. */
  phase: RowPhase | null;
  /** When the current phase (or the whole check) started, in ms of the view's clock. */
  since: number;
  /** How long its check took, once done. */
  tookMs: number | null;
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
  | { type: 'refresh-failed'; id: string; at: number };

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
    case 'server-done':
      return {
        ...state,
        rows: updateRow(state.rows, event.server.id, (row) => ({ ...row, server: event.server, phase: null, tookMs: row.phase ? at - row.since : row.tookMs })),
      };
    case 'done': {
      const before = new Map(state.rows.map((r) => [r.server.id, r]));
      return {
        ...state,
        stage: 'done',
        report: event.report,
        finishedAt: at,
        rows: event.report.servers.map((server) => ({ server, phase: null, since: before.get(server.id)?.since ?? at, tookMs: before.get(server.id)?.tookMs ?? null })),
      };
    }
  }
}

export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'event':
      return onEvent(state, action.event, action.at);
    case 'refresh-start':
      return { ...state, rows: updateRow(state.rows, action.id, (row) => ({ ...row, phase: action.phase, since: action.at })) };
    case 'refresh-done':
      return {
        ...state,
        report: state.report ? withServer(state.report, action.server, action.rechecked) : state.report,
        rows: updateRow(state.rows, action.server.id, (row) => ({ ...row, server: action.server, phase: null, tookMs: action.at - row.since })),
      };
    case 'refresh-failed':
      return { ...state, rows: updateRow(state.rows, action.id, (row) => ({ ...row, phase: null })) };
  }
}

export interface Counts {
  ok: number;
  degraded: number;
  failed: number;
  pending: number;
  disabled: number;
  skipped: number;
}

export function countRows(rows: readonly ServerRow[]): Counts {
  const c: Counts = { ok: 0, degraded: 0, failed: 0, pending: 0, disabled: 0, skipped: 0 };
  for (const row of rows) {
    if (row.phase) c.pending++;
    else c[row.server.status]++;
  }
  return c;
}

/** The first failing server, where the selection goes when the run ends. */
export function firstFailing(rows: readonly ServerRow[]): string | undefined {
  return rows.find((r) => !r.phase && r.server.status === 'failed')?.server.id;
}
