/** The bottom line: a note about the last action, or the keys that work on this screen; and where the list is. */
import { Box, Text } from 'ink';
import type { Screen } from './keymap.js';
import { toneStyle } from './theme.js';

export interface FooterProps {
  screen: Screen;
  note: string | null;
  problemsOnly: boolean;
  /** "lines 5–23 of 40" when the content is longer than the screen. */
  position: string;
  width: number;
  color: boolean;
}

const hints: Record<Screen, string> = {
  list: '↑↓ move  ⏎ detail  f fix  c copy  e problems only  r re-check  ? keys  q quit',
  detail: '↑↓ scroll  ⏎/esc back  f fix  c copy  r re-check  ? keys  q quit',
  help: 'any key: back',
  'fix-confirm': 'y apply  ·  any other key: cancel',
  'fix-busy': 'working…  Ctrl-C stops everything',
  'fix-result': 'any key: back',
};

export function Footer(p: FooterProps) {
  const text = p.note ?? (p.screen === 'list' && p.problemsOnly ? hints.list.replace('e problems only', 'e show all') : hints[p.screen]);
  return (
    <Box width={p.width} justifyContent="space-between">
      <Box flexShrink={1}>
        <Text wrap="truncate-end" {...toneStyle(p.note ? 'warn' : 'muted', p.color)}>
          {text}
        </Text>
      </Box>
      {p.position ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text {...toneStyle('muted', p.color)}>{p.position}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
