/**
 * Starts one stdio server the way Claude Code does (no shell, cwd = the project, env = ours plus the
 * CLAUDE_* variables and the server's env) and speaks raw JSON-RPC to it: initialize (2025-11-25),
 * notifications/initialized, tools/list. A raw client, not the SDK's Client, because the SDK hides the
 * exit code, the signal and stdout noise, which are exactly the evidence users need.
 *
 * Shutdown closes stdin, then SIGTERMs the server's whole process group, then SIGKILLs it, and destroys
 * the pipes, so neither a slow server nor a grandchild holding stdout open can keep the doctor waiting.
 */
import type { ChildProcess } from 'node:child_process';
import type { DoctorContext } from '../context.js';
import type { ServerEntry } from '../types.js';
import { BoundedCapture } from './bounded-capture.js';
import { LineSplitter } from './line-splitter.js';
import { loadMcpSchemas, type McpSchemas } from './mcp-schemas.js';
import type { ProbeResult } from './probe-types.js';
import { reap, signalGroup, spawnServer } from './server-process.js';

export const PROTOCOL_VERSION = '2025-11-25';

/** What Claude Code 2.1.330 sends (reference §6), so servers see the same client. */
export function initializeParams(version: string) {
  return {
    protocolVersion: PROTOCOL_VERSION,
    capabilities: { roots: { listChanged: true }, elicitation: { form: {}, url: {} } },
    clientInfo: { name: 'claude-code', title: 'Claude Code (mcp-doctor probe)', version: `2.1.330+mcp-doctor.${version}` },
  };
}


interface Waiter {
  id: number | string;
  resolve: (msg: Record<string, unknown>) => void;
}

/** Time allowed for a polite exit after stdin closes, and after SIGTERM. */
const GRACE_AFTER_EOF_MS = 250;
const GRACE_AFTER_TERM_MS = 750;

/** The result, plus head and tail of stderr for classification (the report keeps only the last lines). */
export interface StdioProbe {
  result: ProbeResult;
  stderrText: string;
}

export async function probeStdio(server: ServerEntry, ctx: DoctorContext, opts: { timeoutMs: number; version: string }): Promise<StdioProbe> {
  // The SDK's schemas take a while to import: start the server first, validate once they are loaded.
  const schemasLoading = loadMcpSchemas();
  let schemas: McpSchemas | null = null;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const stderr = new BoundedCapture();
  const noise: string[] = [];
  const result: ProbeResult = { transport: 'stdio', outcome: 'timeout', durationMs: 0, timeoutMs: opts.timeoutMs, stderrTail: [], stderrBytes: 0, stdoutNoise: noise };
  const command = server.expanded.command ?? '';

  let child: ChildProcess;
  try {
    child = spawnServer(server, ctx);
  } catch (error) {
    // Node throws (rather than emitting 'error') for ELOOP, ENOTDIR, ENAMETOOLONG, EINVAL, …
    return { result: { ...result, outcome: 'spawn-failed', durationMs: elapsed(), spawnError: errnoOf(error, command) }, stderrText: '' };
  }

  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const spawned = await new Promise<{ ok: true } | { ok: false; error: unknown }>((resolve) => {
    child.once('spawn', () => resolve({ ok: true }));
    child.once('error', (error) => resolve({ ok: false, error }));
  });
  if (!spawned.ok) {
    reap(child, ctx.platform);
    return { result: { ...result, outcome: 'spawn-failed', durationMs: elapsed(), spawnError: errnoOf(spawned.error, command) }, stderrText: '' };
  }
  child.on('error', () => {}); // e.g. EPIPE on a server that already died; the exit tells the story
  child.stdin?.on('error', () => {});

  const waiters: Waiter[] = [];
  const early: [string, boolean][] = [];
  const handleLine = (line: string, truncated: boolean) => {
    if (!schemas) {
      early.push([line, truncated]);
      return;
    }
    if (line.trim() === '') return;
    const msg = parseMessage(line, schemas);
    if (!msg || truncated) {
      if (noise.length < 5) noise.push(line.length > 200 ? line.slice(0, 200) + '…' : line);
      return;
    }
    const id = (msg as { id?: unknown }).id;
    const method = (msg as { method?: unknown }).method;
    if (id !== undefined && method === undefined) {
      const i = waiters.findIndex((w) => w.id === id);
      if (i !== -1) waiters.splice(i, 1)[0]?.resolve(msg);
    } else if (id !== undefined && typeof method === 'string') {
      // A request from the server (roots/list, ping …): answer so it is not left waiting.
      send({ jsonrpc: '2.0', id, ...(method === 'roots/list' ? { result: { roots: [] } } : method === 'ping' ? { result: {} } : { error: { code: -32601, message: 'Method not found' } }) });
    }
  };
  const splitter = new LineSplitter(handleLine);
  child.stdout?.on('data', (chunk: Buffer) => splitter.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));

  const send = (msg: unknown) => {
    if (child.stdin && !child.stdin.destroyed && child.stdin.writable) child.stdin.write(JSON.stringify(msg) + '\n');
  };
  const request = (id: number, method: string, params?: unknown) => {
    const reply = new Promise<Record<string, unknown>>((resolve) => waiters.push({ id, resolve }));
    send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    return reply;
  };
  const deadline = started + opts.timeoutMs;
  const until = <T>(p: Promise<T>) => race(p, exited, deadline);

  const finish = async (partial: Partial<ProbeResult>): Promise<StdioProbe> => {
    const exit = await shutdown(child, exited, ctx.platform);
    const final: ProbeResult = { ...result, ...partial, stderrTail: stderr.lastLines(20), stderrBytes: stderr.bytes, stdoutNoise: noise };
    if (final.outcome === 'crashed' || final.outcome === 'timeout') final.exit = partial.exit ?? exit ?? undefined;
    const rest = splitter.rest().trim();
    if (rest) final.stdoutUnterminated = rest.slice(0, 200);
    final.durationMs ||= elapsed();
    return { result: final, stderrText: stderr.text() };
  };

  const initReply = request(1, 'initialize', initializeParams(opts.version));
  schemas = await schemasLoading;
  for (const [line, truncated] of early.splice(0)) handleLine(line, truncated);
  const init = await until(initReply);
  if (init.kind === 'exited') return finish({ outcome: 'crashed', durationMs: elapsed(), exit: init.exit });
  if (init.kind === 'timeout') return finish({ outcome: 'timeout', durationMs: elapsed() });
  const answeredMs = elapsed();
  const reply = init.value;
  if ('error' in reply) {
    const err = reply.error as { code?: number; message?: string; data?: { supported?: unknown } };
    const supported = Array.isArray(err.data?.supported) ? err.data.supported.map(String) : undefined;
    if (supported || err.code === -32022 || /protocol version/i.test(err.message ?? '')) {
      return finish({ outcome: 'version-mismatch', durationMs: answeredMs, supportedVersions: supported, protocolError: `${err.code ?? ''} ${err.message ?? ''}`.trim() });
    }
    return finish({ outcome: 'protocol-error', durationMs: answeredMs, protocolError: `initialize returned error ${err.code ?? '?'}: ${err.message ?? ''}` });
  }
  const loaded = schemas;
  const parsed = loaded.InitializeResultSchema.safeParse(reply.result);
  const raw = reply.result as { protocolVersion?: unknown; serverInfo?: { name?: unknown; version?: unknown }; capabilities?: { tools?: unknown } } | undefined;
  if (typeof raw?.protocolVersion === 'string' && !loaded.SUPPORTED_PROTOCOL_VERSIONS.includes(raw.protocolVersion)) {
    return finish({ outcome: 'version-mismatch', durationMs: answeredMs, protocolVersion: raw.protocolVersion, supportedVersions: [raw.protocolVersion] });
  }
  if (!parsed.success) {
    return finish({ outcome: 'protocol-error', durationMs: answeredMs, protocolError: `invalid initialize result: ${describeIssues(parsed.error)}` });
  }
  const info = { name: String(raw?.serverInfo?.name ?? ''), version: String(raw?.serverInfo?.version ?? '') };
  send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  let tools: number | null = null;
  let toolsError: string | undefined;
  if (raw?.capabilities?.tools !== undefined) {
    // tools/list gets its own short allowance: the server has already proved it is up.
    const listed = await race(request(2, 'tools/list', {}), exited, Math.max(deadline, performance.now() + 5_000));
    if (listed.kind === 'value') {
      if ('error' in listed.value) {
        const err = listed.value.error as { code?: number; message?: string };
        toolsError = `error ${err.code ?? '?'}: ${err.message ?? ''}`;
      } else {
        const tl = loaded.ListToolsResultSchema.safeParse(listed.value.result);
        if (tl.success) tools = tl.data.tools.length;
        else toolsError = `invalid tools/list result: ${describeIssues(tl.error)}`;
      }
    } else toolsError = listed.kind === 'exited' ? `the server exited (code ${listed.exit.code ?? 'none'}, signal ${listed.exit.signal ?? 'none'}) before answering tools/list` : 'no answer to tools/list in time';
  }
  return finish({ outcome: 'answered', durationMs: answeredMs, serverInfo: info, protocolVersion: String(raw?.protocolVersion), tools, toolsError });
}

