/**
 * Paths a plugin.json names for its components (commands, agents, skills, hooks, output styles, LSP servers)
 * must exist under the plugin root; the runtime loader reports a missing one as a load failure.
 * (mcpServers paths are checked while discovering servers, where the file is read.)
 */
import { join } from 'node:path';
import { exists } from '../util/fs-facts.js';
import type { FindingInput } from '../model/types.js';
import { at, defineCheck } from './define-check.js';

const componentKeys = ['commands', 'agents', 'skills', 'hooks', 'outputStyles', 'themes', 'workflows', 'lspServers'];

export default defineCheck({
  id: 'component-paths',
  subject: 'plugin',
  codes: ['config.missing-file'],
  async run(plugin) {
    const doc = plugin.manifest;
    const root = plugin.root;
    if (!doc || !root || !plugin.rootExists) return [];
    const value = doc.value as Record<string, unknown> | null;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
    const out: FindingInput[] = [];
    for (const key of componentKeys) {
      const raw = value[key];
      const items: [unknown, (string | number)[]][] = Array.isArray(raw)
        ? raw.map((v, i) => [v, [key, i]])
        : key === 'commands' && raw && typeof raw === 'object'
          ? Object.entries(raw as Record<string, { source?: unknown }>).map(([name, cmd]) => [cmd?.source, [key, name, 'source']])
          : [[raw, [key]]];
      for (const [item, pointer] of items) {
        // Only well-formed ./ paths are looked up; malformed ones are the schema check's to report.
        if (typeof item !== 'string' || !item.startsWith('./') || /(^|\/)\.\.(\/|$)/.test(item)) continue;
        if ((key === 'agents' && !item.endsWith('.md')) || (key === 'hooks' && !item.endsWith('.json'))) continue;
        if (await exists(join(root, item))) continue;
        out.push({ code: 'config.missing-file', location: at(doc, pointer), args: { field: pointer.join('.'), path: item } });
      }
    }
    return out;
  },
});
