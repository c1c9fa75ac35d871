/** Adds the execute bit to one file, for exactly the classes that can already read it (0644 → 0755). */
import { createHash } from 'node:crypto';
import { chmod, lstat, readFile, realpath, stat } from 'node:fs/promises';
import { executableForReaders } from '../../util/fs-facts.js';
import { asBefore, changedSince, defineApplier, leftBy } from '../define-applier.js';
import { rootOf } from '../roots.js';

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

export default defineApplier({
  kind: 'chmod',
  gate: 'always',
  order: 2,
  key: (fix) => `chmod:${fix.path}`,
  writeTargets: async (fix) => [await realpath(fix.path).catch(() => fix.path)],
  describe: (fix) => `make ${fix.path} executable (chmod 0${(fix.mode & 0o7777).toString(8)})`,
  async check(fix, a) {
    // The mode lives on the real file: judge where that is, not where a link to it sits.
    const real = await realpath(fix.path).catch(() => null);
    if (!real) return { ok: false, reason: `${fix.path} no longer exists` };
    if (!(await rootOf(real, a.roots))) return { ok: false, reason: `${real} is outside the folders mcp-doctor may change (${a.roots.join(', ')})` };
    const st = await stat(real);
    if (!st.isFile()) return { ok: false, reason: `${real} is not a regular file` };
    if ((st.mode & 0o111) !== 0) return { ok: false, reason: 'it is executable now; left as it is' };
    if (executableForReaders(st.mode) === (st.mode & 0o7777)) return { ok: false, reason: 'nobody can read it, so there is no class to make it executable for' };
    return { ok: true, before: { file: real, mode: st.mode & 0o7777, sha256: await sha256(real) } };
  },
  expect(_fix, before) {
    return { file: String(before.file), mode: executableForReaders(Number(before.mode)) };
  },
  async apply(_fix, before, a) {
    const file = String(before.file);
    const mode = executableForReaders(Number(before.mode));
    await a.guard(file);
    await chmod(file, mode);
    return { after: { file, mode, sha256: String(before.sha256) } };
  },
  async undo(entry) {
    const file = String(entry.before.file);
    const st = await lstat(file).catch(() => null);
    const mode = st ? st.mode & 0o7777 : null;
    if (mode !== leftBy(entry).mode) return mode === entry.before.mode ? asBefore(entry) : changedSince(file);
    // The exec bit stays on a script the user edited since: it is theirs now.
    if (entry.before.sha256 && (await sha256(file).catch(() => null)) !== entry.before.sha256) return { undone: false, reason: `${file} was edited since the fix; its mode is left as it is` };
    await chmod(file, Number(entry.before.mode));
    return { undone: true };
  },
});
