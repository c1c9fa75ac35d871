/**
 * The detail of one row as styled lines, so the view can scroll them, in the order a user needs them: the
 * root cause, the fix, the other findings where they are (file:line:column), the evidence (stderr with the
 * line that names the error picked out, stdout noise, exit, timings), the command exactly as it was started
 * (the server's own env, as the report shows it: values redacted), what Claude Code logged. Prose is
 * wrapped to the width; a command is alone on its line and never wrapped (the view cuts it with a marker,
 * and `c` copies it whole), so it can be copied as it is.
 */
import { errorLine } from '../../core/model/error-line.js';
import { byteSize } from '../../core/util/bound-output.js';
import type { Report, ReportFinding, ReportServer } from '../../core/model/types.js';
import { rootCause } from '../../core/model/root-cause.js';
import { serverView } from '../../core/view/report-view.js';
import { statusWords } from '../../core/view/status-words.js';
import { shellLine } from '../../core/model/shell-quote.js';
import { answeredLine, findingLine, seconds } from './row-summary.js';
import { staticallyKnown, type ServerRow } from './run-state.js';
import { shortenPath, tildeHome } from './shorten.js';
import type { StyledLine, Tone } from './theme.js';
import { wrapText } from './wrap.js';
import { splitHint } from './commands-in-text.js';
import type { FileGroup, PluginView } from '../../core/view/report-view.js';
import { pluginProblems } from './list-layout.js';

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

/** Lines built with the helpers every detail shares. */
function lineBuilder(width: number, home: string | undefined) {
  const out: StyledLine[] = [];
  const text = (t: string, tone?: Tone, indent = 0) => {
    for (const l of wrapText(tildeHome(t, home), width - indent)) out.push([{ text: ' '.repeat(indent) + l, tone }]);
  };
  const labelled = (label: string, value: string, tone?: Tone, indent = 2) => {
    const lines = wrapText(tildeHome(value, home), Math.max(10, width - indent - label.length - 1));
    lines.forEach((l, i) => out.push([{ text: ' '.repeat(indent) + (i === 0 ? label : ' '.repeat(label.length)) + ' ', tone: 'muted' }, { text: l, tone }]));
  };
  const heading = (t: string) => {
    out.push([]);
    out.push([{ text: t, tone: 'strong' }]);
  };
  /** A command alone on its line, not wrapped: the view cuts it at the edge with a marker. */
  const command = (c: string, indent = 2) => out.push([{ text: ' '.repeat(indent) + '$ ', tone: 'muted' }, { text: c, tone: 'accent' }]);
  /** A fix: its words wrapped, each command in it on a line of its own. */
  const fix = (f: Pick<ReportFinding, 'hint' | 'evidence'>, indent: number, tone: Tone = 'ok') => {
    for (const part of splitHint(f, home).parts) {
      if ('command' in part) command(part.command, indent);
      else text(part.text, tone, indent);
    }
  };
  return { out, text, labelled, heading, command, fix };
}

/** The commands a row's detail shows, first the fix's, then the one to run by hand: what `c` copies. */
export function detailCommands(row: ServerRow, report: Report | null, home?: string): string[] {
  const view = serverView(row.server, report);
  const cause = view.cause ?? rootCause(view.shown);
  const fromFix = cause ? splitHint(cause, home).commands : [];
  const s = row.server;
  const started = s.transport === 'stdio' ? [shellLine([s.probe?.command ?? s.command ?? '', ...s.args], home)] : [];
  return [...new Set([...fromFix, ...started])].filter((c) => c.trim());
}

/** Commands in findings about a plugin or a file (their fixes). */
export function findingCommands(findings: readonly ReportFinding[], home?: string): string[] {
  return [...new Set(findings.flatMap((f) => splitHint(f, home).commands))];
}

