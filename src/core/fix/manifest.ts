/**
 * What a fix wrote, as a manifest (relative path → kind, mode and content hash), recorded in the journal
 * before its switch: undo takes back exactly that, and moves anything else found there (a package the user
 * installed into the venv, a file they edited) aside into a kept folder it names. Nothing is deleted that the
 * fix did not write, except the bytecode caches Python writes for itself.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, readlink, rename, rmdir, unlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

export type Manifest = Record<string, string>;

async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 32);
}

async function fingerprint(path: string): Promise<string | null> {
  const st = await lstat(path).catch(() => null);
  if (!st) return null;
  const mode = (st.mode & 0o7777).toString(8);
  if (st.isSymbolicLink()) return `l ${await readlink(path)}`;
  if (st.isDirectory()) return 'd';
  if (st.isFile()) return `f ${mode} ${await fileHash(path)}`;
  return 'o';
}

/** Every entry under `root` (not root itself), by path relative to it. */
export async function treeManifest(root: string): Promise<Manifest> {
  const out: Manifest = {};
  const walk = async (dir: string) => {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const fp = await fingerprint(path);
      if (fp === null) continue;
      out[relative(root, path)] = fp;
      if (fp === 'd') await walk(path);
    }
  };
  await walk(root);
  return out;
}

/** Whether `root` is (still) the tree the fix wrote, judged by one entry it must hold unchanged. */
export async function holds(root: string, manifest: Manifest, key: string): Promise<boolean> {
  return manifest[key] !== undefined && (await fingerprint(join(root, key))) === manifest[key];
}

const regenerable = (rel: string) => /(^|\/)__pycache__(\/|$)/.test(rel);

/**
 * Removes what the manifest lists (unchanged) from `root`, moves everything else into `kept` (made only when
 * needed, same folder structure), then removes `root`. Returns the paths kept, relative to root.
 */
export async function takeBack(root: string, manifest: Manifest, kept: string): Promise<string[]> {
  const moved: string[] = [];
  const walk = async (dir: string) => {
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      const rel = relative(root, path);
      const fp = await fingerprint(path);
      if (fp === 'd') {
        await walk(path);
        await rmdir(path).catch(() => undefined);
        continue;
      }
      if ((fp !== null && fp === manifest[rel]) || regenerable(rel)) {
        await unlink(path);
        continue;
      }
      await mkdir(dirname(join(kept, rel)), { recursive: true });
      await rename(path, join(kept, rel));
      moved.push(rel);
    }
  };
  await walk(root);
  await rmdir(root);
  return moved;
}
