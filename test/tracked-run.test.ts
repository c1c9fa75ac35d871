/** Short helper programs the doctor runs itself end with their whole group, even when a grandchild holds the pipes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTracked } from '../src/core/util/tracked-run.js';

/** Running, not merely a zombie waiting for whoever inherited it to reap it. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('runTracked', () => {
  it('returns when the program exits, though a background grandchild keeps its stdout, and kills that grandchild', async () => {
    const started = Date.now();
    const r = await runTracked('sh', ['-c', 'sleep 60 & echo "grandchild $!"; exit 0'], { timeoutMs: 30_000, capture: true });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(0);
    const pid = Number(/grandchild (\d+)/.exec(r.output)?.[1]);
    expect(pid).toBeGreaterThan(0);
    // Killed with its group: give the kernel a moment to reap it.
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((res) => setTimeout(res, 20));
    expect(alive(pid)).toBe(false);
  });

  it('kills a program that outlives its timeout, group and all', async () => {
    // The child's own pid is written first, so the test looks at the process it started and no other.
    const r = await runTracked('sh', ['-c', 'sleep 60 & echo "child $!"; wait'], { timeoutMs: 500, capture: true });
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe('SIGKILL');
    const pid = Number(/child (\d+)/.exec(r.output)?.[1]);
    expect(pid).toBeGreaterThan(0);
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((res) => setTimeout(res, 20));
    expect(alive(pid)).toBe(false);
  });

  it('says when the program does not exist', async () => {
    const r = await runTracked('mcp-doctor-no-such-program', [], { timeoutMs: 1000 });
    expect(r.spawnError?.code).toBe('ENOENT');
  });
});
