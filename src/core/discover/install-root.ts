/**
 * Where Claude Code keeps installed copies of plugins: its plugin cache, `<config dir>/plugins/cache`. An
 * install record that points elsewhere (outside the cache by real location, at HOME itself, or written with
 * `..`) is not a folder Claude Code owns: it is reported, and `--fix` never takes it as a place it may write.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { DoctorContext } from '../model/context.js';

export function pluginCacheDir(ctx: Pick<DoctorContext, 'configDir'>): string {
  return join(ctx.configDir, 'plugins', 'cache');
}

/** The folder Claude Code clones git marketplaces into. */
export function marketplacesDir(ctx: Pick<DoctorContext, 'configDir'>): string {
  return join(ctx.configDir, 'plugins', 'marketplaces');
}

/** The real location of a path (its nearest existing ancestor resolved, plus the rest). */
export function realLocationSync(path: string): string {
  const rest: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = join(current, '..');
      if (parent === current) return path;
      rest.push(relative(parent, current));
      current = parent;
    }
  }
}

/** `path` strictly inside `dir` (not dir itself). */
export function strictlyWithin(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}

export type InstallPathProblem = 'dotdot' | 'home' | 'outside-cache';

/** Why an installed copy's folder is not one Claude Code owns, or null when it is inside the plugin cache. */
export function installPathProblem(resolved: string, raw: string | undefined, ctx: Pick<DoctorContext, 'configDir' | 'homedir'>): InstallPathProblem | null {
  if (raw !== undefined && raw.split(/[\\/]/).includes('..')) return 'dotdot';
  const real = realLocationSync(resolved);
  if (real === realLocationSync(ctx.homedir) || resolved === ctx.homedir) return 'home';
  if (!strictlyWithin(realLocationSync(pluginCacheDir(ctx)), real)) return 'outside-cache';
  return null;
}
