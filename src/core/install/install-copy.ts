/**
 * The rehearsal of a git-sourced install (docs/claude-code-facts.md §16): the marketplace is cloned (tracked
 * files only, submodules fetched, LFS files left as pointers) and each plugin's folder is copied into the cache.
 * The copy keeps in-plugin links as links, copies a link to a file or folder elsewhere in the clone as a real
 * file or folder, drops every link that leaves the clone, and nothing else outside the plugin folder comes along. `judge` says
 * what the installed copy holds at a path of the author's working tree, and if nothing, why.
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathFacts } from '../util/fs-facts.js';
import { filterOf, ignoredBy, linkText, readGitRepo, submodules, type GitRepo } from './git-repo.js';

export type InstalledFact =
  /** The installed copy has it (a tracked file or folder, or inside a submodule). */
  | { kind: 'present' }
  /** Not in the working tree either: the ordinary checks report it. */
  | { kind: 'absent' }
  /** Outside the plugin folder: only the plugin folder is copied. */
  | { kind: 'outside-plugin'; path: string; pluginRoot: string }
  /** A link on the way leaves the plugin: the copy drops it. */
  | { kind: 'link-dropped'; link: string; linkText: string; target: string; tracked: boolean; ignoredBy: string | null }
  /** In the working tree only: git does not track it, so the clone has none. */
  | { kind: 'untracked'; path: string; ignoredBy: string | null; ignoredLine: number | null; inWorkingTree: boolean }
  /** A Git LFS file: the clone holds the pointer text. */
  | { kind: 'lfs-pointer'; path: string };

export interface InstallCopy {
  repo: GitRepo;
  pluginRoot: string;
  judge(path: string): Promise<InstalledFact>;
}

function within(top: string, path: string): boolean {
  const rel = relative(top, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

const toRel = (top: string, path: string) => relative(top, path).split(sep).join('/');

const repos = new Map<string, Promise<GitRepo | null>>();

/** The install copy of one plugin folder, or null when the folder is not in a git working tree. */
export async function installCopy(pluginRoot: string): Promise<InstallCopy | null> {
  let pending = repos.get(pluginRoot);
  if (!pending) {
    pending = readGitRepo(pluginRoot);
    repos.set(pluginRoot, pending);
  }
  const repo = await pending;
  if (!repo) return null;
  const modules = await submodules(repo);
  const root = resolve(pluginRoot);

  const judgeFrom = async (path: string, bound: string, depth: number): Promise<InstalledFact> => {
    if (depth > 8) return { kind: 'absent' };
    if (!within(bound, path)) {
      return within(repo.top, path) || !within(root, path) ? { kind: 'outside-plugin', path, pluginRoot: root } : { kind: 'absent' };
    }
    const parts = toRel(repo.top, path).split('/').filter((p) => p.length > 0);
    let cur = '';
    for (let i = 0; i < parts.length; i++) {
      cur = cur ? `${cur}/${parts[i]}` : (parts[i] ?? '');
      const abs = join(repo.top, cur);
      const rest = parts.slice(i + 1);
      if (modules.has(cur) || repo.entries.get(cur)?.mode === '160000') return { kind: 'present' };
      const entry = repo.entries.get(cur);
      if (entry?.mode === '120000') {
        const text = (await linkText(repo, entry)) ?? '';
        const target = isAbsolute(text) ? text : resolve(dirname(abs), text);
        const onward = join(target, ...rest);
        if (within(root, target)) return judgeFrom(onward, bound, depth + 1);
        // A link to a file or folder elsewhere in the clone is copied as a real file or folder (measured:
        // docs/claude-code-facts.md §16); what it points at must be tracked.
        if (within(repo.top, target)) return judgeFrom(onward, repo.top, depth + 1);
        return { kind: 'link-dropped', link: abs, linkText: text, target, tracked: true, ignoredBy: null };
      }
      if (entry) {
        if (rest.length > 0) return { kind: 'absent' };
        return (await filterOf(repo, cur)) === 'lfs' ? { kind: 'lfs-pointer', path: abs } : { kind: 'present' };
      }
      if (repo.dirs.has(cur)) continue;
      // Not tracked: what does the author's working tree hold there?
      const facts = await pathFacts(abs);
      const ignored = await ignoredBy(repo, cur);
      if (facts.kind === 'symlink-ok' || facts.kind === 'symlink-dangling' || facts.kind === 'symlink-loop') {
        const target = facts.linkTarget ?? '';
        if (!within(root, target)) {
          return { kind: 'link-dropped', link: abs, linkText: facts.linkText ?? '', target, tracked: false, ignoredBy: ignored?.file ?? null };
        }
      }
      if (facts.kind === 'missing' && !ignored) return { kind: 'absent' };
      return { kind: 'untracked', path: abs, ignoredBy: ignored?.file ?? null, ignoredLine: ignored?.line ?? null, inWorkingTree: facts.kind !== 'missing' };
    }
    return { kind: 'present' };
  };

  return { repo, pluginRoot: root, judge: (path) => judgeFrom(resolve(path), root, 0) };
}
