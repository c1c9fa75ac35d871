/**
 * Author mode: `mcp-doctor PATH…` checks source trees. A PATH is a marketplace repo (has
 * .claude-plugin/marketplace.json: every entry with a ./ source is checked as a plugin folder), a plugin
 * folder (has .claude-plugin/plugin.json or .mcp.json), or one of those files. Each plugin folder is its
 * own `${CLAUDE_PLUGIN_ROOT}`.
 */
import { basename, dirname, join, resolve } from 'node:path';
import type { DoctorContext } from '../model/context.js';
import { exists, isDirectory } from '../util/fs-facts.js';
import type { MarketplaceEntry, PluginEntry, ServerEntry } from '../model/types.js';
import { catalogEntry, entryLocation, missingSourceFinding, relativeSourceDir } from './installed-plugins.js';
import type { InventoryBuilder } from './inventory-builder.js';
import { loadPluginManifest, manifestPath } from './plugin-manifest.js';
import { collectPluginServers } from './plugin-servers.js';
import { collectProjectServers } from './config-scopes.js';

export { UsageError } from '../util/usage-error.js';
import { UsageError } from '../util/usage-error.js';

export interface AuthorDiscovery {
  marketplaces: MarketplaceEntry[];
  plugins: PluginEntry[];
  servers: ServerEntry[];
}

async function normalizeTarget(path: string): Promise<string> {
  const abs = resolve(path);
  if (await isDirectory(abs)) return abs;
  if (!(await exists(abs))) throw new UsageError(`${path}: no such file or folder`);
  const name = basename(abs);
  if (name === 'plugin.json' || name === 'marketplace.json') {
    const dir = dirname(abs);
    return basename(dir) === '.claude-plugin' ? dirname(dir) : dir;
  }
  if (name === '.mcp.json') return dirname(abs);
  throw new UsageError(`${path}: not a marketplace or plugin folder, plugin.json, marketplace.json or .mcp.json`);
}

export async function discoverAuthorTrees(ctx: DoctorContext, b: InventoryBuilder, paths: string[]): Promise<AuthorDiscovery> {
  const out: AuthorDiscovery = { marketplaces: [], plugins: [], servers: [] };
  const seenRoots = new Set<string>();

  const checkPlugin = async (root: string, name: string, marketplace: MarketplaceEntry | null) => {
    if (seenRoots.has(root)) return;
    seenRoots.add(root);
    const entry = marketplace ? catalogEntry(marketplace, name) : null;
    const plugin: PluginEntry = {
      id: marketplace ? `${name}@${marketplace.name}` : name,
      name,
      marketplace: marketplace?.name ?? null,
      root,
      rootKind: 'source',
      rootExists: await isDirectory(root),
      enabled: true,
      enabledBy: 'author mode',
      version: null,
      manifest: null,
    };
    if (entry) plugin.marketplaceEntry = entryLocation(entry);
    if (!plugin.rootExists) {
      if (plugin.marketplaceEntry) {
        b.add(missingSourceFinding(plugin.marketplaceEntry, 'A plugin source must be a folder in the repository; fix the path or add the plugin.'), { plugin: plugin.id });
      }
      out.plugins.push(plugin);
      return;
    }
    const manifest = await loadPluginManifest(b, plugin, entry);
    const declaredName = manifest.manifestValue?.name;
    if (typeof declaredName === 'string' && declaredName.length > 0 && !marketplace) {
      plugin.name = declaredName;
      plugin.id = declaredName;
    }
    if (typeof manifest.manifestValue?.version === 'string') plugin.version = manifest.manifestValue.version;
    out.plugins.push(plugin);
    out.servers.push(...(await collectPluginServers(ctx, b, plugin, manifest, { env: ctx.env })));
  };

  for (const raw of paths) {
    const dir = await normalizeTarget(raw);
    const marketFile = join(dir, '.claude-plugin', 'marketplace.json');
    const isMarket = await exists(marketFile);
    const hasManifest = await exists(manifestPath(dir));
    const hasMcp = await exists(join(dir, '.mcp.json'));
    if (!isMarket && !hasManifest && !hasMcp) {
      throw new UsageError(`${raw}: found neither .claude-plugin/marketplace.json, .claude-plugin/plugin.json nor .mcp.json`);
    }
    let mkt: MarketplaceEntry | null = null;
    if (isMarket) {
      const r = await b.load(marketFile, 'marketplace-manifest', {}, 'marketplace.json');
      const value = r.status === 'ok' ? (r.doc.value as Record<string, unknown> | null) : null;
      mkt = {
        name: value && typeof value.name === 'string' ? value.name : basename(dir),
        sourceKind: 'author',
        installLocation: dir,
        exists: true,
        manifest: r.status === 'ok' ? r.doc : null,
      };
      out.marketplaces.push(mkt);
      const entries = value && Array.isArray(value.plugins) ? value.plugins : [];
      for (const e of entries) {
        if (!e || typeof e !== 'object' || typeof (e as Record<string, unknown>).name !== 'string') continue;
        const name = String((e as Record<string, unknown>).name);
        const ce = catalogEntry(mkt, name);
        const sourceDir = ce ? relativeSourceDir(mkt, ce) : null;
        if (sourceDir) await checkPlugin(sourceDir, name, mkt);
      }
    }
    if (seenRoots.has(dir)) continue;
    if (hasManifest || (!isMarket && hasMcp)) {
      await checkPlugin(dir, basename(dir), null);
    } else if (hasMcp) {
      // A .mcp.json at a marketplace root that is not a plugin root is the repo's project config.
      out.servers.push(...(await collectProjectServers(ctx, b, ctx.env, [join(dir, '.mcp.json')])));
    }
  }
  return out;
}
