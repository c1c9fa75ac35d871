/**
 * Claude Code's own record of a server (docs/claude-code-facts.md §14):
 * `<cacheRoot>/<S(cwd)>/mcp-logs-<S(serverKey)>/<ISO>.jsonl`, where S replaces every non-alphanumeric character with
 * '-'. The newest file's last error is what Claude Code saw the last time it started the server.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheHome, type DoctorContext } from '../model/context.js';

export interface ClaudeLogEntry {
  file: string;
  timestamp: string | null;
  error: string;
}

export function claudeCacheRoot(ctx: DoctorContext): string {
  if (ctx.platform === 'darwin') return join(ctx.homedir, 'Library', 'Caches', 'claude-cli-nodejs');
  if (ctx.platform === 'win32') return join(ctx.env.LOCALAPPDATA ?? join(ctx.homedir, 'AppData', 'Local'), 'claude-cli-nodejs', 'Cache');
  return join(cacheHome(ctx), 'claude-cli-nodejs');
}

/** Claude Code's path sanitising; names over 200 characters get a hash suffix we cannot reproduce. */
export function sanitizeForLogPath(text: string): string | null {
  const s = text.replace(/[^a-zA-Z0-9]/g, '-');
  return s.length > 200 ? null : s;
}

async function readTail(file: string, bytes: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function lastClaudeLogError(ctx: DoctorContext, serverKey: string): Promise<ClaudeLogEntry | null> {
  const cwdPart = sanitizeForLogPath(ctx.cwd);
  const keyPart = sanitizeForLogPath(serverKey);
  if (!cwdPart || !keyPart) return null;
  const dir = join(claudeCacheRoot(ctx), cwdPart, `mcp-logs-${keyPart}`);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl') || n.endsWith('.txt') || n.endsWith('.json')).sort();
  } catch {
    return null;
  }
  for (const name of names.reverse().slice(0, 5)) {
    const file = join(dir, name);
    try {
      if (!(await stat(file)).isFile()) continue;
      const text = await readTail(file, 512 * 1024);
      const entries = parseLogText(text);
      const last = [...entries].reverse().find((e) => typeof e.error === 'string' && !/^Server stderr: *$/.test(e.error));
      if (last) return { file, timestamp: typeof last.timestamp === 'string' ? last.timestamp : null, error: String(last.error).slice(0, 2000) };
    } catch {
      /* unreadable log: try an older one */
    }
  }
  return null;
}

function parseLogText(text: string): Record<string, unknown>[] {
  const trimmed = text.trim();
  // Older builds wrote one JSON array per file.
  if (trimmed.startsWith('[')) {
    try {
      const arr = JSON.parse(trimmed) as unknown;
      if (Array.isArray(arr)) return arr.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object');
    } catch {
      /* a cut-off array: fall through to lines */
    }
  }
  const out: Record<string, unknown>[] = [];
  for (const line of trimmed.split('\n')) {
    try {
      const v = JSON.parse(line) as unknown;
      if (v && typeof v === 'object') out.push(v as Record<string, unknown>);
    } catch {
      /* the first line of a tail read is usually cut */
    }
  }
  return out;
}
