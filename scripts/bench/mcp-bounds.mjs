/**
 * `mcp-doctor mcp` under hostile input: one line of 300 MiB and one of 1 GiB (each must be answered with an
 * error and skipped, not held: the server's peak memory is printed), and `explain` with a 1 MiB code while
 * a ping waits (the ping's answer time is printed: a slow request must not hold up the others).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const repo = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const cli = join(repo, 'dist', 'cli', 'main.js');
const peakMiB = (pid) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

function server() {
  const home = mkdtempSync(join(tmpdir(), 'mcp-doctor-bounds-'));
  const child = spawn(process.execPath, [cli, 'mcp'], { cwd: home, env: { PATH: '/usr/bin:/bin', HOME: home }, stdio: ['pipe', 'pipe', 'ignore'] });
  let out = '';
  const waiters = [];
  child.stdout.on('data', (c) => {
    out += c.toString('utf8');
    for (const w of [...waiters]) if (out.includes(`"id":${JSON.stringify(w.id)}`)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(performance.now()));
  });
  const answered = (id) => new Promise((resolve) => (out.includes(`"id":${JSON.stringify(id)}`) ? resolve(performance.now()) : waiters.push({ id, resolve })));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const write = async (s) => {
    if (!child.stdin.write(s)) await new Promise((r) => child.stdin.once('drain', r));
  };
  return { child, answered, exited, write, done: () => rmSync(home, { recursive: true, force: true }) };
}

async function bigLine(mib) {
  const s = server();
  const chunk = 'x'.repeat(1024 * 1024);
  await s.write(`{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"explain","arguments":{"code":"`);
  for (let i = 0; i < mib; i++) await s.write(chunk);
  await s.write('"}}}\n{"jsonrpc":"2.0","id":"after","method":"ping"}\n');
  await Promise.race([s.answered('after'), s.exited]);
  const peak = peakMiB(s.child.pid);
  s.child.stdin.end();
  const exit = await s.exited;
  s.done();
  return { mib, peak, exit };
}

async function slowExplain() {
  const s = server();
  await s.write('{"jsonrpc":"2.0","id":0,"method":"ping"}\n');
  await s.answered(0);
  const t = performance.now();
  await s.write(JSON.stringify({ jsonrpc: '2.0', id: 'e', method: 'tools/call', params: { name: 'explain', arguments: { code: 'z'.repeat(1024 * 1024) } } }) + '\n');
  await s.write('{"jsonrpc":"2.0","id":"p","method":"ping"}\n');
  const ping = (await s.answered('p')) - t;
  const explain = (await s.answered('e')) - t;
  s.child.stdin.end();
  await s.exited;
  s.done();
  return { ping, explain };
}

export async function boundsBench() {
  return { lines: [await bigLine(300), await bigLine(1024)], slow: await slowExplain() };
}

export function printBounds(r) {
  console.log('\nmcp-doctor mcp under hostile input (a line over the 16 MiB bound is answered with an error and skipped)');
  for (const l of r.lines) console.log(`  one ${l.mib} MiB line: peak RSS ${l.peak.toFixed(0)} MiB, exit ${l.exit.code ?? l.exit.signal} after stdin closed (0 = served on)`);
  console.log(`  explain with a 1 MiB code: answered in ${r.slow.explain.toFixed(0)} ms; a ping sent after it: ${r.slow.ping.toFixed(0)} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) printBounds(await boundsBench());
