/**
 * What the model reads: the `diagnose` tool's text and the SessionStart hook's message. Claude Code forwards
 * a tool result to the model as it is, and saves a long one to a file with a 2 KB preview, so this is short
 * and in order of use: the problems only, each failing server named as Claude Code names it
 * (`plugin:<p>:<s>`) with its root cause first, then where and the fix, then what will not load at all
 * (a refused plugin, a file Claude Code cannot read), and a count of what is fine. Every fact comes from
 * the core's report view; nothing is recounted here. Texts from the report are clipped, so one long
 * message cannot push the others out.
 */
import { fixCommand } from '../core/fix/gates.js';
import { shortenHome } from '../core/model/shell-quote.js';
import type { Report, ReportFinding } from '../core/model/types.js';
import { reportView, type FileGroup, type PluginView, type ServerView } from '../core/view/report-view.js';
import { statusWords } from '../core/view/status-words.js';
import { summarySentence } from '../core/view/summary.js';

/** The slash command of the mcp-doctor plugin as Claude Code names it: plugin commands are `/<plugin>:<name>`. */
export const SLASH_COMMAND = '/mcp-doctor:mcp-doctor';

/** Longest text taken from the report into one line (a message, a hint, a path). */
const CLIP = 200;
/** Servers given with their root cause; the rest are named with their cause code only. */
const FULL_ENTRIES = 20;
/** Servers given with where and the fix. */
const FIX_ENTRIES = 10;
/** Servers named beyond those, at most: the result stays about 10,000 characters at any size. */
const NAMED_ENTRIES = 40;

/** "… and 130 more: a (code), b (code), … and 90 others; narrow with plugin or server" */
function more(rest: readonly ServerView[]): string {
  const named = rest.slice(0, NAMED_ENTRIES).map((s) => `${clip(s.server.id, 80)} (${s.cause?.code ?? '?'})`);
  const others = rest.length - named.length;
  return `… and ${rest.length} more: ${named.join(', ')}${others > 0 ? `, and ${others} others (narrow with plugin or server)` : ''}`;
}

export function clip(text: string, max = CLIP): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export interface ModelSummaryOptions {
  homedir?: string;
}

/**
 * What will not load at all, beyond failing servers: plugins Claude Code refuses or whose own files fail
 * (an unparseable .mcp.json, an install folder that is gone: their servers never appear), and other files
 * with errors.
 */
export interface NotLoading {
  plugins: PluginView[];
  files: FileGroup[];
}

export function notLoading(report: Report): NotLoading {
  const view = reportView(report);
  return {
    plugins: view.plugins.filter((p) => p.load?.verdict === 'refused' || p.own.some((f) => f.severity === 'error')),
    files: view.files.filter((g) => g.findings.some((f) => f.severity === 'error')),
  };
}

const where = (f: ReportFinding, home: string | undefined) => (f.file ? `${shortenHome(f.file, home)}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}` : '');
const firstError = (findings: readonly ReportFinding[]) => findings.find((f) => f.severity === 'error' && !f.causedBy) ?? findings.find((f) => f.severity === 'error');

/**
 * The diagnose tool's text. Root causes come first, one line per failing server, so that all of them fit
 * in the first 2,000 characters of a 41-server home; where and the fix follow.
 */
