/** The visible slice of the grouped server list. */
import { Box, Text } from 'ink';
import { GroupRow } from './group-row.js';
import { fileProblems, pluginProblems, type ListLine } from './list-layout.js';
import { ProblemRow } from './problem-row.js';
import type { ReportView } from '../../core/view/report-view.js';
import { shortenPath } from './shorten.js';
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
  /** Paths inside a one-line verdict are shortened to this. */
  pathWidth: number;
  /** The core's view of the report, for plugin and file rows. */
  view: ReportView | null;
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
        if (line.kind === 'plugin' && line.selectable) {
          const plugin = p.view?.plugin(line.pluginId);
          if (plugin) {
            return (
              <ProblemRow key={line.id} label={plugin.plugin.name} findings={pluginProblems(plugin)} selected={line.id === p.selectedId} depth={line.depth} nameColumn={Math.max(p.nameColumn, Math.min(24, plugin.plugin.name.length + 2))} pathWidth={p.pathWidth} muted={line.muted} home={p.home} color={p.color} />
            );
          }
        }
        if (line.kind === 'plugin') {
          return <GroupRow key={line.id} depth={line.depth} label={line.label} detail={line.detail} muted={line.muted} width={p.width} home={p.home} color={p.color} />;
        }
        if (line.kind === 'file') {
          const label = line.group.file ? shortenPath(line.group.file, Math.max(p.nameColumn, 24) - 2, p.home) : (line.group.plugin ?? 'no file');
          return (
            <ProblemRow key={line.id} label={label} findings={fileProblems(line.group)} selected={line.id === p.selectedId} depth={line.depth} nameColumn={Math.max(p.nameColumn, 24)} pathWidth={p.pathWidth} home={p.home} color={p.color} />
          );
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
