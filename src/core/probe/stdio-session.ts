/**
 * Starts one stdio server the way Claude Code does (no shell, cwd = the project, env = ours plus the
 * CLAUDE_* variables and the server's env) and speaks raw JSON-RPC to it as Claude Code does
 * (docs/claude-code-facts.md §15): first `server/discover` (2026-07-28); a server
 * that answers it is used in that protocol (tools/list follows, no initialize); one that answers with an
 * error, or says nothing for DISCOVER_PROBE_TIMEOUT_MS, gets initialize (2025-11-25) on the same process;
 * one that exits first is started a second time, straight with initialize, within what is left of the
 * timeout. A raw client, not the SDK's Client, because the SDK hides the exit code, the signal and stdout
 * noise, which are exactly the evidence users need.
 *
 * Time is Claude Code's: from this server's own spawn, and a reply counts only if it arrived before the
 * timeout. As in Claude Code, the exit of the spawned process ends the connection, even when a process it
 * left in the background still holds stdout and answers.
 *
 * Shutdown closes stdin, then SIGTERMs the server's whole process group, then SIGKILLs it and the helpers
 * that left the group, and destroys the pipes, so neither a slow server nor a grandchild holding stdout
 * open can keep the doctor waiting. Every timer is cleared: nothing of a server outlives its probe.
 */
import type { DoctorContext } from '../model/context.js';
import type { ServerEntry } from '../model/types.js';
import { MAX_MESSAGE_BYTES } from './line-splitter.js';
import { loadMcpSchemas, type McpSchemas } from './mcp-schemas.js';
import type { ProbeResult } from '../model/probe-types.js';
import { CLAUDE_CODE_VERSION, claudeClientInfo, DISCOVER_PROBE_TIMEOUT_MS, DISCOVER_PROTOCOL_VERSION, INITIALIZE_PROTOCOL_VERSION } from '../model/claude-code.js';
import { isResourceErrno, ResourceExhausted } from './resource-error.js';
import { reap, signalGroup, spawnServer, type ServerProcess } from './server-process.js';
import { megabytes, StdioConnection, type ExitInfo, type Reply } from './stdio-connection.js';

export const PROTOCOL_VERSION = INITIALIZE_PROTOCOL_VERSION;

/** What Claude Code sends (docs/claude-code-facts.md, the probe), so servers see the same client. */
export function initializeParams(version: string) {
  return {
    protocolVersion: PROTOCOL_VERSION,
    capabilities: { roots: { listChanged: true }, elicitation: { form: {}, url: {} } },
    clientInfo: claudeClientInfo(version),
  };
}

/** Claude Code's first request: server/discover in the 2026-07-28 protocol, under its own id. */
export function discoverParams() {
  return {
    _meta: {
      'io.modelcontextprotocol/protocolVersion': DISCOVER_PROTOCOL_VERSION,
      'io.modelcontextprotocol/clientInfo': { name: 'claude-code', title: 'Claude Code', version: CLAUDE_CODE_VERSION },
    },
  };
}
const DISCOVER_ID = 'server-discover-probe-1';

/** Time allowed for a polite exit after stdin closes, and after SIGTERM. */
const GRACE_AFTER_EOF_MS = 250;
const GRACE_AFTER_TERM_MS = 750;
/** After the spawned process exits, how long its stdout may stay open before we say someone else holds it
 * (Claude Code reports CONNECTION_CLOSED about half a second after such an exit). */
const HELD_STDOUT_MS = 500;

/** The result, plus head and tail of stderr for classification (the report keeps only the last lines). */
export interface StdioProbe {
  result: ProbeResult;
  stderrText: string;
}

type Waited = { kind: 'reply'; reply: Reply } | { kind: 'exited'; exit: ExitInfo } | { kind: 'timeout' } | { kind: 'cancelled' };

