/** The visible slice of the grouped server list. */
import { Box, Text } from 'ink';
import { FindingRow } from './finding-row.js';
import { GroupRow } from './group-row.js';
import type { ListLine } from './list-layout.js';
import type { RowSummary } from './row-summary.js';
import type { ServerRow as Row } from './run-state.js';
import { ServerRow } from './server-row.js';
import { toneStyle } from './theme.js';

export interface ServerListProps {
  lines: readonly ListLine[];
  top: number;
  height: number;
  rows: ReadonlyMap<string, Row>;
  summaries: ReadonlyMap<string, RowSummary>;
  selectedId: string | undefined;
  width: number;
  nameColumn: number;
  now: number;
  home?: string;
  color: boolean;
  /** Shown when there is nothing to list. */
  emptyText: string;
}

export function ServerList(p: ServerListProps) {
  if (p.lines.length === 0) {
    return (
      <Box height={p.height} paddingLeft={2}>
        <Text {...toneStyle('muted', p.color)}>{p.emptyText}</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={p.height} width={p.width} overflow="hidden">
      {p.lines.slice(p.top, p.top + p.height).map((line) => {
        if (line.kind === 'finding') {
          return <FindingRow key={line.key} finding={line.finding} depth={line.depth} home={p.home} color={p.color} />;
        }
        if (line.kind === 'group') {
          return <GroupRow key={line.key} depth={line.depth} label={line.label} detail={line.detail} muted={line.muted} width={p.width} home={p.home} color={p.color} />;
        }
        const row = p.rows.get(line.id);
        const summary = p.summaries.get(line.id);
        if (!row || !summary) return null;
        return (
          <ServerRow key={line.id} row={row} summary={summary} selected={line.id === p.selectedId} depth={line.depth} nameColumn={p.nameColumn} now={p.now} color={p.color} />
        );
      })}
    </Box>
  );
}
