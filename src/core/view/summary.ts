/**
 * The summary of a report, counted once (report/report.ts `summarize`) and worded once here: every output
 * that states it (text, the live view's header and exit summary, Markdown, the model's summary) builds its
 * line from these parts instead of recounting.
 */
import type { Report } from '../model/types.js';
import { statusOrder, statusWords, type StatusTone } from './status-words.js';

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface SummaryPart {
  count: number;
  text: string;
  tone: StatusTone;
}

/** "1 ok", "1 with warnings", "2 failing", …: ok always, the others when there are any. */
export function statusParts(summary: Report['summary']): SummaryPart[] {
  return statusOrder
    .map((status) => ({ status, count: summary[status] }))
    .filter(({ status, count }) => status === 'ok' || count > 0)
    .map(({ status, count }) => ({ count, text: `${count} ${statusWords[status].counted}`, tone: statusWords[status].tone }));
}

/** "9 MCP servers in 7 plugins" (or without the plugins). */
export function subjectLine(summary: Report['summary'], o: { plugins?: boolean } = {}): string {
  return `${plural(summary.servers, 'MCP server')}${o.plugins === false ? '' : ` in ${plural(summary.plugins, 'plugin')}`}`;
}

/** "7 errors" / "no errors", and "1 warning". */
export function findingCounts(summary: Report['summary']): { errors: SummaryPart; warnings: SummaryPart } {
  return {
    errors: summary.errors > 0 ? { count: summary.errors, text: plural(summary.errors, 'error'), tone: 'fail' } : { count: 0, text: 'no errors', tone: 'ok' },
    warnings: { count: summary.warnings, text: plural(summary.warnings, 'warning'), tone: summary.warnings > 0 ? 'warn' : 'muted' },
  };
}

/** "9 MCP servers in 7 plugins: 1 ok, 7 failing, 1 disabled · 7 errors, 1 warning", with an optional painter. */
export function summarySentence(summary: Report['summary'], o: { plugins?: boolean; paint?: (tone: StatusTone, text: string) => string } = {}): string {
  const paint = o.paint ?? ((_t, text) => text);
  const { errors, warnings } = findingCounts(summary);
  return `${subjectLine(summary, o)}: ${statusParts(summary).map((p) => p.text).join(', ')} · ${paint(errors.tone === 'fail' ? 'fail' : 'ok', errors.text)}, ${warnings.text}`;
}
