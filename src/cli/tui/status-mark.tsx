/** The mark in front of a server: a spinner while it runs, then ✔ ⚠ ✘ ○ (or - for a server not checked). */
import { Text } from 'ink';
import type { ServerStatus } from '../../core/model/types.js';
import { toneStyle, type Tone } from './theme.js';
import { spinnerFrame } from './spinner.js';

export const statusMarks: Record<ServerStatus, [mark: string, tone: Tone]> = {
  ok: ['✔', 'ok'],
  degraded: ['⚠', 'warn'],
  failed: ['✘', 'fail'],
  disabled: ['○', 'muted'],
  skipped: ['-', 'muted'],
};

export function StatusMark({ status, running, now, color }: { status: ServerStatus; running: boolean; now: number; color: boolean }) {
  if (running) return <Text {...toneStyle('accent', color)}>{spinnerFrame(now)}</Text>;
  const [mark, tone] = statusMarks[status];
  return <Text {...toneStyle(tone, color)}>{mark}</Text>;
}
