/**
 * Installed mode: "what will this update break?" When a git marketplace's clone (~/.claude/plugins/marketplaces/<m>)
 * has moved past the commit a plugin was installed from (installed_plugins.json `gitCommitSha`), the next
 * `claude plugin update` copies the plugin from the clone's HEAD. That copy is rehearsed statically (the same
 * install copy as author mode, on the clone; no network, no probe) and compared with the cache copy the servers run
 * from now: each command, script or venv the cache has and the new copy will not hold, or holds with other content,
 * is named, with the version change. A same-version update does not refresh the cache at all
 * (docs/claude-code-facts.md §19: "already at the latest version").
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { commandTarget } from '../command/command-target.js';
import { mentionsVenv } from '../command/launcher-scan.js';
import { isShellScript } from '../command/shebang.js';
import { git } from '../install/git-repo.js';
import { installCopy, type InstalledFact } from '../install/install-copy.js';
import { pathFacts, readText } from '../util/fs-facts.js';
import type { FindingInput, PluginEntry, ServerEntry } from '../model/types.js';
import { defineCheck, type CheckContext } from './define-check.js';

/** Files larger than this are not compared byte for byte (a change there is not claimed). */
const MAX_COMPARE_BYTES = 16 * 1024 * 1024;

const short = (sha: string) => sha.slice(0, 7);

/**
 * The version the update would install: the clone's plugin.json, else the marketplace entry's (plugin.json wins
 * at install time: reference claude-code-2.1.332.md, case 31), else null.
 */
async function cloneVersion(cloneRoot: string, plugin: PluginEntry, c: CheckContext): Promise<string | null> {
  const text = await readText(join(cloneRoot, '.claude-plugin', 'plugin.json'));
  try {
    const v = (JSON.parse(text ?? '') as { version?: unknown }).version;
    if (typeof v === 'string') return v;
  } catch {
    // An unreadable plugin.json: the entry's version, if any.
  }
  const listed = (c.marketplace(plugin.marketplace)?.manifest?.value as { plugins?: unknown } | undefined)?.plugins;
  const entry = Array.isArray(listed) ? (listed as { name?: unknown; version?: unknown }[]).find((e) => e?.name === plugin.name) : undefined;
  return typeof entry?.version === 'string' ? entry.version : null;
}

/** The paths in the cache copy a server runs: its program, its script, arguments inside the copy, its launcher's venv. */
async function cachePaths(server: ServerEntry, c: CheckContext, root: string): Promise<string[]> {
  const t = await commandTarget(server, c);
  if (!t) return [];
  const inside = (p: string | null | undefined): p is string => typeof p === 'string' && isAbsolute(p) && !relative(root, p).startsWith('..');
  const out = [t.resolution.path, t.scriptPath, ...server.expanded.args.map((a) => (a.startsWith('-') && a.includes('=') ? a.slice(a.indexOf('=') + 1) : a))].filter(inside);
  const launcher = t.scriptPath ?? t.resolution.path;
  if (launcher && inside(launcher) && (await isShellScript(launcher))) {
    for (const name of mentionsVenv((await readText(launcher, 256 * 1024)) ?? '')) out.push(join(dirname(launcher), name));
  }
  return [...new Set(out)];
}

/** Why the new copy will not hold a path, in one word for the catalog. */
function lossOf(fact: InstalledFact): string {
  switch (fact.kind) {
    case 'untracked':
      return fact.ignoredBy ? 'gitignored' : 'untracked';
    case 'absent':
      return 'removed';
    default:
      return fact.kind;
  }
}

async function sameContent(a: string, b: string): Promise<boolean | null> {
  const [fa, fb] = await Promise.all([pathFacts(a), pathFacts(b)]);
  if (fa.kind !== 'file' || fb.kind !== 'file') return null;
  const [sa, sb] = await Promise.all([stat(a), stat(b)]);
  if (sa.size !== sb.size) return false;
  if (sa.size > MAX_COMPARE_BYTES) return null;
  const [ba, bb] = await Promise.all([readFile(a), readFile(b)]);
  return ba.equals(bb);
}

async function serverChanges(server: ServerEntry, plugin: PluginEntry & { root: string; cloneRoot: string }, c: CheckContext, base: Record<string, unknown>): Promise<FindingInput[]> {
  const copy = await installCopy(plugin.cloneRoot);
  if (!copy) return [];
  const out: FindingInput[] = [];
  for (const cached of await cachePaths(server, c, plugin.root)) {
    // Only what the servers use now: a file the cache lacks already is the ordinary checks' finding.
    if ((await pathFacts(cached)).kind === 'missing') continue;
    const rel = relative(plugin.root, cached);
    const incoming = join(plugin.cloneRoot, rel);
    const fact = await copy.judge(incoming);
    const change = fact.kind !== 'present' ? 'lost' : (await sameContent(cached, incoming)) === false ? 'changed' : null;
    if (!change) continue;
    out.push({ code: 'install.update-server', location: plugin.installRecord, args: { ...base, server: server.name, rel: rel.split(sep).join('/'), change, why: change === 'lost' ? lossOf(fact) : null } });
  }
  return out;
}

export default defineCheck({
  id: 'install-update',
  subject: 'plugin',
  codes: ['install.update-pending', 'install.update-server'],
  async run(plugin, c) {
    const sha = plugin.installRecord?.gitCommitSha;
    const { root, cloneRoot } = plugin;
    if (c.inventory.mode !== 'installed' || plugin.rootKind !== 'cache' || !sha || !root || !cloneRoot || !plugin.rootExists) return [];
    const head = (await git(cloneRoot, ['rev-parse', 'HEAD']))?.trim();
    if (!head || head === sha) return [];
    const newVersion = await cloneVersion(cloneRoot, plugin, c);
    const version = plugin.version;
    const sameVersion = newVersion !== null && newVersion === version;
    const base = { plugin: plugin.id, version, newVersion, from: short(sha), to: short(head) };
    const out: FindingInput[] = [{ code: 'install.update-pending', location: plugin.installRecord, args: { ...base, sameVersion } }];
    // A same-version update keeps the cache as it is: nothing changes for the servers.
    if (sameVersion) return out;
    const mine = c.inventory.servers.filter((s) => s.plugin === plugin.id && s.transport === 'stdio');
    for (const server of mine) out.push(...(await serverChanges(server, { ...plugin, root, cloneRoot }, c, base)));
    return out;
  },
});
