/**
 * What stays in the terminal after the live view closes (it ran on the alternate screen): a summary, not
 * the report. The verdict, one line per row with a problem (a server, a plugin, a file), each cut to the
 * terminal's width, the next step, the fixes applied in the view and how to undo them, and the commands
 * copied with `c` (printed again, for terminals that do not take OSC 52). Plain text, no Ink.
 */
import type { Report, ReportFinding } from '../../core/model/types.js';
import { rootCause } from '../../core/model/root-cause.js';
import { nextStep, nextStepLine } from '../../core/fix/next-step.js';
import { reportView } from '../../core/view/report-view.js';
import { statusWords } from '../../core/view/status-words.js';
import { painter, summaryLine, toneColor } from '../../render/style.js';
import { fileProblems, pluginProblems } from './list-layout.js';
import { findingLine, rowSummary } from './row-summary.js';
import { shortenMiddle, shortenPath } from './shorten.js';

export interface AppliedFix {
  /** The server or plugin it was for. */
  name: string;
  /** One line per change applied. */
  changes: string[];
}

export interface ExitSummaryOptions {
  color: boolean;
  home?: string;
  /** The terminal's width: every line is cut to it (default 100). */
  width?: number;
  /** The terminal's height: the problem lines are cut to what fits, so the summary never scrolls away. */
  height?: number;
  /** Set when the user quit before every server was checked: how many were, of how many. */
  stopped?: { checked: number; total: number; pending: string[] };
  applied?: readonly AppliedFix[];
  copied?: readonly string[];
}

const cut = (line: string, width: number) => ([...line].length <= width ? line : [...line].slice(0, width - 1).join('') + '…');

export function exitSummary(report: Report, o: ExitSummaryOptions): string {
  const paint = painter(o.color);
  const width = Math.max(40, o.width ?? 100);
  const view = reportView(report);
  const lines: string[] = [];
  const verdict = [`mcp-doctor: ${summaryLine(report, paint, { plugins: false })}`];
  if (o.stopped) {
    const left = o.stopped.total - o.stopped.checked;
    verdict.push(
      paint('yellow', cut(`stopped before every server was checked: ${left} of ${o.stopped.total} not checked (${o.stopped.pending.join(', ')})`, width)),
    );
  }
  const problems = view.problems.map((v) => v.server);
  const groups = [
    ...view.plugins.map((p) => ({ name: p.plugin.id, findings: pluginProblems(p) })),
    ...view.files.map((g) => ({ name: g.file ? shortenPath(g.file, 40, o.home) : (g.plugin ?? ''), findings: fileProblems(g) })),
  ].filter((g) => g.findings.length > 0);
  const nameWidth = Math.min(24, Math.max(0, ...problems.map((x) => x.name.length), ...groups.map((g) => [...g.name].length)));
  const pathWidth = Math.max(24, Math.floor((width - nameWidth - 8) / 3));
  const row = (tone: 'fail' | 'warn', mark: string, name: string, text: string) => {
    // Cut before painting, so the colour codes never count against the width.
    const plain = `  ${mark} ${shortenMiddle(name, nameWidth).padEnd(nameWidth)}  ${text}`;
    const line = cut(plain, width);
    lines.push(o.color ? line.replace(mark, paint(toneColor[tone], mark)) : line);
  };
  for (const server of problems) {
    const words = statusWords[server.status];
    row(words.tone === 'fail' ? 'fail' : 'warn', words.mark, server.name, rowSummary(server, report, o.home, pathWidth).text);
  }
  const group = (name: string, findings: readonly ReportFinding[]) => {
    const cause = rootCause(findings);
    if (!cause) return;
    const words = cause.severity === 'error' ? statusWords.failed : statusWords.degraded;
    row(cause.severity === 'error' ? 'fail' : 'warn', words.mark, name, findingLine(cause, o.home, pathWidth));
  };
  for (const g of groups) group(g.name, g.findings);
  // As many problem lines as fit above the verdict, so the verdict and the next step stay on screen.
  const room = Math.max(3, (o.height ?? 40) - 8 - (o.applied?.length ? o.applied.length + 3 : 0) - (o.copied?.length ? o.copied.length + 2 : 0));
  if (lines.length > room) {
    const left = lines.length - (room - 1);
    lines.splice(room - 1, lines.length, paint('gray', `  … and ${left} more`));
  }
  const next = nextStepLine(nextStep(report));
  const out = [...lines, ...verdict];
  if (next) out.push(cut(next, width));
  if (lines.length > 0) out.push(paint('gray', '(mcp-doctor --format text prints the whole report)'));
  if (o.applied && o.applied.length > 0) {
    out.push('', paint('bold', 'Fixed in this session'));
    for (const a of o.applied) for (const c of a.changes) out.push(cut(`  ✔ ${a.name}: ${c}`, width));
    out.push(`Undo: ${paint('bold', 'mcp-doctor undo')} reverts ${o.applied.length === 1 ? 'it' : 'them, the latest first'}`);
  }
  if (o.copied && o.copied.length > 0) {
    out.push('', paint('bold', 'Commands you copied'));
    // Whole, never cut: this is where the command is read when the terminal did not take the copy.
    for (const c of o.copied) out.push(`  ${c}`);
  }
  return out.join('\n') + '\n';
}
