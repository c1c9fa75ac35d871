/**
 * Probes one server by its transport and collects Claude Code's own last recorded error for it.
 * Stdio servers also get the optional server/discover check Claude Code sends first.
 */
import { CLAUDE_CODE_VERSION, DISCOVER_PROTOCOL_VERSION } from '../model/claude-code.js';
import type { DoctorContext } from '../model/context.js';
import { resolveCommand } from '../command/resolve-command.js';
import type { ServerEntry } from '../model/types.js';
import { probeRemote } from './http-session.js';
import type { ProbeResult } from '../model/probe-types.js';
import { LineSplitter } from './line-splitter.js';
import { reap, spawnServer, type ServerProcess } from './server-process.js';
import { runtimeTooOld } from './runtime-age.js';
import { probeStdio } from './stdio-session.js';
import { stripEscapes } from '../util/safe-text.js';

export interface ProbeOptions {
  timeoutMs: number;
  version: string;
  /** Also send Claude Code's first request, server/discover, in a separate process. */
  discover: boolean;
  /** A cancelled run: the probe stops at once and kills what it started (it rejects with the reason). */
  signal?: AbortSignal;
}

export function isProbeable(server: ServerEntry): boolean {
  if (server.skipReason) return false;
  if (server.transport === 'stdio') return !!server.expanded.command;
  return server.transport === 'http' || server.transport === 'sse';
}

export async function probeServer(server: ServerEntry, ctx: DoctorContext, opts: ProbeOptions): Promise<{ result: ProbeResult; stderrText: string; interpreter: string }> {
  if (server.transport !== 'stdio') {
    const result = await probeRemote(server, opts);
    opts.signal?.throwIfAborted();
    return { result, stderrText: '', interpreter: '' };
  }
  const command = server.expanded.command ?? '';
  const [{ result, stderrText }, discover, resolved] = await Promise.all([
    probeStdio(server, ctx, opts),
    opts.discover ? discoverReaction(server, ctx, Math.min(opts.timeoutMs, 5_000)) : Promise.resolve(undefined),
    resolveCommand(command, ctx.cwd, ctx.env, ctx.platform),
  ]);
  if (discover) result.discover = discover;
  const interpreter = resolved.path ?? command;
  if (result.outcome === 'crashed' && !result.background) {
    const tooOld = await runtimeTooOld(server, ctx, stripEscapes(stderrText), interpreter);
    if (tooOld) result.runtimeTooOld = tooOld;
  }
  return { result, stderrText, interpreter };
}

/**
 * Claude Code first sends `server/discover`; a server that exits on it is started again with initialize.
 * Probed in its own process (as the SDK does), so the main probe sees a fresh server.
 */
async function discoverReaction(server: ServerEntry, ctx: DoctorContext, timeoutMs: number): Promise<ProbeResult['discover']> {
  return new Promise((resolve) => {
    let proc: ServerProcess;
    try {
      proc = spawnServer(server, ctx);
    } catch {
      resolve(undefined);
      return;
    }
    const { child } = proc;
    let settled = false;
    const done = (v: ProbeResult['discover']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reap(proc, ctx.platform);
      resolve(v);
    };
    const timer = setTimeout(() => done('silent'), timeoutMs);
    child.on('error', () => done(undefined));
    child.on('exit', () => done('died'));
    child.stdout?.on('error', () => {});
    child.stderr?.on('error', () => {});
    child.stderr?.resume(); // drained, not kept: the main probe reports stderr
    const lines = new LineSplitter((line) => {
      try {
        const msg = JSON.parse(line) as { id?: unknown; result?: unknown };
        if (msg.id === 'server-discover-probe-1') done(msg.result ? 'modern' : 'legacy');
      } catch {
        /* noise is the main probe's to report */
      }
    });
    child.stdout?.on('data', (c: Buffer) => lines.push(c));
    child.once('spawn', () => {
      proc.stdin?.write(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 'server-discover-probe-1',
          method: 'server/discover',
          params: { _meta: { 'io.modelcontextprotocol/protocolVersion': DISCOVER_PROTOCOL_VERSION, 'io.modelcontextprotocol/clientInfo': { name: 'claude-code', version: CLAUDE_CODE_VERSION } } },
        }) + '\n',
      );
    });
  });
}
