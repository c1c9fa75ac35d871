/**
 * Turns what a probe saw into findings. The root cause wins: when a static check already explained the
 * failure (a dangling venv, a missing binary) or stderr names it (ModuleNotFoundError), the probe's
 * symptom (spawn failed, crashed) is kept as linked evidence at severity info, not as a second error.
 */
import { catalog, type Code } from '../model/catalog.js';
import { decidesServer } from '../model/effect.js';
import { rootCause as pickRootCause } from '../model/root-cause.js';
import { ACCEPTED_PROTOCOL_VERSIONS, INITIALIZE_PROTOCOL_VERSION } from '../model/claude-code.js';
import type { Evidence, Finding, FindingInput, Location, ServerEntry } from '../model/types.js';
import { stripEscapes } from '../util/safe-text.js';
import { shellLine } from '../model/shell-quote.js';
import { errorLine } from '../model/error-line.js';
import { classifyStderr } from './classify-stderr.js';
import type { ProbeResult } from '../model/probe-types.js';


/** Static codes that already name the root cause a stderr signature points to. */
const sameRootCause: Partial<Record<Code, Code[]>> = {
  'deps.node-module': ['deps.node-module', 'deps.not-installed'],
  'command.script-missing': ['command.script-missing', 'command.unbuilt', 'config.unexpanded-path', 'config.relative-path'],
  'command.bad-interpreter': ['command.bad-interpreter'],
  'deps.python-module': ['deps.python-module', 'venv.broken-interpreter'],
};

/** Symptom codes that a root-cause finding explains. */
const symptoms: Code[] = ['probe.spawn-failed', 'probe.crashed', 'probe.timeout'];

export interface ProbeFindings {
  findings: FindingInput[];
  /** Static findings the probe confirmed (a guarded toolchain that really was needed): raise to error. */
  confirm: Finding[];
}

