/**
 * Claude Code's own registries: known_marketplaces.json, installed_plugins.json (v2, and v1 converted)
 * and `enabledPlugins` from user < project < local < managed settings (docs/claude-code-facts.md §10).
 */
import { join, resolve } from 'node:path';
import type { DoctorContext } from '../model/context.js';
import { objectEntries } from '../expand/expand-vars.js';
import type { JsonDocument } from '../model/types.js';
import type { InventoryBuilder } from './inventory-builder.js';

export interface KnownMarketplace {
  name: string;
  sourceKind: string;
  source: Record<string, unknown>;
  installLocation: string | null;
  lastUpdated: string | null;
  pointer: (string | number)[];
  doc: JsonDocument;
}

export interface InstallRecord {
  id: string;
  scope: string;
  installPath: string;
  /** installPath as written (before resolving): a `..` in it is a finding of its own. */
  rawInstallPath: string;
  version: string | null;
  projectPath: string | null;
  lastUpdated: string | null;
  /** The marketplace commit the install was copied from (git marketplaces). */
  gitCommitSha: string | null;
  pointer: (string | number)[];
  doc: JsonDocument;
}

export interface EnabledSetting {
  value: unknown;
  /** The settings file that decided it (the last one in precedence order that has the key). */
  file: string;
  pointer: (string | number)[];
  doc: JsonDocument;
}

