/** The detail of the selected server: a window on its lines (see detail-lines.ts), scrolled by the keys. */
import { Box } from 'ink';
import { StyledText } from './styled-text.js';
import type { StyledLine } from './theme.js';

export interface DetailViewProps {
  lines: readonly StyledLine[];
  offset: number;
  height: number;
  width: number;
  color: boolean;
}

export function DetailView({ lines, offset, height, width, color }: DetailViewProps) {
  return (
    <Box flexDirection="column" height={height} width={width} paddingLeft={2} overflow="hidden">
      {lines.slice(offset, offset + height).map((line, i) => (
        <StyledText key={offset + i} line={line} color={color} />
      ))}
    </Box>
  );
}
