/**
 * `--probe` in author mode runs each plugin's servers from a rehearsed install: a temporary folder laid out as
 * Claude Code lays out its config (plugins/cache/<marketplace>/<plugin>/<version>/, installed_plugins.json,
 * known_marketplaces.json, plugins/data/), the plugin copied there as a git install copies it (install-copy.ts:
 * tracked files with the index's content and modes, so LFS files are pointers; links kept inside the plugin,
 * linked files and folders elsewhere in the repository copied as real ones, links leaving it dropped; submodules;
 * nothing outside the plugin folder), and the servers expanded with ${CLAUDE_PLUGIN_ROOT} in that copy. A server
 * passes only if it would work after `claude plugin install`. The folder is removed afterwards, whatever happens.
 */
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { DoctorContext } from '../model/context.js';
import { catalogEntry } from '../discover/installed-plugins.js';
import { InventoryBuilder } from '../discover/inventory-builder.js';
import { loadPluginManifest } from '../discover/plugin-manifest.js';
import { collectPluginServers } from '../discover/plugin-servers.js';
import { pathFacts } from '../util/fs-facts.js';
import type { Inventory, PluginEntry, ServerEntry } from '../model/types.js';
import { git, linkText, submodules, type GitRepo } from './git-repo.js';
import { installCopy } from './install-copy.js';
import { npmInstallAt } from './npm-install.js';

export interface Rehearsal {
  /** The temporary folder; its `.claude` is the config dir the probe uses. */
  home: string;
  configDir: string;
  /** The server a probe should start instead: the same server, expanded against its install copy. */
  serverFor(server: ServerEntry): ServerEntry | 'absent' | null;
  /** Removes the folder (synchronous: also usable from a signal handler). */
  cleanup(): void;
}

function within(top: string, path: string): boolean {
  const rel = relative(top, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/** The index's blob contents, read in one `git cat-file --batch`. */
function readBlobs(top: string, objects: string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: top, stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', () => {
      const all = Buffer.concat(chunks);
      const out = new Map<string, Buffer>();
      let at = 0;
      while (at < all.length) {
        const nl = all.indexOf(10, at);
        if (nl < 0) break;
        const [sha = '', type = '', size = '0'] = all.subarray(at, nl).toString('utf8').split(' ');
        if (type === 'missing' || !type) {
          at = nl + 1;
          continue;
        }
        const n = Number(size);
        out.set(sha, all.subarray(nl + 1, nl + 1 + n));
        at = nl + 1 + n + 1;
      }
      resolvePromise(out);
    });
    child.stdin.end(objects.map((o) => o + '\n').join(''));
  });
}

/** Copies one folder of the repository (tracked content) into `dest`, as the install copy would hold it. */
async function copyTracked(repo: GitRepo, pluginRoot: string, from: string, dest: string, depth = 0): Promise<void> {
  if (depth > 4) return;
  const prefix = relative(repo.top, from).split(sep).join('/');
  const under = [...repo.entries].filter(([p]) => prefix === '' || p === prefix || p.startsWith(prefix + '/'));
  const files = under.filter(([, e]) => e.mode === '100644' || e.mode === '100755');
  const blobs = await readBlobs(repo.top, [...new Set(files.map(([, e]) => e.object))]);
  const modules = await submodules(repo);
  for (const [path, entry] of under) {
    const target = join(dest, relative(prefix, path));
    await mkdir(dirname(target), { recursive: true });
    if (entry.mode === '100644' || entry.mode === '100755') {
      await writeFile(target, blobs.get(entry.object) ?? Buffer.alloc(0));
      await chmod(target, entry.mode === '100755' ? 0o755 : 0o644);
    } else if (entry.mode === '120000') {
      const text = (await linkText(repo, entry)) ?? '';
      const source = join(repo.top, path);
      const resolved = isAbsolute(text) ? text : resolve(dirname(source), text);
      const inClone = relative(repo.top, resolved).split(sep).join('/');
      const tracked = repo.entries.get(inClone);
      if (within(pluginRoot, resolved)) await symlink(text, target).catch(() => {});
      else if (within(repo.top, resolved) && tracked && (tracked.mode === '100644' || tracked.mode === '100755')) {
        // A link to a file elsewhere in the clone is copied as that file.
        const blob = (await readBlobs(repo.top, [tracked.object])).get(tracked.object) ?? Buffer.alloc(0);
        await writeFile(target, blob);
        await chmod(target, tracked.mode === '100755' ? 0o755 : 0o644);
      } else if (within(repo.top, resolved) && repo.dirs.has(inClone)) await copyTracked(repo, pluginRoot, resolved, target, depth + 1);
      else if (within(repo.top, resolved)) await symlink(text, target).catch(() => {}); // dangling in the clone: kept as a link
      // A link that leaves the clone is dropped.
    } else if (entry.mode === '160000' || modules.has(path)) {
      // A submodule is fetched by the clone: its checked-out files, without its .git.
      await cp(join(repo.top, path), target, { recursive: true, filter: (src) => !src.split(sep).includes('.git') }).catch(() => {});
    }
  }
}

