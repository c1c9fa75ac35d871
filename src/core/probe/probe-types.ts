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
  /** What the server printed on stdout without a final newline when it stopped. */
  stdoutUnterminated?: string;
  protocolError?: string;
  /** The command actually started (after PATH lookup) and the interpreter for Python/Node. */
  command?: string;
  http?: { url: string; status?: number; error?: string; errorKind?: 'refused' | 'dns' | 'tls' | 'timeout' | 'status' | 'other'; resourceMetadata?: string; sseFallback?: boolean };
  /** How the server reacted to Claude Code's first `server/discover` request (with --discover). */
  discover?: 'modern' | 'legacy' | 'died' | 'silent';
}
