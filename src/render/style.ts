/** What every plain-text output shares: the doctor's own colours, `~` for the home folder, the summary line. */
import type { Report } from '../core/model/types.js';
import { shortenHome } from '../core/model/shell-quote.js';
import { summarySentence } from '../core/view/summary.js';

export const colorCodes = { red: 31, green: 32, yellow: 33, blue: 34, gray: 90, bold: 1 } as const;
export type Color = keyof typeof colorCodes;
export type Paint = (color: Color, text: string) => string;

export function painter(color: boolean): Paint {
  return (c, text) => (color ? `\x1b[${colorCodes[c]}m${text}\x1b[0m` : text);
}

/** Replaces the home folder with `~` wherever a path to something inside it appears in `text`. */
export function homeShortener(home: string | undefined): (text: string) => string {
  return (text) => shortenHome(text, home);
}

export const toneColor = { ok: 'green', warn: 'yellow', fail: 'red', muted: 'gray' } as const;

/** "9 MCP servers in 7 plugins: 1 ok, 7 failing, 1 disabled · 7 errors, 1 warning" (worded by the core's view). */
export function summaryLine(report: Report, paint: Paint, o: { plugins?: boolean } = {}): string {
  return summarySentence(report.summary, { plugins: o.plugins, paint: (tone, text) => paint(toneColor[tone], text) });
}
