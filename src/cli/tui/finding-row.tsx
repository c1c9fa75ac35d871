/** A finding in the list that belongs to no server: severity mark, code, where, and its message on one line. */
import { Text } from 'ink';
import type { ReportFinding } from '../../core/model/types.js';
import { findingLine } from './row-summary.js';
import { shortenPath } from './shorten.js';
import { toneStyle } from './theme.js';

export function FindingRow({ finding, depth, home, color }: { finding: ReportFinding; depth: number; home?: string; color: boolean }) {
  const tone = finding.severity === 'error' ? 'fail' : 'warn';
  return (
    <Text wrap="truncate-end">
      {'  ' + '  '.repeat(depth)}
      <Text {...toneStyle(tone, color)}>{finding.severity === 'error' ? '✘' : '⚠'}</Text> <Text {...toneStyle('strong', color)}>{finding.code}</Text>
      {finding.file ? <Text {...toneStyle('muted', color)}>{'  ' + shortenPath(finding.file, 32, home) + (finding.line ? `:${finding.line}:${finding.column ?? 1}` : '')}</Text> : null}
      {'  '}
      <Text {...toneStyle(tone, color)}>{findingLine(finding, home)}</Text>
    </Text>
  );
}
