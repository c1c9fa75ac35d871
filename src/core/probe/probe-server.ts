/**
 * Probes one server by its transport and collects Claude Code's own last recorded error for it.
 * Stdio servers also get the optional server/discover check Claude Code 2.1.330 sends first.
 */
import { spawn } from 'node:child_process';
import type { DoctorContext } from '../context.js';
import { resolveCommand } from '../command/resolve-command.js';
import type { ServerEntry } from '../types.js';
import { BoundedCapture } from './bounded-capture.js';
import { probeRemote } from './http-session.js';
import type { ProbeResult } from './probe-types.js';
import { probeStdio, serverEnvironment } from './stdio-session.js';

export interface ProbeOptions {
  timeoutMs: number;
  version: string;
  /** Also send Claude Code's first request, server/discover, in a separate process. */
  discover: boolean;
}

export function isProbeable(server: ServerEntry): boolean {
  if (server.skipReason) return false;
  if (server.transport === 'stdio') return !!server.expanded.command;
  return server.transport === 'http' || server.transport === 'sse';
}

export async function probeServer(server: ServerEntry, ctx: DoctorContext, opts: ProbeOptions): Promise<{ result: ProbeResult; stderrText: string; interpreter: string }> {
  if (server.transport !== 'stdio') {
    return { result: await probeRemote(server, opts), stderrText: '', interpreter: '' };
  }
  const command = server.expanded.command ?? '';
  const [result, discover, resolved] = await Promise.all([
    probeStdio(server, ctx, opts),
    opts.discover ? discoverReaction(server, ctx, Math.min(opts.timeoutMs, 5_000)) : Promise.resolve(undefined),
    resolveCommand(command, ctx.cwd, ctx.env),
  ]);
  if (discover) result.discover = discover;
  return { result, stderrText: result.stderrText ?? '', interpreter: resolved.path ?? command };
}

/**
 * Claude Code first sends `server/discover`; a server that exits on it is started again with initialize.
 * Probed in its own process (as the SDK does), so the main probe sees a fresh server.
 */
async function discoverReaction(server: ServerEntry, ctx: DoctorContext, timeoutMs: number): Promise<ProbeResult['discover']> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(server.expanded.command ?? '', server.expanded.args, { cwd: ctx.cwd, env: serverEnvironment(server, ctx), stdio: ['pipe', 'pipe', 'pipe'], detached: ctx.platform !== 'win32' });
    } catch {
      resolve(undefined);
      return;
    }
    const sink = new BoundedCapture(1024, 1024);
    let settled = false;
    const done = (v: ProbeResult['discover']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      child.stdin?.destroy();
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done('silent'), timeoutMs);
    child.on('error', () => done(undefined));
    child.on('exit', () => done('died'));
    child.stdin?.on('error', () => {});
    child.stderr?.on('data', (c: Buffer) => sink.push(c));
    let buffer = '';
    child.stdout?.on('data', (c: Buffer) => {
      buffer += c.toString('utf8');
      for (const line of buffer.split('\n').slice(0, -1)) {
        try {
          const msg = JSON.parse(line) as { id?: unknown; result?: unknown; error?: unknown };
          if (msg.id === 'server-discover-probe-1') done(msg.result ? 'modern' : 'legacy');
        } catch {
          /* noise is the main probe's to report */
        }
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
    child.once('spawn', () => {
      child.stdin?.write(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 'server-discover-probe-1',
          method: 'server/discover',
          params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'claude-code', version: '2.1.330' } } },
        }) + '\n',
      );
    });
  });
}
