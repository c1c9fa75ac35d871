/**
 * JSON-RPC 2.0 as MCP uses it over stdio: each request gets exactly one response, a notification none.
 * It answers the lifecycle methods (initialize, ping) itself and hands tools/list and tools/call to the tools.
 * Wrong input is an error response, never an exception: the server keeps serving.
 *
 * - Protocol versions: every initialize version the MCP SDK supports (the list Claude Code accepts,
 *   core/model/claude-code.ts; a test holds it equal to the SDK's). `server/discover`, the 2026-07-28
 *   protocol's first request, is answered -32601: this is a 2025-11-25-era server, and a dual-era client
 *   (Claude Code, docs/claude-code-facts.md §15) then falls back to initialize, as the 2026-07-28 spec tells it to.
 * - `notifications/cancelled` aborts the request it names (a probe stops and kills the servers it started),
 *   and that request gets no answer, as the spec says.
 * - A request with `_meta.progressToken` gets `notifications/progress` as its work advances.
 * - Nothing from the input is echoed at length: every error text quotes at most ~200 characters of it.
 */
import { ACCEPTED_PROTOCOL_VERSIONS, INITIALIZE_PROTOCOL_VERSION } from '../core/model/claude-code.js';
import { MAX_MESSAGE_BYTES } from './transport.js';
import { callTool, listing, type McpTool, type ToolEnvironment } from './tools/define-tool.js';

/** The newest protocol, answered to any client that asks for a version we do not speak. */
export const LATEST_PROTOCOL_VERSION = INITIALIZE_PROTOCOL_VERSION;
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = ACCEPTED_PROTOCOL_VERSIONS;

export const RpcErrorCode = { parseError: -32700, invalidRequest: -32600, methodNotFound: -32601, invalidParams: -32602, internalError: -32603 } as const;

/** The most of any input text an error message quotes. */
export const ECHO_LIMIT = 200;
/** An id longer than this is not echoed back: the request is answered as invalid, without an id. */
const MAX_ID_LENGTH = 200;

