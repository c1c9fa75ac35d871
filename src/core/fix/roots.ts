/**
 * Where `--fix` may write: the plugin's installed folder (for a `directory` marketplace, the marketplace
 * folder it is read from; in author mode, the source tree), and the shared venv cache. A path counts as
 * inside only by its real location: a symlink that leads out of a root does not carry a write with it.
 */
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { cacheHome, type DoctorContext } from '../model/context.js';
import type { Inventory, ServerEntry } from '../model/types.js';

export function venvCacheDir(ctx: DoctorContext): string {
  return join(cacheHome(ctx), 'claude-mcp-venvs');
}

/** The folders a fix for this server may write in. */
export function rootsFor(server: ServerEntry | undefined, inventory: Inventory, ctx: DoctorContext): string[] {
  const roots = [venvCacheDir(ctx)];
  const plugin = server?.plugin ? inventory.plugins.find((p) => p.id === server.plugin) : undefined;
  if (!plugin?.root) return roots;
  if (plugin.rootKind === 'in-place') {
    const mkt = inventory.marketplaces.find((m) => m.name === plugin.marketplace);
    roots.push(mkt?.installLocation ?? plugin.root);
  } else {
    roots.push(plugin.root);
  }
  return roots;
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/** The real location of a path that may not exist yet: its nearest existing ancestor resolved, plus the rest. */
async function realLocation(path: string): Promise<string> {
  const rest: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      rest.push(current.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
      current = parent;
    }
  }
}

/**
 * The root a write to `path` lands in, judged by the real location of the folder that holds it (the entry
 * itself is not followed: replacing a dangling link writes the link, not its target); null when outside all.
 */
export async function rootOf(path: string, roots: string[]): Promise<string | null> {
  const where = join(await realLocation(dirname(path)), path.slice(dirname(path).length + 1));
  for (const root of roots) {
    const real = await realLocation(root);
    if (within(real, where)) return root;
  }
  return null;
}
