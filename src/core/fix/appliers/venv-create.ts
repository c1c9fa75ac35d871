/**
 * Creates the venv a server's command expects (`--rebuild-venvs`): where its dangling link points, or in
 * place; with `uv venv` when uv is on PATH, else `python3 -m venv`; then installs from the server's
 * requirements.txt or pyproject.toml. A broken venv is moved aside into the journal, never deleted. When
 * pip fails (offline, no wheel) everything this fix made is taken back and pip's error line is the reason.
 */
import { lstat, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { findOnPath } from '../../command/resolve-command.js';
import { exists, pathFacts } from '../../util/fs-facts.js';
import { firstMissingAncestor, removeCreatedDirs } from '../created-dirs.js';
import { changedSince, defineApplier, notMade, type ApplyContext } from '../define-applier.js';
import { rootOf } from '../roots.js';
import { FixFailure, runCommand } from '../run-command.js';

/** Moves a folder out of the way, into the journal when it is on the same filesystem, else beside itself. */
async function moveAside(path: string, a: ApplyContext): Promise<string> {
  const intoJournal = join(await a.journal.ensureBackupDir(), `${a.entryId}-${basename(path)}`);
  try {
    await rename(path, intoJournal);
    return intoJournal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const beside = `${path}.mcp-doctor-broken-${a.entryId}`;
    await rename(path, beside);
    return beside;
  }
}

async function inode(path: string): Promise<number | null> {
  return (await stat(path).catch(() => null))?.ino ?? null;
}

export default defineApplier({
  kind: 'venv-create',
  async check(fix, a) {
    if (!(await rootOf(fix.path, a.roots))) return { ok: false, reason: `${fix.path} is outside the folders mcp-doctor may change (${a.roots.join(', ')})` };
    const facts = await pathFacts(fix.path);
    if (fix.replaces === 'nothing' && facts.kind !== 'missing') return { ok: false, reason: `something is at ${fix.path} now; left as it is` };
    if (fix.replaces === 'broken-venv' && !(facts.kind === 'dir' && (await exists(join(fix.path, 'pyvenv.cfg'))))) {
      return { ok: false, reason: `${fix.path} is not the broken venv any more; left as it is` };
    }
    const uv = await findOnPath('uv', a.ctx.env, a.ctx.platform);
    const python = uv ? null : await findOnPath('python3', a.ctx.env, a.ctx.platform);
    if (!uv && !python) return { ok: false, reason: 'neither uv nor python3 is on PATH to create the venv with' };
    return { ok: true, before: { state: fix.replaces === 'broken-venv' ? 'broken-venv' : 'absent', creator: uv ?? python, createdDirs: await firstMissingAncestor(fix.path) } };
  },
  expect() {
    return { state: 'venv' };
  },
  async apply(fix, before, a) {
    const creator = String(before.creator);
    const usesUv = basename(creator) === 'uv';
    const run = (argv: string[]) => runCommand(argv, { cwd: dirname(fix.venv), env: a.ctx.env, timeoutMs: a.timeoutMs });
    const movedTo = fix.replaces === 'broken-venv' ? await moveAside(fix.path, a) : null;
    const takeBack = async () => {
      await rm(fix.path, { recursive: true, force: true });
      await removeCreatedDirs(fix.path, before.createdDirs as string | null);
      if (movedTo) await rename(movedTo, fix.path);
    };
    try {
      await mkdir(dirname(fix.path), { recursive: true });
      const made = await run(usesUv ? [creator, 'venv', fix.path] : [creator, '-m', 'venv', fix.path]);
      if (!made.ok) throw new FixFailure(`creating the venv failed: ${made.errorLine}`, made.output);
      const output = [...made.output];
      const python = join(fix.path, 'bin', 'python');
      let note: string | undefined;
      if (fix.requirements) {
        const source = fix.requirements.kind === 'requirements' ? ['-r', fix.requirements.file] : [dirname(fix.requirements.file)];
        const argv = usesUv ? [creator, 'pip', 'install', '--python', python, ...source] : [python, '-m', 'pip', 'install', '--disable-pip-version-check', ...source];
        const installed = await run(argv);
        output.push(...installed.output);
        if (!installed.ok) throw new FixFailure(`pip could not install from ${basename(fix.requirements.file)}: ${installed.errorLine}`, installed.output);
      } else {
        note = `nothing to install from: ${dirname(fix.venv)} has no requirements.txt or pyproject.toml, so the venv is empty`;
      }
      return { after: { state: 'venv', ino: await inode(join(fix.path, 'pyvenv.cfg')), movedTo }, output: output.slice(-20), note };
    } catch (error) {
      await takeBack();
      throw error;
    }
  },
  async undo(entry, a) {
    const path = entry.fix.path;
    const ino = await inode(join(path, 'pyvenv.cfg'));
    // An interrupted creation left a venv of ours (or part of one) only if the path was empty before.
    const ours = entry.after ? ino !== null && ino === entry.after.ino : entry.before.state === 'absent' && (await lstat(path).catch(() => null)) !== null;
    const movedTo = entry.after?.movedTo ?? join(a.journalBackupDir, `${entry.id}-${basename(path)}`);
    if (!ours) {
      if (entry.status === 'pending' && entry.before.state === 'absent') return notMade;
      if (entry.status === 'pending' && typeof movedTo === 'string' && (await lstat(movedTo).catch(() => null)) && !(await lstat(path).catch(() => null))) {
        await rename(movedTo, path);
        return { undone: true, note: 'the broken venv is back in place' };
      }
      return changedSince(path);
    }
    await rm(path, { recursive: true, force: true });
    await removeCreatedDirs(path, entry.before.createdDirs as string | null);
    if (entry.before.state === 'broken-venv' && typeof movedTo === 'string' && (await lstat(movedTo).catch(() => null))) {
      await rename(movedTo, path);
      return { undone: true, note: 'the broken venv is back in place' };
    }
    return { undone: true };
  },
});
