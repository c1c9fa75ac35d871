/**
 * One server in the list: pointer, state mark, name, and either what it is doing (with elapsed time) or
 * its one-line verdict. Names are shortened in the middle to the name column; the line is cut at the
 * terminal width, never wrapped.
 */
import { Text } from 'ink';
import type { RowSummary } from './row-summary.js';
import { seconds } from './row-summary.js';
import { staticallyKnown, type ServerRow as Row } from './run-state.js';
import { shortenMiddle } from './shorten.js';
import { StatusMark } from './status-mark.js';
import { toneStyle } from './theme.js';

export interface ServerRowProps {
  row: Row;
  summary: RowSummary;
  selected: boolean;
  depth: number;
  /** Width of the name column, so verdicts line up whatever the depth. */
  nameColumn: number;
  now: number;
  color: boolean;
}

const phaseWords = { checking: 'checking', probing: 'starting', reprobing: 're-checking', fixing: 'fixing' } as const;

export function ServerRow({ row, summary, selected, depth, nameColumn, now, color }: ServerRowProps) {
  const indent = '  '.repeat(depth);
  const name = shortenMiddle(row.server.name, Math.max(4, nameColumn - indent.length));
  const pad = ' '.repeat(Math.max(0, nameColumn - indent.length - [...name].length));
  const running = row.phase !== null;
  const staticProblem = staticallyKnown(row) && (row.server.status === 'failed' || row.server.status === 'degraded');
  return (
    <Text wrap="truncate-end">
      <Text {...toneStyle('accent', color)}>{selected ? '❯ ' : '  '}</Text>
      {indent}
      <StatusMark status={row.server.status} running={running} now={now} color={color} />{' '}
      <Text {...toneStyle(selected ? 'strong' : undefined, color)} inverse={selected && color}>
        {name}
      </Text>
      {pad}
      {'  '}
      {running ? (
        <>
          <Text {...toneStyle('accent', color)}>
            {row.phase ? phaseWords[row.phase] : ''}… {seconds(now - row.since)}
          </Text>
          {/* Its static root cause, known before its probe ends (the probe may still overrule it). */}
          {staticProblem ? <Text {...toneStyle(summary.tone, color)}>{'  '}{summary.text}</Text> : null}
        </>
      ) : (
        <Text {...toneStyle(summary.tone, color)}>{summary.text}</Text>
      )}
    </Text>
  );
}
