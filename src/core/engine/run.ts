/**
 * The engine: discover → check → probe → report, emitting events as it goes so live renderers can follow.
 * It never prints and never exits; the CLI decides what to do with the report.
 */
import { boundProbe } from '../util/bound-output.js';
import { documentChecks, pluginChecks, serverChecks } from '../checks/index.js';
import type { Check, CheckContext, CheckSubjects } from '../checks/define-check.js';
import type { DoctorContext } from '../model/context.js';
import { checkContextFor } from '../model/check-context.js';
import { discover } from '../discover/discover.js';
import { findingFilter, type IgnoreRule } from './ignore.js';
import { toFinding } from '../discover/inventory-builder.js';
import { lastClaudeLogError } from '../probe/claude-logs.js';
import { probeFindings } from '../probe/probe-findings.js';
import { lspProbeFindings } from '../probe/lsp-probe-findings.js';
import { pluginLoad } from '../report/plugin-load.js';
import { lspExtensions } from '../discover/plugin-lsp.js';
import { isProbeable, probeServer } from '../probe/probe-server.js';
import { loadMcpSchemas, SCHEMA_IMPORT_FILES } from '../probe/mcp-schemas.js';
import { isResourceError } from '../probe/resource-error.js';
import { poolSize, SpawnPool } from '../probe/spawn-pool.js';
import { claudeCodeTimeout } from '../probe/timeout.js';
import { dropUnreachableFixes, dropUnreachablePluginFixes } from '../fix/reachable.js';
import { killAllGroups } from '../util/live-processes.js';
import { buildReport, compareServers, noExtras, redactorFor, reportServer } from '../report/report.js';
import { dropSuperseded } from './root-causes.js';
import { judgeByProbe, unconfirm } from '../report/probe-judge.js';
import { decidesServer } from '../model/effect.js';
import { mergeRequirements } from '../command/requirements.js';
import { rehearseInstall } from '../install/rehearsal.js';
import { updateNote } from './update-history.js';
import { narrow, selectFrom, type SelectionInput } from './select.js';
import type { DoctorEvent, Finding, FindingInput, Inventory, Report, ServerEntry } from '../model/types.js';
import type { DoctorRun } from '../report/doctor-run.js';

export interface RunOptions {
  /** Author mode: source trees to check instead of the installed setup. */
  paths?: string[];
  /** Check disabled plugins too. */
  all?: boolean;
  /** Codes to leave out of the report: everywhere (`--ignore`), or for one plugin or server (settings file). */
  ignore?: (string | IgnoreRule)[];
  /** Author mode: variables the plugin's users set themselves; `${VAR}` naming one is not reported unset. */
  knownVariables?: string[];
  /** Only these plugins and servers are checked, probed and reported (discovery stays whole). */
  select?: SelectionInput;
  version: string;
  /** Start every server and speak MCP to it (on by default in the CLI). */
  probe?: boolean;
  /** Startup timeout for the probe, in ms. */
  timeoutMs?: number;
  /** Accepted for compatibility: server/discover is now always sent first, as Claude Code does. */
  discover?: boolean;
  onEvent?: (event: DoctorEvent) => void;
  /** Registers a temporary folder for removal if the process is interrupted; returns the unregistration. */
  onTempDir?: (dir: string) => () => void;
  /**
   * Cancels the run (the MCP server's notifications/cancelled): no server is started any more, each probe
   * under way stops and kills its own process group, and runDoctor rejects with the signal's reason. Other
   * runs in the same process are left alone.
   */
  signal?: AbortSignal;
}

