/** What a probe learned about one server: data only; probe-findings.ts turns it into findings. */

export type ProbeOutcome =
  | 'answered'
  | 'spawn-failed'
  | 'crashed'
  | 'timeout'
  | 'protocol-error'
  | 'version-mismatch'
  | 'http-error'
  | 'needs-auth';

export interface ProbeResult {
  transport: 'stdio' | 'http' | 'sse';
  outcome: ProbeOutcome;
  /** From spawn (or request) to the initialize answer, or to the failure. */
  durationMs: number;
  timeoutMs: number;
  serverInfo?: { name: string; version: string };
  protocolVersion?: string;
  /** Versions the server said it supports, when it refused ours. */
  supportedVersions?: string[];
  tools?: number | null;
  toolsError?: string;
  exit?: { code: number | null; signal: string | null };
  spawnError?: { code: string; syscall: string; path: string; message: string };
  stderrTail: string[];
  stderrBytes: number;
  /** Non-JSON-RPC lines printed on stdout (first few, cut to 200 characters). */
  stdoutNoise: string[];
  /** What the server printed on stdout without a final newline when it stopped: how it starts, and its size. */
  stdoutUnterminated?: string;
  stdoutUnterminatedBytes?: number;
  /** The unterminated text is a complete reply to initialize: only the newline Claude Code waits for is missing. */
  unterminatedReply?: boolean;
  /** Bytes the server wrote on stdout in all. */
  stdoutBytes?: number;
  /** Requests the server sent the client (ping, roots/list, …), by method. */
  serverRequests?: Record<string, number>;
  /** The server did not read its stdin, so answers to its requests were dropped once this many bytes were queued. */
  stdinStalled?: { dropped: number; queuedBytes: number };
  /** The spawned process exited at once (code 0) and left a background process holding its stdout ("pid command"). */
  background?: string[];
  /** Helpers that left the server's process group and were still alive at the end, then killed ("pid command"). */
  leftProcesses?: string[];
  protocolError?: string;
  /** The command actually started (after PATH lookup) and the interpreter for Python/Node. */
  command?: string;
  http?: {
    url: string;
    status?: number;
    error?: string;
    errorKind?: 'refused' | 'dns' | 'tls' | 'timeout' | 'status' | 'other';
    resourceMetadata?: string;
    sseFallback?: boolean;
    /** Declared "sse", but the endpoint refuses the SSE GET and answers a Streamable HTTP initialize. */
    streamableHttp?: boolean;
    /** 401 to a request that carried the entry's own Authorization header: no OAuth fallback, a failure. */
    authRejected?: boolean;
  };
  /** The crash shows a runtime older than the server needs (both versions named). */
  runtimeTooOld?: { runtime: 'node' | 'python'; interpreter: string; have: string; need: string; because: string; line?: string };
  /**
   * How the server took Claude Code's first request, `server/discover`: answered it (`modern`: the 2026-07-28
   * protocol, no initialize), answered with an error (`legacy`: initialize followed on the same process), said
   * nothing until Claude Code's probe gave up (`silent`: the same), or exited (`died`: started a second time).
   */
  discover?: 'modern' | 'legacy' | 'died' | 'silent';
  /** It exited before answering server/discover, so it was started a second time, as Claude Code does. */
  startedTwice?: boolean;
  /** For a shell launcher started twice: the toolchains it runs (go build, uv sync, npx …), which then run twice. */
  launcherTools?: string[];
}
