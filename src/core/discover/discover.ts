/**
 * Discovery: everything Claude Code would load, as data. Installed mode reads the user's config dir and
 * project; author mode reads source trees given on the command line.
 */
import type { DoctorContext } from '../model/context.js';
import { isDirectory } from '../util/fs-facts.js';
import { locationOf } from '../json/location.js';
import type { Inventory, MarketplaceEntry, ServerEntry, SessionEnv } from '../model/types.js';
import { discoverAuthorTrees } from './author-mode.js';
import { applyBomDrops } from './bom-drops.js';
import { collectProjectServers, collectUserAndLocalServers } from './config-scopes.js';
import { suppressDuplicates, suppressNameCollisions } from './duplicate-servers.js';
import { discoverInstalledPlugins, marketplaceManifestPath } from './installed-plugins.js';
import { InventoryBuilder } from './inventory-builder.js';
import { readPluginSecrets } from './plugin-options.js';
import { collectPluginServers } from './plugin-servers.js';
import { applyProjectSwitches } from './project-switches.js';
import { readKnownMarketplaces } from './registries.js';
import { readSessionEnv } from './settings-env.js';

export interface DiscoverOptions {
  /** Author mode: marketplace repos or plugin folders to check instead of the installed setup. */
  paths?: string[];
}

export async function discover(ctx: DoctorContext, options: DiscoverOptions = {}): Promise<Inventory> {
  const b = new InventoryBuilder();
  const secrets: Inventory['secrets'] = [];
  if (options.paths && options.paths.length > 0) {
    // A source tree is checked for what it says, not for this machine's settings: the shell env only.
    const sessionEnv: SessionEnv = { values: ctx.env, fromSettings: new Map() };
    const found = await discoverAuthorTrees(ctx, b, options.paths);
    applyBomDrops(b, [...b.documents.values()], found.plugins, found.servers, 'author');
    return finish(ctx, b, 'author', found.marketplaces, found.plugins, found.servers, sessionEnv, secrets);
  }

  const sessionEnv = await readSessionEnv(ctx, b);
  const known = await readKnownMarketplaces(ctx, b);
  const marketplaces: MarketplaceEntry[] = [];
  for (const k of known) {
    const present = k.installLocation ? await isDirectory(k.installLocation) : false;
    const registryLocation = locationOf(k.doc, k.pointer);
    const mkt: MarketplaceEntry = { name: k.name, sourceKind: k.sourceKind, installLocation: k.installLocation, exists: present, manifest: null, registryLocation, lastUpdated: k.lastUpdated };
    if (present && k.installLocation) {
      const r = await b.load(marketplaceManifestPath(k.installLocation), 'marketplace-manifest', {}, 'marketplace.json');
      if (r.status === 'ok') mkt.manifest = r.doc;
    } else {
      b.add({ code: 'registry.marketplace-missing', location: registryLocation, args: { marketplace: k.name, location: k.installLocation ?? '(none recorded)' } });
    }
    marketplaces.push(mkt);
  }

  const { loaded, settings } = await discoverInstalledPlugins(ctx, b, marketplaces, known);
  const pluginSecrets = await readPluginSecrets(ctx);
  const servers: ServerEntry[] = [];
  for (const { plugin, manifest } of loaded) {
    const inputs = {
      env: sessionEnv.values,
      options: settings.pluginOptions.get(plugin.id),
      secrets: pluginSecrets.get(plugin.id),
      onSecret: (value: string, label: string) => secrets.push({ value, label }),
    };
    servers.push(...(await collectPluginServers(ctx, b, plugin, manifest, inputs)));
  }
  servers.push(...(await collectUserAndLocalServers(ctx, b, sessionEnv.values)));
  servers.push(...(await collectProjectServers(ctx, b, sessionEnv.values)));
  const plugins = loaded.map((l) => l.plugin);
  // What Claude Code leaves out of a session, in its order: unreadable files, per-project switches and
  // approvals, then duplicates among what is left.
  applyBomDrops(b, [...b.documents.values()], plugins, servers, 'installed');
  suppressNameCollisions(b, servers, settings.order, known.map((k) => k.name));
  await applyProjectSwitches(ctx, b, servers);
  suppressDuplicates(b, servers, settings.order);
  return finish(ctx, b, 'installed', marketplaces, plugins, servers, sessionEnv, secrets);
}

function finish(
  ctx: DoctorContext,
  b: InventoryBuilder,
  mode: Inventory['mode'],
  marketplaces: MarketplaceEntry[],
  plugins: Inventory['plugins'],
  servers: ServerEntry[],
  sessionEnv: SessionEnv,
  secrets: Inventory['secrets'],
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
    sessionEnv,
    secrets,
  };
}
