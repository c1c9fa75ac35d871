/** Startup timeouts: `--timeout 30`, `4s`, `500ms`; else MCP_TIMEOUT (ms, as Claude Code reads it); else 30 s. */
import { DEFAULT_STARTUP_TIMEOUT_MS } from '../model/claude-code.js';
export const CLAUDE_CODE_DEFAULT_TIMEOUT_MS = DEFAULT_STARTUP_TIMEOUT_MS;

export function parseTimeout(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  // Rounded first: "0.0001" is 0 ms, refused like "0" (a timer cannot wait less than 1 ms).
  const ms = Math.round(unit === 'ms' ? n : unit === 'm' ? n * 60_000 : n * 1000);
  return ms >= 1 && ms <= 2 ** 31 - 1 ? ms : null;
}

/** Claude Code's own startup timeout for this environment (what a slow start is measured against). */
export function claudeCodeTimeout(env: Record<string, string | undefined>): number {
  const raw = Number(env.MCP_TIMEOUT);
  return Number.isFinite(raw) && raw > 0 ? Math.min(raw, 2 ** 31 - 1) : CLAUDE_CODE_DEFAULT_TIMEOUT_MS;
}
