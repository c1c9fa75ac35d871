/**
 * The detail of one server as styled lines, wrapped to the width, so the view can scroll them: the root
 * cause first, then every finding where it is (file:line:column), the evidence (stderr with the line that
 * names the error picked out, stdout noise, exit, timings), the command exactly as it was started (the
 * server's own env, as the report shows it: values redacted), what Claude Code logged, and the fix.
 */
import { errorLine } from '../../core/model/error-line.js';
import type { Report, ReportFinding, ReportServer } from '../../core/model/types.js';
import { rootCause } from '../../core/model/root-cause.js';
import { serverView } from '../../core/view/report-view.js';
import { statusWords } from '../../core/view/status-words.js';
import { shellLine } from '../../core/model/shell-quote.js';
import { answeredLine, findingLine, seconds } from './row-summary.js';
import type { ServerRow } from './run-state.js';
import { shortenPath, tildeHome } from './shorten.js';
import type { StyledLine, Tone } from './theme.js';
import { wrapText } from './wrap.js';

export interface DetailOptions {
  home?: string;
  width: number;
  now: number;
  /** Whether `f` can apply fixes (the --fix applier is wired). */
  canFix: boolean;
}



export function where(f: Pick<ReportFinding, 'file' | 'line' | 'column'>, home?: string): string {
  if (!f.file) return '';
  return `${tildeHome(f.file, home)}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}`;
}

/** file:line:column with the path shortened in the middle, so the position is never the part cut off. */
function shortWhere(f: Pick<ReportFinding, 'file' | 'line' | 'column'>, max: number, home?: string): string {
  if (!f.file) return '';
  const at = f.line ? `:${f.line}:${f.column ?? 1}` : '';
  return shortenPath(f.file, Math.max(12, max - at.length), home) + at;
}

