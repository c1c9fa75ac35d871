/**
 * What git holds for a repository, read locally (no network): the index's entries with their modes (a link is
 * 120000, a submodule 160000), link targets, `.gitattributes` filters and `.gitignore` rules. This is what a
 * git-sourced `claude plugin install` clones (tracked files only), so it is what an install can copy.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface IndexEntry {
  mode: string;
  object: string;
}

export interface GitRepo {
  /** The working tree's top folder. */
  top: string;
  /** Tracked paths (relative to top, '/'-separated) and their index modes. */
  entries: Map<string, IndexEntry>;
  /** Every folder that holds a tracked path, '' included. */
  dirs: Set<string>;
}

const GIT_TIMEOUT_MS = 10_000;

/** Runs git without a terminal prompt, pager or network helper; null when git fails or is absent. */
export function git(cwd: string, args: string[], input?: string): Promise<string | null> {
  return new Promise((resolvePromise) => {
    const child = execFile(
      'git',
      ['-c', 'core.quotepath=off', ...args],
      { cwd, timeout: GIT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } },
      (error, stdout) => resolvePromise(error ? null : stdout),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

export async function readGitRepo(dir: string): Promise<GitRepo | null> {
  const topLine = await git(dir, ['rev-parse', '--show-toplevel']);
  if (!topLine) return null;
  const top = topLine.trim();
  const listing = await git(top, ['ls-files', '-s', '-z']);
  if (listing === null) return null;
  const entries = new Map<string, IndexEntry>();
  const dirs = new Set<string>(['']);
  for (const record of listing.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', object = ''] = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1);
    entries.set(path, { mode, object });
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) dirs.add(path.slice(0, i));
  }
  return { top, entries, dirs };
}

/** The text of a tracked link (its target as committed). */
export async function linkText(repo: GitRepo, entry: IndexEntry): Promise<string | null> {
  const out = await git(repo.top, ['cat-file', 'blob', entry.object]);
  return out === null ? null : out;
}

/** The `filter` attribute of a path (`lfs` for Git LFS files), from .gitattributes. */
export async function filterOf(repo: GitRepo, rel: string): Promise<string | null> {
  const out = await git(repo.top, ['check-attr', '-z', 'filter', '--', rel]);
  if (!out) return null;
  const value = out.split('\0')[2];
  return value && value !== 'unspecified' && value !== 'unset' ? value : null;
}

/** The .gitignore file and line that ignore a path, or null when it is not ignored. */
export async function ignoredBy(repo: GitRepo, rel: string): Promise<{ file: string; line: number; pattern: string } | null> {
  const out = await git(repo.top, ['check-ignore', '-v', '-z', '--no-index', '--stdin'], rel + '\0');
  if (!out) return null;
  const [source = '', line = '0', pattern = ''] = out.split('\0');
  if (!source) return null;
  return { file: join(repo.top, source), line: Number(line), pattern };
}

/** Submodules (`.gitmodules`): path → url. */
export async function submodules(repo: GitRepo): Promise<Map<string, string>> {
  const out = await git(repo.top, ['config', '-f', '.gitmodules', '-z', '--get-regexp', '^submodule\\..*\\.(path|url)$']);
  const byName = new Map<string, { path?: string; url?: string }>();
  for (const record of (out ?? '').split('\0')) {
    const nl = record.indexOf('\n');
    if (nl < 0) continue;
    const key = record.slice(0, nl);
    const m = /^submodule\.(.*)\.(path|url)$/.exec(key);
    if (!m) continue;
    const item = byName.get(m[1] ?? '') ?? {};
    item[m[2] as 'path' | 'url'] = record.slice(nl + 1);
    byName.set(m[1] ?? '', item);
  }
  const map = new Map<string, string>();
  for (const { path, url } of byName.values()) if (path) map.set(path, url ?? '');
  return map;
}
