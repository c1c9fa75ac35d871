/**
 * Probes a remote (http / sse) server: POSTs initialize with the headers a Streamable HTTP client sends
 * and reads a JSON or SSE answer, bounded in bytes. Tells apart "needs sign-in" (401 with resource
 * metadata), a refused connection, a DNS failure, a TLS failure, 404/405 (an old HTTP+SSE server?), a
 * timeout, and an "sse" entry that is really a Streamable HTTP server.
 */
import type { ServerEntry } from '../model/types.js';
import { httpRequest, readBody, readSseMessage, type HttpResponse } from './http-request.js';
import { MAX_MESSAGE_BYTES } from './line-splitter.js';
import { loadMcpSchemas } from './mcp-schemas.js';
import type { ProbeResult } from '../model/probe-types.js';
import { megabytes } from './stdio-connection.js';
import { initializeParams } from './stdio-session.js';

type HttpInfo = NonNullable<ProbeResult['http']>;

function errorKind(error: unknown): { kind: HttpInfo['errorKind']; text: string } {
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const detail = (e.message ?? String(error)).split('\n')[0] ?? '';
  // OpenSSL messages carry a long prefix; the reason is the part after the last colon.
  const reason = /SSL routines/.test(detail) ? detail.replace(/^.*SSL routines:[^:]*:([^:]+).*$/, '$1') : detail;
  const text = `${code && !detail.startsWith(code) ? code + ': ' : ''}${reason}`.slice(0, 200);
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || code === 'ABORT_ERR') return { kind: 'timeout', text: 'no answer in time' };
  if (code === 'ECONNREFUSED') return { kind: 'refused', text };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return { kind: 'dns', text };
  if (/CERT|TLS|SSL|EPROTO|self.signed|wrong version number/i.test(code + ' ' + text)) return { kind: 'tls', text };
  return { kind: 'other', text };
}

const tooLarge = (bytes: number, exact: boolean) => `reply too large (${exact ? '' : 'more than '}${megabytes(bytes)}): more than the ${megabytes(MAX_MESSAGE_BYTES)} mcp-doctor reads`;

