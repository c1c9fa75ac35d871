/**
 * Many servers at once (issue: 600 at once crawled at 10 spawns a second and flagged 452 healthy servers as
 * slow). 300 healthy servers that each take 1 s to start, under Claude Code's default 30 s timeout: the wall
 * time, how many healthy servers were called slow (must be 0), each server's own time (from its own spawn),
 * and the doctor's peak memory. Also the pool size this machine gets.
 */
import { rmSync } from 'node:fs';
import { cli, fixture, makeHome, mib, python, run } from './measure.mjs';

export async function scaleBench({ n = 300 } = {}) {
  const root = makeHome(Array.from({ length: n }, (_, i) => ({ command: python, args: [fixture, 'ok', '--delay', '1', '--name', `s${i}`] })));
  const r = await run([cli, '--json'], root);
  rmSync(root, { recursive: true, force: true });
  const servers = JSON.parse(r.stdout).servers;
  const times = servers.map((s) => s.probe?.durationMs ?? 0).sort((a, b) => a - b);
  const { poolSize } = await import('../../.build/engine.js');
  return {
    n,
    ms: r.ms,
    peakKb: r.peakKb,
    answered: servers.filter((s) => s.probe?.outcome === 'answered').length,
    slow: servers.filter((s) => s.findings.some((f) => f.code === 'probe.slow-start')).length,
    median: times[Math.floor(times.length / 2)],
    max: times.at(-1),
    pool: poolSize({ discover: false }),
  };
}

export function printScaleBench(r) {
  console.log(`\n${r.n} healthy servers that each take 1 s to start (default 30 s timeout; pool: ${r.pool.slots} at a time = min(${r.pool.cores} cores x 24, descriptors ${r.pool.descriptorLimit ?? 'unknown'}))`);
  console.log(`  wall time: ${(r.ms / 1000).toFixed(2)} s, ${r.answered}/${r.n} answered`);
  console.log(`  false slow-starts: ${r.slow} (must be 0)`);
  console.log(`  each server's own time, from its own spawn: median ${r.median} ms, max ${r.max} ms`);
  console.log(`  peak RSS of the doctor: ${mib(r.peakKb)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) printScaleBench(await scaleBench());
