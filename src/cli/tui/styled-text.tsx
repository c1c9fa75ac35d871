/** One line of styled segments, cut (never wrapped) at the width of its box. */
import { Text } from 'ink';
import { toneStyle, type StyledLine } from './theme.js';

export function StyledText({ line, color }: { line: StyledLine; color: boolean }) {
  return (
    <Text wrap="truncate-end">
      {line.length === 0 ? ' ' : line.map((segment, i) => (
        <Text key={i} {...toneStyle(segment.tone, color)}>
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}
