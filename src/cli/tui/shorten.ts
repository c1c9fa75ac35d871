/**
 * Long names and paths are shortened in the middle, where the least is lost: a path keeps its start
 * (`~/.claude`) and its end (the file that matters), a name its prefix and suffix. Home is shown as `~`.
 * Widths are counted in code points; the views also cut each line to the terminal width, so a wide
 * character can never wrap a line.
 */
import { shortenHome } from '../../core/model/shell-quote.js';

const ellipsis = '…';

const width = (text: string) => [...text].length;

/** `/home/me/x` → `~/x` (quote-aware: the one home shortener, in core/util/shell-quote). */
export const tildeHome = (text: string, home: string | undefined): string => shortenHome(text, home);

/** Cuts characters out of the middle: `plugin:very-long…name`. */
export function shortenMiddle(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 1) return ellipsis.slice(0, Math.max(0, max));
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return chars.slice(0, head).join('') + ellipsis + chars.slice(chars.length - (keep - head)).join('');
}

/**
 * A path cut at folder boundaries: `~/.claude/plugins/cache/m/p/1.0.0/mcp/server.py` →
 * `~/.claude/…/1.0.0/mcp/server.py`. The last component is kept whole when it fits at all, and so is the
 * nearest folder that names something: `~/…/geo/1.0.0/.claude-plugin/plugin.json`, never
 * `~/…/.claude-plugin/plugin.json` (a dot folder or a version says nothing about which plugin it is).
 */
export function shortenPath(path: string, max: number, home?: string): string {
  const p = tildeHome(path, home);
  if (width(p) <= max) return p;
  const parts = p.split('/');
  if (parts.length < 3) return shortenMiddle(p, max);
  const build = (head: number, tail: number) => [...parts.slice(0, head), ellipsis, ...parts.slice(parts.length - tail)].join('/');
  // The start stays ("~", "/usr", "./"), then as many trailing components (the specific part) as fit.
  let head = parts[0] === '' ? 2 : 1;
  let tail = 1;
  const named = namedTail(parts);
  if (head + named < parts.length && width(build(1, named)) <= max) tail = named;
  else if (named > 2 && head + named < parts.length) {
    // The name and the file, without what lies between them: ~/…/geo/…/plugin.json.
    const short = [parts[0], ellipsis, parts[parts.length - named], ellipsis, parts.at(-1)].join('/');
    if (width(short) <= max) return short;
  }
  if (head + tail >= parts.length || width(build(head, tail)) > max) head = 1;
  if (width(build(head, tail)) > max) return shortenMiddle(p, max);
  while (head + tail < parts.length - 1) {
    if (width(build(head, tail + 1)) <= max) tail++;
    else if (width(build(head + 1, tail)) <= max) head++;
    else break;
  }
  return build(head, tail);
}

const anonymous = /^(?:\..*|v?\d+(?:\.\d+)*(?:[-+].*)?|[0-9a-f]{12,}|src|dist|bin|lib|build|servers?|mcp)$/;

/** How many trailing components reach the nearest folder with a name of its own. */
function namedTail(parts: readonly string[]): number {
  for (let i = parts.length - 2; i > 0; i--) if (parts[i] && !anonymous.test(parts[i]!)) return parts.length - i;
  return 1;
}

const pathToken = /(?:~|\.{0,2})\/[^\s'",;()]+/g;

/** Every path in a sentence (home as `~`) longer than `max` shortened at folder boundaries. */
export function compactPaths(text: string, max: number, home?: string): string {
  return tildeHome(text, home).replace(pathToken, (token) => {
    const trailing = /[.:]$/.exec(token)?.[0] ?? '';
    const path = trailing ? token.slice(0, -1) : token;
    return shortenPath(path, max) + trailing;
  });
}
