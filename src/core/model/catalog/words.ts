/** The shape of a catalog entry and the small helpers its wording is built with. */
import type { Effect, Evidence, FixKind, Severity } from '../evidence.js';
import { shellQuote } from '../shell-quote.js';

/**
 * One code's entry. `args` declares the facts a finding of this code carries (its `args`, shown as evidence),
 * so a check cannot pass a fact the entry does not know (the type of a finding's `args` follows its code:
 * `ArgsOf<C>` in catalog.ts); `fixes` declares the repairs it may carry. Args are facts (paths, codes,
 * numbers, flags, a server's own output), never sentences: the wording is here.
 */
export interface CatalogEntry<A extends string = string> {
  title: string;
  severity: Severity;
  fixable: boolean;
  /** The option `--fix` needs for this code's repair, when it runs other programs (venv, npm, a build). */
  fixOption?: '--rebuild-venvs' | '--install-deps' | '--build';
  /** What Claude Code does because of a finding of this code, when more than show it (see `Effect` in types.ts). */
  effect?: Effect;
  /** The facts a finding of this code carries. */
  args?: readonly A[];
  /** The repairs a finding of this code may carry; a fix of another kind is a programming error (meta-tested). */
  fixes?: readonly FixKind[];
  /** Long explanation for `mcp-doctor explain <code>`. */
  explain: string;
  /** One sentence: what is wrong, from the finding's args. */
  message(a: Evidence): string;
  /** One sentence: what to do. */
  hint(a: Evidence): string;
  /** The cause in a few words for one-line views (a list row, an exit summary); the message when absent. */
  short?(a: Evidence): string;
}

export const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
/** A value as one shell word, for commands in hints that a user pastes. */
export const sh = (v: unknown): string => shellQuote(s(v));
export const q = (v: unknown): string => `'${s(v)}'`;
/** `prefix a, b` for a non-empty list, else ''. */
export const listed = (v: unknown, prefix: string): string => (Array.isArray(v) && v.length > 0 ? `${prefix} ${v.join(', ')}` : '');

/** ", printing N bytes on stdout without a final newline, starting: «…»" for a server whose only words went to stdout. */
export function printedOnStdout(a: Evidence): string {
  if (a.stdoutUnterminated) return `, printing ${s(a.stdoutUnterminatedBytes)} bytes on stdout without a final newline, starting: ${JSON.stringify(s(a.stdoutUnterminated))}`;
  if (a.stdoutFirst) return `, printing on stdout: ${JSON.stringify(s(a.stdoutFirst))}`;
  return '';
}

export function entry<const A extends string = never>(e: CatalogEntry<A>): CatalogEntry<A> {
  return e;
}

/** A finding in a few words, for one-line views: its entry's short form, else its message. */
export function shortForm(entry: Pick<CatalogEntry, 'short'>, args: Evidence, message: string): string {
  return entry.short?.(args) || message;
}
