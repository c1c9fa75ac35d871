/** Adds the execute bit to one file, for exactly the classes that can already read it (0644 → 0755). */
import { chmod, lstat, realpath, stat } from 'node:fs/promises';
import { executableForReaders } from '../../util/fs-facts.js';
import { changedSince, defineApplier, leftBy, notMade } from '../define-applier.js';
import { rootOf } from '../roots.js';


export default defineApplier({
  kind: 'chmod',
  async check(fix, a) {
    // The mode lives on the real file: judge where that is, not where a link to it sits.
    const real = await realpath(fix.path).catch(() => null);
    if (!real) return { ok: false, reason: `${fix.path} no longer exists` };
    if (!(await rootOf(real, a.roots))) return { ok: false, reason: `${real} is outside the folders mcp-doctor may change (${a.roots.join(', ')})` };
    const st = await stat(real);
    if (!st.isFile()) return { ok: false, reason: `${real} is not a regular file` };
    if ((st.mode & 0o111) !== 0) return { ok: false, reason: 'it is executable now; left as it is' };
    if (executableForReaders(st.mode) === (st.mode & 0o7777)) return { ok: false, reason: 'nobody can read it, so there is no class to make it executable for' };
    return { ok: true, before: { file: real, mode: st.mode & 0o7777 } };
  },
  expect(_fix, before) {
    return { file: String(before.file), mode: executableForReaders(Number(before.mode)) };
  },
  async apply(_fix, before) {
    const file = String(before.file);
    const mode = executableForReaders(Number(before.mode));
    await chmod(file, mode);
    return { after: { file, mode } };
  },
  async undo(entry) {
    const file = String(entry.before.file);
    const st = await lstat(file).catch(() => null);
    const mode = st ? st.mode & 0o7777 : null;
    if (mode !== leftBy(entry).mode) return entry.status === 'pending' && mode === entry.before.mode ? notMade : changedSince(file);
    await chmod(file, Number(entry.before.mode));
    return { undone: true };
  },
});
