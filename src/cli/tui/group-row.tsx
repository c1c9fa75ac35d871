/** A marketplace, plugin or scope heading in the server list. */
import { Text } from 'ink';
import { shortenPath } from './shorten.js';
import { toneStyle } from './theme.js';

export interface GroupRowProps {
  depth: number;
  label: string;
  /** A path or source, shortened in the middle to what is left of the line. */
  detail: string;
  /** A disabled plugin's heading is dimmed. */
  muted: boolean;
  width: number;
  home?: string;
  color: boolean;
}

export function GroupRow(p: GroupRowProps) {
  const indent = '  ' + '  '.repeat(p.depth);
  const room = p.width - indent.length - [...p.label].length - 2;
  const detail = p.detail && room >= 12 ? shortenDetail(p.detail, room, p.home) : '';
  return (
    <Text wrap="truncate-end">
      {indent}
      <Text {...toneStyle(p.muted ? 'muted' : 'strong', p.color)}>{p.label}</Text>
      {detail ? <Text {...toneStyle('muted', p.color)}>{'  ' + detail}</Text> : null}
    </Text>
  );
}

/** "github ~/.claude/plugins/…/demo-market": a leading word, then a path shortened at folder boundaries. */
function shortenDetail(detail: string, max: number, home?: string): string {
  const m = /^(\S+ )?(\/.*)$/.exec(detail);
  if (!m) return shortenPath(detail, max, home);
  const word = m[1] ?? '';
  return word + shortenPath(m[2] ?? '', Math.max(8, max - word.length), home);
}
