/**
 * Tones to terminal styles. The colour decision is made once (`src/cli/color.ts`); without colour no
 * style at all is emitted (not even bold or inverse), so NO_COLOR and TERM=dumb get plain characters and
 * the selection is shown by its pointer alone.
 */
export type Tone = 'ok' | 'warn' | 'fail' | 'muted' | 'strong' | 'accent' | 'highlight' | 'plain';

export interface TextStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

const styles: Record<Tone, TextStyle> = {
  ok: { color: 'green' },
  warn: { color: 'yellow' },
  fail: { color: 'red' },
  muted: { color: 'gray' },
  strong: { bold: true },
  accent: { color: 'cyan' },
  highlight: { color: 'red', bold: true },
  plain: {},
};

export function toneStyle(tone: Tone | undefined, color: boolean): TextStyle {
  return color && tone ? styles[tone] : {};
}

/** A piece of a line with one tone; a line is a list of them. */
export interface Segment {
  text: string;
  tone?: Tone;
}
export type StyledLine = Segment[];
