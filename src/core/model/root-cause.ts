/**
 * Which finding explains the rest, by one rule for every output (the server's row, the detail view, the
 * Markdown table, the exit summary, the model's summary, the engine's linking of probe symptoms): the most
 * severe finding that is not itself a symptom of another (`causedBy`), in the order given (reports sort
 * findings errors first, then by file and line). Symptoms come only when nothing else is left. A note
 * (severity info) explains nothing: with only notes there is no root cause.
 */
import type { Severity } from './evidence.js';

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function rootCause<F extends { severity: Severity; causedBy?: unknown }>(findings: readonly F[]): F | undefined {
  let best: F | undefined;
  let bestKey = Infinity;
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const key = rank[f.severity] * 2 + (f.causedBy ? 1 : 0);
    if (key < bestKey) {
      best = f;
      bestKey = key;
    }
  }
  return best;
}