/** Resolves after `ms`, or earlier with `p`; the timer never outlives the wait. */
function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), Math.max(0, ms));
    p.then((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

export async function probeStdio(server: ServerEntry, ctx: DoctorContext, opts: { timeoutMs: number; version: string; signal?: AbortSignal }): Promise<StdioProbe> {
  opts.signal?.throwIfAborted();
  // The SDK's schemas take a while to import: start the server first, validate once they are loaded.
  const schemasLoading = loadMcpSchemas();
  const first = await startOnce(server, ctx, opts, schemasLoading, true);
  // Exited before answering server/discover: Claude Code starts it once more, pinned to initialize, within
  // the rest of its connect budget ("respawning pinned legacy"). A launcher's download or build runs twice.
  if (first.result.outcome !== 'crashed' || first.result.discover !== 'died' || first.result.background) return first;
  opts.signal?.throwIfAborted();
  const left = Math.max(0, opts.timeoutMs - first.result.durationMs);
  const second = await startOnce(server, ctx, { ...opts, timeoutMs: left }, schemasLoading, false);
  second.result.discover = 'died';
  second.result.startedTwice = true;
  second.result.timeoutMs = opts.timeoutMs;
  return second;
}

async function startOnce(server: ServerEntry, ctx: DoctorContext, opts: { timeoutMs: number; version: string; signal?: AbortSignal }, schemasLoading: Promise<McpSchemas>, discover: boolean): Promise<StdioProbe> {
  const command = server.expanded.command ?? '';
  const base: ProbeResult = { transport: 'stdio', outcome: 'timeout', durationMs: 0, timeoutMs: opts.timeoutMs, stderrTail: [], stderrBytes: 0, stdoutNoise: [] };
  const spawnFailed = (error: unknown, started: number): StdioProbe => {
    const spawnError = errnoOf(error, command);
    // The doctor's own shortage of descriptors or processes is not the server's fault: the pool retries.
    if (isResourceErrno(spawnError.code)) throw new ResourceExhausted(spawnError.code);
    return { result: { ...base, outcome: 'spawn-failed', durationMs: Math.round(performance.now() - started), spawnError }, stderrText: '' };
  };

  const tried = performance.now();
  let proc: ServerProcess;
  try {
    proc = spawnServer(server, ctx);
  } catch (error) {
    // Node throws (rather than emitting 'error') for ELOOP, ENOTDIR, ENAMETOOLONG, EINVAL, …
    return spawnFailed(error, tried);
  }
  const conn = new StdioConnection(proc);
  const spawned = await conn.spawned;
  if (!spawned.ok) {
    reap(proc, ctx.platform);
    return spawnFailed(spawned.error, proc.spawnedAt);
  }
  try {
    return await converse(proc, conn, schemasLoading, base, ctx, { ...opts, discover });
  } catch (error) {
    // Whatever went wrong on our side, the server does not outlive its probe.
    reap(proc, ctx.platform);
    throw error;
  }
}

async function converse(
  proc: ServerProcess,
  conn: StdioConnection,
  schemasLoading: Promise<McpSchemas>,
  base: ProbeResult,
  ctx: DoctorContext,
  opts: { timeoutMs: number; version: string; discover: boolean; signal?: AbortSignal },
): Promise<StdioProbe> {
  /** Waits for a reply until `deadline` (ms after the spawn); the exit of the spawned process ends the wait. */
  const untilReply = (reply: Promise<Reply>, deadline: number): Promise<Waited> =>
    new Promise((resolve) => {
      let settled = false;
      const cancel = () => settle({ kind: 'cancelled' });
      const settle = (w: Waited) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', cancel);
        resolve(w);
      };
      if (opts.signal?.aborted) return settle({ kind: 'cancelled' });
      opts.signal?.addEventListener('abort', cancel, { once: true });
      // A reply read in the same turn as the timer still counts if it arrived in time: look once more after
      // pending input is read (setImmediate runs after the poll phase).
      const timer = setTimeout(() => setImmediate(() => settle({ kind: 'timeout' })), Math.max(0, deadline - conn.now()));
      reply.then((r) => settle(r.at <= deadline ? { kind: 'reply', reply: r } : { kind: 'timeout' }));
      conn.exited.then(async (exit) => {
        // Read what the process wrote before it died (stdout and stderr: under load its traceback can arrive
        // after the exit is seen); a pipe held open by another process ends the wait later.
        await within(Promise.all([conn.stdoutEnded, conn.stderrEnded]), HELD_STDOUT_MS);
        setImmediate(() => settle({ kind: 'exited', exit }));
      });
    });

  const finish = async (partial: Partial<ProbeResult>): Promise<StdioProbe> => {
    const final: ProbeResult = { ...base, ...partial };
    // Claude Code treats the exit of the process it spawned as the end of the connection, even when a
    // process it forked into the background still holds stdout (and answers). The evidence: processes of
    // the server alive at the exit (Linux), stdout that stays open after it, or (without /proc) that keeps
    // talking well after it.
    const early = conn.exit ? await conn.exited : null;
    if (early && early.code === 0 && early.signal === null) {
      const alive = conn.aliveAtExit.length > 0 ? conn.aliveAtExit : proc.descendants.others().map((p) => `${p.pid} ${p.command}`);
      if (alive.length === 0 && conn.stdoutOpen) await within(conn.stdoutEnded, HELD_STDOUT_MS);
      const held = alive.length > 0 || conn.stdoutOpen || (!proc.descendants.supported && conn.stdoutLateAfterExit > 0);
      if (held) {
        final.outcome = 'crashed';
        final.durationMs = early.at;
        final.exit = early;
        final.background = alive;
        delete final.serverInfo;
        delete final.protocolVersion;
        delete final.tools;
        delete final.toolsError;
      }
    }
    const exit = await shutdown(proc, conn, ctx.platform);
    const stray = reap(proc, ctx.platform);
    if (stray.length > 0 && !final.background) final.leftProcesses = stray.map((p) => `${p.pid} ${p.command}`);
    final.stderrTail = conn.stderr.lastLines(20);
    final.stderrBytes = conn.stderr.bytes;
    final.stdoutNoise = conn.noise;
    const ended = final.outcome === 'crashed' || final.outcome === 'timeout' ? (final.exit ?? early ?? exit) : null;
    if (ended) final.exit = { code: ended.code, signal: ended.signal };
    const rest = conn.unterminated();
    if (rest) {
      final.stdoutUnterminated = rest.start.slice(0, 200);
      final.stdoutUnterminatedBytes = rest.bytes;
      if (final.outcome === 'timeout' && conn.unterminatedReplyTo(1)) final.unterminatedReply = true;
    }
    if (conn.serverRequests.size > 0) final.serverRequests = Object.fromEntries(conn.serverRequests);
    if (conn.stalledWrites.dropped > 0) final.stdinStalled = { ...conn.stalledWrites };
    final.stdoutBytes = conn.stdoutBytes;
    final.durationMs = Math.round(final.durationMs || conn.now());
    return { result: final, stderrText: conn.stderr.text() };
  };

  /** tools/list, with its own short allowance: the server has already proved it is up. */
  const listTools = async (schemas: McpSchemas, params: unknown): Promise<{ tools: number | null; toolsError?: string }> => {
    const listed = await untilReply(conn.request(2, 'tools/list', params), Math.max(opts.timeoutMs, conn.now() + 5_000));
    if (listed.kind === 'cancelled') throw opts.signal?.reason ?? new Error('cancelled');
    if (listed.kind === 'reply' && listed.reply.kind === 'too-large') {
      return { tools: null, toolsError: `reply too large (${megabytes(listed.reply.bytes)}): more than the ${megabytes(MAX_MESSAGE_BYTES)} mcp-doctor reads` };
    }
    if (listed.kind === 'reply' && listed.reply.kind === 'message') {
      const msg = listed.reply.msg;
      if ('error' in msg) {
        const err = msg.error as { code?: number; message?: string };
        return { tools: null, toolsError: `error ${err.code ?? '?'}: ${err.message ?? ''}` };
      }
      const tl = schemas.ListToolsResultSchema.safeParse(msg.result);
      return tl.success ? { tools: tl.data.tools.length } : { tools: null, toolsError: `invalid tools/list result: ${describeIssues(tl.error)}` };
    }
    if (listed.kind === 'exited') return { tools: null, toolsError: `the server exited (code ${listed.exit.code ?? 'none'}, signal ${listed.exit.signal ?? 'none'}) before answering tools/list` };
    return { tools: null, toolsError: 'no answer to tools/list in time' };
  };

  let discover: ProbeResult['discover'];
  if (opts.discover) {
    const asked = await untilReply(conn.request(DISCOVER_ID, 'server/discover', discoverParams()), Math.min(opts.timeoutMs, DISCOVER_PROBE_TIMEOUT_MS));
    if (asked.kind === 'cancelled') throw opts.signal?.reason ?? new Error('cancelled');
    if (asked.kind === 'exited') return finish({ outcome: 'crashed', durationMs: asked.exit.at, exit: asked.exit, discover: 'died' });
    if (asked.kind === 'reply' && asked.reply.kind === 'too-large') {
      return finish({ outcome: 'protocol-error', durationMs: asked.reply.at, discover: 'modern', protocolError: `reply to server/discover too large (${megabytes(asked.reply.bytes)}): more than the ${megabytes(MAX_MESSAGE_BYTES)} mcp-doctor reads` });
    }
    if (asked.kind === 'reply' && asked.reply.kind === 'message' && 'result' in asked.reply.msg) {
      // The modern era: the answer to server/discover is the handshake; Claude Code lists the tools next.
      const found = asked.reply.msg.result as { serverInfo?: { name?: unknown; version?: unknown }; capabilities?: { tools?: unknown } } | null;
      if (!found || typeof found !== 'object') return finish({ outcome: 'protocol-error', durationMs: asked.reply.at, discover: 'modern', protocolError: 'server/discover returned no result object' });
      const info = found.serverInfo ? { name: String(found.serverInfo.name ?? ''), version: String(found.serverInfo.version ?? '') } : undefined;
      const listed = await listTools(await schemasLoading, { _meta: discoverParams()._meta });
      return finish({ outcome: 'answered', durationMs: asked.reply.at, discover: 'modern', serverInfo: info, protocolVersion: DISCOVER_PROTOCOL_VERSION, ...listed });
    }
    // An error answer, or silence until Claude Code's probe gives up: initialize on the same process.
    discover = asked.kind === 'reply' ? 'legacy' : 'silent';
  }

  const init = await untilReply(conn.request(1, 'initialize', initializeParams(opts.version)), opts.timeoutMs);
  // Cancelled: the caller (probeStdio) reaps the server and its group; nothing is reported.
  if (init.kind === 'cancelled') throw opts.signal?.reason ?? new Error('cancelled');
  const legacy = discover ? { discover } : {};
  if (init.kind === 'exited') return finish({ outcome: 'crashed', durationMs: init.exit.at, exit: init.exit, ...legacy });
  if (init.kind === 'timeout') return finish({ outcome: 'timeout', durationMs: opts.timeoutMs });
  const answeredMs = init.reply.at;
  if (init.reply.kind === 'too-large') {
    return finish({ outcome: 'protocol-error', durationMs: answeredMs, protocolError: `reply too large (${megabytes(init.reply.bytes)}): more than the ${megabytes(MAX_MESSAGE_BYTES)} mcp-doctor reads` });
  }
  const reply = init.reply.msg;
  const schemas = await schemasLoading;
  if ('error' in reply) {
    const err = reply.error as { code?: number; message?: string; data?: { supported?: unknown } };
    const supported = Array.isArray(err.data?.supported) ? err.data.supported.map(String) : undefined;
    if (supported || err.code === -32022 || /protocol version/i.test(err.message ?? '')) {
      return finish({ outcome: 'version-mismatch', durationMs: answeredMs, supportedVersions: supported, protocolError: `${err.code ?? ''} ${err.message ?? ''}`.trim() });
    }
    return finish({ outcome: 'protocol-error', durationMs: answeredMs, protocolError: `initialize returned error ${err.code ?? '?'}: ${err.message ?? ''}` });
  }
  const parsed = schemas.InitializeResultSchema.safeParse(reply.result);
  const raw = reply.result as { protocolVersion?: unknown; serverInfo?: { name?: unknown; version?: unknown }; capabilities?: { tools?: unknown } } | undefined;
  if (typeof raw?.protocolVersion === 'string' && !schemas.SUPPORTED_PROTOCOL_VERSIONS.includes(raw.protocolVersion)) {
    return finish({ outcome: 'version-mismatch', durationMs: answeredMs, protocolVersion: raw.protocolVersion, supportedVersions: [raw.protocolVersion] });
  }
  if (!parsed.success) {
    return finish({ outcome: 'protocol-error', durationMs: answeredMs, protocolError: `invalid initialize result: ${describeIssues(parsed.error)}` });
  }
  const info = { name: String(raw?.serverInfo?.name ?? ''), version: String(raw?.serverInfo?.version ?? '') };
  conn.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  const listed = raw?.capabilities?.tools !== undefined ? await listTools(schemas, {}) : { tools: null };
  return finish({ outcome: 'answered', durationMs: answeredMs, serverInfo: info, protocolVersion: String(raw?.protocolVersion), ...listed, ...legacy });
}

async function shutdown(proc: ServerProcess, conn: StdioConnection, platform: NodeJS.Platform): Promise<ExitInfo | null> {
  const { child } = proc;
  conn.closeStdin();
  let exit = conn.exit ?? (await within(conn.exited, GRACE_AFTER_EOF_MS));
  if (!exit) {
    signalGroup(child, 'SIGTERM', platform);
    exit = await within(conn.exited, GRACE_AFTER_TERM_MS);
  }
  // Always end with SIGKILL to the group: grandchildren that ignored SIGTERM (or outlived their parent) go too.
  signalGroup(child, 'SIGKILL', platform);
  if (!exit) exit = await within(conn.exited, 1_000);
  return exit;
}

function describeIssues(error: { issues?: { path: (string | number)[]; message: string }[] }): string {
  return (error.issues ?? [])
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(result)'}: ${i.message}`)
    .join('; ');
}

export function errnoOf(error: unknown, command: string): NonNullable<ProbeResult['spawnError']> {
  const e = error as NodeJS.ErrnoException & { path?: string; spawnargs?: string[] };
  return { code: e.code ?? 'ERROR', syscall: e.syscall ?? 'spawn', path: e.path ?? command, message: e.message ?? String(error) };
}
