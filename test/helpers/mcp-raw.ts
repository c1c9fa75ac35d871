/**
 * A raw JSON-RPC line client for `mcp-doctor mcp` (the built CLI as a real child process): what the SDK's
 * Client would hide (every byte on stdout, the exit code, messages no SDK sends, what stdin's close does).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cliPath, TEST_PATH } from './run-cli.js';

export interface RawServer {
  child: ChildProcessWithoutNullStreams;
  /** Every line written to stdout so far. */
  lines: string[];
  stderr: () => string;
  send(message: unknown): void;
  sendRaw(line: string): void;
  /** Sends a request and waits for the response with its id. */
  request(method: string, params?: unknown): Promise<Record<string, unknown>>;
  /** Waits for the response to an id already sent. */
  response(id: string | number | undefined): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startRawServer(opts: { cwd: string; env?: Record<string, string> }): RawServer {
  const child = spawn(process.execPath, [cliPath, 'mcp'], { cwd: opts.cwd, env: { PATH: TEST_PATH, ...opts.env } });
  const lines: string[] = [];
  const messages: Record<string, unknown>[] = [];
  const waiters: { id: unknown; resolve: (m: Record<string, unknown>) => void }[] = [];
  let pending = '';
  let stderr = '';
  const deliver = (line: string) => {
    lines.push(line);
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    messages.push(message);
    const i = waiters.findIndex((w) => w.id === message.id);
    if (i !== -1) waiters.splice(i, 1)[0]!.resolve(message);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      deliver(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let nextId = 1;
  const response = (id: unknown) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const already = messages.find((m) => m.id === id);
      if (already) return resolve(already);
      waiters.push({ id, resolve });
      void exited.then(() => setTimeout(() => reject(new Error(`the server exited before answering ${String(id)}; stderr:\n${stderr}`)), 50));
    });
  const send = (message: unknown) => child.stdin.write(JSON.stringify(message) + '\n');
  return {
    child,
    lines,
    stderr: () => stderr,
    send,
    sendRaw: (line) => child.stdin.write(line + '\n'),
    request: (method, params) => {
      const id = nextId++;
      send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
      return response(id);
    },
    response,
    exited,
  };
}
