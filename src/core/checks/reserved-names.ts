/**
 * Claude Code's validator refuses third-party plugin names that pass as Anthropic's own.
 * Only applied to source trees (author mode): installed plugins were already accepted by Claude Code.
 * Plugins listed by Anthropic's own marketplaces may use these names.
 */
import type { FindingInput, JsonDocument } from '../model/types.js';
import { at, defineCheck, type CheckContext } from './define-check.js';

/** Marketplaces published by Anthropic (seen in its repositories); their plugins may be named claude-…. */
export const anthropicMarketplaces = new Set([
  'claude-plugins-official',
  'claude-code-plugins',
  'anthropic-agent-skills',
  'financial-services-plugins',
  'knowledge-work-plugins',
  'life-sciences',
  'anthropic-marketplace',
  'anthropic-plugin-directory',
  'agent-skills',
]);

export function isReservedName(name: string): boolean {
  const n = name.toLowerCase();
  if (/^(claude|anthropic|anthropics|cc-plugin)-/.test(n)) return true;
  if (['claude', 'anthropic', 'anthropics', 'claude-code', 'claude-mods'].includes(n)) return true;
  return /official/.test(n) && /(claude|anthropic)/.test(n);
}

function check(doc: JsonDocument, name: unknown, pointer: (string | number)[], what: string): FindingInput[] {
  if (typeof name !== 'string' || !isReservedName(name)) return [];
  return [{ code: 'config.reserved-name', location: at(doc, pointer), args: { name, what } }];
}

function ownerIsAnthropic(doc: JsonDocument, c: CheckContext): boolean {
  const plugin = c.inventory.plugins.find((p) => p.manifest?.file === doc.file);
  return !!plugin?.marketplace && anthropicMarketplaces.has(plugin.marketplace);
}

export default defineCheck({
  id: 'reserved-names',
  subject: 'document',
  codes: ['config.reserved-name'],
  run(doc, c) {
    if (c.inventory.mode !== 'author') return [];
    const value = doc.value as Record<string, unknown> | null;
    if (!value || typeof value !== 'object') return [];
    if (doc.kind === 'plugin-manifest') return ownerIsAnthropic(doc, c) ? [] : check(doc, value.name, ['name'], 'Plugin name');
    // Marketplace names themselves are not refused by the validator (Claude Code's validator accepts
    // "claude-code-lsps", docs/claude-code-facts.md §12), only the plugin names a third-party marketplace lists.
    if (doc.kind !== 'marketplace-manifest' || typeof value.name !== 'string' || anthropicMarketplaces.has(value.name)) return [];
    const out: FindingInput[] = [];
    if (Array.isArray(value.plugins)) {
      value.plugins.forEach((e, i) => out.push(...check(doc, (e as Record<string, unknown> | null)?.name, ['plugins', i, 'name'], 'Plugin name')));
    }
    return out;
  },
});
