/**
 * `--format github`: one GitHub Actions workflow command per finding (`::error file=…,line=…,col=…,title=…::…`),
 * which GitHub shows as an annotation on the file and line. Values are escaped as the runner requires
 * (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts): data `%` `\r` `\n`; properties
 * also `:` and `,`.
 */
import { randomBytes } from 'node:crypto';
import type { Report, ReportFinding, Severity } from '../core/model/types.js';
import type { RenderOptions } from './options.js';
import { relativePath, relativeText } from './paths.js';

const commands: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: ReportFinding, baseDir: string | undefined): string {
  const props: [string, string][] = [];
  if (f.file) {
    props.push(['file', relativePath(f.file, baseDir)]);
    if (f.line) props.push(['line', String(f.line)], ['col', String(f.column ?? 1)]);
  }
  props.push(['title', f.code]);
  const list = props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',');
  return `::${commands[f.severity]} ${list}::${escapeData(relativeText(`${f.message}\nfix: ${f.hint}`, baseDir))}`;
}

/** GitHub shows at most this many annotations of each kind (error, warning, notice) per step, and drops the rest silently. */
export const ANNOTATIONS_PER_KIND = 10;

/** `code at file:line` of a finding, for the summary of those beyond the cap. */
function briefly(f: ReportFinding, baseDir: string | undefined): string {
  const where = f.file ? ` at ${relativePath(f.file, baseDir)}${f.line ? `:${f.line}` : ''}` : '';
  return `${f.code}${where}`;
}

/**
 * Annotations up to GitHub's cap per kind; beyond it, the last annotation of the kind lists the ones left (so
 * none is lost without a word), and a plain log line after them says so.
 */
export function renderGithub(report: Report, options: RenderOptions): string {
  const lines: string[] = [];
  const notes: string[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const all = report.findings.filter((f) => f.severity === severity);
    if (all.length <= ANNOTATIONS_PER_KIND) {
      lines.push(...all.map((f) => annotation(f, options.baseDir)));
      continue;
    }
    const shown = all.slice(0, ANNOTATIONS_PER_KIND - 1);
    const rest = all.slice(ANNOTATIONS_PER_KIND - 1);
    lines.push(...shown.map((f) => annotation(f, options.baseDir)));
    const word = commands[severity];
    const summary = `${rest.length} more ${word}s (GitHub shows ${ANNOTATIONS_PER_KIND} ${word} annotations per step):\n${rest.map((f) => briefly(f, options.baseDir)).join('\n')}`;
    lines.push(`::${word} ${`title=${escapeProperty(`mcp-doctor: ${rest.length} more ${word}s`)}`}::${escapeData(relativeText(summary, options.baseDir))}`);
    notes.push(
      `mcp-doctor: GitHub shows at most ${ANNOTATIONS_PER_KIND} ${word} annotations per step: ${shown.length} are annotated, and the other ${rest.length} are summarised in the last ${word} annotation (the report above and the SARIF file have them all).`,
    );
  }
  return [...lines, ...notes].map((l) => l + '\n').join('');
}

/**
 * Log text that the runner must not read as commands: a line of a server's output that starts with `::`
 * (`::add-mask::`, `::error::`) would otherwise act on the job. The token is random, so the text cannot
 * turn commands back on.
 */
export function asPlainLog(text: string, token = randomBytes(12).toString('hex')): string {
  const { open, close } = plainLogMarkers(token);
  return `${open}${text}${text.endsWith('\n') ? '' : '\n'}${close}`;
}

/** The same guard for text written piece by piece (the --fix flow): `open` before it, `close` after. */
export function plainLogMarkers(token = randomBytes(12).toString('hex')): { open: string; close: string } {
  return { open: `::stop-commands::${token}\n`, close: `::${token}::\n` };
}