/** A name as one folder of the cache path (Claude Code keeps names and versions as they are: cache/gm/x/1.0.0). */
const segment = (text: string) => text.replace(/[/\\]/g, '-').replace(/^\.+$/, '_');

async function headCommit(repo: GitRepo): Promise<string> {
  return ((await git(repo.top, ['rev-parse', 'HEAD'])) ?? '').trim() || '000000000000';
}

/** Lays out the install of every author plugin that lives in a git working tree; null when there is none. */
export async function rehearseInstall(ctx: DoctorContext, inventory: Inventory, onTempDir?: (dir: string) => () => void): Promise<Rehearsal | null> {
  const plugins = inventory.plugins.filter((p): p is PluginEntry & { root: string } => p.rootKind === 'source' && !!p.root && p.rootExists);
  if (inventory.mode !== 'author' || plugins.length === 0) return null;
  const home = mkdtempSync(join(tmpdir(), 'mcp-doctor-rehearsal-'));
  const forget = onTempDir?.(home);
  const cleanup = () => {
    rmSync(home, { recursive: true, force: true });
    forget?.();
  };
  try {
    const configDir = join(home, '.claude');
    const rctx: DoctorContext = { ...ctx, configDir, userStateFile: join(configDir, '.claude.json') };
    const byId = new Map<string, ServerEntry>();
    const rehearsed = new Set<string>();
    const installed: Record<string, unknown[]> = {};
    const known: Record<string, unknown> = {};
    const b = new InventoryBuilder();
    for (const plugin of plugins) {
      const copy = await installCopy(plugin.root);
      if (!copy) continue;
      const marketplace = plugin.marketplace ?? segment(plugin.name);
      const sha = await headCommit(copy.repo);
      const version = plugin.version ?? sha.slice(0, 12);
      const dest = join(configDir, 'plugins', 'cache', segment(marketplace), segment(plugin.name), segment(version));
      await mkdir(dest, { recursive: true });
      await copyTracked(copy.repo, copy.pluginRoot, copy.pluginRoot, dest);
      await mkdir(join(dest, '.in_use'), { recursive: true });
      // npm ci runs at install (its lockfile policy permitting); offline, the author's node_modules stands in for it.
      if ((await npmInstallAt(plugin.root)) && (await pathFacts(join(plugin.root, 'node_modules'))).isDir) {
        await symlink(join(plugin.root, 'node_modules'), join(dest, 'node_modules')).catch(() => {});
      }
      const id = `${plugin.name}@${marketplace}`;
      const now = ctx.now().toISOString();
      installed[id] = [{ scope: 'user', installPath: dest, version, installedAt: now, lastUpdated: now, gitCommitSha: sha }];
      known[marketplace] = { source: { source: 'git', url: copy.repo.top }, installLocation: join(configDir, 'plugins', 'marketplaces', segment(marketplace)), lastUpdated: now };
      rehearsed.add(plugin.id);
      const inCache: PluginEntry = { ...plugin, root: dest, rootKind: 'cache', manifest: null };
      const mkt = plugin.marketplace ? inventory.marketplaces.find((m) => m.name === plugin.marketplace) : undefined;
      const entry = mkt ? catalogEntry(mkt, plugin.name) : null;
      const manifest = await loadPluginManifest(b, inCache, entry);
      for (const s of await collectPluginServers(rctx, b, inCache, manifest, { env: ctx.env })) byId.set(s.id, s);
    }
    await mkdir(join(configDir, 'plugins'), { recursive: true });
    await writeFile(join(configDir, 'plugins', 'installed_plugins.json'), JSON.stringify({ version: 2, plugins: installed }, null, 2));
    await writeFile(join(configDir, 'plugins', 'known_marketplaces.json'), JSON.stringify(known, null, 2));
    return {
      home,
      configDir,
      serverFor: (server) => (server.plugin && rehearsed.has(server.plugin) ? (byId.get(server.id) ?? 'absent') : null),
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** The rehearsed tree's entries, relative to a folder (links with their text, folders with a slash): what the tests compare. */
export async function listTree(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const facts = await pathFacts(path);
    out.push(relative(base, path) + (facts.kind.startsWith('symlink') ? ` -> ${facts.linkText}` : facts.isDir ? '/' : ''));
    if (facts.kind === 'dir') out.push(...(await listTree(path, base)));
  }
  return out;
}
