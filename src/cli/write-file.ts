/**
 * `--output FILE`: the file appears whole or not at all. The text goes to a temporary file in the same folder
 * (same file system, so the rename is atomic) and is renamed over FILE; a reader (a CI upload step, an editor)
 * never sees half a report, and an interrupted run leaves the previous file as it was.
 */
import { rmSync } from 'node:fs';
import { realpath, rm, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { replaceAtomically, siblingTemp } from '../core/util/atomic-replace.js';
import { UsageError } from '../core/util/usage-error.js';
import { onInterrupt } from './signals.js';

const reasons: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  EISDIR: 'it is a folder',
  ENOSPC: 'no space left on the device',
};

function unwritable(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  return new UsageError(`--output ${path}: cannot write it (${reasons[code] ?? code ?? String(error)})`);
}

/** Writes through a symlink at FILE, as a plain write would, instead of replacing the link. */
async function target(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    return await realpath(abs);
  } catch {
    return abs;
  }
}

async function writeVia(tmp: string, file: string, text: string): Promise<void> {
  // Interrupt cleanup runs synchronously, right before the exit.
  const forget = onInterrupt(() => rmSync(tmp, { force: true }));
  try {
    await replaceAtomically(file, (t) => writeFile(t, text, { flag: 'wx' }), tmp);
  } finally {
    forget();
  }
}

/** Fails fast, before any work, on a path the report could not be written to. */
export async function checkWritable(path: string): Promise<void> {
  const file = await target(path);
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) throw unwritable(path, Object.assign(new Error(), { code: 'EISDIR' }));
  const tmp = siblingTemp(file);
  try {
    await writeFile(tmp, '', { flag: 'wx' });
  } catch (error) {
    throw unwritable(path, error);
  }
  await rm(tmp, { force: true });
}

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const file = await target(path);
  try {
    await writeVia(siblingTemp(file), file, text);
  } catch (error) {
    throw unwritable(path, error);
  }
}
