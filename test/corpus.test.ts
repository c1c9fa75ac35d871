/**
 * Every real manifest in ../shared/corpus/real (770 files, 970 oracle rows): no crash, no config.* error on
 * a file Claude Code 2.1.330 accepts, and the same missing variables as its own warnings.
 * `npm run corpus` prints the same figures with the details.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script shared with `npm run corpus`
import { defaultCorpus, evaluateCorpus } from '../scripts/corpus/agreement.mjs';

interface CorpusResult {
  rows: number;
  crashes: string[];
  accepted: number;
  falseAlarms: string[];
  rejected: number;
  caught: number;
  envAgree: number;
  envRows: number;
}

describe.skipIf(!existsSync(defaultCorpus))('real-world corpus against Claude Code\'s verdicts', () => {
  it('never crashes, never flags a file Claude Code accepts, and catches what it rejects', async () => {
    const r = (await evaluateCorpus(defaultCorpus)) as CorpusResult;
    expect(r.rows).toBeGreaterThan(900);
    expect(r.crashes).toEqual([]);
    expect(r.falseAlarms).toEqual([]);
    expect(r.caught / r.rejected).toBeGreaterThan(0.98);
    expect(r.envAgree).toBe(r.envRows);
  });
});
