/** What every plain-text output shares: the doctor's own colours, `~` for the home folder, the summary line. */
import type { Report } from '../core/model/types.js';

export const colorCodes = { red: 31, green: 32, yellow: 33, blue: 34, gray: 90, bold: 1 } as const;
export type Color = keyof typeof colorCodes;
export type Paint = (color: Color, text: string) => string;

export function painter(color: boolean): Paint {
  return (c, text) => (color ? `\x1b[${colorCodes[c]}m${text}\x1b[0m` : text);
}

/** Replaces the home folder with `~` wherever a path to something inside it appears in `text`. */
export function homeShortener(home: string | undefined): (text: string) => string {
  const h = home && home !== '/' ? home : null;
  return (text) => (h ? text.split(h + '/').join('~/') : text);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "9 MCP servers in 7 plugins: 1 ok, 7 failing, 1 disabled · 7 errors, 1 warning". */
export function summaryLine(report: Report, paint: Paint, o: { plugins?: boolean } = {}): string {
  const s = report.summary;
  const parts = [`${s.ok} ok`, s.degraded ? `${s.degraded} with warnings` : '', s.failed ? `${s.failed} failing` : '', s.disabled ? `${s.disabled} disabled` : '', s.skipped ? `${s.skipped} not checked` : ''].filter(Boolean);
  const verdict = s.errors > 0 ? paint('red', plural(s.errors, 'error')) : paint('green', 'no errors');
  return `${plural(s.servers, 'MCP server')}${o.plugins === false ? '' : ` in ${plural(s.plugins, 'plugin')}`}: ${parts.join(', ')} · ${verdict}, ${plural(s.warnings, 'warning')}`;
}
