/**
 * plugin.json and marketplace.json against Claude Code's schema (a failure means the plugin does not load).
 * Except the descriptive fields Claude Code 2.1.332 only ignores when their shape is wrong (a string author,
 * keywords, …: "ignored … the plugin still loads"): those are warnings of their own.
 */
import { validateAgainst } from '../json/schema.js';
import type { FindingInput } from '../model/types.js';
import { defineCheck } from './define-check.js';

/** Top-level plugin.json fields whose wrong shape Claude Code ignores (reference 2.1.332, Differences 10). */
const ignoredWhenWrong = new Set(['author', 'keywords', 'homepage', 'license', 'repository']);

export default defineCheck({
  id: 'manifest-schema',
  subject: 'document',
  codes: ['config.schema', 'component.manifest-field-ignored'],
  async run(doc, c) {
    if (doc.kind === 'marketplace-manifest') return validateAgainst('marketplace', doc);
    if (doc.kind !== 'plugin-manifest') return [];
    const found = await validateAgainst('plugin', doc);
    return found.map((f): FindingInput => {
      const field = f.location?.pointer?.[0];
      if (typeof field !== 'string' || !ignoredWhenWrong.has(field)) return f;
      // `plugin validate` (what an author runs, and CI) still fails on it: an error in a source tree.
      return { ...f, code: 'component.manifest-field-ignored', severity: c.inventory.mode === 'author' ? 'error' : undefined };
    });
  },
});
