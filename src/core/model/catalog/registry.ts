/** Catalog codes registry.*: Claude Code's install records: installed_plugins.json, known_marketplaces.json, updates. */
import { entry, s, q, type CatalogEntry } from './words.js';

export const registryCodes = {
  'registry.install-missing': entry({
    args: ['installPath', 'plugin'],
    title: 'Installed plugin folder is gone',
    severity: 'error',
    fixable: false,
    explain:
      'installed_plugins.json says the plugin is installed at a folder that does not exist (plugin-cache-miss). ' +
      'Claude Code skips its MCP servers.',
    message: (a) => `${s(a.plugin)} is recorded as installed at ${q(a.installPath)}, which does not exist.`,
    hint: (a) => `Reinstall it: claude plugin install ${s(a.plugin)} (or open /plugin to refresh).`,
  }),
  'registry.marketplace-missing': entry({
    args: ['location', 'marketplace'],
    title: 'Known marketplace folder is gone',
    severity: 'error',
    fixable: false,
    explain: 'known_marketplaces.json lists a marketplace whose folder does not exist, so none of its plugins can load.',
    message: (a) => `Marketplace ${q(a.marketplace)} should be at ${q(a.location)}, which does not exist.`,
    hint: (a) => `Run claude plugin marketplace update ${s(a.marketplace)}, or remove and add it again.`,
  }),
  'registry.unknown-marketplace': entry({
    args: ['marketplace', 'plugin'],
    title: 'Plugin from a marketplace that is not known',
    severity: 'error',
    fixable: false,
    explain: 'An enabled or installed plugin names a marketplace that is not in known_marketplaces.json.',
    message: (a) => `${s(a.plugin)} comes from marketplace ${q(a.marketplace)}, which is not registered.`,
    hint: (a) => `Add the marketplace again (claude plugin marketplace add …), or remove ${s(a.plugin)}.`,
  }),
  'registry.not-installed': entry({
    args: ['plugin', 'settings'],
    title: 'Enabled plugin is not installed',
    severity: 'warning',
    fixable: false,
    explain: 'settings.json enables a plugin that installed_plugins.json does not list; Claude Code cannot load it.',
    message: (a) => `${s(a.plugin)} is enabled in ${s(a.settings)} but is not installed.`,
    hint: (a) => `Install it: claude plugin install ${s(a.plugin)}, or remove it from enabledPlugins.`,
  }),
  'registry.recent-update': entry({
    args: ['date', 'difference', 'plugin', 'previous', 'previousPath', 'server', 'version'],
    title: 'Plugin changed in a recent update',
    severity: 'info',
    fixable: false,
    explain:
      'The failing plugin was updated (installed_plugins.json version and lastUpdated, or known_marketplaces.json ' +
      'lastUpdated) and the previous version\'s folder is still in the cache. Comparing the files the failure names ' +
      'with the old version shows what the update removed, which is usually what broke.',
    message: (a) =>
      a.difference
        ? `Broke with the update to ${s(a.version)}${a.date ? ` on ${s(a.date)}` : ''}: ${s(a.previous)} ${s(a.difference)}.`
        : `${s(a.plugin)} was updated to ${s(a.version)}${a.date ? ` on ${s(a.date)}` : ''}; ${s(a.previous)} is still in the cache: if it worked before, compare the two.`,
    hint: (a) =>
      a.difference
        ? `Restore what the update removed, or report it to the plugin's author; ${s(a.previousPath)} still holds ${s(a.previous)}.`
        : 'Compare with the version you had before, or report it to the plugin\'s author.',
  }),
} satisfies Record<string, CatalogEntry>;
