/**
 * LSP server entries against Claude Code's LSP schema. Inline in plugin.json, an entry without "command" or
 * "extensionToLanguage" fails the manifest ("lspServers: Invalid input"): the whole plugin is refused, its MCP
 * servers with it (a finding about the plugin). In a config file it is lsp-config-invalid: only that server is
 * left out (a finding about the LSP row).
 */
import { lspEntryProblems } from '../discover/plugin-lsp.js';
import type { FindingInput, ServerEntry } from '../model/types.js';
import { at, defineCheck, type CheckContext } from './define-check.js';

function entryFindings(server: ServerEntry, c: CheckContext, code: 'lsp.manifest-entry-invalid' | 'lsp.config-invalid'): FindingInput[] {
  const doc = c.document(server.source.file);
  if (!doc) return [];
  const raw = server.skipReason === 'invalid-entry' ? null : server.config;
  const base = server.source.pointer ?? [];
  return lspEntryProblems(raw).map((p) => ({
    code,
    location: at(doc, p.field ? [...base, p.field] : base),
    args: { name: server.name, mistake: p.mistake, field: p.field || null, value: p.value },
  }));
}

const inManifest = (server: ServerEntry, c: CheckContext) => server.source.file === c.plugin(server.plugin)?.manifest?.file;

export default defineCheck({
  id: 'lsp-entries',
  subject: 'plugin',
  codes: ['lsp.manifest-entry-invalid'],
  run(plugin, c) {
    const own = c.inventory.servers.filter((s) => s.kind === 'lsp' && s.plugin === plugin.id && inManifest(s, c));
    return own.flatMap((s) => entryFindings(s, c, 'lsp.manifest-entry-invalid'));
  },
});

