/**
 * The top of the screen: what is being checked, how far the run is, and the counts: the servers by state
 * as the core counts them (`summarize` over the rows that are done, worded by `status-words.ts`), the ones
 * still pending, and the rows with problems that are not servers' (plugins, files).
 */
import { Box, Text } from 'ink';
import type { Report } from '../../core/model/types.js';
import { plural } from '../../core/view/summary.js';
import { statusOrder, statusWords } from '../../core/view/status-words.js';
import { seconds } from './row-summary.js';
import { shortenPath } from './shorten.js';
import { toneStyle } from './theme.js';

export interface HeaderProps {
  version: string;
  /** The config dir and project, once discovered. */
  configDir: string | null;
  projectDir: string | null;
  home?: string;
  /** The servers that are done, counted by the core. */
  summary: Report['summary'] | null;
  pending: number;
  /** Plugins and files with problems of their own (each a row of the list). */
  otherProblems: number;
  total: number;
  running: boolean;
  elapsedMs: number;
  width: number;
  color: boolean;
}

/** Always shown, even at 0: the counts a user looks for. */
const always = new Set(['ok', 'failed']);

export function Header(p: HeaderProps) {
  const progress = p.running ? `${p.total - p.pending}/${p.total} done · ${seconds(p.elapsedMs)}` : `done in ${seconds(p.elapsedMs)}`;
  const room = Math.max(10, p.width - progress.length - 2);
  const where = p.configDir ? `  ${shortenPath(p.configDir, Math.floor(room / 2), p.home)} · project ${shortenPath(p.projectDir ?? '', Math.floor(room / 2), p.home)}` : ' discovering…';
  const parts: { key: string; text: string; tone: Parameters<typeof toneStyle>[0] }[] = [];
  for (const status of statusOrder) {
    const n = p.summary?.[status] ?? 0;
    const w = statusWords[status];
    if (n > 0 || always.has(status)) parts.push({ key: status, text: `${w.mark} ${n} ${w.counted}`, tone: n > 0 ? w.tone : 'muted' });
    if (status === 'failed' && p.running) parts.push({ key: 'pending', text: `… ${p.pending} pending`, tone: p.pending > 0 ? 'accent' : 'muted' });
  }
  if (p.otherProblems > 0) parts.push({ key: 'other', text: `✘ ${plural(p.otherProblems, 'plugin/file problem')}`, tone: 'fail' });
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
        {parts.map((part) => (
          <Text key={part.key}>
            <Text {...toneStyle(part.tone, p.color)}>{part.text}</Text>
            {'   '}
          </Text>
        ))}
      </Text>
      <Text {...toneStyle('muted', p.color)}>{'─'.repeat(Math.max(0, p.width))}</Text>
    </Box>
  );
}
