/**
 * The report view: what every front end needs from a report, computed once per report object. Which
 * findings a server shows and which decide its verdict, its root cause, each plugin's own findings and load
 * verdict, the findings that belong to no server or plugin (grouped by file), and the summary words.
 * Renderers, the live view and the MCP tools read this; none of them recounts.
 */
import { decidesServer, isPluginLevel } from '../model/effect.js';
import type { PluginLoad, Report, ReportFinding, ReportServer } from '../model/types.js';
import { rootCause } from '../model/root-cause.js';
import { isProblem } from './status-words.js';

export interface ServerView {
  server: ReportServer;
  /** What decides its verdict: its own findings and those that refuse its whole plugin. */
  deciding: ReportFinding[];
  /** What its detail shows: the deciding ones, then the rest of its plugin's own findings (context). */
  shown: ReportFinding[];
  /** The finding that explains its state (for a failing or degraded server), by the one rule. */
  cause: ReportFinding | undefined;
  problem: boolean;
}

export interface PluginView {
  plugin: Report['plugins'][number];
  /** Findings about the plugin as a whole (no server named). */
  own: ReportFinding[];
  load: PluginLoad;
  servers: ServerView[];
}

/** Findings about neither a server nor a listed plugin: a marketplace.json, a settings file, a registry. */
export interface FileGroup {
  /** The file ('' for findings that name none). */
  file: string;
  /** A plugin id the findings name that the report does not list (a ghost install), else null. */
  plugin: string | null;
  findings: ReportFinding[];
}

export interface ReportView {
  report: Report;
  servers: ServerView[];
  server(id: string): ServerView | undefined;
  plugins: PluginView[];
  plugin(id: string | null): PluginView | undefined;
  /** Problems not on any server's row: plugin-level ones (by plugin) come from `plugins`; these are the rest. */
  files: FileGroup[];
  /** Servers that fail or work with warnings, in report order. */
  problems: ServerView[];
}

const views = new WeakMap<Report, ReportView>();

export function reportView(report: Report): ReportView {
  const cached = views.get(report);
  if (cached) return cached;
  const pluginLevel = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    if (isPluginLevel(f)) pluginLevel.set(f.plugin!, [...(pluginLevel.get(f.plugin!) ?? []), f]);
  }
  const servers = report.servers.map((server) => serverView(server, pluginLevel.get(server.plugin ?? '') ?? []));
  const byId = new Map(servers.map((s) => [s.server.id, s]));
  const plugins = report.plugins.map(
    (plugin): PluginView => ({ plugin, own: pluginLevel.get(plugin.id) ?? [], load: plugin.load, servers: servers.filter((s) => s.server.plugin === plugin.id) }),
  );
  const byPlugin = new Map(plugins.map((p) => [p.plugin.id, p]));
  const groups = new Map<string, FileGroup>();
  for (const f of report.findings) {
    if (f.server !== null || (f.plugin !== null && byPlugin.has(f.plugin))) continue;
    const key = `${f.plugin ?? ''}\0${f.file ?? ''}`;
    const group = groups.get(key) ?? { file: f.file ?? '', plugin: f.plugin, findings: [] };
    group.findings.push(f);
    groups.set(key, group);
  }
  const view: ReportView = {
    report,
    servers,
    server: (id) => byId.get(id),
    plugins,
    plugin: (id) => (id === null ? undefined : byPlugin.get(id)),
    files: [...groups.values()],
    problems: servers.filter((s) => s.problem),
  };
  views.set(report, view);
  return view;
}

/**
 * One server's view from its row and its plugin's own findings (a list, or the report to take them from):
 * the live view asks this for a row that finished before the whole report did.
 */
export function serverView(server: ReportServer, ofPlugin: readonly ReportFinding[] | Report | null): ServerView {
  const pluginFindings = ofPlugin === null ? [] : Array.isArray(ofPlugin) ? ofPlugin : (ofPlugin as Report).findings.filter((f) => isPluginLevel(f) && f.plugin === server.plugin);
  const own = pluginFindings.filter((f) => f.plugin === server.plugin);
  const deciding = [...server.findings, ...own.filter((f) => decidesServer(f, server))];
  const shown = [...deciding, ...own.filter((f) => !deciding.includes(f))];
  const problem = isProblem(server.status);
  return { server, deciding, shown, cause: problem ? (rootCause(deciding) ?? rootCause(shown)) : undefined, problem };
}
