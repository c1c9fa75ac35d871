/** LSP servers from a config file (.lsp.json, or a file lspServers names) against Claude Code's LSP schema: an invalid one is left out (lsp-config-invalid). */
import { defineCheck } from './define-check.js';
import { entryFindings, inManifest } from './lsp-entries.js';

export default defineCheck({
  id: 'lsp-config-entries',
  subject: 'server',
  codes: ['lsp.config-invalid', 'lsp.socket-transport'],
  run(server, c) {
    if (server.kind !== 'lsp') return [];
    if (server.config.transport === 'socket') return [{ code: 'lsp.socket-transport', location: server.source }];
    return inManifest(server, c) ? [] : entryFindings(server, c, 'lsp.config-invalid');
  },
});
