/**
 * One HTTP(S) request over `node:http`/`node:https`, following redirects as fetch does. Not `fetch`: it
 * refuses the fetch spec's "bad ports" (9, 6000, 6665–6669, 10080, …) before connecting, while Claude Code
 * connects to any port, so a server there would be misjudged. No connection is kept alive: nothing of a
 * probe outlives it. Bodies are read with a byte cap, so a server answering with a gigabyte costs nothing.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';

export interface HttpResponse {
  url: string;
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

export interface RequestOptions {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

const MAX_REDIRECTS = 20;

export async function httpRequest(url: string, opts: RequestOptions): Promise<HttpResponse> {
  let current = new URL(url);
  let { method, body, headers } = opts;
  for (let hop = 0; ; hop++) {
    const res = await once(current, { ...opts, method, body, headers });
    const location = res.headers.location;
    if (!location || ![301, 302, 303, 307, 308].includes(res.statusCode ?? 0) || hop >= MAX_REDIRECTS) {
      return { url: current.href, status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, body: res };
    }
    res.resume();
    res.destroy();
    // fetch's rules: 303, and 301/302 after a POST, turn into a GET without a body.
    if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
    const next = new URL(location, current);
    // As fetch does: credentials are for the origin they were given for, never sent on to another one.
    if (next.origin !== current.origin) headers = withoutCredentials(headers);
    current = next;
  }
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!/^(authorization|proxy-authorization|cookie)$/i.test(k)) out[k] = v;
  return out;
}

function once(url: URL, opts: RequestOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
    if (!lib) {
      reject(Object.assign(new Error(`unsupported protocol ${url.protocol}`), { code: 'ERR_INVALID_PROTOCOL' }));
      return;
    }
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
    const req = lib.request(url, { method: opts.method, headers, signal: opts.signal, agent: false });
    req.once('response', resolve);
    req.on('error', reject);
    req.end(opts.body);
  });
}

export type BodyRead = { kind: 'body'; text: string } | { kind: 'too-large'; bytes: number; exact: boolean };

/** Reads a whole body, or stops at `max` bytes (at once when Content-Length already says it is bigger). */
export async function readBody(res: IncomingMessage, max: number): Promise<BodyRead> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    res.destroy();
    return { kind: 'too-large', bytes: declared, exact: true };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) {
      res.destroy();
      return { kind: 'too-large', bytes: total, exact: false };
    }
    chunks.push(chunk);
  }
  return { kind: 'body', text: Buffer.concat(chunks).toString('utf8') };
}

/** Reads an SSE body until the JSON-RPC message with `id` arrives, within `max` bytes. */
export async function readSseMessage(res: IncomingMessage, id: number, max: number): Promise<{ kind: 'message'; msg: unknown } | { kind: 'too-large'; bytes: number } | { kind: 'ended' }> {
  const decoder = new TextDecoder();
  let buffer = '';
  let total = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > max) return { kind: 'too-large', bytes: total };
      buffer += decoder.decode(chunk, { stream: true });
      let idx: number;
      while ((idx = buffer.search(/\r?\n\r?\n/)) !== -1) {
        const event = buffer.slice(0, idx);
        buffer = buffer.slice(idx).replace(/^\r?\n\r?\n/, '');
        const data = event
          .split(/\r?\n/)
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (!data) continue;
        try {
          const msg = JSON.parse(data) as { id?: unknown };
          if (msg.id === id) return { kind: 'message', msg };
        } catch {
          /* not JSON: keep reading */
        }
      }
    }
    return { kind: 'ended' };
  } finally {
    res.destroy();
  }
}
