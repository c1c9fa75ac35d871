/**
 * The stable, versioned report (schemas/report.schema.json): what every renderer takes. Wording comes from
 * the catalog. Every string leaves through `protect`: credentials the doctor knows are redacted by value and
 * by shape, and control characters are made visible, so no renderer can leak a secret or let a server's
 * output drive the terminal.
 */
import { catalog } from '../model/catalog.js';
import { wordsOf } from '../model/catalog/words.js';
import type { DoctorContext } from '../model/context.js';
import { Redactor } from '../util/redactor.js';
import { safeBlock, safeLine } from '../util/safe-text.js';
import { serverStatus } from './status.js';
import { pluginLoad } from './plugin-load.js';
import { effectOf } from '../model/effect.js';
import type { Finding, Inventory, Report, ReportFinding, ReportProbe, ReportServer, ServerEntry } from '../model/types.js';

export function jsonPointer(pointer: (string | number)[] | undefined): string | null {
  if (!pointer) return null;
  return pointer.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Fields that hold several lines on purpose; every other string is one line. */
const blockFields = new Set(['error']);

/** Redacts and makes terminal-safe every string in a report value, keys included. */
export function protect<T>(value: T, redactor: Redactor, key = ''): T {
  if (typeof value === 'string') {
    const text = redactor.text(value);
    return (blockFields.has(key) ? safeBlock(text) : safeLine(text)) as T;
  }
  if (Array.isArray(value)) return value.map((v) => protect(v, redactor, key)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[safeLine(redactor.text(k))] = protect(v, redactor, k);
    return out as T;
  }
  return value;
}

/**
 * The redactor for one run: every credential its servers are given, those in the environment, the values
 * settings `env` blocks add to it (judged like a server's env values), and the option secrets discovery read.
 */
export function redactorFor(ctx: DoctorContext, inventory: Inventory): Redactor {
  const r = new Redactor();
  r.addEnvironment(ctx.env);
  for (const key of inventory.sessionEnv.fromSettings.keys()) {
    const value = inventory.sessionEnv.values[key];
    if (value !== undefined) r.addSetting(key, value);
  }
  for (const { value, label } of inventory.secrets) r.add(value, label);
  for (const s of inventory.servers) r.addServer(s);
  return r;
}

function reportFinding(f: Finding): ReportFinding {
  const entry = catalog[f.code];
  const effect = effectOf(f);
  const args = f.args ?? {};
  const evidence: ReportFinding['evidence'] = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined) evidence[k] = v;
  const { message, hint } = wordsOf(entry, args, !!f.contradictedByProbe);
  return {
    code: f.code,
    severity: f.severity,
    message,
    hint,
    server: f.server,
    plugin: f.plugin,
    file: f.location?.file ?? null,
    line: f.location?.line ?? null,
    column: f.location?.column ?? null,
    pointer: jsonPointer(f.location?.pointer),
    evidence,
    fixable: entry.fixable && !!f.fix,
    fix: f.fix ?? null,
    causedBy: f.causedBy ?? null,
    ...(effect ? { effect } : {}),
    ...(f.contradictedByProbe ? { contradictedByProbe: true } : {}),
  };
}

const severityRank = { error: 0, warning: 1, info: 2 } as const;

export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    severityRank[a.severity] - severityRank[b.severity] ||
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.code.localeCompare(b.code)
  );
}

const scopeRank = { plugin: 0, author: 0, user: 1, project: 2, local: 3 } as const;

/** Report order: plugin servers by marketplace and plugin, then user, project and local scope. */
export function compareServers(a: ServerEntry, b: ServerEntry): number {
  return (
    scopeRank[a.scope] - scopeRank[b.scope] ||
    (a.marketplace ?? '').localeCompare(b.marketplace ?? '') ||
    (a.plugin ?? '').localeCompare(b.plugin ?? '') ||
    a.name.localeCompare(b.name)
  );
}

