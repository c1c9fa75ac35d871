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

export function renderGithub(report: Report, options: RenderOptions): string {
  return report.findings.map((f) => annotation(f, options.baseDir) + '\n').join('');
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
