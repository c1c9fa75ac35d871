/**
 * An LSP server over a socket is listed, not started. (Entries of an LSP config file that do not validate are
 * reported while the file is read, discover/plugin-lsp.ts: Claude Code drops the whole file.)
 */
import { defineCheck } from './define-check.js';

export default defineCheck({
  id: 'lsp-socket-transport',
  subject: 'server',
  codes: ['lsp.socket-transport'],
  run(server) {
    if (server.kind !== 'lsp') return [];
    if (server.config.transport === 'socket') return [{ code: 'lsp.socket-transport', location: server.source }];
    return [];
  },
});
