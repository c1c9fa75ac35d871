/**
 * A row for problems that are not a server's: a plugin's own (a missing MCP servers file, a refused
 * manifest) or a file's (a marketplace.json, a ghost install). Like a server row: pointer, mark, name,
 * the root cause on one line; cut at the terminal width, never wrapped.
 */
import { Text } from 'ink';
import type { ReportFinding } from '../../core/model/types.js';
import { rootCause } from '../../core/model/root-cause.js';
import { statusWords } from '../../core/view/status-words.js';
import { findingLine } from './row-summary.js';
import { shortenMiddle } from './shorten.js';
import { toneStyle } from './theme.js';

export interface ProblemRowProps {
  label: string;
  /** Shown after the label, dimmed (a plugin's version). */
  note?: string;
  findings: readonly ReportFinding[];
  selected: boolean;
  depth: number;
  nameColumn: number;
  pathWidth: number;
  muted?: boolean;
  home?: string;
  color: boolean;
}

export function ProblemRow(p: ProblemRowProps) {
  const cause = rootCause(p.findings);
  const words = cause?.severity === 'error' ? statusWords.failed : statusWords.degraded;
  const indent = '  '.repeat(p.depth);
  const label = shortenMiddle(p.label, Math.max(4, p.nameColumn - indent.length));
  const pad = ' '.repeat(Math.max(0, p.nameColumn - indent.length - [...label].length));
  const more = p.findings.length > 1 ? ` (+${p.findings.length - 1} more)` : '';
  return (
    <Text wrap="truncate-end">
      <Text {...toneStyle('accent', p.color)}>{p.selected ? '❯ ' : '  '}</Text>
      {indent}
      <Text {...toneStyle(words.tone, p.color)}>{words.mark}</Text>{' '}
      <Text {...toneStyle(p.muted ? 'muted' : 'strong', p.color)} inverse={p.selected && p.color}>
        {label}
      </Text>
      {pad}
      {'  '}
      <Text {...toneStyle(words.tone, p.color)}>{cause ? findingLine(cause, p.home, p.pathWidth) : ''}</Text>
      <Text {...toneStyle('muted', p.color)}>{more}</Text>
    </Text>
  );
}