export async function probeRemote(server: ServerEntry, opts: { timeoutMs: number; version: string; signal?: AbortSignal }): Promise<ProbeResult> {
  const schemasLoading = loadMcpSchemas();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = server.expanded.url ?? '';
  const base: ProbeResult = { transport: server.transport === 'sse' ? 'sse' : 'http', outcome: 'http-error', durationMs: 0, timeoutMs: opts.timeoutMs, stderrTail: [], stderrBytes: 0, stdoutNoise: [] };
  const fail = (http: HttpInfo, outcome: ProbeResult['outcome'] = 'http-error'): ProbeResult => ({ ...base, outcome, durationMs: elapsed(), http });
  const protocolError = (status: number, detail: string): ProbeResult => ({ ...base, outcome: 'protocol-error', durationMs: elapsed(), protocolError: detail, http: { url, status } });
  try {
    new URL(url);
  } catch {
    return fail({ url, error: 'not a valid URL', errorKind: 'other' });
  }
  // One deadline for the whole exchange, cleared at the end so no timer outlives the probe.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  // A cancelled run ends the exchange at once, and the run reports the cancellation, not this result.
  const cancel = () => controller.abort();
  opts.signal?.addEventListener('abort', cancel, { once: true });
  const headers: Record<string, string> = { ...server.expanded.headers };
  const postInitialize = () =>
    httpRequest(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: initializeParams(opts.version) }),
      signal: controller.signal,
    });

  /** Reads the answer to initialize; a ProbeResult for every way it can go. */
  const judgeInitialize = async (response: HttpResponse): Promise<ProbeResult> => {
    const status = response.status;
    const type = String(response.headers['content-type'] ?? '');
    let message: unknown = null;
    if (type.includes('text/event-stream')) {
      const read = await readSseMessage(response.body, 1, MAX_MESSAGE_BYTES);
      if (read.kind === 'too-large') return protocolError(status, tooLarge(read.bytes, false));
      if (read.kind === 'message') message = read.msg;
    } else {
      const read = await readBody(response.body, MAX_MESSAGE_BYTES);
      if (read.kind === 'too-large') return protocolError(status, tooLarge(read.bytes, read.exact));
      try {
        message = JSON.parse(read.text);
      } catch {
        return protocolError(status, `the answer is not JSON-RPC (${type || 'no content type'})`);
      }
    }
    const schemas = await schemasLoading;
    const result = (message as { result?: unknown } | null)?.result;
    const parsed = schemas.InitializeResultSchema.safeParse(result);
    if (!parsed.success) return protocolError(status, 'no valid initialize result in the answer');
    const r = result as { protocolVersion: string; serverInfo: { name: string; version: string } };
    if (!schemas.SUPPORTED_PROTOCOL_VERSIONS.includes(r.protocolVersion)) {
      return { ...base, outcome: 'version-mismatch', durationMs: elapsed(), protocolVersion: r.protocolVersion, supportedVersions: [r.protocolVersion], http: { url, status } };
    }
    return { ...base, outcome: 'answered', durationMs: elapsed(), serverInfo: { name: r.serverInfo.name, version: r.serverInfo.version }, protocolVersion: r.protocolVersion, tools: null, http: { url, status } };
  };

  try {
    let response: HttpResponse;
    try {
      // Legacy HTTP+SSE opens with a GET whose first event names the endpoint to POST to.
      response = server.transport === 'sse' ? await httpRequest(url, { method: 'GET', headers: { ...headers, accept: 'text/event-stream' }, signal: controller.signal }) : await postInitialize();
    } catch (error) {
      const { kind, text } = errorKind(error);
      return fail({ url, error: text, errorKind: kind });
    }
    const status = response.status;
    if (status === 401) {
      const auth = String(response.headers['www-authenticate'] ?? '');
      const meta = /resource_metadata="([^"]+)"/.exec(auth)?.[1];
      response.body.destroy();
      // With its own Authorization header, Claude Code takes a 401 as final: "OAuth fallback is disabled
      // when headers.Authorization is set" (docs/claude-code-facts.md §21). Only a server without one is waiting
      // for a sign-in.
      if (Object.keys(headers).some((k) => k.toLowerCase() === 'authorization')) {
        return fail({ url, status, errorKind: 'status', error: auth || 'HTTP 401', authRejected: true });
      }
      return fail({ url, status, resourceMetadata: meta, error: auth || 'HTTP 401' }, 'needs-auth');
    }
    if (status < 200 || status >= 300) {
      response.body.destroy();
      const refused: HttpInfo = { url, status, errorKind: 'status', error: `HTTP ${status} ${response.statusText}`.trim(), sseFallback: server.transport !== 'sse' && (status === 404 || status === 405) };
      if (server.transport === 'sse' && (status === 405 || status === 404)) {
        // Claude Code fails here ("SSE error: Non-200 status code"); if the endpoint speaks Streamable HTTP, say so.
        const asHttp = await postInitialize().then(judgeInitialize).catch(() => null);
        if (asHttp?.outcome === 'answered') return fail({ ...refused, streamableHttp: true });
      }
      return fail(refused);
    }
    if (server.transport === 'sse') {
      response.body.destroy();
      const type = String(response.headers['content-type'] ?? '');
      if (!type.includes('text/event-stream')) return { ...base, outcome: 'protocol-error', durationMs: elapsed(), protocolError: `GET answered ${type || 'no content type'}, not text/event-stream`, http: { url, status } };
      return { ...base, outcome: 'answered', durationMs: elapsed(), http: { url, status }, tools: null };
    }
    try {
      return await judgeInitialize(response);
    } catch (error) {
      const { kind, text } = errorKind(error);
      if (kind === 'timeout') return fail({ url, status, error: text, errorKind: 'timeout' });
      return protocolError(status, `reading the answer failed: ${text}`);
    }
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', cancel);
    controller.abort();
  }
}
