/** A literal credential in a server's env or headers (the raw config, before expansion). */
import { objectEntries } from '../expand/expand-vars.js';
import { secretShape } from '../util/secrets.js';
import type { FindingInput } from '../model/types.js';
import { at, defineCheck } from './define-check.js';

const variableFor = (key: string) => key.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '') || 'SECRET';

export default defineCheck({
  id: 'secret-literal',
  subject: 'server',
  codes: ['secret.literal'],
  run(server, c) {
    const doc = c.document(server.source.file);
    if (!doc) return [];
    const base = server.source.pointer ?? [];
    const out: FindingInput[] = [];
    for (const field of ['env', 'headers'] as const) {
      for (const [key, value] of objectEntries(server.config[field])) {
        if (typeof value !== 'string') continue;
        const shape = secretShape(key, value);
        if (!shape) continue;
        const variable = field === 'headers' && /^authorization$/i.test(key) ? `${variableFor(server.name)}_TOKEN` : variableFor(key);
        out.push({ code: 'secret.literal', location: at(doc, [...base, field, key]), args: { field: `${field}.${key}`, shape, variable } });
      }
    }
    return out;
  },
});
