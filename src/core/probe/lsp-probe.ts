/**
 * Probes a plugin's LSP server the way Claude Code starts it on the first matching file: the program with its
 * args, cwd = the project, Content-Length framed JSON-RPC on stdio; `initialize`, a reply expected, then `shutdown`
 * and `exit`. Process handling is the MCP probe's (server-process.ts: own process group, tracked descendants,
 * reaped on every path); stderr is kept head and tail only, stdout frames are bounded.
 */
import { pathToFileURL } from 'node:url';
import { CLAUDE_CODE_VERSION } from '../model/claude-code.js';
import type { DoctorContext } from '../model/context.js';
import type { ServerEntry } from '../model/types.js';
import { BoundedCapture } from './bounded-capture.js';
import type { ProbeResult } from '../model/probe-types.js';
import { ResourceExhausted, isResourceErrno } from './resource-error.js';
import { reap, spawnServer, type ServerProcess } from './server-process.js';
import { errnoOf } from './stdio-session.js';

/** A reply bigger than this is not an initialize result; the probe stops reading. */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** How long a healthy server gets to answer shutdown and leave on exit before it is killed anyway. */
const SHUTDOWN_GRACE_MS = 500;

/** Splits a byte stream into Content-Length frames. */
class FrameReader {
  private buffer = Buffer.alloc(0);
  constructor(
    private readonly onMessage: (msg: unknown) => void,
    private readonly onGarbage: (text: string) => void,
  ) {}
  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) {
        if (this.buffer.length > 8192) this.fail(this.buffer.subarray(0, 200).toString('utf8'));
        return;
      }
      const header = this.buffer.subarray(0, headerEnd).toString('latin1');
      const m = /(?:^|\r\n)content-length:\s*(\d+)/i.exec(header);
      if (!m) return this.fail(header.slice(0, 200));
      const length = Number(m[1]);
      if (length > MAX_FRAME_BYTES) return this.fail(`a frame of ${length} bytes`);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      try {
        this.onMessage(JSON.parse(body));
      } catch {
        this.onGarbage(body.slice(0, 200));
      }
    }
  }
  private fail(text: string): void {
    this.buffer = Buffer.alloc(0);
    this.onGarbage(text);
  }
}

const frame = (msg: object) => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

export async function probeLsp(server: ServerEntry, ctx: DoctorContext, opts: { timeoutMs: number }): Promise<{ result: ProbeResult; stderrText: string }> {
  const command = server.expanded.command ?? '';
  const base: ProbeResult = { transport: 'stdio', outcome: 'timeout', durationMs: 0, timeoutMs: opts.timeoutMs, stderrTail: [], stderrBytes: 0, stdoutNoise: [], command };
  const started = performance.now();
  let proc: ServerProcess;
  try {
    proc = spawnServer(server, ctx);
  } catch (error) {
    const spawnError = errnoOf(error, command);
    if (isResourceErrno(spawnError.code)) throw new ResourceExhausted(spawnError.code);
    return { result: { ...base, outcome: 'spawn-failed', spawnError, durationMs: Math.round(performance.now() - started) }, stderrText: '' };
  }
  const { child } = proc;
  const stderr = new BoundedCapture();
  child.stderr?.on('data', (c: Buffer) => stderr.push(c));
  child.stderr?.on('error', () => {});
  child.stdout?.on('error', () => {});

  const result = await new Promise<ProbeResult>((resolve) => {
    let settled = false;
    const finish = (r: Partial<ProbeResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...base, ...r, durationMs: Math.round(performance.now() - started) });
    };
    const timer = setTimeout(() => finish({ outcome: 'timeout' }), opts.timeoutMs);
    child.once('error', (error) => {
      const spawnError = errnoOf(error, command);
      finish({ outcome: 'spawn-failed', spawnError });
    });
    child.once('exit', (code, signal) => finish({ outcome: 'crashed', exit: { code, signal } }));
    const reader = new FrameReader(
      (msg) => {
        const m = msg as { id?: unknown; result?: { serverInfo?: { name?: unknown; version?: unknown } }; error?: { message?: unknown } };
        if (m.id !== 1) return; // notifications and the server's own requests (window/logMessage, …)
        if (m.error) return finish({ outcome: 'protocol-error', protocolError: String(m.error.message ?? 'error reply') });
        if (!m.result || typeof m.result !== 'object') return finish({ outcome: 'protocol-error', protocolError: 'the reply has no result' });
        const info = m.result.serverInfo;
        finish({ outcome: 'answered', ...(info && typeof info.name === 'string' ? { serverInfo: { name: info.name, version: String(info.version ?? '') } } : {}) });
      },
      (text) => {
        if (base.stdoutNoise.length < 5) base.stdoutNoise.push(text);
      },
    );
    child.stdout?.on('data', (c: Buffer) => reader.push(c));
    child.once('spawn', () => {
      proc.stdin?.write(
        frame({
          id: 1,
          method: 'initialize',
          params: {
            processId: process.pid,
            clientInfo: { name: 'claude-code', version: CLAUDE_CODE_VERSION },
            rootUri: pathToFileURL(ctx.cwd).href,
            workspaceFolders: [{ uri: pathToFileURL(ctx.cwd).href, name: ctx.cwd.split('/').pop() || ctx.cwd }],
            capabilities: {},
          },
        }),
      );
    });
  });

  if (result.outcome === 'answered') {
    // Leave as Claude Code does at session end: shutdown, then exit; killed anyway after a short grace.
    proc.stdin?.write(frame({ id: 2, method: 'shutdown' }));
    proc.stdin?.write(frame({ method: 'exit' }));
    await new Promise<void>((r) => {
      if (child.exitCode !== null || child.signalCode !== null) return r();
      const t = setTimeout(r, SHUTDOWN_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
  } else if (result.outcome === 'crashed') {
    // What it wrote just before exiting is still in the pipe.
    await new Promise((r) => setTimeout(r, 30));
  }
  reap(proc, ctx.platform);
  result.stderrTail = stderr.lastLines(10);
  result.stderrBytes = stderr.bytes;
  return { result, stderrText: stderr.text() };
}
