/**
 * Probes a remote (http / sse) server: POSTs initialize with the headers a Streamable HTTP client sends
 * and reads a JSON or SSE answer. Tells apart "needs sign-in" (401 with resource metadata), a refused
 * connection, a DNS failure, a TLS failure, 404/405 (an old HTTP+SSE server?) and a timeout.
 */
import type { ServerEntry } from '../types.js';
import { loadMcpSchemas } from './mcp-schemas.js';
import type { ProbeResult } from './probe-types.js';
import { initializeParams } from './stdio-session.js';

type HttpInfo = NonNullable<ProbeResult['http']>;

function errorKind(error: unknown): { kind: HttpInfo['errorKind']; text: string } {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? '';
  const detail = (e.cause?.message ?? e.message ?? String(error)).split('\n')[0] ?? '';
  // OpenSSL messages carry a long prefix; the reason is the part after the last colon.
  const reason = /SSL routines/.test(detail) ? detail.replace(/^.*SSL routines:[^:]*:([^:]+).*$/, '$1') : detail;
  const text = `${code ? code + ': ' : ''}${reason}`.slice(0, 200);
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return { kind: 'timeout', text: 'no answer in time' };
  if (code === 'ECONNREFUSED') return { kind: 'refused', text };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return { kind: 'dns', text };
  if (/CERT|TLS|SSL|EPROTO|self.signed|wrong version number/i.test(code + ' ' + text)) return { kind: 'tls', text };
  return { kind: 'other', text };
}

/** Reads an SSE body until the JSON-RPC response with `id` arrives (bounded in bytes). */
async function readSseResponse(body: ReadableStream<Uint8Array>, id: number): Promise<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let total = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return null;
      total += value.length;
      if (total > 4 * 1024 * 1024) return null;
      buffer += decoder.decode(value, { stream: true });
      let idx: number;
      while ((idx = buffer.indexOf('\n\n')) !== -1) {
        const event = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const data = event
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (!data) continue;
        try {
          const msg = JSON.parse(data) as { id?: unknown };
          if (msg.id === id) return msg;
        } catch {
          /* not JSON: keep reading */
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

export async function probeRemote(server: ServerEntry, opts: { timeoutMs: number; version: string }): Promise<ProbeResult> {
  const schemasLoading = loadMcpSchemas();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = server.expanded.url ?? '';
  const base: ProbeResult = { transport: server.transport === 'sse' ? 'sse' : 'http', outcome: 'http-error', durationMs: 0, timeoutMs: opts.timeoutMs, stderrTail: [], stderrBytes: 0, stdoutNoise: [] };
  const fail = (http: HttpInfo, outcome: ProbeResult['outcome'] = 'http-error'): ProbeResult => ({ ...base, outcome, durationMs: elapsed(), http });
  try {
    new URL(url);
  } catch {
    return fail({ url, error: 'not a valid URL', errorKind: 'other' });
  }
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const headers: Record<string, string> = { ...server.expanded.headers };
  let response: Response;
  try {
    if (server.transport === 'sse') {
      // Legacy HTTP+SSE: the first event on a GET names the endpoint to POST to.
      response = await fetch(url, { method: 'GET', headers: { ...headers, accept: 'text/event-stream' }, signal, redirect: 'follow' });
    } else {
      response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: initializeParams(opts.version) }),
        signal,
        redirect: 'follow',
      });
    }
  } catch (error) {
    const { kind, text } = errorKind(error);
    return fail({ url, error: text, errorKind: kind });
  }
  const status = response.status;
  if (status === 401) {
    const auth = response.headers.get('www-authenticate') ?? '';
    const meta = /resource_metadata="([^"]+)"/.exec(auth)?.[1];
    await response.body?.cancel().catch(() => {});
    return fail({ url, status, resourceMetadata: meta, error: auth || 'HTTP 401' }, 'needs-auth');
  }
  if (status < 200 || status >= 300) {
    await response.body?.cancel().catch(() => {});
    return fail({ url, status, errorKind: 'status', error: `HTTP ${status} ${response.statusText}`.trim(), sseFallback: server.transport !== 'sse' && (status === 404 || status === 405) });
  }
  if (server.transport === 'sse') {
    await schemasLoading;
    await response.body?.cancel().catch(() => {});
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('text/event-stream')) return { ...base, outcome: 'protocol-error', durationMs: elapsed(), protocolError: `GET answered ${type || 'no content type'}, not text/event-stream`, http: { url, status } };
    return { ...base, outcome: 'answered', durationMs: elapsed(), http: { url, status }, tools: null };
  }
  const type = response.headers.get('content-type') ?? '';
  let message: unknown = null;
  try {
    if (type.includes('text/event-stream') && response.body) message = await readSseResponse(response.body, 1);
    else message = JSON.parse((await response.text()).slice(0, 4 * 1024 * 1024));
  } catch (error) {
    const { kind, text } = errorKind(error);
    if (kind === 'timeout') return fail({ url, status, error: text, errorKind: 'timeout' });
    return { ...base, outcome: 'protocol-error', durationMs: elapsed(), protocolError: `the answer is not JSON-RPC (${type || 'no content type'})`, http: { url, status } };
  }
  const schemas = await schemasLoading;
  const result = (message as { result?: unknown } | null)?.result;
  const parsed = schemas.InitializeResultSchema.safeParse(result);
  if (!parsed.success) {
    return { ...base, outcome: 'protocol-error', durationMs: elapsed(), protocolError: 'no valid initialize result in the answer', http: { url, status } };
  }
  const r = result as { protocolVersion: string; serverInfo: { name: string; version: string } };
  if (!schemas.SUPPORTED_PROTOCOL_VERSIONS.includes(r.protocolVersion)) {
    return { ...base, outcome: 'version-mismatch', durationMs: elapsed(), protocolVersion: r.protocolVersion, supportedVersions: [r.protocolVersion], http: { url, status } };
  }
  return { ...base, outcome: 'answered', durationMs: elapsed(), serverInfo: { name: r.serverInfo.name, version: r.serverInfo.version }, protocolVersion: r.protocolVersion, tools: null, http: { url, status } };
}
