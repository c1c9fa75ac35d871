/** `mcp-doctor explain <code>`: the catalog entry, or the list of codes. */
import { allCodes, catalog, isCode } from '../core/model/catalog.js';

export function explainCode(code: string | undefined): { ok: boolean; text: string } {
  if (!code) {
    const width = Math.max(...allCodes.map((c) => c.length));
    return { ok: true, text: allCodes.map((c) => `${c.padEnd(width)}  ${catalog[c].severity.padEnd(7)}  ${catalog[c].title}`).join('\n') + '\n' };
  }
  if (!isCode(code)) {
    return { ok: false, text: `mcp-doctor: unknown code '${code}'. Known codes:\n  ${allCodes.join('\n  ')}\n` };
  }
  const e = catalog[code];
  return {
    ok: true,
    text: `${code}: ${e.title}\nseverity: ${e.severity}${e.fixable ? ` (mcp-doctor --fix${e.fixOption ? ' ' + e.fixOption : ''} can repair it)` : ''}\n\n${e.explain}\n`,
  };
}