export function pluginsDir(ctx: DoctorContext): string {
  const override = ctx.env.CLAUDE_CODE_PLUGIN_CACHE_DIR;
  return override && override.length > 0 ? override : join(ctx.configDir, 'plugins');
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export async function readKnownMarketplaces(ctx: DoctorContext, b: InventoryBuilder): Promise<KnownMarketplace[]> {
  const file = join(pluginsDir(ctx), 'known_marketplaces.json');
  const r = await b.load(file, 'known-marketplaces', {}, 'known_marketplaces.json');
  if (r.status !== 'ok' || !isObject(r.doc.value)) return [];
  const out: KnownMarketplace[] = [];
  for (const [name, raw] of objectEntries(r.doc.value)) {
    if (!isObject(raw)) continue;
    const source = isObject(raw.source) ? raw.source : {};
    const sourceKind = typeof source.source === 'string' ? source.source : 'unknown';
    let installLocation = typeof raw.installLocation === 'string' ? raw.installLocation : null;
    if (!installLocation && sourceKind === 'directory' && typeof source.path === 'string') installLocation = source.path;
    if (!installLocation && (sourceKind === 'github' || sourceKind === 'git')) installLocation = join(pluginsDir(ctx), 'marketplaces', name);
    const lastUpdated = typeof raw.lastUpdated === 'string' ? raw.lastUpdated : null;
    out.push({ name, sourceKind, source, installLocation: installLocation ? resolve(installLocation) : null, lastUpdated, pointer: [name], doc: r.doc });
  }
  return out;
}

export async function readInstalledPlugins(ctx: DoctorContext, b: InventoryBuilder): Promise<InstallRecord[]> {
  const file = join(pluginsDir(ctx), 'installed_plugins.json');
  const r = await b.load(file, 'installed-plugins', {}, 'installed_plugins.json');
  if (r.status !== 'ok' || !isObject(r.doc.value)) return [];
  const value = r.doc.value;
  const plugins = isObject(value.plugins) ? value.plugins : {};
  const out: InstallRecord[] = [];
  for (const [id, raw] of objectEntries(plugins)) {
    // v2: an array of installs per id; v1: a single object, converted as Claude Code does (scope user).
    const installs = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : [];
    installs.forEach((install, index) => {
      if (!isObject(install) || typeof install.installPath !== 'string') return;
      out.push({
        id,
        scope: typeof install.scope === 'string' ? install.scope : 'user',
        installPath: resolve(install.installPath),
        rawInstallPath: install.installPath,
        version: typeof install.version === 'string' ? install.version : null,
        projectPath: typeof install.projectPath === 'string' ? resolve(install.projectPath) : null,
        lastUpdated: typeof install.lastUpdated === 'string' ? install.lastUpdated : null,
        gitCommitSha: typeof install.gitCommitSha === 'string' ? install.gitCommitSha : null,
        pointer: Array.isArray(raw) ? ['plugins', id, index, 'installPath'] : ['plugins', id, 'installPath'],
        doc: r.doc,
      });
    });
  }
  return out;
}

export type SettingsLayer = 'user' | 'project' | 'local' | 'managed';

/** Settings files in precedence order, lowest first. */
export function settingsLayers(ctx: DoctorContext): { layer: SettingsLayer; file: string }[] {
  return [
    { layer: 'user', file: join(ctx.configDir, 'settings.json') },
    { layer: 'project', file: join(ctx.cwd, '.claude', 'settings.json') },
    { layer: 'local', file: join(ctx.cwd, '.claude', 'settings.local.json') },
    { layer: 'managed', file: join(ctx.managedDir, 'managed-settings.json') },
  ];
}

export interface SettingsView {
  enabled: Map<string, EnabledSetting>;
  /**
   * Plugin ids in the order Claude Code iterates plugins: the key order of the merged `enabledPlugins`
   * (a key keeps the place it first had, lowest layer first). It decides which duplicate server survives.
   */
  order: string[];
  /** pluginConfigs[<id>].options from user and managed settings (the only layers Claude Code reads them from). */
  pluginOptions: Map<string, Record<string, string>>;
}

/**
 * Layers whose `pluginConfigs` Claude Code reads (docs/claude-code-facts.md §6: project and local ones are ignored,
 * even trusted).
 */
const optionLayers: SettingsLayer[] = ['user', 'managed'];

export async function readSettings(ctx: DoctorContext, b: InventoryBuilder): Promise<SettingsView> {
  const enabled = new Map<string, EnabledSetting>();
  const order: string[] = [];
  const pluginOptions = new Map<string, Record<string, string>>();
  for (const { layer, file } of settingsLayers(ctx)) {
    const r = await b.load(file, 'settings', {}, 'settings');
    if (r.status !== 'ok' || !isObject(r.doc.value)) continue;
    for (const [id, value] of objectEntries(r.doc.value.enabledPlugins)) {
      enabled.set(id, { value, file, pointer: ['enabledPlugins', id], doc: r.doc });
      if (!order.includes(id)) order.push(id);
    }
    if (!optionLayers.includes(layer)) continue;
    for (const [id, cfg] of objectEntries(r.doc.value.pluginConfigs)) {
      const options = isObject(cfg) && isObject(cfg.options) ? cfg.options : isObject(cfg) ? cfg : {};
      const merged = { ...(pluginOptions.get(id) ?? {}) };
      for (const [k, v] of objectEntries(options)) {
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') merged[k] = String(v);
      }
      pluginOptions.set(id, merged);
    }
  }
  return { enabled, order, pluginOptions };
}

/** Splits `plugin@marketplace`; the plugin part may itself not contain '@'. */
export function splitPluginId(id: string): { name: string; marketplace: string | null } {
  const at = id.lastIndexOf('@');
  return at <= 0 ? { name: id, marketplace: null } : { name: id.slice(0, at), marketplace: id.slice(at + 1) };
}

/**
 * Claude Code's folder-name sanitising for plugin data dirs: every non [a-zA-Z0-9_-] UTF-16 code unit becomes
 * '-' (an emoji, two units, becomes '--'; case and '_' are kept).
 */
export function sanitizeSegment(text: string): string {
  return text.replace(/[^a-zA-Z0-9_-]/g, '-');
}

/**
 * `${CLAUDE_PLUGIN_DATA}`: `<plugins dir>/data/<plugin>-<marketplace>` from the id `plugin@marketplace`
 * (docs/claude-code-facts.md §2). A plugin loaded from a folder (`--plugin-dir`, author mode) has the marketplace
 * `inline`.
 */
export function pluginDataDir(ctx: DoctorContext, plugin: { id: string; name: string; marketplace: string | null }): string {
  const id = plugin.marketplace ? plugin.id : `${plugin.name}@inline`;
  return join(pluginsDir(ctx), 'data', sanitizeSegment(id));
}
