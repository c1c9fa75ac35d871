/**
 * Reads a JSON file the way Claude Code does (strict JSON.parse), and keeps what is needed to point
 * at a line and column: for parse errors and for any JSON pointer a check reports.
 */
import { readFile, stat } from 'node:fs/promises';
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { DocumentKind, FindingInput, JsonDocument } from '../model/types.js';

/** Manifests are kilobytes; beyond this the file is not a manifest and is not read (hostile input). */
export const MAX_JSON_BYTES = 5 * 1024 * 1024;

export type ReadJsonResult =
  | { status: 'ok'; doc: JsonDocument; findings: FindingInput[] }
  | { status: 'invalid'; findings: FindingInput[] }
  | { status: 'absent'; reason: 'missing' | 'not-a-file' };

export async function readJsonDocument(file: string, kind: DocumentKind, what?: string): Promise<ReadJsonResult> {
  let size: number;
  try {
    const st = await stat(file);
    // A folder (or a FIFO, a socket) where a config should be is a mistake worth naming, not an absence.
    if (!st.isFile()) return { status: 'invalid', findings: [{ code: 'config.unreadable', location: { file }, args: { what, problem: st.isDirectory() ? 'a folder, not a file' : 'not a regular file' } }] };
    size = st.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { status: 'invalid', findings: [{ code: 'config.unreadable', location: { file }, args: { what, problem: 'a symlink loop (ELOOP)' } }] };
    return { status: 'absent', reason: 'missing' };
  }
  if (size > MAX_JSON_BYTES) {
    return {
      status: 'invalid',
      findings: [{ code: 'config.too-large', location: { file, line: 1, column: 1 }, args: { bytes: size, limit: MAX_JSON_BYTES } }],
    };
  }
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    return {
      status: 'invalid',
      findings: [{ code: 'config.invalid-json', location: { file }, args: { what, error: `cannot read: ${errnoText(error)}` } }],
    };
  }
  return parseJsonText(file, kind, buffer, what);
}

/**
 * The files whose BOM Claude Code cannot read past (docs/claude-code-facts.md §3): it drops a plugin `.mcp.json` (its
 * servers never load), starts with no install records, or knows no marketplace at all. Every other file it
 * reads BOM-tolerantly (plugin.json, marketplace.json, a project .mcp.json, ~/.claude.json, settings).
 */
const bomIsFatal: ReadonlySet<DocumentKind> = new Set<DocumentKind>(['plugin-mcp-config', 'installed-plugins', 'known-marketplaces']);

export function parseJsonText(file: string, kind: DocumentKind, buffer: Buffer, what?: string): ReadJsonResult {
  const findings: FindingInput[] = [];
  let text = buffer.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) {
    text = text.slice(1);
    // Where it is fatal the finding is raised by discovery, which knows what Claude Code loses with the file.
    if (!bomIsFatal.has(kind)) findings.push({ code: 'config.bom', severity: 'info', location: { file, line: 1, column: 1 }, args: { what, tolerated: true } });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const where = locateSyntaxError(text, error);
    findings.push({
      code: 'config.invalid-json',
      location: { file, line: where.line, column: where.column },
      args: { what, error: where.message },
    });
    return { status: 'invalid', findings };
  }
  return { status: 'ok', doc: makeDocument(file, kind, text, value, bom), findings };
}

export function isBomFatal(kind: DocumentKind): boolean {
  return bomIsFatal.has(kind);
}

function makeDocument(file: string, kind: DocumentKind, text: string, value: unknown, bom: boolean): JsonDocument {
  let tree: Node | undefined | null = null;
  let lineStarts: number[] | null = null;
  const toLineColumn = (offset: number) => {
    lineStarts ??= computeLineStarts(text);
    return offsetToLineColumn(lineStarts, offset);
  };
  return {
    file,
    kind,
    value,
    ...(bom ? { bom: true } : {}),
    locate(pointer) {
      if (tree === null) {
        try {
          tree = parseTree(text, [], { disallowComments: true }) ?? undefined;
        } catch {
          // Nesting deep enough to exhaust the stack: the file still parsed, we just cannot point inside it.
          tree = undefined;
        }
      }
      if (!tree) return { line: 1, column: 1 };
      for (let depth = pointer.length; depth >= 0; depth--) {
        const node = findNodeAtLocation(tree, pointer.slice(0, depth) as (string | number)[]);
        if (!node) continue;
        // Point at the key of a property ("cwd": …) rather than at its value, which reads better.
        const anchor = node.parent?.type === 'property' && depth > 0 ? node.parent : node;
        return toLineColumn(anchor.offset);
      }
      return { line: 1, column: 1 };
    },
  };
}

function locateSyntaxError(text: string, error: unknown): { line: number; column: number; message: string } {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // jsonc-parser recurses; hostile nesting can exhaust the stack. Fall back to V8's own offset below.
  }
  const starts = computeLineStarts(text);
  const first = errors[0];
  if (first) {
    const { line, column } = offsetToLineColumn(starts, first.offset);
    return { line, column, message: describeParseError(first, text) };
  }
  const v8 = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(v8);
  const { line, column } = offsetToLineColumn(starts, position ? Number(position[1]) : 0);
  return { line, column, message: text.trim().length === 0 ? 'the file is empty' : v8 };
}

function describeParseError(error: ParseError, text: string): string {
  const code = printParseErrorCode(error.error);
  const found = text.slice(error.offset, error.offset + Math.min(Math.max(error.length, 1), 20));
  const shown = found.length === 0 ? 'end of file' : JSON.stringify(found);
  switch (code) {
    case 'ValueExpected':
      return text.trim().length === 0 ? 'the file is empty' : `expected a value, found ${shown}`;
    case 'PropertyNameExpected':
      return `expected a property name in double quotes, found ${shown} (trailing comma?)`;
    case 'CommaExpected':
      return `expected a comma, found ${shown}`;
    case 'ColonExpected':
      return `expected ':', found ${shown}`;
    case 'CloseBraceExpected':
      return `expected '}', found ${shown}`;
    case 'CloseBracketExpected':
      return `expected ']', found ${shown}`;
    case 'EndOfFileExpected':
      return `expected end of file, found ${shown}`;
    case 'InvalidCommentToken':
      return 'comments are not allowed in JSON';
    case 'InvalidSymbol':
      return `unexpected ${shown}`;
    case 'UnexpectedEndOfString':
      return 'a string is not closed';
    case 'UnexpectedEndOfComment':
      return 'a comment is not closed (comments are not allowed in JSON)';
    case 'InvalidCharacter':
      return `invalid character in a string at ${shown}`;
    default:
      return `${code} at ${shown}`;
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function offsetToLineColumn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

export function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
