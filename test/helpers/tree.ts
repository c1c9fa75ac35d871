/**
 * Temporary folder trees for tests: write one from a spec (`writeTree`), and snapshot one (paths, kinds,
 * modes, link targets, content hashes) to prove what changed.
 */
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll } from 'vitest';

export type Tree = Record<string, string>;

/** Every entry under `root` except the paths starting with one of `exclude` (relative to root). */
export function snapshot(root: string, exclude: string[] = []): Tree {
  const out: Tree = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(root, path);
      if (exclude.some((e) => rel === e || rel.startsWith(e + '/'))) continue;
      const st = lstatSync(path);
      // A folder that exists only to hold an excluded path (home/.cache for the journal) is not compared itself.
      if (st.isDirectory() && exclude.some((e) => e.startsWith(rel + '/'))) {
        walk(path);
        continue;
      }
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(path)}`;
      else if (st.isDirectory()) {
        out[rel] = `dir ${mode}`;
        walk(path);
      } else if (st.isFile()) out[rel] = `file ${mode} ${createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16)}`;
      else out[rel] = `other ${mode}`;
    }
  };
  walk(root);
  return out;
}

/** What differs between two snapshots, as "path: before → after" lines (empty when identical). */
export function treeDiff(before: Tree, after: Tree): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => before[k] !== after[k]).map((k) => `${k}: ${before[k] ?? '(none)'} → ${after[k] ?? '(none)'}`);
}

/** What a file in a tree spec is: text, a JSON value, a symlink, or text with a mode (`{ text, mode: 0o755 }`). */
export type Entry = string | { link: string } | { text: string; mode: number } | object;

/**
 * Writes a tree of files into a new temporary folder, removed after the current test file; JSON values are
 * serialised with two-space indentation so findings have stable lines and columns.
 */
export function writeTree(files: Record<string, Entry>, prefix = 'mcp-doctor-tree-'): string {
  const dir = tempFolder(prefix);
  addToTree(dir, files);
  return dir;
}

/** Adds files to an existing folder (same spec as `writeTree`). */
export function addToTree(dir: string, files: Record<string, Entry>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof content === 'string') writeFileSync(path, content);
    else if ('link' in content) symlinkSync((content as { link: string }).link, path);
    else if ('text' in content && 'mode' in content) {
      writeFileSync(path, (content as { text: string }).text);
      chmodSync(path, (content as { mode: number }).mode);
    } else writeFileSync(path, JSON.stringify(content, null, 2) + '\n');
  }
}

const made: string[] = [];
let cleanupRegistered = false;

/** A new empty temporary folder, removed after the current test file. */
export function tempFolder(prefix = 'mcp-doctor-test-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    afterAll(() => {
      for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}
