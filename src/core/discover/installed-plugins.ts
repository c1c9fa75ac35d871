/**
 * The plugins Claude Code would load from the user's config dir: the union of installed_plugins.json and
 * enabledPlugins, each resolved to the folder `${CLAUDE_PLUGIN_ROOT}` becomes (docs/claude-code-facts.md §10):
 * read in place for `directory`/`file` marketplaces with a relative entry source, the cache installPath otherwise.
 */
import { join, resolve } from 'node:path';
import type { DoctorContext } from '../model/context.js';
import { isDirectory } from '../util/fs-facts.js';
import { locationOf } from '../json/location.js';
import type { FindingInput, JsonDocument, MarketplaceEntry, PluginEntry } from '../model/types.js';
import type { InventoryBuilder } from './inventory-builder.js';
import { installPathProblem, pluginCacheDir } from './install-root.js';
import { loadPluginManifest, type ManifestView } from './plugin-manifest.js';
import { readInstalledPlugins, readSettings, splitPluginId, type InstallRecord, type KnownMarketplace, type SettingsView } from './registries.js';

export interface LoadedPlugin {
  plugin: PluginEntry;
  manifest: ManifestView;
}

/** Which of a plugin's install records applies in this project: local/project installs for it, else user/managed. */
function pickInstall(records: InstallRecord[], projectDir: string): InstallRecord | undefined {
  const rank = (r: InstallRecord) => {
    if ((r.scope === 'local' || r.scope === 'project') && r.projectPath === projectDir) return r.scope === 'local' ? 4 : 3;
    if (r.scope === 'user') return 2;
    if (r.scope === 'managed') return 1;
    return 0;
  };
  return records.filter((r) => rank(r) > 0).sort((a, b) => rank(b) - rank(a))[0];
}

export interface MarketplaceCatalogEntry {
  source: unknown;
  index: number;
  doc: JsonDocument;
  strict: boolean;
  entry: Record<string, unknown>;
}

export function relativeSourceDir(mkt: MarketplaceEntry, entry: MarketplaceCatalogEntry): string | null {
  if (typeof entry.source !== 'string' || !mkt.installLocation) return null;
  const metadata = (mkt.manifest?.value as Record<string, unknown> | undefined)?.metadata;
  const pluginRoot =
    metadata && typeof metadata === 'object' && typeof (metadata as Record<string, unknown>).pluginRoot === 'string'
      ? String((metadata as Record<string, unknown>).pluginRoot)
      : '';
  return resolve(mkt.installLocation, pluginRoot, entry.source === '.' ? './' : entry.source);
}

export function catalogEntry(mkt: MarketplaceEntry, pluginName: string): MarketplaceCatalogEntry | null {
  const value = mkt.manifest?.value as Record<string, unknown> | undefined;
  const plugins = value && Array.isArray(value.plugins) ? value.plugins : [];
  for (let i = 0; i < plugins.length; i++) {
    const e = plugins[i] as Record<string, unknown> | null;
    if (e && typeof e === 'object' && e.name === pluginName && mkt.manifest) {
      return { source: e.source, index: i, doc: mkt.manifest, strict: e.strict !== false, entry: e };
    }
  }
  return null;
}

