#!/usr/bin/env node
/**
 * The live view as a user meets it, in a real pseudo-terminal (util-linux `script`, 100×30):
 * - first frame: from launch to the server list on the screen (the first server's name drawn), median of 10,
 *   on a home of 31 servers and one of 120;
 * - key press cost: the doctor's own CPU time (utime+stime from /proc) per `j` in the finished list, with
 *   and without a server that wrote 40 MB of one repeated 16 KB line on stderr;
 * - the text report's longest line on the flooding home.
 * Usage: node scripts/bench/live-bench.mjs   (or: npm run bench -- --live-only)
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cli, makeHome, median, run } from './measure.mjs';

const flood = { command: 'sh', args: ['-c', `line=$(printf '%16384s' '' | tr ' ' x); yes "$line" | head -n 2560 >&2; exit 1`] };
/** A server whose command is missing: found by the static checks, cheap to "start". */
const missing = (i) => ({ command: `\${CLAUDE_PLUGIN_ROOT}/bin/missing-${i}` });

/** The doctor in a pty of 100×30; `exec` so the pty's child is the doctor itself (its CPU is what is read). */
function launch(root, args = [], program = [cli]) {
  const command = `stty cols 100 rows 30; exec ${process.execPath} ${[...program, ...args].join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: join(root, 'project'),
    env: { PATH: process.env.PATH, HOME: join(root, 'home'), TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let screen = '';
  const waiters = [];
  child.stdout.on('data', (c) => {
    screen += c.toString('utf8');
    if (screen.length > 1_000_000) screen = screen.slice(-200_000);
    for (const w of [...waiters]) if (w.test(screen)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(performance.now()));
  });
  const until = (test, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      if (test(screen)) return resolve(performance.now());
      const w = { test, resolve };
      waiters.push(w);
      setTimeout(() => reject(new Error(`timed out; screen ends: ${JSON.stringify(screen.slice(-300))}`)), timeoutMs).unref();
    });
  const doctorPid = () => Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
  const stop = () =>
    new Promise((resolve) => {
      child.on('close', resolve);
      child.stdin.write('\x03');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  return { child, until, doctorPid, stop };
}

/** utime + stime of a process, in ms (clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Median ms from launch to "s0" on the screen; the floor is node printing "s0" itself in the same pty. */
async function firstFrame(root, runs = 10, floor = false) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const t = floor ? launch(root, [], ['-e', `"process.stdout.write('s0'); setTimeout(() => {}, 5000)"`]) : launch(root, ['--no-probe']);
    const at = await t.until((s) => /\bs0\b/.test(s));
    times.push(at - started);
    await t.stop();
  }
  return median(times);
}

async function keyCost(root, args, presses = 30) {
  const t = launch(root, args);
  await t.until((s) => /done in \d/.test(s), 120_000);
  await sleep(500);
  const pid = t.doctorPid();
  const idleFrom = cpuMs(pid);
  await sleep(presses * 60 + 400);
  const idle = cpuMs(pid) - idleFrom;
  const from = cpuMs(pid);
  for (let i = 0; i < presses; i++) {
    t.child.stdin.write('j');
    await sleep(60);
  }
  await sleep(400);
  const busy = cpuMs(pid) - from;
  await t.stop();
  return Math.max(0, busy - idle) / presses;
}

export async function liveBench() {
  const small = makeHome(Array.from({ length: 31 }, (_, i) => missing(i)));
  const large = makeHome(Array.from({ length: 120 }, (_, i) => missing(i)));
  const quiet = makeHome(Array.from({ length: 40 }, (_, i) => missing(i)));
  const noisy = makeHome([...Array.from({ length: 39 }, (_, i) => missing(i)), flood]);
  try {
    const floor = await firstFrame(small, 10, true);
    const frame31 = await firstFrame(small);
    const frame120 = await firstFrame(large);
    const keyQuiet = await keyCost(quiet, []);
    const keyNoisy = await keyCost(noisy, []);
    const text = await run([cli, '--format', 'text'], noisy);
    const longest = Math.max(...text.stdout.split('\n').map((l) => [...l].length));
    return { floor, frame31, frame120, keyQuiet, keyNoisy, longest };
  } finally {
    for (const r of [small, large, quiet, noisy]) rmSync(r, { recursive: true, force: true });
  }
}

export function printLiveBench(r) {
  console.log('live view in a pty (100×30)');
  console.log(`  first frame (server list on screen), median of 10: ${r.frame31.toFixed(0)} ms with 31 servers, ${r.frame120.toFixed(0)} ms with 120`);
  console.log(`  (floor: node printing one word in the same pty: ${r.floor.toFixed(0)} ms; first frame − floor: ${(r.frame31 - r.floor).toFixed(0)} ms, ${(r.frame120 - r.floor).toFixed(0)} ms)`);
  console.log(`  CPU per key press (j, finished list of 40): ${r.keyQuiet.toFixed(1)} ms; with a server that wrote 40 MB of stderr: ${r.keyNoisy.toFixed(1)} ms`);
  console.log(`  text report's longest line with that server: ${r.longest} characters`);
}

if (import.meta.url === `file://${process.argv[1]}`) printLiveBench(await liveBench());
