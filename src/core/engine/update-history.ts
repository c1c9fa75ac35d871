/**
 * "Which update broke it": for a failing plugin server, the plugin's install history as Claude Code records it
 * (installed_plugins.json `version` and `lastUpdated`, known_marketplaces.json `lastUpdated`) and, when the
 * previous version's folder is still in the cache (`plugins/cache/<mkt>/<plugin>/<version>/`), what the files
 * the failure names looked like there: "1.0.0 had a `.venv` link, 1.1.0 has none".
 */
import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Finding, FindingInput, MarketplaceEntry, PluginEntry, ServerEntry } from '../model/types.js';

/** Evidence fields that name a file the failure is about. */
const pathFields = ['path', 'venv', 'link', 'script', 'python', 'nodeModules'];

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y));
  }
  return 0;
}

/** The newest other version folder next to the installed one, older than it. */
async function previousVersion(installPath: string): Promise<string | null> {
  const current = basename(installPath);
  let names: string[];
  try {
    names = (await readdir(dirname(installPath), { withFileTypes: true })).filter((d) => d.isDirectory() && d.name !== current).map((d) => d.name);
  } catch {
    return null;
  }
  const older = names.filter((n) => compareVersions(n, current) < 0).sort(compareVersions);
  return older.at(-1) ?? null;
}

async function kindOf(path: string): Promise<string | null> {
  try {
    const l = await lstat(path);
    if (l.isSymbolicLink()) return 'link';
    return l.isDirectory() ? 'folder' : 'file';
  } catch {
    return null;
  }
}

/** The first component of `rel` that the old version had and the new one lacks. */
async function lostComponent(current: string, previous: string, rel: string): Promise<{ part: string; kind: string } | null> {
  const parts = rel.split(sep);
  for (let i = 1; i <= parts.length; i++) {
    const part = parts.slice(0, i).join(sep);
    const now = await kindOf(join(current, part));
    if (now !== null) continue;
    const then = await kindOf(join(previous, part));
    return then ? { part, kind: then } : null;
  }
  return null;
}

export async function updateNote(
  server: ServerEntry,
  plugin: PluginEntry | undefined,
  marketplace: MarketplaceEntry | undefined,
  own: Finding[],
): Promise<FindingInput | null> {
  if (!plugin?.root || !own.some((f) => f.severity === 'error')) return null;
  // Only with the old version at hand: a date alone proves nothing, and a report must not change with the calendar.
  const previous = plugin.rootKind === 'cache' ? await previousVersion(plugin.root) : null;
  if (!previous) return null;
  const date = plugin.installRecord?.lastUpdated ?? marketplace?.lastUpdated ?? null;
  const when = date ? Date.parse(date) : NaN;
  const previousPath = join(dirname(plugin.root), previous);
  let difference: string | null = null;
  {
    for (const f of own) {
      if (f.severity !== 'error') continue;
      for (const field of pathFields) {
        const p = f.args?.[field];
        if (typeof p !== 'string' || !p.startsWith(plugin.root + sep)) continue;
        const lost = await lostComponent(plugin.root, previousPath, relative(plugin.root, p));
        if (lost) {
          difference = `had ${lost.kind === 'link' ? 'a' : 'the'} \`${lost.part}\` ${lost.kind}, ${plugin.version ?? basename(plugin.root)} has none`;
          break;
        }
      }
      if (difference) break;
    }
  }
  return {
    code: 'registry.recent-update',
    location: plugin.installRecord ?? marketplace?.registryLocation,
    args: {
      plugin: plugin.id,
      version: plugin.version ?? basename(plugin.root),
      date: Number.isFinite(when) ? new Date(when).toISOString().slice(0, 10) : null,
      previous,
      previousPath,
      difference,
      server: server.name,
    },
  };
}
