/**
 * Remote servers judged as Claude Code judges them, over real loopback HTTP: a port Node's fetch refuses
 * (9, 6000, 6665–6669, 10080, …) is reached like any other; an "sse" entry on a Streamable HTTP endpoint
 * is named as such; a JSON body of any size costs the doctor nothing ("reply too large").
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/core/model/types.js';
import { assertReportSchema, codesOf, probeHome, serverNamed, type ProbeHome } from './helpers/probe-home.js';
import { runCliAsync } from './helpers/run-cli.js';
// @ts-expect-error a plain ESM fixture shared with the benchmark
import { writeEndlessJson } from '../fixtures/servers/endless-json.mjs';

const initResult = (id: unknown) => ({ jsonrpc: '2.0', id, result: { protocolVersion: '2025-06-18', capabilities: {}, serverInfo: { name: 'fixture-http', version: '1.0.0' } } });

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    if (req.url === '/streamable' && req.method === 'GET') {
      res.writeHead(405, { allow: 'POST' });
      res.end();
    } else if (req.url === '/streamable' || req.url === '/mcp') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(initResult((JSON.parse(body) as { id: unknown }).id)));
    } else if (req.url === '/gigabyte') {
      // Says a gigabyte is coming, sends a little, and waits: only the declared size is needed to refuse it.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 * 1024 * 1024) });
      res.write('{"jsonrpc":"2.0","id":1,"result":{"padding":"');
    } else if (req.url === '/endless') {
      // No length given: a JSON body that never ends.
      writeEndlessJson(res);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
}

/** Ports the fetch spec blocks; the first one this machine lets us bind on loopback, or null. */
async function bindBadPort(server: http.Server): Promise<number | null> {
  for (const port of [6000, 6665, 6666, 6667, 6668, 6669, 10080, 6697, 5060, 5061, 4045]) {
    const ok = await new Promise<boolean>((resolve) => {
      const onError = () => resolve(false);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve(true);
      });
    });
    if (ok) return port;
  }
  return null;
}

const servers: http.Server[] = [];
let port = 0;
let badPort: number | null = null;
let h: ProbeHome;
let report: Report;

beforeAll(async () => {
  const main = http.createServer(handler);
  servers.push(main);
  await new Promise<void>((r) => main.listen(0, '127.0.0.1', r));
  port = (main.address() as net.AddressInfo).port;
  const bad = http.createServer(handler);
  badPort = await bindBadPort(bad);
  if (badPort !== null) servers.push(bad);
  h = probeHome({
    'sse-on-streamable': { type: 'sse', url: `http://127.0.0.1:${port}/streamable` },
    'gigabyte-json': { type: 'http', url: `http://127.0.0.1:${port}/gigabyte` },
    'endless-json': { type: 'http', url: `http://127.0.0.1:${port}/endless` },
    ...(badPort === null ? {} : { 'fetch-bad-port': { type: 'http', url: `http://127.0.0.1:${badPort}/mcp` } }),
  });
  const r = await runCliAsync(['--json', '--timeout', '20s'], { cwd: h.project, env: h.env });
  expect(r.stderr).toBe('');
  report = JSON.parse(r.stdout) as Report;
}, 60_000);

afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  h?.cleanup();
});

describe('remote probes', () => {
  it('reach a port that fetch refuses, as Claude Code does', (ctx) => {
    if (badPort === null) ctx.skip();
    const s = serverNamed(report, 'fetch-bad-port');
    expect(s.probe).toMatchObject({ outcome: 'answered', serverInfo: { name: 'fixture-http' } });
    expect(codesOf(s)).toEqual([]);
  });

  it('name an "sse" entry on a Streamable HTTP endpoint', () => {
    const s = serverNamed(report, 'sse-on-streamable');
    expect(codesOf(s)).toEqual(['error:probe.wrong-transport']);
    expect(s.findings[0]?.message).toContain('refuses the SSE GET (HTTP 405) but answers initialize over Streamable HTTP: this is a streamable HTTP server');
    expect(s.findings[0]?.hint).toBe('Use "type": "http" for this entry.');
  });

  it('refuse a JSON body of a gigabyte by its declared size', () => {
    const s = serverNamed(report, 'gigabyte-json');
    expect(codesOf(s)).toEqual(['error:probe.protocol']);
    expect(s.findings[0]?.message).toContain('reply too large (1024 MB)');
  });

  it('match the report schema', async () => {
    await assertReportSchema(report);
  });

  it('stop reading an endless JSON body at the limit', () => {
    const s = serverNamed(report, 'endless-json');
    expect(codesOf(s)).toEqual(['error:probe.protocol']);
    expect(s.findings[0]?.message).toContain('reply too large (more than 16 MB)');
  });
});
