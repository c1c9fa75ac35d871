/**
 * What Claude Code's dependency install will do for a plugin (docs/claude-code-facts.md §16): with a package.json and a
 * package-lock.json at the plugin root that pass its policy (lockfileVersion ≥ 2, registry packages only, no
 * overrides), `npm ci --ignore-scripts` runs on every install and update, devDependencies included.
 */
import { readdir, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { readText } from '../util/fs-facts.js';

export interface NpmInstall {
  devNames: string[];
  /** Size of those packages in the author's node_modules, when it is there. */
  devBytes: number | null;
}

interface Lockfile {
  lockfileVersion?: number;
  packages?: Record<string, { dev?: boolean; resolved?: string; link?: boolean; version?: string }>;
}

/** Would Claude Code run npm ci for this plugin root? Its policy, from the bundle's lockfile checks. */
function passesPolicy(pkg: Record<string, unknown>, lock: Lockfile): boolean {
  if ((lock.lockfileVersion ?? 1) < 2 || pkg.overrides !== undefined) return false;
  for (const [path, p] of Object.entries(lock.packages ?? {})) {
    if (path === '' || !p) continue;
    if (p.link || (p.resolved !== undefined && !/^https?:\/\//.test(p.resolved))) return false;
  }
  return true;
}

/** Total size of the files under a folder, stopping after `budget` entries (a huge tree is "at least"). */
async function folderBytes(dir: string, budget: { left: number }): Promise<number> {
  let total = 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (--budget.left < 0) return total;
    const path = join(dir, name);
    try {
      const st = await lstat(path);
      total += st.isDirectory() ? await folderBytes(path, budget) : st.size;
    } catch {
      /* gone meanwhile: not counted */
    }
  }
  return total;
}

export async function npmInstallAt(pluginRoot: string): Promise<NpmInstall | null> {
  const pkgText = await readText(join(pluginRoot, 'package.json'), 1024 * 1024);
  const lockText = await readText(join(pluginRoot, 'package-lock.json'), 64 * 1024 * 1024);
  if (pkgText === null || lockText === null) return null;
  let pkg: Record<string, unknown>;
  let lock: Lockfile;
  try {
    pkg = JSON.parse(pkgText) as Record<string, unknown>;
    lock = JSON.parse(lockText) as Lockfile;
  } catch {
    return null;
  }
  if (!passesPolicy(pkg, lock)) return null;
  const declared = pkg.devDependencies && typeof pkg.devDependencies === 'object' ? Object.keys(pkg.devDependencies) : [];
  const devPaths = Object.entries(lock.packages ?? {}).filter(([path, p]) => path.startsWith('node_modules/') && p?.dev === true).map(([path]) => path);
  if (declared.length === 0 && devPaths.length === 0) return { devNames: [], devBytes: null };
  const budget = { left: 500_000 };
  let bytes = 0;
  let seen = false;
  for (const path of devPaths) {
    const dir = join(pluginRoot, path);
    const size = await folderBytes(dir, budget);
    if (size > 0) seen = true;
    bytes += size;
  }
  return { devNames: declared, devBytes: seen ? bytes : null };
}
