/** What an LSP probe result means, as findings on the LSP row; a static finding that already explains it wins. */
import { shellLine } from '../model/shell-quote.js';
import type { Finding, FindingInput, ServerEntry } from '../model/types.js';
import { lspExtensions } from '../discover/plugin-lsp.js';
import type { ProbeResult } from '../model/probe-types.js';

export function lspProbeFindings(server: ServerEntry, result: ProbeResult, known: readonly Finding[]): FindingInput[] {
  if (result.outcome === 'answered') return [];
  // command.not-found, hook-free static causes, an invalid entry: the probe only repeats them.
  if (known.some((f) => f.server === server.id && f.severity === 'error')) return [];
  const location = server.source;
  const common = {
    server: server.id,
    extensions: lspExtensions(server.config).join(' / ') || null,
    runLine: shellLine([server.expanded.command ?? '', ...server.expanded.args]),
    stderr: result.stderrTail.at(-1) ?? null,
  };
  switch (result.outcome) {
    case 'spawn-failed':
      return [{ code: 'lsp.spawn-failed', location, args: { ...common, command: server.expanded.command ?? '', error: result.spawnError ? `${result.spawnError.code} (${result.spawnError.message})` : 'unknown error' } }];
    case 'crashed':
      return [{ code: 'lsp.crashed', location, args: { ...common, code: result.exit?.code ?? null, signal: result.exit?.signal ?? null } }];
    case 'timeout':
      return [{ code: 'lsp.timeout', location, args: { ...common, timeoutMs: result.timeoutMs, stdoutFirst: result.stdoutNoise[0] ?? null } }];
    default:
      return [{ code: 'lsp.protocol-error', location, args: { ...common, error: result.protocolError ?? result.outcome } }];
  }
}
