/**
 * Puts a lost venv link back. The new link is made under a temporary name in the same folder and renamed
 * into place, so the path is never half-made; only an absent path or a dangling link is replaced, never a
 * real file or folder, and a link that works again is left alone. The target is checked first by running
 * its python.
 */
import { lstat, readlink, symlink, unlink } from 'node:fs/promises';
import { replaceAtomically } from '../../util/atomic-replace.js';
import { pathFacts } from '../../util/fs-facts.js';
import { pythonRuns, venvHealth } from '../../venv/venv-facts.js';
import { asBefore, changedSince, defineApplier, leftBy, type Precheck } from '../define-applier.js';
import { rootOf } from '../roots.js';

async function placeLink(target: string, path: string, temp: (path: string) => Promise<string>, guard?: (path: string) => Promise<void>): Promise<void> {
  return replaceAtomically(path, (tmp) => symlink(target, tmp), await temp(path), guard && (() => guard(path)));
}

export default defineApplier({
  kind: 'symlink',
  gate: 'always',
  order: 1,
  key: (fix) => `symlink:${fix.path}`,
  writeTargets: async (fix) => [fix.path],
  describe: (fix) => `link ${fix.path} → ${fix.target}`,
  async check(fix, a): Promise<Precheck> {
    if (!(await rootOf(fix.path, a.roots))) return { ok: false, reason: `${fix.path} is outside the folders mcp-doctor may change (${a.roots.join(', ')})` };
    const facts = await pathFacts(fix.path);
    if (facts.kind === 'symlink-ok') return { ok: false, reason: 'the link works now; left as it is' };
    if (facts.kind === 'dir' || facts.kind === 'file' || facts.kind === 'other') {
      return { ok: false, reason: `a real ${facts.kind === 'dir' ? 'folder' : 'file'} is at ${fix.path}; mcp-doctor never replaces one` };
    }
    const health = await venvHealth(fix.target);
    if (!health.healthy || !(await pythonRuns(health.python))) return { ok: false, reason: `the venv at ${fix.target} no longer runs its python` };
    return facts.kind === 'missing' ? { ok: true, before: { state: 'absent' } } : { ok: true, before: { state: 'dangling-link', linkText: facts.linkText ?? '' } };
  },
  expect(fix) {
    return { state: 'link', linkText: fix.target };
  },
  async apply(fix, _before, a) {
    await placeLink(fix.target, fix.path, a.temp, a.guard);
    return { after: { state: 'link', linkText: fix.target } };
  },
  async undo(entry, a) {
    const { path } = entry.fix;
    let now: string | null = null;
    try {
      now = await readlink(path);
    } catch {
      /* not a link any more */
    }
    if (now !== leftBy(entry).linkText) {
      const untouched = entry.before.state === 'absent' ? now === null && !(await lstat(path).catch(() => null)) : now === entry.before.linkText;
      return untouched ? asBefore(entry) : changedSince(path);
    }
    if (entry.before.state === 'dangling-link') await placeLink(String(entry.before.linkText), path, a.temp);
    else await unlink(path);
    return { undone: true };
  },
});