/** Runs one check on one subject; a check that throws is a bug in mcp-doctor, reported as such. */
async function runCheck<K extends keyof CheckSubjects>(check: Check<K>, subject: CheckSubjects[K], c: CheckContext): Promise<FindingInput[]> {
  try {
    return await check.run(subject, c);
  } catch (error) {
    const e = new Error(`check ${check.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    e.cause = error;
    throw e;
  }
}

/** Which plugin a document belongs to, so document findings count against that plugin's servers. */
function documentOwners(inventory: Inventory): Map<string, string> {
  const owners = new Map<string, string>();
  for (const p of inventory.plugins) if (p.manifest) owners.set(p.manifest.file, p.id);
  for (const s of inventory.servers) if (s.plugin) owners.set(s.source.file, s.plugin);
  return owners;
}

/** Servers whose static checks run at once. */
const CHECKS_AT_ONCE = 16;

type PooledProbe = { probe: Awaited<ReturnType<typeof probeServer>> } | { error: unknown };

export type { DoctorRun } from '../report/doctor-run.js';

export async function runDoctor(ctx: DoctorContext, options: RunOptions): Promise<DoctorRun> {
  const emit = options.onEvent ?? (() => {});
  options.signal?.throwIfAborted();
  // The probe's schemas load while discovery runs.
  const schemasLoading = options.probe ? loadMcpSchemas() : null;
  const whole = await discover(ctx, { paths: options.paths });
  const keep = findingFilter(whole, options);
  const inventory = narrow(whole, selectFrom(whole, options.select));
  const redactor = redactorFor(ctx, whole);
  // Checks and probes see what a Claude Code session sees: the shell's env with settings `env` merged over it.
  const session: DoctorContext = { ...ctx, env: whole.sessionEnv.values };
  // --all checks what is switched off; a suppressed duplicate is never started (the server it duplicates is).
  const isChecked = (s: ServerEntry) => (s.enabled || (!!options.all && s.inactive !== 'duplicate')) && s.skipReason !== 'bundle';
  const servers = [...inventory.servers].sort(compareServers);
  const reportOptions = { version: options.version, probe: !!options.probe, checked: isChecked, redactor };
  emit({ type: 'discovered', report: buildReport(ctx, inventory, [], reportOptions), pending: servers.filter(isChecked).map((s) => s.id) });

  const findings: Finding[] = [];
  const record = (f: Finding) => {
    if (keep(f)) findings.push(f);
  };
  inventory.findings.forEach(record);

  const c = checkContextFor(session, whole);
  const owners = documentOwners(whole);
  const checkedPlugins = inventory.plugins.filter((p) => p.enabled || options.all);
  const checkedPluginIds = new Set(checkedPlugins.map((p) => p.id));
  const timeoutMs = options.timeoutMs ?? claudeCodeTimeout(session.env);
  const claudeTimeoutMs = claudeCodeTimeout(session.env);

  const selectedDocs = new Set([...inventory.plugins.map((p) => p.manifest?.file), ...inventory.servers.map((s) => s.source.file)]);
  for (const doc of inventory.documents) {
    const owner = owners.get(doc.file) ?? null;
    if (owner ? !checkedPluginIds.has(owner) : inventory !== whole && !selectedDocs.has(doc.file)) continue;
    for (const check of documentChecks) {
      for (const input of await runCheck(check, doc, c)) record(toFinding(input, { plugin: owner }));
    }
  }
  for (const plugin of checkedPlugins) {
    for (const check of pluginChecks) {
      for (const input of await runCheck(check, plugin, c)) record(toFinding(input, { plugin: plugin.id }));
    }
    await dropUnreachablePluginFixes(findings, plugin.id, whole, ctx);
  }

  // Start the servers now, through a pool bounded by descriptors and cores: the server checks below run while
  // they boot. Their findings are linked to the static ones once both are in. The manifest and plugin checks ran
  // first (they are quick): a plugin Claude Code refuses never starts its servers, so they are not probed.
  const refused = new Set(checkedPlugins.filter((p) => pluginLoad(p.id, findings, p.enabled).verdict === 'refused').map((p) => p.id));
  const probes = new Map<string, Promise<PooledProbe>>();
  let pool: SpawnPool | null = null;
  // Author mode: servers start from a rehearsed install, as users will get them (core/install/rehearsal.ts).
  const rehearsal = options.probe ? await rehearseInstall(session, whole, options.onTempDir) : null;
  const probeContext = rehearsal ? { ...session, configDir: rehearsal.configDir } : session;
  if (options.probe) {
    const size = poolSize({ discover: false, platform: ctx.platform, extraFiles: SCHEMA_IMPORT_FILES });
    pool = new SpawnPool(size.slots);
    // Until the schemas are in, leave room for the files their import opens at once.
    if (schemasLoading) pool.holdWhile(schemasLoading, size.heldForExtraFiles);
    const stopPool = pool;
    options.signal?.addEventListener('abort', () => stopPool.stop(options.signal!.reason), { once: true });
    for (const server of servers) {
      if (!isChecked(server) || !isProbeable(server) || (server.plugin !== null && refused.has(server.plugin))) continue;
      // A server the install copy does not have at all (its plugin.json is not committed) is not started.
      const target = rehearsal?.serverFor(server) ?? server;
      if (target === 'absent') continue;
      const started = pool.run(
        () => probeServer(target, probeContext, { timeoutMs, version: options.version, signal: options.signal }),
        () => emit({ type: 'probe-start', id: server.id }),
      );
      // Settled into a value at once, so a failure waiting for its turn below is never an unhandled rejection.
      probes.set(server.id, started.then((probe) => ({ probe }), (error: unknown) => ({ error })));
    }
  }


  const extras = noExtras();
  // Servers are independent: check them while they run, a few at a time (each check may hold a file open,
  // and hundreds at once would exhaust a container's descriptors), and take each probe as it finishes.
  const checking = new SpawnPool(CHECKS_AT_ONCE);
  try {
    await Promise.all(
      servers.map(async (server) => {
        if (isChecked(server)) {
          const results = await checking.run(() => Promise.all(serverChecks.map((check) => runCheck(check, server, c))));
          for (const input of dropSuperseded(results.flat())) record(toFinding(input, { server: server.id, plugin: server.plugin }));
          // A slow server's static root cause (and its fix) need not wait for its probe: say it now, provisionally.
          if (probes.has(server.id)) emit({ type: 'server-checked', server: reportServer(server, findings, true, extras, redactor) });
          const pooled = await probes.get(server.id);
          if (pooled && 'error' in pooled) {
            // The doctor ran out of descriptors or processes even alone: say so, never blame the server.
            if (!isResourceError(pooled.error)) throw pooled.error;
            record(toFinding({ code: 'probe.not-run', location: server.source, args: { reason: (pooled.error as Error).message } }, { server: server.id, plugin: server.plugin }));
          }
          // What a server printed is bounded once, here, before any finding or the report holds it.
          const probed = pooled && 'probe' in pooled ? { ...pooled.probe, result: boundProbe(pooled.probe.result) } : undefined;
          if (probed) {
            extras.probes.set(server.id, probed.result);
            const pf =
              server.kind === 'lsp'
                ? { findings: lspProbeFindings(server, probed.result, findings), confirm: [] as Finding[], unconfirmed: [] as Finding[] }
                : probeFindings(server, probed.result, probed.stderrText, probed.interpreter, findings, claudeTimeoutMs);
            // The probe saw it happen: a guarded toolchain the launcher really needed is an error after all.
            for (const f of pf.confirm) f.severity = 'error';
            for (const f of pf.unconfirmed) unconfirm(f, false);
            for (const input of pf.findings) record(toFinding(input, { server: server.id, plugin: server.plugin }));
            judgeByProbe(findings.filter((f) => f.server === server.id), probed.result);
          }
          // An LSP server's error shows in Claude Code only once a matching file is touched: say when.
          if (server.kind === 'lsp' && !server.skipReason && findings.some((f) => f.server === server.id && f.plugin === server.plugin && f.severity === 'error')) {
            record(toFinding({ code: 'lsp.starts-lazily', location: server.source, args: { extensions: lspExtensions(server.config).join(' / ') || null } }, { server: server.id, plugin: server.plugin }));
          }
          if (inventory.mode === 'installed') {
            const own = findings.filter((f) => decidesServer(f, server));
            const note = await updateNote(server, c.plugin(server.plugin), c.marketplace(server.marketplace), own);
            if (note) record(toFinding(note, { server: server.id, plugin: server.plugin }));
          }
        }
        await dropUnreachableFixes(findings, server, whole, ctx);
        if (inventory.mode === 'installed') {
          const log = await lastClaudeLogError(ctx, server.id);
          if (log) extras.claudeLogs.set(server.id, log);
        }
        emit({ type: 'server-done', server: reportServer(server, findings, isChecked(server), extras, redactor) });
      }),
    );
  } catch (error) {
    // A check or probe failed in a way that is mcp-doctor's bug: start nothing more and stop what is running,
    // so no server outlives the error.
    pool?.stop(error);
    // A cancelled run's probes reap their own servers; killing every group would reach other runs' servers.
    if (!options.signal?.aborted) killAllGroups('SIGKILL');
    rehearsal?.cleanup();
    throw error;
  }
  rehearsal?.cleanup();

  // Author mode states each program the servers need once, with the servers that need it (core/requirements.ts).
  const final = inventory.mode === 'author' ? mergeRequirements(findings) : findings;
  const report = buildReport(ctx, inventory, final, { ...reportOptions, extras });
  emit({ type: 'done', report });
  return { report, inventory, findings: final, redactor };
}
