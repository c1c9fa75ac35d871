/** plugin.json and marketplace.json against Claude Code's schema (a failure means the plugin does not load). */
import { validateAgainst } from '../json/schema.js';
import { defineCheck } from './define-check.js';

export default defineCheck({
  id: 'manifest-schema',
  subject: 'document',
  codes: ['config.schema'],
  run(doc) {
    if (doc.kind === 'plugin-manifest') return validateAgainst('plugin', doc);
    if (doc.kind === 'marketplace-manifest') return validateAgainst('marketplace', doc);
    return [];
  },
});