export async function discoverInstalledPlugins(
  ctx: DoctorContext,
  b: InventoryBuilder,
  marketplaces: MarketplaceEntry[],
  known: KnownMarketplace[],
): Promise<{ loaded: LoadedPlugin[]; settings: SettingsView }> {
  const settings = await readSettings(ctx, b);
  const installs = await readInstalledPlugins(ctx, b);
  const ids = new Set<string>([...installs.map((r) => r.id), ...settings.enabled.keys()]);
  const loaded: LoadedPlugin[] = [];

  // Claude Code iterates plugins in the key order of enabledPlugins; the rest follow by id.
  const ordered = [...settings.order.filter((id) => ids.has(id)), ...[...ids].filter((id) => !settings.order.includes(id)).sort()];
  for (const id of ordered) {
    const { name, marketplace } = splitPluginId(id);
    const record = pickInstall(installs.filter((r) => r.id === id), ctx.cwd);
    const setting = settings.enabled.get(id);
    if (!record && !setting) continue; // installed only for another project
    const mkt = marketplaces.find((m) => m.name === marketplace) ?? null;
    const knownEntry = known.find((k) => k.name === marketplace);
    const entry = mkt ? catalogEntry(mkt, name) : null;

    // Where the plugin is read from: in place for local directory marketplaces, else the cache copy.
    let root: string | null = record?.installPath ?? null;
    let rootKind: PluginEntry['rootKind'] = 'cache';
    let cloneRoot: string | null = null;
    const inPlaceDir = mkt && entry ? relativeSourceDir(mkt, entry) : null;
    if (mkt && (mkt.sourceKind === 'directory' || mkt.sourceKind === 'file') && inPlaceDir) {
      root = inPlaceDir;
      rootKind = 'in-place';
    } else if (inPlaceDir) {
      cloneRoot = inPlaceDir;
    }
    const rootExists = root ? await isDirectory(root) : false;

    const plugin: PluginEntry = {
      id,
      name,
      marketplace,
      root,
      rootKind,
      rootExists,
      enabled: true,
      enabledBy: 'default',
      version: record?.version ?? null,
      manifest: null,
      cloneRoot,
    };
    if (record) plugin.installRecord = { ...locationOf(record.doc, record.pointer), installPath: record.installPath, lastUpdated: record.lastUpdated, rawInstallPath: record.rawInstallPath, gitCommitSha: record.gitCommitSha };
    if (entry) plugin.marketplaceEntry = entryLocation(entry);

    const manifest: ManifestView = rootExists ? await loadPluginManifest(b, plugin, entry) : { manifestValue: null, manifestDoc: null, manifestBase: [] };
    const manifestValue = manifest.manifestValue;
    if (manifestValue && typeof manifestValue.name === 'string' && manifestValue.name.length > 0) plugin.name = manifestValue.name;
    if (!plugin.version && manifestValue && typeof manifestValue.version === 'string') plugin.version = manifestValue.version;

    // Only `true` enables; false and version lists leave it off; no entry follows defaultEnabled (true by default).
    if (setting) {
      plugin.enabled = setting.value === true;
      plugin.enabledBy = setting.file;
    } else {
      plugin.enabled = manifestValue?.defaultEnabled !== false;
      plugin.enabledBy = manifestValue?.defaultEnabled === false ? 'plugin.json defaultEnabled' : 'default';
    }

    // Registry facts become findings only for plugins Claude Code would try to load.
    if (plugin.enabled) {
      if (marketplace && !knownEntry) {
        b.add({ code: 'registry.unknown-marketplace', location: setting ? locationOf(setting.doc, setting.pointer) : plugin.installRecord, args: { plugin: id, marketplace } }, { plugin: id });
      }
      if (!record && !(rootKind === 'in-place' && rootExists)) {
        b.add({ code: 'registry.not-installed', location: setting ? locationOf(setting.doc, setting.pointer) : undefined, args: { plugin: id, settings: setting?.file ?? '' } }, { plugin: id });
      } else if (!rootExists && rootKind === 'cache' && record) {
        b.add({ code: 'registry.install-missing', location: plugin.installRecord, args: { plugin: id, installPath: record.installPath } }, { plugin: id });
      } else if (!rootExists && rootKind === 'in-place' && plugin.marketplaceEntry && mkt?.exists) {
        b.add(missingSourceFinding(plugin.marketplaceEntry, 'Fix the plugin source in marketplace.json.'), { plugin: id });
      }
      // A copy recorded outside Claude Code's plugin cache (or at HOME, or through `..`): --fix never writes there.
      const unowned = rootKind === 'cache' && record && rootExists ? installPathProblem(record.installPath, record.rawInstallPath, ctx) : null;
      if (unowned && record && rootExists) {
        b.add({ code: 'registry.install-outside', location: plugin.installRecord, args: { plugin: id, installPath: record.rawInstallPath, why: unowned, cache: pluginCacheDir(ctx) } }, { plugin: id });
      }
    }
    loaded.push({ plugin, manifest });
  }
  return { loaded, settings };
}

/** Where a marketplace entry's `source` sits, with the source itself. */
export function entryLocation(entry: MarketplaceCatalogEntry): NonNullable<PluginEntry['marketplaceEntry']> {
  return { ...locationOf(entry.doc, ['plugins', entry.index, 'source']), source: entry.source };
}

/** A plugin source folder that does not exist (read in place, or in a source tree). */
export function missingSourceFinding(where: NonNullable<PluginEntry['marketplaceEntry']>, fixHint: string): FindingInput {
  return { code: 'config.missing-file', location: where, args: { field: where.pointer.join('.'), path: String(where.source ?? ''), fixHint } };
}

export function marketplaceManifestPath(installLocation: string): string {
  return join(installLocation, '.claude-plugin', 'marketplace.json');
}
