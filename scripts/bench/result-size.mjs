/**
 * What the model gets from the plugin's `diagnose` on the 41-server fixture world (world41.mjs): the size of
 * the result and where the last failing server's root cause ends, through the plugin's own launcher as
 * Claude Code starts it. Claude Code shows the model a 2 KB preview of a long result, so every root cause
 * must end within the first 2,000 characters.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { FAILING, makeWorld41 } from './world41.mjs';

const repo = join(dirname(new URL(import.meta.url).pathname), '..', '..');

export async function resultSizeBench() {
  const world = makeWorld41();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(repo, 'plugins', 'mcp-doctor', 'scripts', 'mcp-doctor.mjs'), 'mcp'],
    cwd: world.project,
    env: { PATH: '/usr/bin:/bin', ...world.env },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'bench', version: '1' });
  const t0 = performance.now();
  await client.connect(transport);
  const connectMs = performance.now() - t0;
  const t1 = performance.now();
  const result = await client.callTool({ name: 'diagnose', arguments: {} });
  const callMs = performance.now() - t1;
  const detail = await client.callTool({ name: 'diagnose', arguments: { detail: true } });
  await client.close();
  rmSync(world.root, { recursive: true, force: true });
  const text = result.content.map((c) => c.text).join('');
  const ends = Object.keys(FAILING).map((id) => {
    const at = text.indexOf(`✘ ${id}: `);
    return at < 0 ? Infinity : text.indexOf('\n', at);
  });
  return { chars: text.length, lastCauseEnds: Math.max(...ends), structured: result.structuredContent !== undefined, detailChars: detail.content.map((c) => c.text).join('').length, connectMs, callMs };
}

export function printResultSize(r) {
  console.log('\ndiagnose on the 41-server fixture world, through the plugin launcher (static checks)');
  console.log(`  result: ${r.chars} characters of text${r.structured ? ' + structuredContent (?)' : ', no structuredContent'} (must stay under 10,000)`);
  console.log(`  every failing server's root cause ends by character ${r.lastCauseEnds} (must be within 2,000)`);
  console.log(`  detail: true (the whole report as JSON): ${r.detailChars} characters`);
  console.log(`  connect (spawn + initialize): ${r.connectMs.toFixed(0)} ms; the diagnose call: ${r.callMs.toFixed(0)} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) printResultSize(await resultSizeBench());