export function detailLines(row: ServerRow, report: Report | null, o: DetailOptions): StyledLine[] {
  const s = row.server;
  const home = o.home;
  const out: StyledLine[] = [];
  const text = (t: string, tone?: Tone, indent = 0) => {
    for (const l of wrapText(tildeHome(t, home), o.width - indent)) out.push([{ text: ' '.repeat(indent) + l, tone }]);
  };
  const labelled = (label: string, value: string, tone?: Tone, indent = 2) => {
    const lines = wrapText(tildeHome(value, home), Math.max(10, o.width - indent - label.length - 1));
    lines.forEach((l, i) => out.push([{ text: ' '.repeat(indent) + (i === 0 ? label : ' '.repeat(label.length)) + ' ', tone: 'muted' }, { text: l, tone }]));
  };
  const heading = (t: string) => {
    out.push([]);
    out.push([{ text: t, tone: 'strong' }]);
  };

  // Title: name, verdict, where it comes from.
  const [word, tone] = row.phase ? [`… ${row.phase} for ${seconds(o.now - row.since)}`, 'accent' as Tone] : [statusWords[s.status].mark + ' ' + statusWords[s.status].phrase, statusWords[s.status].tone as Tone];
  out.push([
    { text: s.name, tone: 'strong' },
    { text: '  ' },
    { text: word, tone },
  ]);
  text(`${s.plugin ? `plugin ${s.plugin}` : `${s.scope} scope`} · ${s.transport}`, 'muted');
  text(`defined in ${shortWhere({ file: s.source.file, line: s.source.line ?? null, column: s.source.column ?? null }, o.width - 11, home)}`, 'muted');

  const view = serverView(s, report);
  const findings = view.shown;
  const cause = row.phase ? undefined : (view.cause ?? rootCause(findings));
  if (cause) {
    heading('Root cause');
    text(findingLine(cause, home, 1000), cause.severity === 'error' ? 'fail' : 'warn', 2);
    if (cause.file) text(shortWhere(cause, o.width - 2, home), 'muted', 2);
  } else if (!row.phase && s.status === 'ok') {
    heading('Result');
    text(answeredLine(s) ?? (s.probe ? 'no problems found' : 'no problems found by the static checks (not started: --no-probe)'), 'ok', 2);
  } else if (s.status === 'disabled') {
    heading('Not checked');
    const plugin = report?.plugins.find((p) => p.id === s.plugin);
    text(`Its plugin is disabled${plugin ? ` in ${plugin.enabledBy}` : ''}; mcp-doctor --all checks it anyway.`, 'muted', 2);
  }

  if (findings.length > 0) {
    heading(`Findings (${findings.length})`);
    for (const f of findings) {
      const sev: Tone = f.severity === 'error' ? 'fail' : f.severity === 'warning' ? 'warn' : 'muted';
      const lead = `  ${f.severity} ${f.code}  `;
      out.push([{ text: '  ' }, { text: f.severity, tone: sev }, { text: ' ' }, { text: f.code, tone: 'strong' }, { text: f.file ? `  ${shortWhere(f, o.width - lead.length, home)}` : '', tone: 'muted' }]);
      if (f === cause) {
        text('the root cause, above', 'muted', 4);
        continue;
      }
      if (f.causedBy) text(`a symptom of ${f.causedBy}`, 'muted', 4);
      text(f.message, undefined, 4);
      labelled('fix:', f.hint, 'ok', 4);
    }
  }

  const p = s.probe;
  if (p) {
    heading('Evidence');
    const facts = [
      p.exit ? (p.exit.signal ? `killed by ${p.exit.signal}` : `exit code ${p.exit.code}`) : '',
      p.spawnError ? `${p.spawnError.code} from ${p.spawnError.syscall} ${p.spawnError.path}` : '',
      `${p.outcome} after ${p.durationMs} ms (timeout ${seconds(p.timeoutMs)})`,
      row.tookMs !== null ? `checked in ${seconds(row.tookMs)}` : '',
    ].filter(Boolean);
    text(facts.join(' · '), undefined, 2);
    if (p.http) text(`${p.http.url}${p.http.status ? ` → HTTP ${p.http.status}` : ''}${p.http.error ? ` (${p.http.error})` : ''}`, undefined, 2);
    if (p.stderrTail.length > 0) {
      const picked = errorLine(p.stderrTail);
      const pickedAt = picked === undefined ? -1 : p.stderrTail.findLastIndex((l) => l.trim() === picked);
      text(`stderr, last ${p.stderrTail.length} line${p.stderrTail.length === 1 ? '' : 's'} of ${p.stderrBytes} bytes:`, 'muted', 2);
      p.stderrTail.forEach((line, i) => {
        const mark = i === pickedAt;
        // Continuations of a long line are indented further, so they do not read as lines of their own.
        for (const [j, l] of wrapText(tildeHome(line, home), o.width - 8).entries()) {
          out.push([{ text: mark && j === 0 ? '  ▶ ' : j === 0 ? '    ' : '      ', tone: mark ? 'highlight' : 'muted' }, { text: l, tone: mark ? 'highlight' : undefined }]);
        }
      });
    } else if (s.transport === 'stdio') {
      text('stderr: nothing', 'muted', 2);
    }
    if (p.stdoutNoise.length > 0 || p.stdoutUnterminated) {
      text('stdout, not JSON-RPC:', 'muted', 2);
      for (const l of p.stdoutNoise) text(l, 'warn', 4);
      if (p.stdoutUnterminated) text(`${p.stdoutUnterminated}  (no final newline)`, 'warn', 4);
    }
    if (p.toolsError) text(`tools/list: ${p.toolsError}`, 'fail', 2);
  }

  // Spawned exactly so: no shell, in the project folder (see core/probe/server-environment.ts).
  heading(p ? 'Command, as started' : 'Command (not started)');
  if (s.transport === 'stdio') {
    const command = p?.command ?? s.command ?? '';
    text(shellLine([command, ...s.args], home), undefined, 2);
    if (report) labelled('cwd', report.projectDir);
    const env = Object.entries(s.env);
    if (env.length > 0) env.forEach(([k, v], i) => labelled(i === 0 ? 'env' : '   ', `${k}=${v}`));
    text(`and the environment Claude Code passes on: yours, CLAUDE_PROJECT_DIR, CLAUDECODE=1${s.plugin ? ', CLAUDE_PLUGIN_ROOT, CLAUDE_PLUGIN_DATA' : ''}`, 'muted', 2);
  } else {
    text(`${s.transport} ${s.url ?? ''}`, undefined, 2);
  }

  if (s.claudeLog) {
    heading(`Claude Code last logged${s.claudeLog.timestamp ? ` (${s.claudeLog.timestamp})` : ''}`);
    for (const l of s.claudeLog.error.split('\n').filter((x) => x.trim())) text(l, 'warn', 2);
    text(`in ${s.claudeLog.file}`, 'muted', 2);
  }

  if (cause) {
    heading('Fix');
    text(cause.hint, 'ok', 2);
    if (cause.fixable) text(o.canFix ? 'Press f to apply it (you will see the plan and confirm first).' : 'mcp-doctor --fix can apply it.', 'accent', 2);
  }
  return out;
}
