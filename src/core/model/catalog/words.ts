/** The shape of a catalog entry and the small helpers its wording is built with. */
import type { Evidence, Severity } from '../evidence.js';

export interface CatalogEntry {
  title: string;
  severity: Severity;
  fixable: boolean;
  /** The option `--fix` needs for this code's repair, when it runs other programs (venv, npm, a build). */
  fixOption?: '--rebuild-venvs' | '--install-deps' | '--build';
  /** Long explanation for `mcp-doctor explain <code>`. */
  explain: string;
  /** One sentence: what is wrong, from the finding's args. */
  message(a: Evidence): string;
  /** One sentence: what to do. */
  hint(a: Evidence): string;
}

export const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
export const q = (v: unknown): string => `'${s(v)}'`;
/** `prefix a, b` for a non-empty list, else ''. */
export const listed = (v: unknown, prefix: string): string => (Array.isArray(v) && v.length > 0 ? `${prefix} ${v.join(', ')}` : '');

/** ", printing N bytes on stdout without a final newline, starting: «…»" for a server whose only words went to stdout. */
export function printedOnStdout(a: Evidence): string {
  if (a.stdoutUnterminated) return `, printing ${s(a.stdoutUnterminatedBytes)} bytes on stdout without a final newline, starting: ${JSON.stringify(s(a.stdoutUnterminated))}`;
  if (a.stdoutFirst) return `, printing on stdout: ${JSON.stringify(s(a.stdoutFirst))}`;
  return '';
}

export function entry(e: CatalogEntry): CatalogEntry {
  return e;
}
