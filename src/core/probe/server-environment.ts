/** The environment Claude Code gives a server it spawns. */
import { join } from 'node:path';
import type { DoctorContext } from '../context.js';
import { pluginsDir, sanitizeSegment } from '../discover/registries.js';
import type { ServerEntry } from '../types.js';

/** Claude Code's spawn environment for this server (reference §6). */
export function serverEnvironment(server: ServerEntry, ctx: DoctorContext): Record<string, string> {
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined && k !== 'CLAUDE_CODE_CHILD_SESSION') env[k] = v;
  env.CLAUDE_PROJECT_DIR = ctx.cwd;
  env.CLAUDECODE = '1';
  if (server.root && server.plugin) {
    env.CLAUDE_PLUGIN_ROOT = server.root;
    env.CLAUDE_PLUGIN_DATA = join(pluginsDir(ctx), 'data', sanitizeSegment(server.plugin));
  }
  for (const key of Object.keys(server.expanded.env)) env[key] = server.expanded.env[key] ?? '';
  return env;
}
