/**
 * Installs a Node server's dependencies (`--install-deps`) the way Claude Code would have: `npm ci` when the
 * plugin ships a lockfile, else `npm install --omit=dev`; scripts are not run (Claude Code passes
 * --ignore-scripts too) and no lockfile is written into the plugin.
 */
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { findOnPath } from '../../command/resolve-command.js';
import { exists } from '../../util/fs-facts.js';
import { changedSince, defineApplier, notMade } from '../define-applier.js';
import { rootOf } from '../roots.js';
import { FixFailure, runCommand } from '../run-command.js';

export function npmArgv(lockfile: string | null): string[] {
  return lockfile
    ? ['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund']
    : ['npm', 'install', '--omit=dev', '--ignore-scripts', '--no-package-lock', '--no-audit', '--no-fund'];
}

export default defineApplier({
  kind: 'npm-install',
  async check(fix, a) {
    const nodeModules = join(fix.dir, 'node_modules');
    if (!(await rootOf(nodeModules, a.roots))) return { ok: false, reason: `${fix.dir} is outside the folders mcp-doctor may change (${a.roots.join(', ')})` };
    if (await exists(nodeModules)) return { ok: false, reason: 'node_modules exists now; left as it is' };
    const npm = await findOnPath('npm', a.ctx.env, a.ctx.platform);
    if (!npm) return { ok: false, reason: 'npm is not on PATH' };
    return { ok: true, before: { state: 'absent', npm } };
  },
  expect() {
    return { state: 'installed' };
  },
  async apply(fix, before, a) {
    const [, ...rest] = npmArgv(fix.lockfile);
    const r = await runCommand([String(before.npm), ...rest], { cwd: fix.dir, env: a.ctx.env, timeoutMs: a.timeoutMs });
    const nodeModules = join(fix.dir, 'node_modules');
    if (!r.ok) {
      await rm(nodeModules, { recursive: true, force: true });
      throw new FixFailure(`npm failed: ${r.errorLine}`, r.output);
    }
    return { after: { state: 'installed', ino: (await stat(nodeModules).catch(() => null))?.ino ?? null }, output: r.output.slice(-10) };
  },
  async undo(entry) {
    const nodeModules = join(entry.fix.dir, 'node_modules');
    const ino = (await stat(nodeModules).catch(() => null))?.ino ?? null;
    if (ino === null) return entry.status === 'pending' ? notMade : changedSince(nodeModules);
    // Pending: npm was interrupted; what it left in node_modules (absent before) is ours to remove.
    if (entry.after && ino !== entry.after.ino) return changedSince(nodeModules);
    await rm(nodeModules, { recursive: true, force: true });
    return { undone: true };
  },
});
