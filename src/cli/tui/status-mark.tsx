/** The mark in front of a server: a spinner while it runs, then ✔ ⚠ ✘ ○ (or - for a server not checked). */
import { Text } from 'ink';
import type { ServerStatus } from '../../core/model/types.js';
import { statusWords } from '../../core/view/status-words.js';
import { toneStyle, type Tone } from './theme.js';
import { spinnerFrame } from './spinner.js';

/** The mark and tone of each status, from the core's one table. */
export const statusMarks = Object.fromEntries(Object.entries(statusWords).map(([k, w]) => [k, [w.mark, w.tone]])) as Record<ServerStatus, [mark: string, tone: Tone]>;


export function StatusMark({ status, running, now, color }: { status: ServerStatus; running: boolean; now: number; color: boolean }) {
  if (running) return <Text {...toneStyle('accent', color)}>{spinnerFrame(now)}</Text>;
  const [mark, tone] = statusMarks[status];
  return <Text {...toneStyle(tone, color)}>{mark}</Text>;
}
