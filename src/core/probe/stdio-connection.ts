/**
 * The JSON-RPC wire to one spawned stdio server: framing, replies matched to requests with the time they
 * arrived (measured from the server's own spawn, so a busy doctor or a slow schema import never shifts a
 * server's time), the server's own requests answered, and every buffer bounded:
 * - stdout lines up to MAX_MESSAGE_BYTES; a longer one is counted, and its two ends kept;
 * - stderr as head and tail only;
 * - what we write: a server that floods us with requests (ping) but never reads its stdin would grow the
 *   write queue without end, so past WRITE_QUEUE_LIMIT queued bytes further replies are dropped, and counted.
 */
import { BoundedCapture } from './bounded-capture.js';
import { LineSplitter, type OversizeLine } from './line-splitter.js';
import type { ServerProcess } from './server-process.js';

/** Bytes we let queue up on a server's stdin before dropping our answers to its requests. */
export const WRITE_QUEUE_LIMIT = 1024 * 1024;

export interface ExitInfo {
  code: number | null;
  signal: string | null;
  /** ms after the spawn. */
  at: number;
}

export type Reply =
  | { kind: 'message'; msg: Record<string, unknown>; at: number }
  | { kind: 'too-large'; bytes: number; at: number };

interface Waiter {
  id: number | string;
  resolve: (reply: Reply) => void;
}

const NOISE_KEPT = 5;
const SECOND_LOOK_MS = 50;
/** What an exited process wrote is already in the pipe and read on the next turn; later bytes are another writer's. */
const LATE_AFTER_EXIT_MS = 100;

export class StdioConnection {
  readonly stderr = new BoundedCapture();
  /** Non-JSON-RPC stdout lines: the first few, each cut to 200 characters. */
  readonly noise: string[] = [];
  /** Requests the server sent us (ping, roots/list, …), by method. */
  readonly serverRequests = new Map<string, number>();
  /** Our answers dropped because the server was not reading its stdin, and the bytes then queued. */
  readonly stalledWrites = { dropped: 0, queuedBytes: 0 };
  readonly exited: Promise<ExitInfo>;
  /** Resolves when stdout reaches its end: every process holding it has closed it. */
  readonly stdoutEnded: Promise<void>;
  /** stderr's end: what a crashing server wrote last (its traceback) may be read after its exit is seen. */
  readonly stderrEnded: Promise<void>;
  readonly spawned: Promise<{ ok: true } | { ok: false; error: unknown }>;
  exit: ExitInfo | null = null;
  stdoutOpen = true;
  stdoutBytes = 0;
  /** Processes of this server still alive when the spawned one exited ("pid command"), on Linux. */
  aliveAtExit: string[] = [];
  /** Bytes that reached stdout well after the spawned process had exited (its own output is read at once):
   * someone else holds stdout. */
  stdoutLateAfterExit = 0;

  private readonly waiters: Waiter[] = [];
  private closing = false;
  private readonly splitter: LineSplitter;