type Raced<T> = { kind: 'value'; value: T } | { kind: 'exited'; exit: { code: number | null; signal: string | null } } | { kind: 'timeout' };

function race<T>(p: Promise<T>, exited: Promise<{ code: number | null; signal: string | null }>, deadline: number): Promise<Raced<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, deadline - performance.now()));
    p.then((value) => {
      clearTimeout(timer);
      resolve({ kind: 'value', value });
    });
    exited.then((exit) => {
      // Let a reply that arrived with the exit win: read what is already buffered first.
      setTimeout(() => {
        clearTimeout(timer);
        resolve({ kind: 'exited', exit });
      }, 20);
    });
  });
}

async function shutdown(child: ChildProcess, exited: Promise<{ code: number | null; signal: string | null }>, platform: NodeJS.Platform) {
  const waitExit = (ms: number) => Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), ms))]);
  child.stdin?.end();
  let exit = child.exitCode !== null || child.signalCode !== null ? await exited : await waitExit(GRACE_AFTER_EOF_MS);
  if (!exit) {
    signalGroup(child, 'SIGTERM', platform);
    exit = await waitExit(GRACE_AFTER_TERM_MS);
  }
  // Always end with SIGKILL to the group: grandchildren that ignored SIGTERM (or outlived their parent) go too.
  signalGroup(child, 'SIGKILL', platform);
  if (!exit) exit = await waitExit(1_000);
  reap(child, platform);
  return exit;
}


function parseMessage(line: string, schemas: McpSchemas): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  return schemas.JSONRPCMessageSchema.safeParse(value).success ? (value as Record<string, unknown>) : null;
}

function describeIssues(error: { issues?: { path: (string | number)[]; message: string }[] }): string {
  return (error.issues ?? [])
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(result)'}: ${i.message}`)
    .join('; ');
}

function errnoOf(error: unknown, command: string): NonNullable<ProbeResult['spawnError']> {
  const e = error as NodeJS.ErrnoException & { path?: string; spawnargs?: string[] };
  return { code: e.code ?? 'ERROR', syscall: e.syscall ?? 'spawn', path: e.path ?? command, message: e.message ?? String(error) };
}
