/**
 * Small, never-throwing filesystem questions the checks ask. Each answers from lstat/stat/readlink so a
 * dangling link, a loop or a permission problem is a fact to report, not an exception.
 */
import { constants } from 'node:fs';
import { access, lstat, readlink, stat, open } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';

export type EntryKind = 'file' | 'dir' | 'symlink-ok' | 'symlink-dangling' | 'symlink-loop' | 'other' | 'missing';

export interface PathFacts {
  kind: EntryKind;
  /** For symlinks: the raw link text and its absolute resolution. */
  linkText?: string;
  linkTarget?: string;
  /** For existing targets: is it a regular file / dir after following links. */
  isFile?: boolean;
  isDir?: boolean;
  mode?: number;
  size?: number;
  error?: string;
}

export async function pathFacts(path: string): Promise<PathFacts> {
  let l;
  try {
    l = await lstat(path);
  } catch (error) {
    return { kind: 'missing', error: (error as NodeJS.ErrnoException).code ?? 'ERROR' };
  }
  if (l.isSymbolicLink()) {
    let linkText = '';
    try {
      linkText = await readlink(path);
    } catch {
      /* unreadable link: keep empty */
    }
    const linkTarget = isAbsolute(linkText) ? linkText : resolve(dirname(path), linkText);
    try {
      const st = await stat(path);
      return { kind: 'symlink-ok', linkText, linkTarget, isFile: st.isFile(), isDir: st.isDirectory(), mode: st.mode, size: st.size };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { kind: code === 'ELOOP' ? 'symlink-loop' : 'symlink-dangling', linkText, linkTarget, error: code ?? 'ERROR' };
    }
  }
  if (l.isFile()) return { kind: 'file', isFile: true, isDir: false, mode: l.mode, size: l.size };
  if (l.isDirectory()) return { kind: 'dir', isFile: false, isDir: true, mode: l.mode, size: l.size };
  return { kind: 'other', mode: l.mode };
}

/** Follows a chain of links to the first target that does not exist (at most 40 hops, like the kernel). */
export async function finalLinkTarget(path: string): Promise<string> {
  let current = path;
  for (let hop = 0; hop < 40; hop++) {
    const facts = await pathFacts(current);
    if (!facts.linkTarget || facts.kind === 'missing') return current;
    current = facts.linkTarget;
  }
  return current;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return false;
    await access(path, constants.X_OK);
    // root passes X_OK for any file with at least one x bit; a 0644 file still fails exec (EACCES).
    return (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * Opens a regular file for reading, or returns null. Non-blocking, and checked after opening: a FIFO (or a
 * device) given as a server's command would block a plain open() for ever, and the doctor with it.
 */
async function openRegularFile(path: string) {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = await handle.stat();
    if (st.isFile()) return { handle, size: st.size };
  } catch {
    /* unreadable: not a fact the caller can use */
  }
  await handle?.close().catch(() => {});
  return null;
}

/** Reads at most `bytes` from the start of a regular file (for #! lines and launcher scripts). */
export async function readHead(path: string, bytes: number): Promise<Buffer | null> {
  const file = await openRegularFile(path);
  if (!file) return null;
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return null;
  } finally {
    await file.handle.close().catch(() => {});
  }
}

/** A regular file's text, if it is at most `maxBytes`. */
export async function readText(path: string, maxBytes = 1024 * 1024): Promise<string | null> {
  const file = await openRegularFile(path);
  if (!file) return null;
  try {
    if (file.size > maxBytes) return null;
    return await file.handle.readFile('utf8');
  } catch {
    return null;
  } finally {
    await file.handle.close().catch(() => {});
  }
}

/**
 * Walks up from a path that does not resolve to the topmost component that is missing (or is a
 * dangling/looping link), so a report can say ".venv is a dangling link" instead of "bin/python is missing".
 */
export async function firstMissingComponent(path: string): Promise<{ missing: string; missingFacts: PathFacts; parent: string }> {
  let missing = path;
  let parent = dirname(path);
  while (parent !== missing) {
    const facts = await pathFacts(parent);
    if (facts.kind !== 'missing' && facts.kind !== 'symlink-dangling' && facts.kind !== 'symlink-loop') break;
    missing = parent;
    parent = dirname(parent);
  }
  return { missing, missingFacts: await pathFacts(missing), parent };
}

/** A mode with the execute bit added for exactly the classes that can read (0644 → 0755, 0640 → 0750). */
export function executableForReaders(mode: number): number {
  return (mode & 0o7777) | ((mode & 0o444) >> 2);
}