export function probeFindings(server: ServerEntry, r: ProbeResult, stderrText: string, interpreter: string, existing: Finding[], claudeTimeoutMs: number): ProbeFindings {
  const location: Location = server.source;
  const out: FindingInput[] = [];
  // The line that names the error, not the footer; and a shown tail that contains it.
  const stderrLast = errorLine(stderrText ? stripEscapes(stderrText).split(/\r?\n/) : r.stderrTail) ?? r.stderrTail.at(-1);
  const stderrTail = shownTail(r.stderrTail, stderrLast);
  const stdout = { stdoutFirst: r.stdoutNoise[0], stdoutUnterminated: r.stdoutUnterminated, stdoutUnterminatedBytes: r.stdoutUnterminatedBytes };
  const commandLine = shellLine([server.expanded.command ?? '', ...server.expanded.args]);

  switch (r.outcome) {
    case 'answered':
      break;
    case 'spawn-failed': {
      const e = r.spawnError;
      out.push({ code: 'probe.spawn-failed', location, args: { path: e?.path ?? server.expanded.command ?? '', errno: e?.code ?? '?', syscall: e?.syscall ?? 'spawn', error: e?.message } });
      break;
    }
    case 'crashed':
      if (r.background) {
        out.push({ code: 'probe.backgrounded', location, args: { exitCode: r.exit?.code ?? 0, background: r.background.join(', ') || undefined, stderrLast, stderrTail, durationMs: r.durationMs, commandLine } });
        break;
      }
      out.push({ code: 'probe.crashed', location, args: { exitCode: r.exit?.code ?? null, signal: r.exit?.signal ?? null, stderrLast, stderrTail, stderrBytes: r.stderrBytes, ...stdout, commandLine, durationMs: r.durationMs } });
      break;
    case 'timeout': {
      const stalled = r.stdinStalled;
      const requests = r.serverRequests ? Object.entries(r.serverRequests).map(([method, n]) => `${n} ${method} request${n === 1 ? '' : 's'}`).join(', ') : undefined;
      out.push({
        code: 'probe.timeout',
        location,
        args: {
          timeoutMs: r.timeoutMs,
          stderrLast,
          stderrTail,
          ...stdout,
          stdoutBytes: r.stdoutBytes,
          unterminatedReply: r.unterminatedReply,
          serverRequests: requests,
          stdinStalled: !!stalled,
          queuedBytes: stalled?.queuedBytes,
          droppedReplies: stalled?.dropped,
        },
      });
      break;
    }
    case 'protocol-error':
      out.push({ code: 'probe.protocol', location, args: { detail: r.protocolError ?? 'invalid message', stdoutFirst: r.stdoutNoise[0] } });
      break;
    case 'version-mismatch':
      out.push({
        code: 'probe.version-mismatch',
        location,
        args: { serverVersions: (r.supportedVersions ?? (r.protocolVersion ? [r.protocolVersion] : [])).join(', '), requested: INITIALIZE_PROTOCOL_VERSION, accepted: ACCEPTED_PROTOCOL_VERSIONS.join(', '), detail: r.protocolError },
      });
      break;
    case 'needs-auth':
      out.push({ code: 'probe.needs-auth', location, args: { url: r.http?.url ?? '', resourceMetadata: r.http?.resourceMetadata } });
      break;
    case 'http-error': {
      const h = r.http;
      if (h?.streamableHttp) {
        out.push({ code: 'probe.wrong-transport', location, args: { url: h.url, status: h.status, declared: 'sse', actual: 'http' } });
        break;
      }
      out.push({ code: 'probe.http-error', location, args: { url: h?.url ?? '', error: h?.error, status: h?.status, kind: h?.errorKind, timeoutMs: r.timeoutMs, sseFallback: !!h?.sseFallback } });
      break;
    }
  }
  if (r.stdoutNoise.length > 0 && r.outcome !== 'protocol-error') {
    out.push({ code: 'probe.stdout-noise', location, args: { count: r.stdoutNoise.length, first: r.stdoutNoise[0], lines: r.stdoutNoise } });
  }
  if (r.outcome === 'answered' && r.durationMs > claudeTimeoutMs / 2) {
    out.push({ code: 'probe.slow-start', location, args: { durationMs: r.durationMs, claudeTimeoutMs } });
  }
  if (r.leftProcesses && r.leftProcesses.length > 0) out.push({ code: 'probe.left-processes', location, args: { count: r.leftProcesses.length, processes: r.leftProcesses.join(', ') } });
  const old = r.runtimeTooOld;
  if (old) out.push({ code: old.runtime === 'node' ? 'runtime.node-too-old' : 'runtime.python-too-old', location, args: { ...old, stderrTail } });
  if (r.outcome === 'answered' && r.toolsError) out.push({ code: 'probe.tools-failed', location, args: { error: r.toolsError } });
  // Only worth saying for a server that otherwise works: one that crashes anyway crashes on discover too.
  if (r.discover === 'died' && r.outcome === 'answered') out.push({ code: 'probe.discover-crash', location, args: {} });

  // Root causes named by stderr, unless a static check already reported the same thing.
  const confirm: Finding[] = [];
  const own = existing.filter((f) => decidesServer(f, server));
  if (r.outcome === 'crashed' || r.outcome === 'timeout') {
    for (const c of classifyStderr(stripEscapes(stderrText), interpreter)) {
      if (c.code === 'command.toolchain-missing' && own.some((f) => f.code === 'command.runner-required' && (f.args as { program?: unknown } | undefined)?.program === (c.args as { tool?: unknown } | undefined)?.tool)) continue;
      const equivalent = sameRootCause[c.code] ?? [c.code];
      const same = own.find((f) => equivalent.includes(f.code) && (c.code !== 'command.toolchain-missing' || f.args?.tool === (c.args as Evidence | undefined)?.tool));
      if (same) {
        if (same.severity !== 'error') confirm.push(same);
        continue;
      }
      out.push({ ...c, location, args: { ...c.args, stderrTail } } as FindingInput);
    }
  }

  // Link symptoms to the root cause, static or from stderr.
  // The one root-cause rule, over what can explain a symptom: static errors, causes stderr named, and static
  // warnings the probe confirmed (they become errors). In author mode a program this machine lacks
  // (command.runner-required, a note) explains the failure here too: it is the machine's, not the plugin's.
  const explaining = [
    ...own.filter((f) => f.severity === 'error' && !symptoms.includes(f.code)),
    ...out.filter((f) => !symptoms.includes(f.code) && !f.code.startsWith('probe.')).map((f) => ({ ...f, severity: f.severity ?? catalog[f.code].severity })),
    ...confirm.map((f) => ({ ...f, severity: 'error' as const })),
    ...own.filter((f) => f.code === 'command.runner-required').map((f) => ({ ...f, severity: 'error' as const })),
  ];
  const rootCause = pickRootCause(explaining)?.code;
  if (rootCause) {
    for (const f of out) {
      if (symptoms.includes(f.code)) {
        f.severity = 'info';
        (f as Finding).causedBy = rootCause;
      }
    }
  }
  return { findings: out, confirm };
}

/**
 * At most eight lines of the stderr tail, always holding the error line: the last eight when it is among
 * them, else eight starting just before it, else the error line, a gap, and the last six.
 */
export function shownTail(tail: string[], error: string | undefined): string[] {
  const last = tail.slice(-8);
  if (!error || last.some((l) => l.trim() === error)) return last;
  const at = tail.findIndex((l) => l.trim() === error);
  if (at !== -1) return tail.slice(Math.max(0, at - 1), Math.max(0, at - 1) + 8);
  return [error, '…', ...tail.slice(-6)];
}
