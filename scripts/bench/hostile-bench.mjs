/**
 * The doctor's own peak memory whatever one server does (goal: under 300 MB): a quiet server (the
 * baseline), 40 MB and 400 MB of stderr, a gigabyte of stdout without a newline, a 5.5 MB tools/list, a
 * 21 MB one (refused), ping requests flooding in while the server never reads its stdin, and HTTP servers
 * answering with a JSON body of a declared gigabyte or an endless one.
 */
import { rmSync } from 'node:fs';
import http from 'node:http';
import { cli, fixture, makeHome, mib, python, run } from './measure.mjs';
import { writeEndlessJson } from '../../fixtures/servers/endless-json.mjs';

function endlessServer() {
  const server = http.createServer((req, res) => {
    req.resume();
    writeEndlessJson(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function hostileBench() {
  const server = await endlessServer();
  const url = `http://127.0.0.1:${server.address().port}/mcp`;
  const cases = [
    ['a quiet server (baseline)', { command: python, args: [fixture, 'ok'] }],
    ['40 MB of stderr', { command: python, args: [fixture, 'flood-stderr'] }],
    ['1 GB of stdout without a newline', { command: python, args: [fixture, 'unterminated-flood', '--size', '1024'] }],
    ['a 5.5 MB tools/list (2,500 tools)', { command: python, args: [fixture, 'big-tools', '--count', '2500'] }],
    ['a 21 MB tools/list (refused)', { command: python, args: [fixture, 'big-tools', '--count', '10000'] }],
    ['ping requests, stdin never read (10 s)', { command: python, args: [fixture, 'ping-flood'] }],
    ['an endless HTTP JSON body', { type: 'http', url }],
  ];
  const out = [];
  for (const [what, spec] of cases) {
    const root = makeHome([spec]);
    const r = await run([cli, '--json', '--timeout', '10s'], root, { MCP_TIMEOUT: '600000' });
    rmSync(root, { recursive: true, force: true });
    const s = JSON.parse(r.stdout).servers[0];
    out.push({ what, peakKb: r.peakKb, ms: r.ms, verdict: s.findings.map((f) => f.code).join(', ') || s.probe?.outcome });
  }
  server.closeAllConnections();
  server.close();
  return out;
}

export function printHostileBench(rows) {
  console.log('\npeak RSS of the doctor, one server doing something hostile (goal: under 300 MB):');
  for (const r of rows) console.log(`  ${r.what.padEnd(42)} ${mib(r.peakKb).padStart(8)}   (${(r.ms / 1000).toFixed(1)} s; ${r.verdict})`);
}

if (import.meta.url === `file://${process.argv[1]}`) printHostileBench(await hostileBench());