export function renderModelSummary(report: Report, options: ModelSummaryOptions = {}): string {
  const home = options.homedir;
  const view = reportView(report);
  const failing = view.problems.filter((s) => s.server.status === 'failed');
  const degraded = view.problems.filter((s) => s.server.status === 'degraded');
  const { plugins: refused, files } = notLoading(report);
  const lines: string[] = [];
  lines.push(`mcp-doctor ${report.tool.version}: ${summarySentence(report.summary)} · ${report.probe ? 'servers started' : 'static checks only (probe: true also starts them)'}`);

  const causeLine = (s: ServerView) => {
    const c = s.cause;
    return `${statusWords[s.server.status].mark} ${s.server.id}: ${c ? `${c.code}: ${clip(shortenHome(c.message, home))}` : 'no finding explains it'}`;
  };
  if (failing.length > 0) {
    lines.push('', `Failing (${failing.length}), root cause first:`);
    for (const s of failing.slice(0, FULL_ENTRIES)) lines.push(causeLine(s));
    if (failing.length > FULL_ENTRIES) lines.push(more(failing.slice(FULL_ENTRIES)));
  }
  if (refused.length > 0 || files.length > 0) {
    lines.push('', 'Will not load at all:');
    for (const p of refused.slice(0, FULL_ENTRIES)) {
      const reason = p.own.find((f) => f.code === p.load.reason) ?? firstError(p.own);
      const what = p.load.verdict === 'refused' ? 'is refused by Claude Code (its MCP servers never start)' : p.servers.length === 0 ? 'loads no MCP server' : 'has errors';
      lines.push(`✘ plugin ${p.plugin.id} ${what}: ${reason ? `${reason.code}: ${clip(shortenHome(reason.message, home))}` : (p.load.reason ?? '')}`);
    }
    if (refused.length > FULL_ENTRIES) lines.push(`… and ${refused.length - FULL_ENTRIES} more plugins: ${refused.slice(FULL_ENTRIES, FULL_ENTRIES + NAMED_ENTRIES).map((p) => clip(p.plugin.id, 80)).join(', ')}`);
    for (const g of files.slice(0, FULL_ENTRIES)) {
      const f = firstError(g.findings)!;
      lines.push(`✘ ${g.plugin ? `plugin ${g.plugin}` : shortenHome(g.file, home) || 'setup'}: ${f.code}: ${clip(shortenHome(f.message, home))}`);
    }
  }
  if (degraded.length > 0) {
    lines.push('', `Working, with warnings (${degraded.length}):`);
    for (const s of degraded.slice(0, FULL_ENTRIES)) lines.push(causeLine(s));
    if (degraded.length > FULL_ENTRIES) lines.push(more(degraded.slice(FULL_ENTRIES)));
  }

  const fixes = [...failing, ...degraded].filter((s) => s.cause).slice(0, FIX_ENTRIES);
  const fileFixes = [
    ...refused.map((p) => ({ subject: `plugin ${p.plugin.id}`, f: p.own.find((f) => f.code === p.load.reason) ?? firstError(p.own) })),
    ...files.map((g) => ({ subject: g.plugin ? `plugin ${g.plugin}` : 'file', f: firstError(g.findings) })),
  ]
    .filter((x): x is { subject: string; f: ReportFinding } => !!x.f)
    .slice(0, FIX_ENTRIES);
  if (fixes.length > 0 || fileFixes.length > 0) {
    lines.push('', 'Where and how to fix:');
    const fixLines = (subject: string, f: ReportFinding) => {
      const at = where(f, home);
      lines.push(`- ${subject}${at ? ` at ${clip(at)}` : ''}`);
      lines.push(`  fix: ${clip(shortenHome(f.hint, home), 400)}${f.fixable && f.fix ? ` (automatic: ${fixCommand(f.fix)})` : ''}`);
    };
    for (const s of fixes) fixLines(`${s.server.id} (${s.cause!.code})`, s.cause!);
    for (const { subject, f } of fileFixes) fixLines(`${subject} (${f.code})`, f);
    const left = [...failing, ...degraded].filter((s) => s.cause).length - fixes.length;
    if (left > 0) lines.push(`- ${left} more: diagnose with server: "<name>" gives each one's fix`);
  }

  const ok = report.summary.ok;
  lines.push('');
  if (failing.length + degraded.length + refused.length + files.length === 0) {
    lines.push(report.summary.servers === 0 && report.plugins.length === 0 ? 'No MCP servers or plugins found.' : `Nothing to fix: ${ok} ${ok === 1 ? 'server is' : 'servers are'} fine.`);
  } else {
    lines.push(`${ok} ${ok === 1 ? 'server is' : 'servers are'} fine (not listed).`);
    lines.push('More: diagnose with server: "<name>" and detail: true gives one server\'s full evidence (stderr, the command, every finding); fix_plan lists what `mcp-doctor --fix` would change.');
  }
  return lines.join('\n') + '\n';
}

/** The SessionStart hook's output, or null when nothing will fail to load. */
export interface SessionStartMessage {
  systemMessage: string;
  hookSpecificOutput: { hookEventName: 'SessionStart'; additionalContext: string };
}

export function sessionStartMessage(report: Report): SessionStartMessage | null {
  const view = reportView(report);
  const failing = view.problems.filter((s) => s.server.status === 'failed');
  const { plugins: refused, files } = notLoading(report);
  const subjects = [
    ...failing.map((s) => ({ name: s.server.id, code: s.cause?.code ?? 'error' })),
    ...refused.map((p) => ({ name: `plugin ${p.plugin.id}${p.load.verdict === 'refused' ? ' (refused)' : ''}`, code: p.load.reason ?? firstError(p.own)?.code ?? 'error' })),
    ...files.map((g) => ({ name: g.plugin ? `plugin ${g.plugin}` : shortenHome(g.file, undefined).split('/').slice(-2).join('/') || 'setup', code: firstError(g.findings)!.code })),
  ];
  if (subjects.length === 0) return null;
  const names = subjects.map((s) => clip(s.name, 80));
  const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  const what =
    failing.length > 0 && subjects.length === failing.length
      ? failing.length === 1
        ? '1 MCP server will fail to load'
        : `${failing.length} MCP servers will fail to load`
      : 'MCP servers will fail to load or not load at all';
  return {
    systemMessage: `mcp-doctor: ${what}: ${shown}. Run ${SLASH_COMMAND} to see why and how to fix it.`,
    hookSpecificOutput: {
      hookEventName: 'SessionStart',
      additionalContext:
        `mcp-doctor's checks at session start found MCP servers that will not load: ${subjects.slice(0, 20).map((s) => `${clip(s.name, 80)} (${s.code})`).join('; ')}. ` +
        `The user was told. If they ask about it, run ${SLASH_COMMAND} or call the mcp-doctor MCP server's diagnose tool: it gives the root cause and the fix.`,
    },
  };
}
