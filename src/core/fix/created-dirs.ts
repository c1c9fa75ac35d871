/**
 * Folders a fix had to create on the way to what it made (the venv cache's `<marketplace>/<server>/`, a
 * build's `bin/`), so that undo can take them away too, and only while they are empty.
 */
import { lstat, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The topmost ancestor of `path` that does not exist yet, or null when its folder exists. */
export async function firstMissingAncestor(path: string): Promise<string | null> {
  let missing: string | null = null;
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    if (await lstat(dir).catch(() => null)) break;
    missing = dir;
  }
  return missing;
}

/** Removes the empty folders from `path`'s parent up to `top` (inclusive); stops at the first that is not empty. */
export async function removeCreatedDirs(path: string, top: string | null | undefined): Promise<void> {
  if (!top) return;
  for (let dir = dirname(path); dir.length >= top.length; dir = dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    if (dir === top) return;
  }
}
