/** Keys in plugin.json and marketplace.json that Claude Code ignores, with the key most likely intended. */
import { objectEntries } from '../expand/expand-vars.js';
import type { FindingInput, JsonDocument } from '../model/types.js';
import { at, defineCheck } from './define-check.js';
import { marketplaceEntryOnlyKeys, marketplaceKeys, marketplaceMetadataKeys, pluginKeys, suggestKey } from './known-keys.js';

function unknownIn(doc: JsonDocument, value: unknown, base: (string | number)[], known: readonly string[], misplaced: readonly string[] = []): FindingInput[] {
  const out: FindingInput[] = [];
  for (const [key] of objectEntries(value)) {
    if (known.includes(key)) continue;
    const pointer = [...base, key];
    const note = misplaced.includes(key) ? `'${key}' belongs in the plugin's marketplace entry (marketplace.json), not plugin.json.` : undefined;
    out.push({ code: 'config.unknown-key', location: at(doc, pointer), args: { key, suggestion: note ? undefined : suggestKey(key, known), note } });
  }
  return out;
}

export default defineCheck({
  id: 'unknown-keys',
  subject: 'document',
  codes: ['config.unknown-key'],
  run(doc) {
    if (doc.kind === 'plugin-manifest') return unknownIn(doc, doc.value, [], pluginKeys, marketplaceEntryOnlyKeys);
    if (doc.kind !== 'marketplace-manifest') return [];
    const value = doc.value as Record<string, unknown> | null;
    const out = unknownIn(doc, value, [], marketplaceKeys);
    if (value && typeof value === 'object') {
      out.push(...unknownIn(doc, value.metadata, ['metadata'], marketplaceMetadataKeys));
      if (Array.isArray(value.plugins)) {
        value.plugins.forEach((entry, i) => out.push(...unknownIn(doc, entry, ['plugins', i], [...pluginKeys, ...marketplaceEntryOnlyKeys])));
      }
    }
    return out;
  },
});
