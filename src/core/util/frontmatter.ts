/**
 * The YAML frontmatter of a command, agent or skill file, read just far enough to tell what Claude Code's YAML
 * parser would refuse. Not a YAML parser: it finds the block, the top-level keys, and the mistakes seen in real
 * plugins, which make the whole block fail ("YAML Parse error: Unexpected character" / "Unexpected EOF"): a quoted
 * value whose quote never closes, a flow [ or { that never closes, a tab in indentation, a top-level line that is
 * neither `key: value`, a list item, a comment nor the continuation of a value. Anything else passes.
 */

/** Why the block would not parse (worded by the catalog, component.frontmatter-invalid). */
export type FrontmatterMistake = 'tab-indent' | 'not-key-value' | 'unclosed-quote' | 'unclosed-flow';

export interface Frontmatter {
  /** Top-level keys with their raw (unparsed) value text. */
  keys: Map<string, string>;
  /** The first reason the block would not parse, with its 1-based line in the file. */
  error: { line: number; mistake: FrontmatterMistake; found?: string } | null;
}

/** null when the file has no frontmatter block (it does not start with a `---` line, or the block never closes). */
export function readFrontmatter(text: string): Frontmatter | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return null;
  const close = lines.findIndex((l, i) => i > 0 && /^---\s*$/.test(l));
  if (close < 0) return null;
  const body = lines.slice(1, close);
  const keys = new Map<string, string>();
  const lineOf = (i: number) => i + 2;
  for (let i = 0; i < body.length; i++) {
    const line = body[i] ?? '';
    if (/^\s*(#|$)/.test(line)) continue;
    if (/^ *\t/.test(line)) return { keys, error: { line: lineOf(i), mistake: 'tab-indent' } };
    if (/^\s/.test(line) || /^- /.test(line) || line === '-') continue; // continuation or list item
    const m = /^([^:#]+?|"[^"]*"|'[^']*'):(?:\s+(.*)|)$/.exec(line);
    if (!m) return { keys, error: { line: lineOf(i), mistake: 'not-key-value' } };
    const key = (m[1] ?? '').replace(/^["']|["']$/g, '').trim();
    // The value: the rest of the line, or (`key:` then indented lines) the lines below it.
    let value = (m[2] ?? '').trim();
    let at = i;
    if (value === '') {
      const next = body.slice(i + 1).findIndex((l) => !/^\s*$/.test(l));
      const first = next < 0 ? undefined : body[i + 1 + next];
      if (first !== undefined && /^\s+\S/.test(first) && !/^\s*-(\s|$)/.test(first)) {
        at = i + 1 + next;
        const end = body.slice(at + 1).findIndex((l) => /^\S/.test(l));
        value = body.slice(at, end < 0 ? body.length : at + 1 + end).map((l) => l.trim()).join(' ').trim();
      }
    }
    keys.set(key, value);
    const firstLine = at === i ? value : (body[at] ?? '').trim();
    const unclosed = unclosedFrom(firstLine, body.slice(at + 1).join('\n'));
    if (unclosed) return { keys, error: { line: lineOf(at), ...unclosed } };
  }
  return { keys, error: null };
}

/** A value that opens a quote or a flow collection it never closes (looking on through the rest of the block). */
function unclosedFrom(value: string, rest: string): { mistake: FrontmatterMistake; found: string } | null {
  const first = value[0];
  if (first === '"' || first === "'") {
    const text = `${value.slice(1)}\n${rest}`;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (first === '"' && ch === '\\') i++;
      else if (ch === first) {
        if (first === "'" && text[i + 1] === "'") i++;
        else return null;
      }
    }
    return { mistake: 'unclosed-quote', found: first };
  }
  if (first === '[' || first === '{') {
    const text = `${value}\n${rest}`;
    let depth = 0;
    let quote: string | null = null;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[' || ch === '{') depth++;
      else if (ch === ']' || ch === '}') {
        depth--;
        if (depth === 0) return null;
      }
    }
    return { mistake: 'unclosed-flow', found: first };
  }
  return null;
}

/** A frontmatter value as text: surrounding quotes removed. */
export function scalar(value: string | undefined): string {
  return (value ?? '').replace(/^(["'])(.*)\1$/, '$2').trim();
}
