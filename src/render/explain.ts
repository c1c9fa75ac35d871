/** `mcp-doctor explain [code] [--json]`: the catalog entry, or the list of codes; as text or as data. */
import { allCodes, catalog, isCode, type Code } from '../core/model/catalog.js';
import { codeHelpUri } from '../core/model/catalog/code-docs.js';
import { unknownCodeMessage } from '../core/engine/unknown-code.js';

/** One code's entry as data: what `explain --json` prints (the fields the MCP explain tool returns, and the docs' address). */
export function explainData(code: Code) {
  const e = catalog[code];
  return { code, title: e.title, severity: e.severity, fixable: e.fixable, fixOption: e.fixOption ?? null, explanation: e.explain, helpUri: codeHelpUri(code) };
}

export function explainCode(code: string | undefined, options: { json?: boolean } = {}): { ok: boolean; text: string } {
  if (code !== undefined && !isCode(code)) {
    return options.json
      ? { ok: false, text: `mcp-doctor: ${unknownCodeMessage(code)}\n` }
      : { ok: false, text: `mcp-doctor: unknown code '${code}'. Known codes:\n  ${allCodes.join('\n  ')}\n` };
  }
  if (options.json) return { ok: true, text: JSON.stringify(code ? explainData(code) : allCodes.map(explainData), null, 2) + '\n' };
  if (!code) {
    const width = Math.max(...allCodes.map((c) => c.length));
    return { ok: true, text: allCodes.map((c) => `${c.padEnd(width)}  ${catalog[c].severity.padEnd(7)}  ${catalog[c].title}`).join('\n') + '\n' };
  }
  const e = catalog[code];
  return {
    ok: true,
    text: `${code}: ${e.title}\nseverity: ${e.severity}${e.fixable ? ` (mcp-doctor --fix${e.fixOption ? ' ' + e.fixOption : ''} can repair it)` : ''}\n\n${e.explain}\n\n${codeHelpUri(code)}\n`,
  };
}
