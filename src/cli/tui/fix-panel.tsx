/** The fix flow on screen: the plan, the y/N question, then what happened and the server before → after. */
import { Box } from 'ink';
import { fixLines } from './fix-lines.js';
import { StyledText } from './styled-text.js';
import type { FixFlow } from './use-fix-flow.js';

export interface FixPanelProps {
  flow: FixFlow;
  height: number;
  width: number;
  now: number;
  home?: string;
  color: boolean;
}

export function FixPanel({ flow, height, width, now, home, color }: FixPanelProps) {
  const lines = fixLines(flow, width - 2, now, home);
  // The question and the outcome are at the end: when the plan is long, its end stays in view.
  const start = Math.max(0, lines.length - height);
  return (
    <Box flexDirection="column" height={height} width={width} paddingLeft={2} overflow="hidden">
      {lines.slice(start).map((line, i) => (
        <StyledText key={start + i} line={line} color={color} />
      ))}
    </Box>
  );
}
