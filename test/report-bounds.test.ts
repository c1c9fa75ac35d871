/**
 * What a server prints is bounded where it enters the report (core/util/bound-output.ts), and the next step
 * is counted once from the findings and their fixes (core/fix/next-step.ts): table-driven, in process.
 */
import { describe, expect, it } from 'vitest';
import type { ReportFinding } from '../src/core/model/types.js';
import { boundLine, boundLines, boundProbe, byteSize, quotedLine } from '../src/core/util/bound-output.js';
import { nextStep, nextStepLine } from '../src/core/fix/next-step.js';

const flood = 'x'.repeat(16_384);

describe('bounding server output', () => {
  it.each([
    [512, '512 bytes'],
    [16_384, '16 KB'],
    [41_945_600, '40 MB'],
  ])('%i bytes are %s', (n, words) => expect(byteSize(n)).toBe(words));

  it('keeps a short line, cuts a long one with its size', () => {
    expect(boundLine('fatal: no token')).toBe('fatal: no token');
    const cut = boundLine(flood);
    expect([...cut].length).toBeLessThanOrEqual(240);
    expect(cut).toMatch(/^x+ … \[line of 16 KB\]$/);
  });

  it('folds a run of one line into the line and a count', () => {
    expect(boundLines(['a', flood, flood, flood, 'Error: boom'])).toEqual(['a', boundLine(flood), '[the line above, 2 more times]', 'Error: boom']);
  });

  it('quotes one short line, saying how much the server wrote when that is what made it long', () => {
    expect(quotedLine('Error: boom', 10)).toBe('Error: boom');
    const q = quotedLine(flood, 41_945_600)!;
    expect([...q].length).toBeLessThanOrEqual(120);
    expect(q).toMatch(/… \[line of 16 KB; 40 MB on stderr\]$/);
    expect(quotedLine('a\nb', 3)).toBe('a b');
  });

  it('bounds the probe record and leaves the rest of it alone', () => {
    const r = boundProbe({ transport: 'stdio', outcome: 'crashed', durationMs: 5, timeoutMs: 30_000, stderrTail: Array(20).fill(flood), stderrBytes: 41_945_600, stdoutNoise: [flood] });
    expect(r.stderrTail).toHaveLength(2);
    expect(r.stdoutNoise[0]!.length).toBeLessThanOrEqual(240);
    expect(r).toMatchObject({ outcome: 'crashed', stderrBytes: 41_945_600 });
  });
});

const f = (severity: ReportFinding['severity'], fix: ReportFinding['fix'] = null, causedBy: string | null = null): ReportFinding =>
  ({ code: 'x.y', severity, fixable: fix !== null, fix, causedBy }) as unknown as ReportFinding;

describe('the next step', () => {
  it.each([
    ['nothing to do', [], { fixable: 0, gated: [], manual: 0 }, null],
    ['notes and symptoms count for nothing', [f('info'), f('error', null, 'venv.missing')], { fixable: 0, gated: [], manual: 0 }, null],
    [
      'fixable, behind an option, by hand',
      [f('error', { kind: 'chmod', path: '/a', mode: 0o755 }), f('error', { kind: 'symlink', path: '/b', target: '/c' }), f('error', { kind: 'venv-create' } as ReportFinding['fix']), f('warning'), f('error')],
      { fixable: 2, gated: [{ option: '--rebuild-venvs', count: 1 }], manual: 2 },
      'Next: 2 fixable: mcp-doctor --fix · 1 more with mcp-doctor --fix --rebuild-venvs · 2 to do by hand',
    ],
    ['only by hand', [f('error'), f('warning')], { fixable: 0, gated: [], manual: 2 }, 'Next: 2 to do by hand (each finding says how)'],
  ] as const)('%s', (_why, findings, counts, line) => {
    const step = nextStep({ findings: [...findings] });
    expect(step).toEqual(counts);
    expect(nextStepLine(step)).toBe(line);
  });
});
