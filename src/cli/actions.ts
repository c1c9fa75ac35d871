/**
 * What an interactive renderer may ask the engine to do for one server, wired by the CLI so the TUI never
 * imports the core's machinery: re-check it, and (when `--fix` is available) plan and apply its fix through
 * the same applier, confirmation, journal and undo as `mcp-doctor --fix`. Every string here is already
 * redacted and terminal-safe.
 */
import type { Report, ReportServer, ServerStatus } from '../core/model/types.js';

/** What `f` fixes: one server, or one plugin's own problems (a hook script's mode or line ends). */
export type FixSubject = 'server' | 'plugin';

export interface FixPlanView {
  /** The server's id, or the plugin's id when `of` is 'plugin'. */
  serverId: string;
  /** Absent: a server. */
  of?: FixSubject;
  /** Changes the applier would make, one line each; `enabled` is false for those behind an option (--build …). */
  changes: { id: string; line: string; enabled: boolean; needs: string | null }[];
  /** Steps mcp-doctor will not take itself (install go, export a variable, …). */
  manual: string[];
}

export interface FixResultView {
  outcomes: { line: string; status: 'applied' | 'skipped' | 'failed' | 'manual'; reason: string | null }[];
  before: ServerStatus;
  /** The server re-checked and re-probed after the changes; null for a plugin's fix (see `plugin`). */
  after: ReportServer | null;
  /** A plugin's fix: its own problems (not info) before and after, and its re-check to merge into the view. */
  plugin?: { before: number; after: number; rechecked: Report | null };
  /** Where the journal went (for `mcp-doctor undo`), or null when nothing changed. */
  journal: string | null;
}

export interface ServerActions {
  /** Re-checks and re-probes one server; resolves with its new row. */
  reprobe(id: string): Promise<ReportServer>;
  /** The same, resolving with the narrowed report (its row, its findings, its plugin's), to merge whole. */
  recheck?(id: string): Promise<Report>;
  /** Absent when the fix applier is not available. */
  fix?: {
    plan(id: string, of?: FixSubject): Promise<FixPlanView>;
    apply(plan: FixPlanView): Promise<FixResultView>;
  };
}
