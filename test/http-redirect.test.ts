/**
 * The remote probe follows redirects as fetch (and so Claude Code) does, credentials included: they go on to
 * the same origin, never to another one. Two loopback servers the test starts and stops.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveProjectServers, runCliAsync } from './helpers/run-cli.js';

const seen: { server: string; path: string; authorization?: string; cookie?: string }[] = [];
let a: http.Server;
let b: http.Server;
const dir = mkdtempSync(join(tmpdir(), 'mcp-doctor-redirect-'));

function answer(res: http.ServerResponse, body: string) {
  const id = (JSON.parse(body || '{}') as { id?: unknown }).id ?? 1;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', id, result: { protocolVersion: '2025-06-18', capabilities: {}, serverInfo: { name: 'redirected', version: '1.0.0' } } }));
}

function listen(name: string, route: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ server: name, path: req.url ?? '', authorization: req.headers.authorization, cookie: req.headers.cookie });
      route(req, res, body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const portOf = (s: http.Server) => (s.address() as AddressInfo).port;

beforeAll(async () => {
  b = await listen('b', (_req, res, body) => answer(res, body));
  a = await listen('a', (req, res, body) => {
    if (req.url === '/same') return void res.writeHead(307, { location: '/same-target' }).end();
    if (req.url === '/other') return void res.writeHead(307, { location: `http://127.0.0.1:${portOf(b)}/target` }).end();
    answer(res, body);
  });
  const server = (path: string) => ({ type: 'http', url: `http://127.0.0.1:${portOf(a)}${path}`, headers: { Authorization: 'Bearer fixtureToken12345', Cookie: 'session=fixtureCookie999' } });
  writeFileSync(join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { same: server('/same'), other: server('/other') } }));
  approveProjectServers(dir);
});
afterAll(async () => {
  await Promise.all([a, b].map((s) => new Promise((r) => s.close(r))));
  rmSync(dir, { recursive: true, force: true });
});

describe('redirects', () => {
  it('keep credentials on the same origin and drop them for another one', async () => {
    const r = await runCliAsync(['--json', '--server', 'same', '--server', 'other', '--timeout', '10s'], { cwd: dir, env: { HOME: dir } });
    expect(r.status, r.stderr).toBe(0);
    const target = (path: string) => seen.filter((x) => x.path === path);
    expect(target('/same-target').map((x) => x.authorization)).toEqual(['Bearer fixtureToken12345']);
    expect(target('/target').map((x) => [x.authorization, x.cookie])).toEqual([[undefined, undefined]]);
  });
});