type Id = string | number;
/** An error about a message whose id cannot be read carries no id (MCP 2025-11-25; JSON-RPC's `null` is not an MCP request id). */
export type RpcResponse = { jsonrpc: '2.0'; id?: Id } & ({ result: unknown } | { error: { code: number; message: string } });

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Input quoted in a message: one line, at most ECHO_LIMIT characters. */
export function echo(value: unknown): string {
  const text = (typeof value === 'string' ? value : String(value)).replace(/[\x00-\x1f\x7f]+/g, ' ');
  return text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}… (${text.length} characters)` : text;
}

export interface DispatcherOptions {
  version: string;
  tools: readonly McpTool[];
  env: Omit<ToolEnvironment, 'signal' | 'progress'>;
  /** Sends a notification to the client (progress). */
  notify: (message: unknown) => void;
  /** The size bound of the transport, for the words of its error. */
  maxBytes?: number;
}

export interface Dispatcher {
  /** The answer to one line, or null when there is none (a notification, a cancelled request). */
  dispatch(line: string): Promise<RpcResponse | null>;
  /** The answer to a line over the size bound, from its first bytes. */
  oversized(head: string, bytes: number): RpcResponse;
}


const INSTRUCTIONS =
  'mcp-doctor diagnoses Claude Code MCP servers that fail to load. When a server shows as failed in /mcp, or its tools are missing, ' +
  'call diagnose (add probe: true to start the servers too; server and detail: true for one server\'s full evidence), explain for a finding code, ' +
  'and fix_plan to show what `mcp-doctor --fix` would repair. These tools never change a file; the user runs the fix.';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const validId = (v: unknown): v is Id => (typeof v === 'string' && v.length <= MAX_ID_LENGTH) || (typeof v === 'number' && Number.isFinite(v));

export function createDispatcher({ version, tools, env, notify, maxBytes = MAX_MESSAGE_BYTES }: DispatcherOptions): Dispatcher {
  const byName = new Map(tools.map((t) => [t.name, t]));
  /** Requests under way, by id, so a cancellation can reach them. */
  const running = new Map<Id, AbortController>();

  type Method = (params: Record<string, unknown>, signal: AbortSignal, progressToken: Id | undefined) => Promise<unknown>;
  const methods = new Map<string, Method>([
    [
      'initialize',
      async (params) => {
        const asked = params.protocolVersion;
        return {
          protocolVersion: typeof asked === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(asked) ? asked : LATEST_PROTOCOL_VERSION,
          capabilities: { tools: { listChanged: false } },
          serverInfo: { name: 'mcp-doctor', title: 'mcp-doctor', version },
          instructions: INSTRUCTIONS,
        };
      },
    ],
    ['ping', async () => ({})],
    ['tools/list', async () => ({ tools: tools.map(listing) })],
    [
      'tools/call',
      async (params, signal, progressToken) => {
        const name = params.name;
        if (typeof name !== 'string') throw new RpcError(RpcErrorCode.invalidParams, 'tools/call needs params.name, the tool to call');
        const tool = byName.get(name);
        if (!tool) throw new RpcError(RpcErrorCode.invalidParams, `Unknown tool '${echo(name)}' (tools: ${tools.map((t) => t.name).join(', ')})`);
        let sent = 0;
        const progress =
          progressToken === undefined
            ? undefined
            : (done: number, total: number | undefined, message: string) => {
                // Progress must increase; a repeat is not worth a message.
                if (done <= sent && sent > 0) return;
                sent = done;
                notify({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken, progress: done, ...(total === undefined ? {} : { total }), message } });
              };
        return callTool(tool, params.arguments, { ...env, signal, ...(progress ? { progress } : {}) });
      },
    ],
  ]);

  const notification = (method: string, params: unknown) => {
    if (method === 'notifications/cancelled' && isObject(params) && validId(params.requestId)) {
      running.get(params.requestId)?.abort(new Error(typeof params.reason === 'string' ? echo(params.reason) : 'cancelled by the client'));
    }
  };

  const dispatch = async (line: string): Promise<RpcResponse | null> => {
    if (line.trim() === '') return null;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch (error) {
      return { jsonrpc: '2.0', error: { code: RpcErrorCode.parseError, message: `Parse error: ${echo((error as Error).message)}` } };
    }
    const id = isObject(message) && validId(message.id) ? message.id : null;
    const invalid = (why: string): RpcResponse => ({ jsonrpc: '2.0', ...(id === null ? {} : { id }), error: { code: RpcErrorCode.invalidRequest, message: `Invalid request: ${why}` } });
    if (!isObject(message)) return invalid(Array.isArray(message) ? 'batches are not accepted (not part of MCP since 2025-06-18)' : 'a message is a JSON object');
    if (message.jsonrpc !== '2.0') return invalid('jsonrpc must be "2.0"');
    if (typeof message.method !== 'string') {
      // A response (we send no requests) or junk with an id: nothing to answer, or an error to answer.
      return 'result' in message || 'error' in message ? null : invalid('method must be a string');
    }
    if (!('id' in message)) {
      notification(message.method, message.params);
      return null;
    }
    if (id === null) return invalid(typeof message.id === 'string' ? `an id is at most ${MAX_ID_LENGTH} characters` : 'id must be a string or a number');
    if (message.params !== undefined && !isObject(message.params)) return invalid('params must be an object');
    const method = methods.get(message.method);
    if (!method) return { jsonrpc: '2.0', id, error: { code: RpcErrorCode.methodNotFound, message: `Method not found: ${echo(message.method)}` } };
    if (running.has(id)) return invalid(`id ${echo(id)} is already in use by a request under way`);
    const params = (message.params as Record<string, unknown> | undefined) ?? {};
    const meta = params._meta;
    const token = isObject(meta) && validId(meta.progressToken) ? meta.progressToken : undefined;
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const result = await method(params, controller.signal, token);
      return controller.signal.aborted ? null : { jsonrpc: '2.0', id, result };
    } catch (error) {
      if (controller.signal.aborted) return null;
      if (error instanceof RpcError) return { jsonrpc: '2.0', id, error: { code: error.code, message: error.message } };
      return { jsonrpc: '2.0', id, error: { code: RpcErrorCode.internalError, message: `Internal error: ${echo((error as Error).message)}` } };
    } finally {
      running.delete(id);
    }
  };

  const oversized = (head: string, bytes: number): RpcResponse => {
    // The id, when it comes early in the message (it usually does): a short string or a number.
    const m = /"id"\s*:\s*(?:"((?:[^"\\]|\\.){0,200})"|(-?\d{1,16}))\s*[,}]/.exec(head);
    let id: Id | undefined;
    if (m?.[1] !== undefined) {
      try {
        id = JSON.parse(`"${m[1]}"`) as string;
      } catch {
        id = undefined;
      }
    } else if (m?.[2] !== undefined) id = Number(m[2]);
    return {
      jsonrpc: '2.0',
      ...(id === undefined ? {} : { id }),
      error: { code: RpcErrorCode.invalidRequest, message: `Invalid request: a message larger than ${maxBytes / 1024 / 1024} MiB (the most this server reads; ${bytes} bytes seen) was discarded unread` },
    };
  };

  return { dispatch, oversized };
}
