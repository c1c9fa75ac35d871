/**
 * Creates the venv a server's command expects (`--rebuild-venvs`): where its dangling link points, or in
 * place; with `uv venv` when uv is on PATH, else `python3 -m venv`; then installs from the server's
 * requirements.txt or pyproject.toml. Crash-consistent: the venv is built in a staging folder beside the
 * target (recorded in the journal first), its scripts are pointed at the final path, its manifest is
 * journaled, then a broken venv is moved aside into the journal (never deleted) and the staging folder renamed
 * into place. At every instant the target holds the old venv, nothing (between the two renames), or the whole
 * new one, and the journal knows where each is. When pip fails (offline, no wheel) the staging folder is
 * removed and pip's error line is the reason; undo restores the broken venv whatever the staging folder's state.
 */
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { findOnPath } from '../../command/resolve-command.js';
import { pathFacts } from '../../util/fs-facts.js';
import { firstMissingAncestor, removeCreatedDirs } from '../created-dirs.js';
import { asBefore, defineApplier, type ApplyContext } from '../define-applier.js';
import { holds, takeBack, treeManifest } from '../manifest.js';
import { rootOf } from '../roots.js';
import { FixFailure, runCommand } from '../run-command.js';

const present = async (path: string) => (await lstat(path).catch(() => null)) !== null;

/** Where a broken venv goes: into the journal's folder when on the same filesystem, else beside itself. */
function asideCandidates(path: string, a: { journalBackupDir: string; entryId: string }): [string, string] {
  return [join(a.journalBackupDir, `${a.entryId}-${basename(path)}`), `${path}.mcp-doctor-broken-${a.entryId}`];
}

async function moveAside(path: string, a: ApplyContext): Promise<string> {
  await a.journal.ensureBackupDir();
  const [intoJournal, beside] = asideCandidates(path, { journalBackupDir: a.journal.backupDir, entryId: a.entryId });
  try {
    await rename(path, intoJournal);
    return intoJournal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await rename(path, beside);
    return beside;
  }
}

/**
 * A venv names its own path in its scripts' #! lines, its activate scripts and pyvenv.cfg: built under the
 * staging name, those are rewritten to the final path before it is renamed there.
 */
async function pointAt(staging: string, final: string): Promise<void> {
  const files = [join(staging, 'pyvenv.cfg'), ...(await readdir(join(staging, 'bin')).catch(() => [] as string[])).map((n) => join(staging, 'bin', n))];
  for (const file of files) {
    const st = await lstat(file).catch(() => null);
    if (!st?.isFile() || st.size > 1024 * 1024) continue;
    const bytes = await readFile(file);
    if (bytes.includes(0)) continue;
    const text = bytes.toString('utf8');
    if (!text.includes(staging)) continue;
    await writeFile(file, text.split(staging).join(final));
  }
}

export default defineApplier({
  kind: 'venv-create',
  gate: 'rebuild-venvs',
  order: 4,
  key: (fix) => `venv-create:${fix.path}`,
  writeTargets: async (fix) => [fix.path],
  describe(fix) {
    const where = fix.path === fix.venv ? fix.path : `${fix.path} (where ${fix.venv} points)`;
    const aside = fix.replaces === 'broken-venv' ? ', moving the broken one aside' : '';
    const install = fix.requirements ? `install from ${basename(fix.requirements.file)}` : 'install nothing (no requirements.txt or pyproject.toml next to it)';
    return `create a venv at ${where}${aside}, then ${install}`;
  },
  async check(fix, a) {
    if (!(await rootOf(fix.path, a.roots))) return { ok: false, reason: `${fix.path} is outside the folders mcp-doctor may change (${a.roots.join(', ')})` };
    const facts = await pathFacts(fix.path);
    if (fix.replaces === 'nothing' && facts.kind !== 'missing') return { ok: false, reason: `something is at ${fix.path} now; left as it is` };
    // A broken venv, or a half-made one without pyvenv.cfg: either is moved aside whole, never deleted.
    if (fix.replaces === 'broken-venv' && facts.kind !== 'dir') return { ok: false, reason: `${fix.path} is not the broken venv any more; left as it is` };
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
    await mkdir(dirname(fix.path), { recursive: true });
    const staging = await a.temp(fix.path);
    const run = (argv: string[]) => runCommand(argv, { cwd: dirname(fix.venv), env: a.ctx.env, timeoutMs: a.timeoutMs, onGroup: a.onGroup });
    let movedTo: string | null = null;
    try {
      const made = await run(usesUv ? [creator, 'venv', staging] : [creator, '-m', 'venv', staging]);
      if (!made.ok) throw new FixFailure(`creating the venv failed: ${made.errorLine}`, made.output);
      const output = [...made.output];
      const python = join(staging, 'bin', 'python');
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
      await pointAt(staging, fix.path);
      // Recorded before the switch: from here on undo knows exactly what is ours.
      const [intoJournal, beside] = asideCandidates(fix.path, { journalBackupDir: a.journal.backupDir, entryId: a.entryId });
      await a.journal.note(a.entry, { manifest: await treeManifest(staging), expected: { asideInJournal: intoJournal, asideBeside: beside } });
      if (fix.replaces === 'broken-venv') movedTo = await moveAside(fix.path, a);
      await a.guard(fix.path);
      await rename(staging, fix.path);
      return { after: { state: 'venv', movedTo }, output: output.slice(-20), note };
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      if (movedTo && !(await present(fix.path))) await rename(movedTo, fix.path);
      await removeCreatedDirs(fix.path, before.createdDirs as string | null);
      throw error;
    }
  },
  async undo(entry, a) {
    const path = entry.fix.path;
    const [inJournal, beside] = asideCandidates(path, { journalBackupDir: a.journalBackupDir, entryId: entry.id });
    const candidates = [entry.after?.movedTo, entry.expected?.asideInJournal, entry.expected?.asideBeside, inJournal, beside].filter((p): p is string => typeof p === 'string');
    let aside: string | null = null;
    for (const c of candidates) if (!aside && (await present(c))) aside = c;
    const manifest = entry.manifest;
    const ours = manifest ? await holds(path, manifest, 'pyvenv.cfg') : false;
    let kept: string[] = [];
    const keptDir = `${path}.kept-by-mcp-doctor-${entry.id}-${Date.now().toString(36)}`;
    if (ours && manifest) {
      kept = await takeBack(path, manifest, keptDir);
    } else if (await present(path)) {
      // Not the venv the fix made: the broken venv never moved, or the user put something there since.
      if (entry.before.state === 'broken-venv' && !aside) return asBefore(entry);
      if (entry.before.state === 'absent' && !manifest) return asBefore(entry);
      const where = aside ? `; the broken venv it replaced is kept at ${aside}` : '';
      return { undone: false, reason: `${path} changed since the fix; left alone${where}` };
    } else if (!aside) {
      await removeCreatedDirs(path, entry.before.createdDirs as string | null);
      return entry.before.state === 'absent' ? asBefore(entry) : { undone: false, reason: `${path} is gone and the broken venv is not where the journal put it; nothing to restore` };
    }
    const notes: string[] = [];
    if (kept.length > 0) notes.push(`${kept.length} file${kept.length === 1 ? '' : 's'} added or changed since the fix moved to ${keptDir}`);
    if (aside) {
      await rename(aside, path);
      notes.push('the broken venv is back in place');
    } else {
      await removeCreatedDirs(path, entry.before.createdDirs as string | null);
    }
    return { undone: true, note: notes.length > 0 ? notes.join('; ') : undefined };
  },
});
