/**
 * Probe benchmark: N installed servers that each take 1 s to start; the full `mcp-doctor --json` run
 * against the floor (scripts/bench/floor.mjs). Also: k hanging servers among them cost one timeout.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cli, fixture, makeHome, median, python, run } from './measure.mjs';

const here = new URL('.', import.meta.url).pathname;

export async function probeBench({ n = 20, runs = 5 } = {}) {
  // Distinct args: Claude Code (and mcp-doctor) start only one of several servers with the same command line.
  const slow = Array.from({ length: n }, (_, i) => ({ command: python, args: [fixture, 'ok', '--delay', '1', '--name', `s${i}`] }));
  const root = makeHome(slow);
  const floor = [];
  const doctor = [];
  let answered = 0;
  for (let i = 0; i < runs; i++) {
    floor.push((await run([join(here, 'floor.mjs'), join(root, 'servers.json')], root)).ms);
    const d = await run([cli, '--json'], root);
    doctor.push(d.ms);
    answered = JSON.parse(d.stdout).servers.filter((s) => s.probe?.outcome === 'answered').length;
  }
  rmSync(root, { recursive: true, force: true });

  const k = 4;
  const hang = makeHome([...slow.slice(0, n - k), ...Array.from({ length: k }, (_, i) => ({ command: python, args: [fixture, 'hang', '--name', `h${i}`] }))]);
  const hangRun = await run([cli, '--json', '--timeout', '2s'], hang);
  rmSync(hang, { recursive: true, force: true });

  const f = median(floor);
  const d = median(doctor);
  return { n, runs, answered, floorMs: f, doctorMs: d, ratio: d / f, k, hangMs: hangRun.ms };
}

export function printProbeBench(r) {
  console.log(`\nprobe: ${r.n} servers (${python}) that each take 1 s to start, ${r.runs} runs each (median)`);
  console.log(`  floor (start all, wait for every initialize answer): ${(r.floorMs / 1000).toFixed(2)} s`);
  console.log(`  mcp-doctor --json (discover, check, probe, report):  ${(r.doctorMs / 1000).toFixed(2)} s, ${r.answered}/${r.n} answered`);
  console.log(`  ratio: ${r.ratio.toFixed(2)}x the floor (goal: within 1.3x; claude mcp list measured 5.5x)`);
  console.log(`  ${r.k} hanging servers among ${r.n}, --timeout 2s: ${(r.hangMs / 1000).toFixed(2)} s in total (one timeout, not ${r.k})`);
}

if (import.meta.url === `file://${process.argv[1]}`) printProbeBench(await probeBench());
