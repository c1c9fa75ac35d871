/**
 * Plain text for CI logs and pipes: grouped by marketplace and plugin, one line per healthy server,
 * and for each problem its cause, where it is (file:line:col) and the fix.
 */
import { fixCommand } from '../core/fix/gates.js';
import { shellLine } from '../core/model/shell-quote.js';
import { homeShortener, painter, summaryLine, toneColor } from './style.js';
import { nextStep, nextStepLine } from '../core/fix/next-step.js';
import { statusWords } from '../core/view/status-words.js';
import type { Report, ReportFinding, ReportServer } from '../core/model/types.js';

export interface TextOptions {
  color: boolean;
  /** Shown as ~ in paths. */
  homedir?: string;
  /** Healthy servers' details, the whole stderr kept, the command each server was started with, its env. */
  verbose?: boolean;
  /** Problems only: servers with errors or warnings, and the findings that make them so. */
  quiet?: boolean;
}


/** Why a server is not started, in Claude Code's own words where it has them. */
const inactiveLabel: Record<string, string> = {
  'pending-approval': 'pending approval',
  'disabled-for-project': 'disabled for this project',
  'mcpjson-disabled': 'turned off (disabledMcpjsonServers)',
  duplicate: 'suppressed duplicate',
  'user-config-keychain': 'not started (option may be in the keychain)',
  'user-config-unset': 'not started (option not set)',
};

function belongsToMarketplace(f: ReportFinding, m: Report['marketplaces'][number]): boolean {
  return f.evidence.marketplace === m.name || (!!m.location && f.file === `${m.location}/.claude-plugin/marketplace.json`);
}

