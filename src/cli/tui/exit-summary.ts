/**
 * What stays in the terminal after the live view closes (it ran on the alternate screen): the verdict and
 * one line per server with a problem, so the answer is still there after `q`. Plain text, no Ink.
 */
import type { Report } from '../../core/model/types.js';
import { statusWords } from '../../core/view/status-words.js';
import { reportView } from '../../core/view/report-view.js';
import { painter, summaryLine } from '../../render/style.js';
import { looseFindings } from './list-layout.js';
import { findingLine, rowSummary } from './row-summary.js';

const colorOf = { fail: 31, warn: 33 } as const;
const marks = { failed: [statusWords.failed.mark, colorOf.fail], degraded: [statusWords.degraded.mark, colorOf.warn] } as const;

export function exitSummary(report: Report, o: { color: boolean; home?: string }): string {
  const paint = (code: number, text: string) => (o.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lines = [`mcp-doctor: ${summaryLine(report, painter(o.color), { plugins: false })}`];
  const problems = reportView(report).problems.map((v) => v.server);
  const width = Math.min(24, Math.max(0, ...problems.map((x) => x.name.length)));
  for (const server of problems) {
    const [mark, code] = marks[server.status as keyof typeof marks];
    lines.push(`  ${paint(code, mark)} ${server.name.padEnd(width)}  ${rowSummary(server, report, o.home).text}`);
  }
  const rows = report.servers.map((server) => ({ server, phase: null, since: 0, tookMs: null }));
  for (const f of looseFindings(rows, report)) {
    const [mark, code] = f.severity === 'error' ? marks.failed : marks.degraded;
    lines.push(`  ${paint(code, mark)} ${f.code}  ${findingLine(f, o.home)}`);
  }
  if (lines.length > 1) lines.push('  (mcp-doctor --format text prints the whole report)');
  return lines.join('\n') + '\n';
}
