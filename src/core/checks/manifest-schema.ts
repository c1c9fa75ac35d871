/**
 * plugin.json and marketplace.json against Claude Code's schema (a failure means the plugin does not load).
 * Except the descriptive fields Claude Code only ignores when their shape is wrong (a string author,
 * keywords, …: "ignored … the plugin still loads"): those are warnings of their own.
 */
import { lspEntryProblems, lspProblemAsSchema } from '../discover/plugin-lsp.js';
import { validateAgainst } from '../json/schema.js';
import { locationOf } from '../json/location.js';
import type { FindingInput, JsonDocument } from '../model/types.js';
import { defineCheck } from './define-check.js';

/** Top-level plugin.json fields whose wrong shape Claude Code ignores (docs/claude-code-facts.md §18). */
const ignoredWhenWrong = new Set(['author', 'keywords', 'homepage', 'license', 'repository']);

export default defineCheck({
  id: 'manifest-schema',
  subject: 'document',
  codes: ['config.schema', 'component.manifest-field-ignored'],
  async run(doc, c) {
    if (doc.kind === 'marketplace-manifest') return [...(await validateAgainst('marketplace', doc)), ...marketplaceLspEntries(doc)];
    if (doc.kind !== 'plugin-manifest') return [];
    const found = await validateAgainst('plugin', doc);
    return found.map((f): FindingInput => {
      const field = f.location?.pointer?.[0];
      if (f.code !== 'config.schema' || typeof field !== 'string' || !ignoredWhenWrong.has(field)) return f;
      // `plugin validate` (what an author runs, and CI) still fails on it: an error in a source tree.
      return { ...f, code: 'component.manifest-field-ignored', severity: c.inventory.mode === 'author' ? 'error' : undefined };
    });
  },
});

/** Inline LSP entries of marketplace plugin entries: Claude Code's strict LSP schema fails the marketplace.json on them. */
function marketplaceLspEntries(doc: JsonDocument): FindingInput[] {
  const plugins = (doc.value as { plugins?: unknown } | null)?.plugins;
  if (!Array.isArray(plugins)) return [];
  const out: FindingInput[] = [];
  plugins.forEach((p, i) => {
    const lsp = p && typeof p === 'object' ? (p as { lspServers?: unknown }).lspServers : undefined;
    const maps = Array.isArray(lsp) ? lsp.map((m, j) => [m, ['plugins', i, 'lspServers', j]] as const) : [[lsp, ['plugins', i, 'lspServers']] as const];
    for (const [map, base] of maps) {
      if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
      for (const [name, entry] of Object.entries(map)) {
        const config = entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : null;
        for (const problem of lspEntryProblems(config)) {
          const pointer = problem.field ? [...base, name, problem.field] : [...base, name];
          out.push({ code: 'config.schema', location: locationOf(doc, pointer), args: { field: pointer.join('.'), ...lspProblemAsSchema(problem) } });
        }
      }
    }
  });
  return out;
}