  constructor(private readonly proc: ServerProcess) {
    const { child } = proc;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        const exit: ExitInfo = { code, signal, at: this.now() };
        this.exit = exit;
        // An exit before we asked for it: which of its processes are still alive? Looked at now, and a moment
        // later for a child still in the middle of its fork.
        if (this.closing || !proc.descendants.supported) {
          resolve(exit);
          return;
        }
        const look = () => (this.aliveAtExit = proc.descendants.others().map((p) => `${p.pid} ${p.command}`));
        look();
        if (this.aliveAtExit.length > 0) resolve(exit);
        else
          setTimeout(() => {
            look();
            resolve(exit);
          }, SECOND_LOOK_MS);
      });
    });
    this.spawned = new Promise((resolve) => {
      child.once('spawn', () => resolve({ ok: true }));
      child.once('error', (error) => resolve({ ok: false, error }));
    });
    this.stdoutEnded = new Promise((resolve) => {
      const ended = () => {
        this.stdoutOpen = false;
        resolve();
      };
      child.stdout?.once('end', ended);
      child.stdout?.once('close', ended);
    });
    this.stderrEnded = new Promise((resolve) => {
      child.stderr?.once('end', () => resolve());
      child.stderr?.once('close', () => resolve());
      if (!child.stderr) resolve();
    });
    child.on('error', () => {}); // e.g. EPIPE on a server that already died; the exit tells the story
    child.stdout?.on('error', () => {});
    child.stderr?.on('error', () => {});
    this.splitter = new LineSplitter(
      (line) => this.onLine(line),
      (big) => this.onOversize(big),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      this.stdoutBytes += chunk.length;
      if (this.exit && this.now() - this.exit.at > LATE_AFTER_EXIT_MS) this.stdoutLateAfterExit += chunk.length;
      this.splitter.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk));
  }

  /** ms since this server's spawn. */
  now(): number {
    return performance.now() - this.proc.spawnedAt;
  }

  request(id: number, method: string, params?: unknown): Promise<Reply> {
    const reply = new Promise<Reply>((resolve) => this.waiters.push({ id, resolve }));
    this.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    return reply;
  }

  send(msg: unknown): void {
    const stdin = this.proc.stdin;
    if (!stdin || stdin.destroyed || !stdin.writable) return;
    if (stdin.writableLength > WRITE_QUEUE_LIMIT) {
      this.stalledWrites.dropped += 1;
      this.stalledWrites.queuedBytes = stdin.writableLength;
      return;
    }
    stdin.write(JSON.stringify(msg) + '\n');
  }

  /** Closes the server's stdin: the polite request to exit (an exit from now on is expected). */
  closeStdin(): void {
    this.closing = true;
    this.proc.stdin?.end();
  }

  /** What stdout holds after its last newline. */
  unterminated() {
    return this.splitter.rest();
  }

  /** Whether the unterminated text is a complete reply to request `id` (only the newline is missing). */
  unterminatedReplyTo(id: number): boolean {
    const text = this.splitter.restText();
    if (!text) return false;
    const msg = parseJsonRpc(text.trim());
    return !!msg && msg.id === id && msg.method === undefined;
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    const msg = parseJsonRpc(line);
    if (!msg) {
      if (this.noise.length < NOISE_KEPT) this.noise.push(line.length > 200 ? line.slice(0, 200) + '…' : line);
      return;
    }
    const { id, method } = msg;
    if (id !== undefined && method === undefined) {
      this.resolveWaiter(id, { kind: 'message', msg, at: this.now() });
    } else if (id !== undefined && typeof method === 'string') {
      // A request from the server (roots/list, ping …): answer so it is not left waiting.
      this.serverRequests.set(method, (this.serverRequests.get(method) ?? 0) + 1);
      this.send({ jsonrpc: '2.0', id, ...(method === 'roots/list' ? { result: { roots: [] } } : method === 'ping' ? { result: {} } : { error: { code: -32601, message: 'Method not found' } }) });
    }
  }

  private onOversize(big: OversizeLine): void {
    // The reply's id sits at its start ({"jsonrpc":"2.0","id":2,…) or, as the TypeScript SDK writes it, at its end.
    const id = /^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*(\d+)/.exec(big.head)?.[1] ?? /"id"\s*:\s*(\d+)\s*(?:,\s*"jsonrpc"\s*:\s*"2\.0"\s*)?\}\s*$/.exec(big.tail)?.[1];
    if (id !== undefined && this.resolveWaiter(Number(id), { kind: 'too-large', bytes: big.bytes, at: this.now() })) return;
    if (this.noise.length < NOISE_KEPT) this.noise.push(`(a line of ${megabytes(big.bytes)}, not kept) ${big.head.slice(0, 120)}…`);
  }

  private resolveWaiter(id: unknown, reply: Reply): boolean {
    const i = this.waiters.findIndex((w) => w.id === id);
    if (i === -1) return false;
    this.waiters.splice(i, 1)[0]?.resolve(reply);
    return true;
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** A JSON-RPC 2.0 message (request, notification or response), or null for anything else. */
function parseJsonRpc(line: string): (Record<string, unknown> & { id?: unknown; method?: unknown }) | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const msg = value as Record<string, unknown>;
  if (msg.jsonrpc !== '2.0') return null;
  const hasMethod = typeof msg.method === 'string';
  const isResponse = 'id' in msg && ('result' in msg || 'error' in msg);
  return hasMethod || isResponse ? msg : null;
}