export function detailLines(row: ServerRow, report: Report | null, o: DetailOptions): StyledLine[] {
  const s = row.server;
  const home = o.home;
  const { out, text, labelled, heading, command, fix } = lineBuilder(o.width, home);

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
  // While its probe runs, the static root cause is shown once its static checks are done (provisionally).
  const cause = row.phase && !staticallyKnown(row) ? undefined : (view.cause ?? rootCause(findings));
  if (cause) {
    heading(row.phase ? 'Root cause (static checks; its probe is still running)' : 'Root cause');
    text(findingLine(cause, home, 1000), cause.severity === 'error' ? 'fail' : 'warn', 2);
    if (cause.file) text(shortWhere(cause, o.width - 2, home), 'muted', 2);
    heading('Fix');
    fix(cause, 2);
    if (cause.fixable) text(o.canFix ? 'Press f to apply it (you will see the plan and confirm first).' : 'mcp-doctor --fix can apply it.', 'accent', 2);
  } else if (!row.phase && s.status === 'ok') {
    heading('Result');
    text(answeredLine(s) ?? (s.probe ? 'no problems found' : 'no problems found by the static checks (not started: --no-probe)'), 'ok', 2);
  } else if (s.status === 'disabled') {
    heading('Not checked');
    const plugin = report?.plugins.find((p) => p.id === s.plugin);
    text(`Its plugin is disabled${plugin ? ` in ${plugin.enabledBy}` : ''}; mcp-doctor --all checks it anyway.`, 'muted', 2);
  }

  const others = findings.filter((f) => f !== cause);
  if (others.length > 0) {
    heading(cause ? `Other findings (${others.length})` : `Findings (${others.length})`);
    for (const f of others) {
      const sev: Tone = f.severity === 'error' ? 'fail' : f.severity === 'warning' ? 'warn' : 'muted';
      const lead = `  ${f.severity} ${f.code}  `;
      out.push([{ text: '  ' }, { text: f.severity, tone: sev }, { text: ' ' }, { text: f.code, tone: 'strong' }, { text: f.file ? `  ${shortWhere(f, o.width - lead.length, home)}` : '', tone: 'muted' }]);
      if (f.causedBy) text(`a symptom of ${f.causedBy}`, 'muted', 4);
      text(f.message, undefined, 4);
      fix(f, 4);
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
      // The tail is bounded by the core (lines cut, repeats folded); here each line is one screen row, and
      // only the line that names the error is wrapped so it can be read whole.
      const picked = errorLine(p.stderrTail);
      const pickedAt = picked === undefined ? -1 : p.stderrTail.findLastIndex((l) => l.trim() === picked);
      text(`stderr: ${byteSize(p.stderrBytes)}, the last lines:`, 'muted', 2);
      p.stderrTail.forEach((line, i) => {
        if (i !== pickedAt) return out.push([{ text: '    ', tone: 'muted' }, { text: tildeHome(line, home) }]);
        for (const [j, l] of wrapText(tildeHome(line, home), o.width - 8).entries()) {
          out.push([{ text: j === 0 ? '  ▶ ' : '      ', tone: 'highlight' }, { text: l, tone: 'highlight' }]);
        }
      });
    } else if (s.transport === 'stdio') {
      text('stderr: nothing', 'muted', 2);
    }
    if (p.stdoutNoise.length > 0 || p.stdoutUnterminated) {
      text('stdout, not JSON-RPC:', 'muted', 2);
      for (const l of p.stdoutNoise) out.push([{ text: '    ' }, { text: tildeHome(l, home), tone: 'warn' }]);
      if (p.stdoutUnterminated) out.push([{ text: '    ' }, { text: `${p.stdoutUnterminated}  (no final newline)`, tone: 'warn' }]);
    }
    if (p.toolsError) text(`tools/list: ${p.toolsError}`, 'fail', 2);
  }

  // Spawned exactly so: no shell, in the project folder (see core/probe/server-environment.ts).
  heading(p ? 'Command, as started' : 'Command (not started)');
  if (s.transport === 'stdio') {
    command(shellLine([p?.command ?? s.command ?? '', ...s.args], home));
    if (report) labelled('cwd', report.projectDir);
    const env = Object.entries(s.env);
    if (env.length > 0) env.forEach(([k, v], i) => labelled(i === 0 ? 'env' : '   ', `${k}=${v}`));
    text(`and the environment Claude Code passes on: yours, CLAUDE_PROJECT_DIR, CLAUDECODE=1${s.plugin ? ', CLAUDE_PLUGIN_ROOT, CLAUDE_PLUGIN_DATA' : ''}`, 'muted', 2);
  } else {
    text(`${s.transport} ${s.url ?? ''}`, undefined, 2);
  }

  if (s.claudeLog) {
    heading(`Claude Code last logged${s.claudeLog.timestamp ? ` (${s.claudeLog.timestamp})` : ''}`);
    for (const l of s.claudeLog.error.split('\n').filter((x) => x.trim()).slice(0, 20)) text(l, 'warn', 2);
    text(`in ${s.claudeLog.file}`, 'muted', 2);
  }
  return out;
}

/**
 * The detail of a plugin's own problems, or of a file's: what decides (the root cause, by the one rule),
 * its fix, then every finding where it is.
 */
export function groupDetailLines(subject: { kind: 'plugin'; plugin: PluginView } | { kind: 'file'; group: FileGroup }, o: DetailOptions): StyledLine[] {
  const home = o.home;
  const { out, text, heading, fix } = lineBuilder(o.width, home);
  const findings = subject.kind === 'plugin' ? pluginProblems(subject.plugin) : subject.group.findings.filter((f) => f.severity !== 'info');
  const cause = rootCause(findings);
  if (subject.kind === 'plugin') {
    const p = subject.plugin;
    const verdict = p.load.verdict === 'refused' ? ['✘ Claude Code does not load it', 'fail'] : p.load.verdict === 'loads-with-errors' ? ['⚠ loads, with errors', 'warn'] : ['⚠ loads, with warnings', 'warn'];
    out.push([{ text: `plugin ${p.plugin.id}`, tone: 'strong' }, { text: '  ' }, { text: verdict[0]!, tone: verdict[1] as Tone }]);
    text(`${p.plugin.root}${p.plugin.enabled ? '' : ` · disabled in ${p.plugin.enabledBy}`}`, 'muted');
  } else {
    const g = subject.group;
    out.push([{ text: g.file ? shortenPath(g.file, o.width - 2, home) : 'No file', tone: 'strong' }]);
    if (g.plugin) text(`about ${g.plugin}, which the report does not list (installed, but its files are gone?)`, 'muted');
  }
  if (cause) {
    heading('Root cause');
    text(findingLine(cause, home, 1000), cause.severity === 'error' ? 'fail' : 'warn', 2);
    if (cause.file) text(shortWhere(cause, o.width - 2, home), 'muted', 2);
    heading('Fix');
    fix(cause, 2);
    if (cause.fixable) text(o.canFix && subject.kind === 'plugin' ? 'Press f to apply it (you will see the plan and confirm first).' : 'mcp-doctor --fix can apply it.', 'accent', 2);
  }
  const others = findings.filter((f) => f !== cause);
  if (others.length > 0) {
    heading(`Other findings (${others.length})`);
    for (const f of others) {
      const sev: Tone = f.severity === 'error' ? 'fail' : 'warn';
      out.push([{ text: '  ' }, { text: f.severity, tone: sev }, { text: ' ' }, { text: f.code, tone: 'strong' }, { text: f.file ? `  ${shortWhere(f, o.width - 30, home)}` : '', tone: 'muted' }]);
      text(f.message, undefined, 4);
      fix(f, 4);
    }
  }
  return out;
}
