#!/usr/bin/env node
/**
 * Start-up cost: `mcp-doctor --version` and `mcp-doctor --no-probe --json` (on a home with one plugin and
 * one server) against `node -e 0`, the process floor, as ratios measured in one run of this script. Runs
 * are interleaved (floor, version, json, floor, …) so a machine that slows down mid-run affects all three
 * alike; medians are reported. Also what importing Ink and React costs: what only the live view pays.
 * Usage: node scripts/bench/startup.mjs [runs]   (or: npm run bench -- --startup-only)
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeHome } from './measure.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(repo, 'dist', 'cli', 'main.js');

/** One plugin with one server (a file that exists; nothing is started: the runs are static). */
function oneServerHome() {
  const root = makeHome([{ command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/server.mjs'] }]);
  writeFileSync(join(root, 'mkt', 'plugins', 'bench', 'server.mjs'), '');
  return root;
}

function timeOnce(args, cwd, env) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return performance.now() - t;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Medians in ms of each command, from `runs` interleaved runs. */
export function startupBench(runs = 15) {
  const root = oneServerHome();
  const cwd = join(root, 'project');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: join(root, 'home') };
  const cases = {
    floor: ['-e', '0'],
    version: [cli, '--version'],
    help: [cli, '--help'],
    json: [cli, '--no-probe', '--json'],
    ink: ['--input-type=module', '-e', "await import('ink'); await import('react')"],
  };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  try {
    for (const [k, args] of Object.entries(cases)) timeOnce(args, k === 'ink' ? repo : cwd, env); // warm the file cache
    for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) times[k].push(timeOnce(args, k === 'ink' ? repo : cwd, env));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { runs, ...Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)])) };
}

export function printStartup(runs) {
  const r = startupBench(runs);
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(`\nstart-up: ${r.runs} interleaved runs each (median)`);
  console.log(`  node -e 0 (process floor):        ${ms(r.floor)}`);
  console.log(`  mcp-doctor --version:             ${ms(r.version)}  ${(r.version / r.floor).toFixed(2)}x the floor (goal: within 1.3x)`);
  console.log(`  mcp-doctor --help:                ${ms(r.help)}  ${(r.help / r.floor).toFixed(2)}x the floor (goal: within 1.3x)`);
  console.log(`  mcp-doctor --no-probe --json:     ${ms(r.json)}  ${(r.json / r.floor).toFixed(2)}x the floor (one plugin, one server)`);
  console.log(`  importing ink + react:            ${ms(r.ink)}  ${(r.ink / r.floor).toFixed(2)}x the floor (paid only when the live view opens)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) printStartup(Number(process.argv[2]) || undefined);
