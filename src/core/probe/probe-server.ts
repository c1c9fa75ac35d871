/**
 * Probes one server by its transport and collects Claude Code's own last recorded error for it. Stdio
 * servers get Claude Code's handshake, server/discover first (stdio-session.ts).
 */
import type { DoctorContext } from '../model/context.js';
import { resolveCommand } from '../command/resolve-command.js';
import type { ServerEntry } from '../model/types.js';
import { probeRemote } from './http-session.js';
import type { ProbeResult } from '../model/probe-types.js';
import { runtimeTooOld } from './runtime-age.js';
import { probeStdio } from './stdio-session.js';
import { probeLsp } from './lsp-probe.js';
import { stripEscapes } from '../util/safe-text.js';
import { readText } from '../util/fs-facts.js';
import { isShellScript } from '../command/shebang.js';
import { scanLauncher } from '../command/launcher-scan.js';

/** Toolchains a launcher runs to fetch or build the server, not just to run it. */
const fetchOrBuild = new Set(['go', 'cargo', 'uv', 'uvx', 'npm', 'npx', 'bun', 'bunx', 'pnpm', 'yarn', 'pip', 'pip3', 'pipx', 'poetry', 'docker', 'podman', 'make', 'cmake', 'mvn', 'gradle', 'dotnet', 'deno']);

export interface ProbeOptions {
  timeoutMs: number;
  version: string;
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
  if (server.kind === 'lsp') return { ...(await probeLsp(server, ctx, opts)), interpreter: command };
  const [{ result, stderrText }, resolved] = await Promise.all([probeStdio(server, ctx, opts), resolveCommand(command, ctx.cwd, ctx.env, ctx.platform)]);
  const interpreter = resolved.path ?? command;
  // Started twice: what a shell launcher fetches or builds before it fails, it does twice.
  if (result.startedTwice && resolved.path && (await isShellScript(resolved.path))) {
    const text = await readText(resolved.path, 256 * 1024);
    const steps = text ? scanLauncher(text).filter((u) => fetchOrBuild.has(u.tool)).map((u) => u.tool) : [];
    if (steps.length > 0) result.launcherTools = steps;
  }
  if (result.outcome === 'crashed' && !result.background) {
    const tooOld = await runtimeTooOld(server, ctx, stripEscapes(stderrText), interpreter);
    if (tooOld) result.runtimeTooOld = tooOld;
  }
  return { result, stderrText, interpreter };
}