export interface ServerExtras {
  probes: Map<string, ReportProbe>;
  claudeLogs: Map<string, ReportServer['claudeLog']>;
}

export const noExtras = (): ServerExtras => ({ probes: new Map(), claudeLogs: new Map() });

/** One server as the report shows it, already protected (the live renderer gets these one by one). */
export function reportServer(s: ServerEntry, findings: Finding[], checked: boolean, extras: ServerExtras, redactor: Redactor): ReportServer {
  // Two plugins of one name share a server key: a finding belongs to its own plugin's copy.
  const own = findings.filter((f) => f.server === s.id && (f.plugin === s.plugin || f.plugin === null)).map(reportFinding).sort(compareFindings);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.expanded.env)) env[k] = redactor.shape(k, v);
  const server: ReportServer = {
    id: s.id,
    name: s.name,
    kind: s.kind ?? 'mcp',
    plugin: s.plugin,
    marketplace: s.marketplace,
    scope: s.scope,
    root: s.root,
    transport: s.transport,
    command: s.expanded.command ?? null,
    args: s.expanded.args,
    url: s.expanded.url ?? null,
    envKeys: Object.keys(s.expanded.env),
    env,
    source: s.source,
    status: serverStatus(s, findings, checked, extras.probes.get(s.id) ?? null),
    skipReason: s.skipReason ?? (!checked && !s.enabled ? (s.inactive ?? 'plugin-disabled') : null),
    // Only a checked server was started (two plugins of one name share a key: the dropped copy has no probe).
    probe: checked ? (extras.probes.get(s.id) ?? null) : null,
    claudeLog: extras.claudeLogs.get(s.id) ?? null,
    findings: own,
  };
  return protect(server, redactor);
}

/** The counts at the top of a report, from its rows and findings. */
export function summarize(marketplaces: number, plugins: number, servers: ReportServer[], findings: ReportFinding[]): Report['summary'] {
  const count = (status: ReportServer['status']) => servers.filter((s) => s.status === status).length;
  return {
    marketplaces,
    plugins,
    servers: servers.length,
    ok: count('ok'),
    degraded: count('degraded'),
    failed: count('failed'),
    disabled: count('disabled'),
    skipped: count('skipped'),
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

export function buildReport(
  ctx: DoctorContext,
  inventory: Inventory,
  findings: Finding[],
  options: { version: string; probe: boolean; checked: (s: ServerEntry) => boolean; extras?: ServerExtras; redactor: Redactor; servers?: ServerEntry[] },
): Report {
  const extras = options.extras ?? noExtras();
  const servers = [...(options.servers ?? inventory.servers)].sort(compareServers).map((s) => reportServer(s, findings, options.checked(s), extras, options.redactor));
  const all = findings.map(reportFinding).sort(compareFindings);
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'mcp-doctor', version: options.version },
    mode: inventory.mode,
    configDir: ctx.configDir,
    projectDir: ctx.cwd,
    generatedAt: ctx.now().toISOString(),
    probe: options.probe,
    summary: summarize(inventory.marketplaces.length, inventory.plugins.length, servers, all),
    marketplaces: inventory.marketplaces.map((m) => ({ name: m.name, source: m.sourceKind, location: m.installLocation, exists: m.exists })),
    // Discovery keeps Claude Code's order (it decides duplicates); a report lists plugins by id.
    plugins: [...inventory.plugins].sort((a, b) => a.id.localeCompare(b.id)).map((p) => ({
      id: p.id,
      name: p.name,
      marketplace: p.marketplace,
      root: p.root,
      rootKind: p.rootKind,
      enabled: p.enabled,
      enabledBy: p.enabledBy,
      version: p.version,
      load: pluginLoad(p.id, findings, p.enabled),
    })),
    servers: [],
    findings: all,
  };
  // Servers were protected one by one as they were built; no need to walk them twice.
  return { ...protect(report, options.redactor), servers };
}
