/** `?`: the keys, from the same table the key handling uses. */
import { Box, Text } from 'ink';
import { keyHelp } from './keymap.js';
import { toneStyle } from './theme.js';

export function HelpOverlay({ height, width, color }: { height: number; width: number; color: boolean }) {
  const keyWidth = Math.max(...keyHelp.map(([k]) => k.length));
  return (
    <Box flexDirection="column" height={height} width={width} paddingLeft={2} overflow="hidden">
      <Text {...toneStyle('strong', color)}>Keys</Text>
      <Text> </Text>
      {keyHelp.map(([keys, what]) => (
        <Text key={keys} wrap="truncate-end">
          <Text {...toneStyle('accent', color)}>{keys.padEnd(keyWidth)}</Text>
          {'  '}
          {what}
        </Text>
      ))}
      <Text> </Text>
      <Text {...toneStyle('muted', color)}>Any key closes this help.</Text>
    </Box>
  );
}
