/**
 * Discovery: everything Claude Code would load, as data. Installed mode reads the user's config dir and
 * project; author mode reads source trees given on the command line.
 */
import type { DoctorContext } from '../context.js';
import { isDirectory } from '../fs-facts.js';
import { locationOf } from '../json/location.js';
import type { Inventory, MarketplaceEntry, ServerEntry } from '../types.js';
import { discoverAuthorTrees } from './author-mode.js';
import { collectProjectServers, collectUserAndLocalServers } from './config-scopes.js';
import { discoverInstalledPlugins, marketplaceManifestPath } from './installed-plugins.js';
import { InventoryBuilder } from './inventory-builder.js';
import { collectPluginServers } from './plugin-servers.js';
import { readKnownMarketplaces } from './registries.js';

export interface DiscoverOptions {
  /** Author mode: marketplace repos or plugin folders to check instead of the installed setup. */
  paths?: string[];
}

export async function discover(ctx: DoctorContext, options: DiscoverOptions = {}): Promise<Inventory> {
  const b = new InventoryBuilder();
  if (options.paths && options.paths.length > 0) {
    const found = await discoverAuthorTrees(ctx, b, options.paths);
    return finish(ctx, b, 'author', found.marketplaces, found.plugins, found.servers);
  }

  const known = await readKnownMarketplaces(ctx, b);
  const marketplaces: MarketplaceEntry[] = [];
  for (const k of known) {
    const present = k.installLocation ? await isDirectory(k.installLocation) : false;
    const registryLocation = locationOf(k.doc, k.pointer);
    const mkt: MarketplaceEntry = { name: k.name, sourceKind: k.sourceKind, installLocation: k.installLocation, exists: present, manifest: null, registryLocation };
    if (present && k.installLocation) {
      const r = await b.load(marketplaceManifestPath(k.installLocation), 'marketplace-manifest', {}, 'marketplace.json');
      if (r.status === 'ok') mkt.manifest = r.doc;
    } else {
      b.add({ code: 'registry.marketplace-missing', location: registryLocation, args: { marketplace: k.name, location: k.installLocation ?? '(none recorded)' } });
    }
    marketplaces.push(mkt);
  }

  const { loaded, settings } = await discoverInstalledPlugins(ctx, b, marketplaces, known);
  const servers: ServerEntry[] = [];
  for (const { plugin, manifest } of loaded) {
    servers.push(...(await collectPluginServers(ctx, b, plugin, manifest, settings.pluginOptions.get(plugin.id))));
  }
  servers.push(...(await collectUserAndLocalServers(ctx, b)));
  servers.push(...(await collectProjectServers(ctx, b)));
  return finish(ctx, b, 'installed', marketplaces, loaded.map((l) => l.plugin), servers);
}

function finish(
  ctx: DoctorContext,
  b: InventoryBuilder,
  mode: Inventory['mode'],
  marketplaces: MarketplaceEntry[],
  plugins: Inventory['plugins'],
  servers: ServerEntry[],
): Inventory {
  return {
    mode,
    configDir: ctx.configDir,
    projectDir: ctx.cwd,
    marketplaces,
    plugins,
    servers,
    documents: [...b.documents.values()],
    findings: b.findings,
  };
}
