/** A snapshot of a folder tree (paths, kinds, modes, link targets, content hashes), to prove what changed. */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

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
