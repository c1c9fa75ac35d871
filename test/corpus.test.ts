/**
 * Every real manifest in ../shared/corpus/real (770 files, 970 oracle rows) against Claude Code 2.1.330's own
 * verdicts, per kind: no crash, ≥ 98% agreement on each kind, no file Claude Code accepts called broken, and
 * the same missing variables as its own warnings. `npm run corpus` prints the same figures with every finding.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script shared with `npm run corpus`
import { defaultCorpus, evaluateCorpus, kinds } from '../scripts/corpus/agreement.mjs';

interface KindResult {
  rows: number;
  accepted: number;
  rejected: number;
  agree: number;
  agreeAccepted: number;
  caught: number;
  counts: Record<string, { accepted: number; rejected: number }>;
}

interface CorpusResult {
  rows: number;
  crashes: string[];
  falseAlarms: string[];
  machineFailures: string[];
  envAgree: number;
  envRows: number;
  perKind: Record<string, KindResult>;
}

describe.skipIf(!existsSync(defaultCorpus))("real-world corpus against Claude Code's verdicts", () => {
  it('never crashes, agrees on every kind, never flags a file Claude Code accepts', async () => {
    const r = (await evaluateCorpus(defaultCorpus)) as CorpusResult;
    expect(r.rows).toBeGreaterThan(900);
    expect(r.crashes).toEqual([]);
    expect(r.falseAlarms).toEqual([]);
    // Author mode never fails a repository for a program the (CI) machine lacks (uvx, bun, deno, docker …).
    expect(r.machineFailures).toEqual([]);
    for (const kind of kinds as string[]) {
      const k = r.perKind[kind];
      expect(k?.rows, kind).toBeGreaterThan(100);
      expect(k!.agree / k!.rows, kind).toBeGreaterThanOrEqual(0.98);
      expect(k!.agreeAccepted, kind).toBe(k!.accepted);
    }
    expect(r.envAgree).toBe(r.envRows);
  });
});
