/**
 * Rewrites a script saved with Windows line endings (its #! line then names "bash\r"). The old bytes go
 * into the journal first; the new ones are written beside the file and renamed over it, keeping its mode.
 */
import { createHash } from 'node:crypto';
import { open, readFile, realpath, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { replaceAtomically } from '../../util/atomic-replace.js';
import { asBefore, changedSince, defineApplier, leftBy } from '../define-applier.js';
import { syncDir } from '../journal.js';
import { rootOf } from '../roots.js';

const MAX_BYTES = 4 * 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const withLf = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
const backupName = (entryId: string, file: string) => `${entryId}-${basename(file)}`;

/** The new bytes take the file's place in one step, with its mode (writeFile's mode is masked by umask). */
async function replaceBytes(file: string, bytes: Buffer, mode: number, temp: (path: string) => Promise<string>, guard?: (path: string) => Promise<void>): Promise<void> {
  return replaceAtomically(
    file,
    async (tmp) => {
      await writeSynced(tmp, bytes, mode);
    },
    await temp(file),
    guard && (() => guard(file)),
  );
}

/** Written and flushed to the disk, with the mode given (writeFile's mode is masked by umask). */
async function writeSynced(path: string, bytes: Buffer, mode: number): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(bytes);
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export default defineApplier({
  kind: 'line-endings',
  gate: 'always',
  order: 3,
  key: (fix) => `line-endings:${fix.path}`,
  writeTargets: async (fix) => [await realpath(fix.path).catch(() => fix.path)],
  describe: (fix) => `convert ${fix.path} from CRLF to LF line endings`,
  async check(fix, a) {
    const real = await realpath(fix.path).catch(() => null);
    if (!real) return { ok: false, reason: `${fix.path} no longer exists` };
    if (!(await rootOf(real, a.roots))) return { ok: false, reason: `${real} is outside the folders mcp-doctor may change (${a.roots.join(', ')})` };
    const st = await stat(real);
    if (!st.isFile() || st.size > MAX_BYTES) return { ok: false, reason: `${real} is not a script mcp-doctor rewrites (not a regular file, or over 4 MiB)` };
    const bytes = await readFile(real);
    if (bytes.includes(0)) return { ok: false, reason: `${real} holds binary data; left as it is` };
    if (!bytes.includes('\r\n')) return { ok: false, reason: 'it has LF line endings now; left as it is' };
    return { ok: true, before: { file: real, mode: st.mode & 0o7777, sha256: sha256(bytes), fixedSha256: sha256(withLf(bytes)) } };
  },
  expect(_fix, before) {
    return { file: String(before.file), sha256: String(before.fixedSha256) };
  },
  async apply(_fix, before, a) {
    const file = String(before.file);
    const bytes = await readFile(file);
    if (sha256(bytes) !== before.sha256) throw new Error(`${file} changed while the fix ran`);
    const backup = join(await a.journal.ensureBackupDir(), backupName(a.entryId, file));
    // The old bytes are on the disk before the new ones take their place.
    await writeSynced(backup, bytes, 0o600);
    await syncDir(a.journal.backupDir);
    const fixed = withLf(bytes);
    try {
      await replaceBytes(file, fixed, Number(before.mode), a.temp, a.guard);
    } catch (error) {
      await rm(backup, { force: true });
      throw error;
    }
    return { after: { file, sha256: sha256(fixed), backup } };
  },
  async undo(entry, a) {
    const file = String(entry.before.file);
    const now = await readFile(file).catch(() => null);
    const hash = now ? sha256(now) : null;
    if (hash !== leftBy(entry).sha256) return hash === entry.before.sha256 ? asBefore(entry) : changedSince(file);
    const old = await readFile(String(entry.after?.backup ?? join(a.journalBackupDir, backupName(entry.id, file))));
    await replaceBytes(file, old, Number(entry.before.mode), a.temp);
    return { undone: true };
  },
});
