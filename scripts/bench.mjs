#!/usr/bin/env node
/**
 * Benchmark: a static scan of the whole real corpus laid out as one marketplace per repository snapshot,
 * run through the built CLI (`--no-probe --json`), against `node -e 0` as the process floor.
 * Prints wall time and peak memory; ratios are measured in one run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultCorpus } from './corpus/agreement.mjs';
import { hookBench, printHook } from './bench/hook-bench.mjs';
import { printFootprint } from './bench/footprint.mjs';
import { hostileBench, printHostileBench } from './bench/hostile-bench.mjs';
import { printProbeBench, probeBench } from './bench/probe-bench.mjs';
import { printScaleBench, scaleBench } from './bench/scale-bench.mjs';
import { printStartup } from './bench/startup.mjs';
import { liveBench, printLiveBench } from './bench/live-bench.mjs';
import { printResultSize, resultSizeBench } from './bench/result-size.mjs';
import { boundsBench, printBounds } from './bench/mcp-bounds.mjs';

if (process.argv.includes('--footprint-only')) {
  printFootprint();
  process.exit(0);
}

if (process.argv.includes('--startup-only')) {
  printStartup();
  process.exit(0);
}

if (process.argv.includes('--live-only')) {
  printLiveBench(await liveBench());
  process.exit(0);
}

if (process.argv.includes('--hook-only')) {
  printHook(await hookBench());
  process.exit(0);
}
if (process.argv.includes('--mcp-only')) {
  printResultSize(await resultSizeBench());
  printBounds(await boundsBench());
  printHook(await hookBench());
  process.exit(0);
}
if (process.argv.includes('--probe-only')) {
  await printProbe();
  process.exit(0);
}

const cli = join(dirname(new URL(import.meta.url).pathname), '..', 'dist', 'cli', 'main.js');
const corpus = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? defaultCorpus;
if (!existsSync(corpus)) {
  console.error(`corpus not found at ${corpus}`);
  process.exit(2);
}

// Every folder in the corpus that holds a marketplace.json, plugin.json or .mcp.json becomes one PATH argument.
const work = mkdtempSync(join(tmpdir(), 'mcp-doctor-bench-'));
const targets = [];
for (const repo of readdirSync(corpus)) {
  const src = join(corpus, repo);
  if (!statSync(src).isDirectory()) continue;
  const dst = join(work, repo);
  cpSync(src, dst, { recursive: true });
  const walk = (dir) => {
    const names = readdirSync(dir);
    const hasMarket = existsSync(join(dir, '.claude-plugin', 'marketplace.json'));
    const hasPlugin = existsSync(join(dir, '.claude-plugin', 'plugin.json')) || names.includes('.mcp.json');
    if (hasMarket || hasPlugin) targets.push(dir);
    for (const n of names) if (n !== '.claude-plugin' && statSync(join(dir, n)).isDirectory()) walk(join(dir, n));
  };
  walk(dst);
}

function time(args) {
  const runs = [];
  let peak = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd: work, encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: work }, maxBuffer: 256 * 1024 * 1024 });
    runs.push(performance.now() - t);
    peak = Math.max(peak, Number(r.stderr.trim().split('\n').at(-1)) || 0);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[2], min: runs[0], max: runs[4], peakKb: peak };
}

const floor = time(['-e', '0']);
const scan = time([cli, '--no-probe', '--json', ...targets]);
const one = time([cli, '--no-probe', '--json', targets[0]]);
rmSync(work, { recursive: true, force: true });
const fmt = (t) => `${(t.median / 1000).toFixed(3)} s median (min ${(t.min / 1000).toFixed(3)}, max ${(t.max / 1000).toFixed(3)}), peak RSS ${(t.peakKb / 1024).toFixed(0)} MiB`;
console.log(`static scan of the corpus: ${targets.length} marketplace/plugin folders, 5 runs each`);
console.log(`  node -e 0 (process floor):   ${fmt(floor)}`);
console.log(`  mcp-doctor, one folder:      ${fmt(one)}`);
console.log(`  mcp-doctor, whole corpus:    ${fmt(scan)}`);
console.log(`  whole corpus / floor:        ${(scan.median / floor.median).toFixed(1)}x; per folder above the one-folder run: ${((scan.median - one.median) / Math.max(1, targets.length - 1)).toFixed(2)} ms`);

await printProbe();
printStartup();
printFootprint();
printHook(await hookBench());
printLiveBench(await liveBench());
printResultSize(await resultSizeBench());
printBounds(await boundsBench());

async function printProbe() {
  printProbeBench(await probeBench());
  printScaleBench(await scaleBench());
  printHostileBench(await hostileBench());
}
