/**
 * The stable, versioned report (schemas/report.schema.json): what every renderer takes. Wording comes from
 * the catalog; every string that could carry a credential goes through redaction here, once.
 */
import { catalog } from './catalog.js';
import type { DoctorContext } from './context.js';
import { redactText } from './secrets.js';
import { serverStatus } from './status.js';
import type { Evidence, Finding, Inventory, Report, ReportFinding, ReportProbe, ReportServer, ServerEntry } from './types.js';

export function jsonPointer(pointer: (string | number)[] | undefined): string | null {
  if (!pointer) return null;
  return pointer.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function redactEvidence(args: Evidence | undefined): Evidence {
  const out: Evidence = {};
  for (const [k, v] of Object.entries(args ?? {})) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' ? redactText(v) : Array.isArray(v) ? v.map((x) => redactText(String(x))) : v;
  }
  return out;
}

/** Server output can echo credentials (a token in a URL, a key in an error): redact every captured string. */
function redactProbe(p: ReportProbe | null): ReportProbe | null {
  if (!p) return null;
  const r = (t: string | undefined) => (t === undefined ? undefined : redactText(t));
  return {
    ...p,
    stderrTail: p.stderrTail.map(redactText),
    stdoutNoise: p.stdoutNoise.map(redactText),
    stdoutUnterminated: r(p.stdoutUnterminated),
    protocolError: r(p.protocolError),
    toolsError: r(p.toolsError),
    ...(p.http ? { http: { ...p.http, url: redactText(p.http.url), error: r(p.http.error) } } : {}),
  };
}

export function reportFinding(f: Finding): ReportFinding {
  const entry = catalog[f.code];
  const args = f.args ?? {};
  return {
    code: f.code,
    severity: f.severity,
    message: redactText(entry.message(args)),
    hint: redactText(entry.hint(args)),
    server: f.server,
    plugin: f.plugin,
    file: f.location?.file ?? null,
    line: f.location?.line ?? null,
    column: f.location?.column ?? null,
    pointer: jsonPointer(f.location?.pointer),
    evidence: redactEvidence(args),
    fixable: entry.fixable && !!f.fix,
    fix: f.fix ?? null,
    causedBy: f.causedBy ?? null,
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

export interface ServerExtras {
  probes: Map<string, ReportProbe>;
  claudeLogs: Map<string, ReportServer['claudeLog']>;
}

function reportServer(s: ServerEntry, findings: Finding[], checked: boolean, extras: ServerExtras): ReportServer {
  const own = findings.filter((f) => f.server === s.id).map(reportFinding).sort(compareFindings);
  return {
    id: s.id,
    name: s.name,
    plugin: s.plugin,
    marketplace: s.marketplace,
    scope: s.scope,
    root: s.root,
    transport: s.transport,
    command: s.expanded.command !== undefined ? redactText(s.expanded.command) : null,
    args: s.expanded.args.map(redactText),
    url: s.expanded.url !== undefined ? redactText(s.expanded.url) : null,
    envKeys: Object.keys(s.expanded.env),
    source: s.source,
    status: serverStatus(s, findings, checked),
    skipReason: s.skipReason ?? (!checked && !s.enabled ? 'plugin-disabled' : null),
    probe: redactProbe(extras.probes.get(s.id) ?? null),
    claudeLog: extras.claudeLogs.get(s.id) ?? null,
    findings: own,
  };
}

export function buildReport(
  ctx: DoctorContext,
  inventory: Inventory,
  findings: Finding[],
  options: { version: string; probe: boolean; checked: (s: ServerEntry) => boolean; extras?: ServerExtras },
): Report {
  const servers = [...inventory.servers]
    .sort((a, b) => scopeRank[a.scope] - scopeRank[b.scope] || (a.marketplace ?? '').localeCompare(b.marketplace ?? '') || (a.plugin ?? '').localeCompare(b.plugin ?? '') || a.name.localeCompare(b.name))
    .map((s) => reportServer(s, findings, options.checked(s), options.extras ?? { probes: new Map(), claudeLogs: new Map() }));
  const all = findings.map(reportFinding).sort(compareFindings);
  const count = (status: ReportServer['status']) => servers.filter((s) => s.status === status).length;
  return {
    schemaVersion: 1,
    tool: { name: 'mcp-doctor', version: options.version },
    mode: inventory.mode,
    configDir: ctx.configDir,
    projectDir: ctx.cwd,
    generatedAt: ctx.now().toISOString(),
    probe: options.probe,
    summary: {
      marketplaces: inventory.marketplaces.length,
      plugins: inventory.plugins.length,
      servers: servers.length,
      ok: count('ok'),
      degraded: count('degraded'),
      failed: count('failed'),
      disabled: count('disabled'),
      skipped: count('skipped'),
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity === 'warning').length,
    },
    marketplaces: inventory.marketplaces.map((m) => ({ name: m.name, source: m.sourceKind, location: m.installLocation, exists: m.exists })),
    plugins: inventory.plugins.map((p) => ({
      id: p.id,
      name: p.name,
      marketplace: p.marketplace,
      root: p.root,
      rootKind: p.rootKind,
      enabled: p.enabled,
      enabledBy: p.enabledBy,
      version: p.version,
    })),
    servers,
    findings: all,
  };
}
