/** The top of the screen: what is being checked, how far the run is, and the counts by state. */
import { Box, Text } from 'ink';
import type { Counts } from './run-state.js';
import { seconds } from './row-summary.js';
import { shortenPath } from './shorten.js';
import { toneStyle } from './theme.js';

export interface HeaderProps {
  version: string;
  /** The config dir and project, once discovered. */
  configDir: string | null;
  projectDir: string | null;
  home?: string;
  counts: Counts;
  total: number;
  running: boolean;
  elapsedMs: number;
  width: number;
  color: boolean;
}

export function Header(p: HeaderProps) {
  const progress = p.running ? `${p.total - p.counts.pending}/${p.total} done · ${seconds(p.elapsedMs)}` : `done in ${seconds(p.elapsedMs)}`;
  const room = Math.max(10, p.width - progress.length - 2);
  const where = p.configDir ? `  ${shortenPath(p.configDir, Math.floor(room / 2), p.home)} · project ${shortenPath(p.projectDir ?? '', Math.floor(room / 2), p.home)}` : ' discovering…';
  const c = p.counts;
  const part = (n: number, mark: string, word: string, tone: Parameters<typeof toneStyle>[0], always: boolean) =>
    always || n > 0 ? (
      <Text key={word}>
        <Text {...toneStyle(n > 0 ? tone : 'muted', p.color)}>
          {mark} {n} {word}
        </Text>
        {'   '}
      </Text>
    ) : null;
  return (
    <Box flexDirection="column" width={p.width}>
      <Box width={p.width} justifyContent="space-between">
        <Box flexShrink={1}>
          <Text wrap="truncate-end">
            <Text {...toneStyle('strong', p.color)}>mcp-doctor {p.version}</Text>
            <Text {...toneStyle('muted', p.color)}>{where}</Text>
          </Text>
        </Box>
        <Box flexShrink={0} marginLeft={1}>
          <Text {...toneStyle(p.running ? 'accent' : 'muted', p.color)}>{progress}</Text>
        </Box>
      </Box>
      <Text wrap="truncate-end">
        {part(c.ok, '✔', 'ok', 'ok', true)}
        {part(c.degraded, '⚠', 'with warnings', 'warn', false)}
        {part(c.failed, '✘', 'failing', 'fail', true)}
        {part(c.pending, '…', 'pending', 'accent', true)}
        {part(c.disabled, '○', 'disabled', 'muted', true)}
        {part(c.skipped, '-', 'not checked', 'muted', false)}
      </Text>
      <Text {...toneStyle('muted', p.color)}>{'─'.repeat(Math.max(0, p.width))}</Text>
    </Box>
  );
}
