import { allCodes, isCode } from '../model/catalog.js';
import { closeNames } from './select.js';

/** `'venv.nope' is not a finding code (did you mean 'venv.missing'?)`, or null for a known code. */
export function unknownCodeMessage(code: string): string | null {
  if (isCode(code)) return null;
  let close = closeNames(code, allCodes);
  // No look-alike: offer the codes of the same family (venv.nope → venv.*).
  if (close.length === 0) close = allCodes.filter((c) => c.split('.')[0] === code.split('.')[0]);
  return `'${code}' is not a finding code${close.length ? ` (did you mean ${close.map((c) => `'${c}'`).join(', ')}?)` : ''}; mcp-doctor explain lists them`;
}
