/** The environment Claude Code gives a server it spawns, and the one folder it creates first. */
import { mkdirSync } from 'node:fs';
import type { DoctorContext } from '../model/context.js';
import { pluginDataDir } from '../discover/registries.js';
import type { ServerEntry } from '../model/types.js';

/**
 * Claude Code's spawn environment for this server (docs/claude-code-facts.md §8): `ctx.env` is the session
 * environment (the shell's with settings `env` merged over it), then its own variables, then the server's `env`
 * block, which wins. For a plugin server it first creates `${CLAUDE_PLUGIN_DATA}`, as Claude Code does before
 * spawning a plugin's stdio servers (docs/claude-code-facts.md §2): a server that expects its state folder must not
 * fail only under the doctor. That folder is the one thing a probe writes.
 */
export function serverEnvironment(server: ServerEntry, ctx: DoctorContext): Record<string, string> {
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined && k !== 'CLAUDE_CODE_CHILD_SESSION') env[k] = v;
  env.CLAUDE_PROJECT_DIR = ctx.cwd;
  env.CLAUDECODE = '1';
  if (server.root && server.plugin) {
    const data = pluginDataDir(ctx, { id: server.plugin, name: server.pluginName ?? server.name, marketplace: server.marketplace });
    try {
      mkdirSync(data, { recursive: true });
    } catch {
      /* a read-only config dir: the server meets the same missing folder it would meet under Claude Code */
    }
    env.CLAUDE_PLUGIN_ROOT = server.root;
    env.CLAUDE_PLUGIN_DATA = data;
  }
  for (const key of Object.keys(server.expanded.env)) env[key] = server.expanded.env[key] ?? '';
  return env;
}
