/**
 * `--format markdown`: a summary for `$GITHUB_STEP_SUMMARY`, a pull-request comment or a bug report. A table
 * with one row per server (and per plugin or file with findings of its own): status, root cause, where, fix;
 * then every finding in detail. Text from the report is escaped so that a server's output cannot become
 * markup (links, images, HTML) and stays on its line; there are no ANSI or other control bytes.
 */
import { nextStep, nextStepLine } from '../core/fix/next-step.js';
import type { Report, ReportFinding, ReportServer } from '../core/model/types.js';
import type { RenderOptions } from './options.js';
import { findingWhere, relativePath, relativeText } from './paths.js';
import { ownFindings, serverFindings, type OwnFindings } from './subjects.js';
import { rootCause } from '../core/model/root-cause.js';
import { reportView } from '../core/view/report-view.js';
import { statusWords } from '../core/view/status-words.js';
import { findingCounts, statusParts, subjectLine } from '../core/view/summary.js';

/**
 * Plain text as inline Markdown on one line: the characters that start inline markup (emphasis, code,
 * links, images, HTML, entities, strikethrough, table cells) escaped.
 */
function text(value: string): string {
  return oneLine(value).replace(/[\\`*_[\]<>&~|]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** Text that starts a line: also a first character that would open a block (heading, list, quote). */
function lineText(value: string): string {
  return text(value).replace(/^[#+\-=]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A code span that holds any text: the fence is longer than any run of backticks inside. */
function code(value: string, inTable = false): string {
  let body = oneLine(value);
  // In a table a pipe ends the cell even inside a code span; GFM reads \| there as a pipe.
  if (inTable) body = body.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\x00-\x1F\x7F-\x9F]+/g, ' ').trim();
}

const statusCell = (status: ReportServer['status']) => `${statusWords[status].mark} ${statusWords[status].word}`;


interface Row {
  /** The view's root cause, for a server with a problem. */
  cause?: ReportFinding;
  status: string;
  subject: string;
  findings: ReportFinding[];
  /** Where to point when there is no finding (a server's definition). */
  fallbackWhere: string;
}

function groupStatus(findings: ReportFinding[]): string {
  return findings.some((f) => f.severity === 'error') ? statusCell('failed') : findings.some((f) => f.severity === 'warning') ? statusCell('degraded') : 'info';
}

export function renderMarkdown(report: Report, options: RenderOptions): string {
  const base = options.baseDir;
  const where = (f: ReportFinding) => findingWhere(f, base);
  const view = reportView(report);
  const rows: Row[] = report.servers.map((s) => ({
    cause: view.server(s.id)?.cause,
    status: statusCell(s.status),
    subject: `${code(s.name, true)}${s.plugin ? ` (${text(s.plugin)})` : ` (${text(s.scope)} scope)`}`,
    findings: serverFindings(report, s),
    fallbackWhere: s.source.line ? `${relativePath(s.source.file, base)}:${s.source.line}:${s.source.column ?? 1}` : relativePath(s.source.file, base),
  }));
  const groups = ownFindings(report, base);
  const groupTitle = (g: OwnFindings, inTable: boolean) => (g.kind === 'other' ? 'other' : `${g.kind} ${code(g.label, inTable)}`);
  for (const g of groups) rows.push({ status: groupStatus(g.findings), subject: groupTitle(g, true), findings: g.findings, fallbackWhere: '' });

  const s = report.summary;
  const { errors, warnings } = findingCounts(s);
  const out: string[] = [];
  out.push(`## mcp-doctor: ${errors.count > 0 ? statusWords.failed.mark : statusWords.ok.mark} ${errors.text}, ${warnings.text}`, '');
  out.push(
    `${subjectLine(s)}: ${statusParts(s).map((p) => p.text).join(', ')} · ${report.mode === 'author' ? 'source trees' : 'installed setup'} · ${report.probe ? 'servers started' : 'static checks only'} · mcp-doctor ${text(report.tool.version)}`,
    '',
  );
  const next = nextStepLine(nextStep(report), (c) => code(c));
  if (next) out.push(next, '');
  if (rows.length > 0) {
    out.push('| status | server | root cause | where | fix |', '| --- | --- | --- | --- | --- |');
    for (const r of rows) {
      // A row with notes only shows its first note where the cause would be.
      const cause = r.cause ?? rootCause(r.findings) ?? r.findings.find((f) => !f.causedBy) ?? r.findings[0];
      const causeText = cause ? `${code(cause.code, true)} ${text(relativeText(cause.message, base))}` : '';
      const at = cause ? where(cause) : r.fallbackWhere;
      out.push(`| ${r.status} | ${r.subject} | ${causeText} | ${at ? code(at, true) : ''} | ${cause ? text(relativeText(cause.hint, base)) : ''} |`);
    }
    out.push('');
  }

  const detailed = [
    ...report.servers.filter((x) => x.findings.length > 0).map((x) => ({ title: `${statusCell(x.status)} · server ${code(x.name)}${x.plugin ? ` (${text(x.plugin)})` : ''}`, findings: x.findings })),
    ...groups.map((g) => ({ title: `${groupStatus(g.findings)} · ${groupTitle(g, false)}`, findings: g.findings })),
  ];
  if (detailed.length > 0) {
    out.push('### Details', '');
    for (const d of detailed) {
      out.push(`#### ${d.title}`, '');
      for (const f of d.findings) {
        const at = where(f);
        out.push(`- **${f.severity}** ${code(f.code)}${at ? ` at ${code(at)}` : ''}${f.causedBy ? ` (a symptom of ${code(f.causedBy)})` : ''}  `);
        out.push(`  ${lineText(relativeText(f.message, base))}  `);
        out.push(`  fix: ${text(relativeText(f.hint, base))}`);
      }
      out.push('');
    }
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
