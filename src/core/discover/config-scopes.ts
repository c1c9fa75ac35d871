/**
 * Non-plugin MCP servers (docs/claude-code-facts.md §13): user scope (`~/.claude.json` mcpServers), local scope
 * (`projects[<cwd>].mcpServers`) and project `.mcp.json` files from the cwd up to `/` (the closer wins).
 * A project `.mcp.json` must use the `{"mcpServers": …}` shape: Claude Code ignores a flat one there.
 */
import { dirname, join } from 'node:path';
import type { DoctorContext } from '../model/context.js';
import { objectEntries } from '../expand/expand-vars.js';
import type { ServerEntry } from '../model/types.js';
import type { InventoryBuilder } from './inventory-builder.js';
import { makeServerEntry } from './server-entries.js';

/** ~/.claude.json holds session history too and can be large; it is still state, not a hostile manifest. */
export async function collectUserAndLocalServers(ctx: DoctorContext, b: InventoryBuilder, env: Record<string, string | undefined> = ctx.env): Promise<ServerEntry[]> {
  const r = await b.load(ctx.userStateFile, 'user-state', {}, '.claude.json');
  if (r.status !== 'ok') return [];
  const state = r.doc.value as Record<string, unknown> | null;
  if (!state || typeof state !== 'object' || Array.isArray(state)) return [];
  const out: ServerEntry[] = [];
  const add = (map: unknown, base: (string | number)[], scope: 'user' | 'local') => {
    for (const [name, raw] of objectEntries(map)) {
      out.push(
        makeServerEntry(
          { id: name, name, scope, plugin: null, pluginName: null, marketplace: null, root: null, enabled: true },
          raw,
          { doc: r.doc, pointer: [...base, name] },
          { env },
        ),
      );
    }
  };
  add(state.mcpServers, ['mcpServers'], 'user');
  const projects = state.projects as Record<string, unknown> | undefined;
  const project = projects && typeof projects === 'object' && Object.prototype.hasOwnProperty.call(projects, ctx.cwd) ? projects[ctx.cwd] : undefined;
  if (project && typeof project === 'object') add((project as Record<string, unknown>).mcpServers, ['projects', ctx.cwd, 'mcpServers'], 'local');
  return out;
}

export function projectMcpFiles(cwd: string): string[] {
  const files: string[] = [];
  let dir = cwd;
  for (;;) {
    files.push(join(dir, '.mcp.json'));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return files;
}

export async function collectProjectServers(
  ctx: DoctorContext,
  b: InventoryBuilder,
  env: Record<string, string | undefined> = ctx.env,
  files: string[] = projectMcpFiles(ctx.cwd),
): Promise<ServerEntry[]> {
  const byName = new Map<string, ServerEntry>();
  // Farthest first, so a closer file's server of the same name replaces it.
  for (const file of [...files].reverse()) {
    const r = await b.load(file, 'project-mcp-config', {}, 'project .mcp.json');
    if (r.status !== 'ok') continue;
    const value = r.doc.value;
    const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    const servers = obj && Object.prototype.hasOwnProperty.call(obj, 'mcpServers') ? obj.mcpServers : undefined;
    if (!servers || typeof servers !== 'object' || Array.isArray(servers)) {
      // Reported by the project-config check; Claude Code loads no server from this file.
      continue;
    }
    for (const [name, raw] of objectEntries(servers)) {
      byName.set(
        name,
        makeServerEntry(
          { id: name, name, scope: 'project', plugin: null, pluginName: null, marketplace: null, root: null, enabled: true },
          raw,
          { doc: r.doc, pointer: ['mcpServers', name] },
          { env },
        ),
      );
    }
  }
  return [...byName.values()];
}
