/**
 * The MCP SDK's Transport over our bounded stdio lines (transport.ts): the SDK's server speaks the protocol
 * (initialize in every version it supports, ping, cancellation, progress, concurrent requests), and this
 * layer keeps what the SDK's own stdio transport does not:
 * - a line over the size bound is answered with a JSON-RPC error (with its id when it comes early) and
 *   skipped, never held whole (the SDK's buffer keeps up to 10 MiB, then drops it without an answer);
 * - a line that is not JSON, a batch, or a message that is not JSON-RPC 2.0 is answered with an error (the
 *   SDK's transport only logs those), quoting at most ~200 characters of the input;
 * - an id longer than 200 characters is not echoed: that request is answered as invalid, without an id;
 * - it knows which requests are still unanswered, so a close of stdin can wait for them a little.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { MAX_MESSAGE_BYTES, openStdioTransport, type StdioTransport } from './transport.js';

/** The most of any input text an error message quotes. */
export const ECHO_LIMIT = 200;
const MAX_ID_LENGTH = 200;

export const RpcErrorCode = { parseError: -32700, invalidRequest: -32600 } as const;

/** Input quoted in a message: one line, at most ECHO_LIMIT characters. */
export function echo(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  const text = (typeof value === 'string' ? value : String(value)).replace(/[\x00-\x1f\x7f]+/g, ' ');
  return text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}… (${text.length} characters)` : text;
}

type Id = string | number;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const validId = (v: unknown): v is Id => (typeof v === 'string' && v.length <= MAX_ID_LENGTH) || (typeof v === 'number' && Number.isFinite(v));

/** The id of a message over the bound, read from its first bytes: a short string or a number. */
export function idFromHead(head: string): Id | undefined {
  const m = /"id"\s*:\s*(?:"((?:[^"\\]|\\.){0,200})"|(-?\d{1,16}))\s*[,}]/.exec(head);
  if (m?.[1] !== undefined) {
    try {
      return JSON.parse(`"${m[1]}"`) as string;
    } catch {
      return undefined;
    }
  }
  return m?.[2] !== undefined ? Number(m[2]) : undefined;
}

export class BoundedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  /** Resolves when stdin closes. */
  readonly closed: Promise<void>;
  private lines: StdioTransport | null = null;
  private resolveClosed!: () => void;
  /** Requests passed on and not yet answered. */
  private readonly open = new Set<Id>();
  private drained: (() => void) | null = null;

  constructor(
    private readonly maxBytes = MAX_MESSAGE_BYTES,
    private readonly input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WriteStream = process.stdout,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  async start(): Promise<void> {
    this.lines = openStdioTransport(
      { onLine: (line) => this.line(line), onOversized: (head, bytes) => this.oversized(head, bytes) },
      this.input,
      this.output,
      this.maxBytes,
    );
    void this.lines.closed.then(() => this.resolveClosed());
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const m = message as Record<string, unknown>;
    if (('result' in m || 'error' in m) && validId(m.id) && this.open.delete(m.id) && this.open.size === 0) this.drained?.();
    this.lines?.send(message);
  }

  async close(): Promise<void> {
    this.onclose?.();
  }

  /** Resolves when every request passed on has been answered, or after `ms`. */
  async settle(ms: number): Promise<void> {
    if (this.open.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => (this.drained = resolve)), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  flush(): Promise<void> {
    return this.lines?.flush() ?? Promise.resolve();
  }

  private reply(id: Id | null, code: number, message: string): void {
    this.lines?.send({ jsonrpc: '2.0', ...(id === null ? {} : { id }), error: { code, message } });
  }

  private oversized(head: string, bytes: number): void {
    const id = idFromHead(head);
    this.reply(id ?? null, RpcErrorCode.invalidRequest, `Invalid request: a message larger than ${this.maxBytes / 1024 / 1024} MiB (the most this server reads; ${bytes} bytes seen) was discarded unread`);
  }

  private line(line: string): void {
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch (error) {
      this.reply(null, RpcErrorCode.parseError, `Parse error: ${echo((error as Error).message)}`);
      return;
    }
    const id = isObject(message) && validId(message.id) ? message.id : null;
    const invalid = (why: string) => this.reply(id, RpcErrorCode.invalidRequest, `Invalid request: ${why}`);
    if (!isObject(message)) return invalid(Array.isArray(message) ? 'batches are not accepted (not part of MCP since 2025-06-18)' : 'a message is a JSON object');
    if (message.jsonrpc !== '2.0') return invalid('jsonrpc must be "2.0"');
    if (typeof message.method !== 'string') {
      // A response (we send no requests) goes to the SDK; junk with an id is answered.
      if ('result' in message || 'error' in message) return void this.onmessage?.(message as JSONRPCMessage);
      return invalid('method must be a string');
    }
    if ('id' in message) {
      if (id === null) return invalid(typeof message.id === 'string' ? `an id is at most ${MAX_ID_LENGTH} characters` : 'id must be a string or a number');
      if (message.params !== undefined && !isObject(message.params)) return invalid('params must be an object');
      if (this.open.has(id)) return invalid(`id ${echo(id)} is already in use by a request under way`);
      // The SDK would call this an internal error (-32603); it is invalid params.
      if (message.method === 'tools/call' && !(isObject(message.params) && typeof message.params.name === 'string')) {
        return this.reply(id, -32602, 'Invalid params: tools/call needs params.name, the tool to call');
      }
      this.open.add(id);
    } else if (message.params !== undefined && !isObject(message.params)) return; // a malformed notification: nothing to answer
    this.onmessage?.(message as JSONRPCMessage);
    // A cancelled request gets no answer: do not wait for one at the close.
    if (message.method === 'notifications/cancelled' && isObject(message.params) && validId(message.params.requestId) && this.open.delete(message.params.requestId) && this.open.size === 0) this.drained?.();
  }
}
