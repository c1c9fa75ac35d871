/**
 * Where `--fix` may write: the plugin's installed folder (for a `directory` marketplace, the marketplace
 * folder it is read from; in author mode, the source tree), and the shared venv cache. A path counts as
 * inside only by its real location: a symlink that leads out of a root does not carry a write with it.
 */
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { cacheHome, type DoctorContext } from '../model/context.js';
import type { Inventory, ServerEntry } from '../model/types.js';
import { installPathProblem, realLocationSync } from '../discover/install-root.js';

export function venvCacheDir(ctx: DoctorContext): string {
  return join(cacheHome(ctx), 'claude-mcp-venvs');
}

/**
 * The folders a fix for this server may write in, as real locations taken now: the venv cache; a cached
 * plugin's installed copy only when its record points inside Claude Code's plugin cache (never HOME, never
 * through `..` or a link that leads out: registry.install-outside reports those); a directory marketplace's
 * folder (not HOME); an author's source tree. Judged against these real paths, a folder swapped for a link
 * after the plan was made no longer counts as inside.
 */
export function rootsFor(server: Pick<ServerEntry, 'plugin'> | undefined, inventory: Inventory, ctx: DoctorContext): string[] {
  const roots = [realLocationSync(venvCacheDir(ctx))];
  const plugin = server?.plugin ? inventory.plugins.find((p) => p.id === server.plugin) : undefined;
  if (!plugin?.root) return roots;
  const home = realLocationSync(ctx.homedir);
  const add = (dir: string) => {
    const real = realLocationSync(dir);
    if (real !== home && real !== realLocationSync(dirname(real)) && !dir.split(/[\\/]/).includes('..')) roots.push(real);
  };
  if (plugin.rootKind === 'in-place') {
    const mkt = inventory.marketplaces.find((m) => m.name === plugin.marketplace);
    add(mkt?.installLocation ?? plugin.root);
  } else if (plugin.rootKind === 'cache') {
    if (!installPathProblem(plugin.root, plugin.installRecord?.rawInstallPath, ctx)) add(plugin.root);
  } else {
    add(plugin.root);
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
