/**
 * Replacing a file or link in one step: the new one is made under a temporary name in the same folder (same
 * filesystem, so the rename is atomic) and renamed over the old, so a reader never sees half of it and a
 * failure leaves the old one as it was. The temporary is removed when anything fails.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A hidden name beside `path` that no other run picks. */
export function siblingTemp(path: string): string {
  return join(dirname(path), `.${basename(path)}.mcp-doctor-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * `make(tmp)` creates the new file or link at `tmp`; it then takes `path`'s place. `beforeSwitch` runs right
 * before the rename (a fix re-checks there that the folder was not swapped for a link meanwhile).
 */
export async function replaceAtomically(path: string, make: (tmp: string) => Promise<void>, tmp = siblingTemp(path), beforeSwitch?: () => Promise<void>): Promise<void> {
  try {
    await make(tmp);
    await beforeSwitch?.();
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
