/**
 * How each server status is shown, in one table: the mark, the short word (lists, CI tables), the phrase
 * (a detail view's heading) and the tone a renderer colours it with. Text, Markdown, the live view and the
 * exit summary all read it.
 */
import type { ServerStatus } from '../model/types.js';

export type StatusTone = 'ok' | 'warn' | 'fail' | 'muted';

export interface StatusWords {
  mark: string;
  /** As the summary counts it: "2 ok, 1 with warnings, 1 failing". */
  counted: string;
  /** Beside the mark in a table cell. */
  word: string;
  /** A detail view's heading. */
  phrase: string;
  tone: StatusTone;
}

export const statusWords: Record<ServerStatus, StatusWords> = {
  ok: { mark: '✔', counted: 'ok', word: 'ok', phrase: 'ok', tone: 'ok' },
  degraded: { mark: '⚠', counted: 'with warnings', word: 'warnings', phrase: 'works, with warnings', tone: 'warn' },
  failed: { mark: '✘', counted: 'failing', word: 'failed', phrase: 'fails to load', tone: 'fail' },
  disabled: { mark: '○', counted: 'disabled', word: 'disabled', phrase: 'disabled', tone: 'muted' },
  skipped: { mark: '-', counted: 'not checked', word: 'not checked', phrase: 'not checked', tone: 'muted' },
};

/** The statuses in the order counts are listed. */
export const statusOrder: readonly ServerStatus[] = ['ok', 'degraded', 'failed', 'disabled', 'skipped'];

export const isProblem = (status: ServerStatus): boolean => status === 'failed' || status === 'degraded';