export function renderText(report: Report, options: TextOptions): string {
  const paint = painter(options.color);
  const home = options.homedir;
  const short = (p: string | null | undefined) => (p && home && home !== '/' && p.startsWith(home + '/') ? '~' + p.slice(home.length) : (p ?? ''));
  const shortAll = homeShortener(home);
  const lines: string[] = [];
  const statusMark = (status: ReportServer['status']) => paint(toneColor[statusWords[status].tone], statusWords[status].mark);
  const where = (f: ReportFinding) => (f.file ? `${short(f.file)}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}` : '');
  const severityWord = (f: ReportFinding) =>
    f.severity === 'error' ? paint('red', 'error') : f.severity === 'warning' ? paint('yellow', 'warning') : paint('blue', 'info');

  const printFinding = (f: ReportFinding, indent: string) => {
    const head = `${indent}${severityWord(f)} ${paint('bold', f.code)}${where(f) ? '  ' + paint('gray', where(f)) : ''}`;
    lines.push(head);
    lines.push(`${indent}  ${shortAll(f.message)}`);
    if (f.causedBy) lines.push(`${indent}  ${paint('gray', `(a symptom of ${f.causedBy})`)}`);
    const tail = f.evidence.stderrTail;
    // --verbose shows the whole stderr the probe kept (below, with the server); the finding shows its end.
    if (Array.isArray(tail) && tail.length > 1 && !options.verbose) {
      lines.push(`${indent}  ${paint('gray', 'stderr:')}`);
      for (const l of tail.slice(-8)) lines.push(`${indent}    ${paint('gray', l.length > 200 ? l.slice(0, 200) + '…' : l)}`);
    }
    lines.push(`${indent}  ${paint('green', 'fix:')} ${shortAll(f.hint)}${f.fixable && f.fix ? paint('gray', `  [${fixCommand(f.fix)}]`) : ''}`);
  };
  const commandLine = (s: ReportServer) => {
    if (s.transport === 'stdio') return shellLine([s.command ?? '', ...s.args], home);
    if (s.transport === 'mcpb') return 'MCP bundle';
    return `${s.transport} ${s.url ?? ''}`.trim();
  };
  const problem = (s: ReportServer) => s.status === 'failed' || s.status === 'degraded';
  const shownFindings = (s: ReportServer) => (options.quiet ? s.findings.filter((f) => f.severity !== 'info') : s.findings);
  const printDetails = (s: ReportServer, indent: string) => {
    const gray = (t: string) => lines.push(`${indent}${paint('gray', t)}`);
    if (s.transport === 'stdio' && s.command) gray(`started as: ${shortAll(commandLine(s))}  (cwd ${short(report.projectDir)})`);
    for (const [k, v] of Object.entries(s.env)) gray(`  env ${k}=${shortAll(v)}`);
    const p = s.probe;
    if (!p) return;
    if (p.outcome !== 'answered') gray(`probe: ${p.outcome} after ${p.durationMs} ms (timeout ${p.timeoutMs} ms)`);
    if (p.stderrTail.length > 0) {
      gray(`stderr (${p.stderrBytes} bytes; last ${p.stderrTail.length} lines):`);
      for (const l of p.stderrTail) gray(`  ${l.length > 300 ? l.slice(0, 300) + '…' : l}`);
    } else gray('stderr: nothing');
    for (const l of p.stdoutNoise) gray(`stdout (not JSON-RPC): ${l}`);
  };
  const printServer = (s: ReportServer, indent: string) => {
    if (options.quiet && !problem(s)) return;
    const label = s.status === 'disabled' || s.status === 'skipped' ? paint('gray', inactiveLabel[s.skipReason ?? ''] ?? (s.status === 'disabled' ? 'disabled' : 'not checked')) : '';
    lines.push(`${indent}${statusMark(s.status)} ${paint('bold', s.name)}${s.kind === 'lsp' ? paint('gray', ' (LSP)') : ''}  ${paint('gray', shortAll(commandLine(s)))}${label ? '  ' + label : ''}`);
    const p = s.probe;
    if (p?.outcome === 'answered') {
      const who = p.serverInfo ? `${p.serverInfo.name} ${p.serverInfo.version}`.trim() : '';
      const tools = p.tools === null || p.tools === undefined ? '' : ` · ${p.tools} tool${p.tools === 1 ? '' : 's'}`;
      lines.push(`${indent}    ${paint('gray', `answered in ${p.durationMs} ms${who ? ' · ' + who : ''}${p.protocolVersion ? ' · protocol ' + p.protocolVersion : ''}${tools}`)}`);
    }
    for (const f of shownFindings(s)) printFinding(f, indent + '    ');
    if (options.verbose) printDetails(s, indent + '    ');
    if (s.claudeLog && s.status !== 'ok') {
      lines.push(`${indent}    ${paint('gray', `Claude Code last logged${s.claudeLog.timestamp ? ` (${s.claudeLog.timestamp})` : ''}: ${s.claudeLog.error.split('\n')[0]?.slice(0, 200)}`)}`);
      lines.push(`${indent}    ${paint('gray', `  in ${shortAll(s.claudeLog.file)}`)}`);
    }
  };

  lines.push(
    `${paint('bold', `mcp-doctor ${report.tool.version}`)}  ${report.mode === 'author' ? 'source trees' : `config ${short(report.configDir)}`} · project ${short(report.projectDir)}${report.probe ? ' · servers started' : ' · static checks only'}`,
  );
  lines.push('');

  const pluginServers = report.servers.filter((s) => s.scope === 'plugin' || s.scope === 'author');
  const marketplaceNames = [...new Set([...report.marketplaces.map((m) => m.name), ...report.plugins.map((p) => p.marketplace ?? '')])];
  const pluginHasProblems = (id: string) =>
    report.findings.some((f) => f.plugin === id && f.severity !== 'info') || pluginServers.some((s) => s.plugin === id && problem(s));
  for (const mName of marketplaceNames) {
    const mkt = report.marketplaces.find((m) => m.name === mName);
    const plugins = report.plugins.filter((p) => (p.marketplace ?? '') === mName && (!options.quiet || pluginHasProblems(p.id)));
    const mktFindings = report.findings.filter((f) => f.plugin === null && f.server === null && !!mkt && belongsToMarketplace(f, mkt) && (!options.quiet || f.severity !== 'info'));
    if (options.quiet ? plugins.length === 0 && mktFindings.length === 0 : !mkt && plugins.length === 0) continue;
    lines.push(mName ? `${paint('bold', 'Marketplace ' + mName)}  ${paint('gray', mkt ? `${mkt.source}: ${short(mkt.location)}` : 'not registered')}` : paint('bold', 'Plugins'));
    for (const f of mktFindings) printFinding(f, '  ');
    for (const p of plugins) {
      const state = p.enabled ? '' : paint('gray', `  disabled (${short(p.enabledBy)})`);
      lines.push(`  ${paint('bold', 'Plugin ' + p.id)}${p.version ? paint('gray', ' ' + p.version) : ''}  ${paint('gray', p.rootKind === 'in-place' ? `read in place: ${short(p.root)}` : short(p.root))}${state}`);
      for (const f of report.findings.filter((x) => x.plugin === p.id && x.server === null && (!options.quiet || x.severity !== 'info'))) printFinding(f, '    ');
      const servers = pluginServers.filter((s) => s.plugin === p.id);
      if (servers.length === 0 && p.enabled && !options.quiet) lines.push(`    ${paint('gray', 'no MCP servers')}`);
      for (const s of servers) printServer(s, '    ');
    }
    lines.push('');
  }

  for (const scope of ['user', 'project', 'local'] as const) {
    const servers = report.servers.filter((s) => s.scope === scope && (!options.quiet || problem(s)));
    if (servers.length === 0) continue;
    const files = [...new Set(servers.map((s) => s.source.file))];
    lines.push(`${paint('bold', `${scope[0]?.toUpperCase()}${scope.slice(1)} scope`)}  ${paint('gray', files.map(short).join(', '))}`);
    for (const s of servers) printServer(s, '  ');
    lines.push('');
  }

  const loose = report.findings.filter(
    (f) =>
      f.server === null &&
      !report.plugins.some((p) => p.id === f.plugin) &&
      !(f.plugin === null && report.marketplaces.some((m) => belongsToMarketplace(f, m))) &&
      (!options.quiet || f.severity !== 'info'),
  );
  if (loose.length > 0) {
    lines.push(paint('bold', 'Other problems'));
    for (const f of loose) printFinding(f, '  ');
    lines.push('');
  }

  const s = report.summary;
  if (s.servers === 0 && report.plugins.length === 0 && report.findings.length === 0) {
    lines.push('No marketplaces, plugins or MCP servers found. (mcp-doctor --demo shows what a report looks like.)');
  }
  lines.push(summaryLine(report, paint));
  // The last line says what to do about it: the counts come from the core (core/fix/next-step.ts).
  const next = nextStepLine(nextStep(report), (c) => paint('bold', c));
  if (next) lines.push(next);
  return lines.join('\n') + '\n';
}
