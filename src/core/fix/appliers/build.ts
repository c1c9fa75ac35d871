/**
 * Builds a command that is build output nobody built (`--build`): runs the build the finding names in the
 * plugin folder, with the toolchain on PATH, and checks that the output now exists. Undo removes that
 * output; other files a build writes (objects, caches, node_modules) stay, and undo says so.
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { findOnPath } from '../../command/resolve-command.js';
import { exists } from '../../util/fs-facts.js';
import { firstMissingAncestor, removeCreatedDirs } from '../created-dirs.js';
import { changedSince, defineApplier, notMade } from '../define-applier.js';
import { rootOf } from '../roots.js';
import { FixFailure, runSteps } from '../run-command.js';

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

export default defineApplier({
  kind: 'build',
  async check(fix, a) {
    if (!(await rootOf(fix.output, a.roots)) || !(await rootOf(fix.dir, a.roots))) {
      return { ok: false, reason: `${fix.dir} is outside the folders mcp-doctor may change (${a.roots.join(', ')})` };
    }
    if (await exists(fix.output)) return { ok: false, reason: `${fix.output} exists now; left as it is` };
    if (!(await findOnPath(fix.toolchain, a.ctx.env, a.ctx.platform))) return { ok: false, reason: `${fix.toolchain} is not on PATH; install it first` };
    return { ok: true, before: { state: 'absent', createdDirs: await firstMissingAncestor(fix.output) } };
  },
  expect() {
    return { state: 'built' };
  },
  async apply(fix, _before, a) {
    const output = await runSteps(fix.steps, { cwd: fix.dir, env: a.ctx.env, timeoutMs: a.timeoutMs });
    if (!(await exists(fix.output))) throw new FixFailure(`the build finished, but ${fix.output} still does not exist`, output);
    return { after: { state: 'built', sha256: await sha256(fix.output) }, output: output.slice(-10) };
  },
  async undo(entry) {
    const file = entry.fix.output;
    if (!(await exists(file))) return entry.status === 'pending' ? notMade : changedSince(file);
    if (entry.after && (await sha256(file)) !== entry.after.sha256) return changedSince(file);
    await rm(file, { force: true });
    await removeCreatedDirs(file, entry.before.createdDirs as string | null);
    return { undone: true, note: `removed ${file}; other files the build wrote are left in place` };
  },
});
