/**
 * The first frame, drawn without Ink: as soon as discovery has listed the servers, the list is on the
 * screen in plain text (the same lines the live view lays out, each server "starting"), while Ink and
 * React load (~0.5 s on a quiet machine). Ink then takes the screen over. Nothing here imports Ink.
 */
import type { Report } from '../../core/model/types.js';
import { listLines } from './list-layout.js';
import { shortenMiddle, shortenPath } from './shorten.js';

export const enterAltScreen = '\x1b[?1049h\x1b[2J\x1b[H';

export function firstFrame(report: Report, pending: readonly string[], o: { version: string; width: number; height: number; home?: string }): string {
  const width = Math.max(20, o.width);
  const cut = (line: string) => ([...line].length <= width ? line : [...line].slice(0, width - 1).join('') + '…');
  const waiting = new Set(pending);
  const rows = report.servers.map((server) => ({ server, phase: waiting.has(server.id) ? ('checking' as const) : null, since: 0, tookMs: null }));
  const byId = new Map(rows.map((r) => [r.server.id, r]));
  const out = [
    cut(`mcp-doctor ${o.version}  ${shortenPath(report.configDir, 40, o.home)} · project ${shortenPath(report.projectDir, 40, o.home)}`),
    cut(`… ${waiting.size} pending   ${report.servers.length - waiting.size} not started`),
    '─'.repeat(width),
  ];
  const body = Math.max(1, o.height - 1 - 4);
  for (const line of listLines(rows, report, false).slice(0, body)) {
    const indent = '  ' + '  '.repeat(line.depth);
    if (line.kind === 'server') {
      const row = byId.get(line.id);
      out.push(cut(`  ${'  '.repeat(line.depth)}${row?.phase ? '…' : '○'} ${shortenMiddle(row?.server.name ?? '', 32)}${row?.phase ? '  waiting…' : ''}`));
    } else if (line.kind === 'file') {
      out.push(cut(`${indent}${line.group.file}`));
    } else {
      out.push(cut(`${indent}${line.label}${line.detail ? '  ' + shortenPath(line.detail.replace(/^\S+ /, ''), 40, o.home) : ''}`));
    }
  }
  return enterAltScreen + out.join('\r\n') + '\r\n';
}
