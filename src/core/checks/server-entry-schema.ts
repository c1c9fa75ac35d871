/**
 * One MCP server entry against Claude Code's schema. An invalid entry is dropped at load without any
 * message ("Invalid MCP server config for <name>"), so each failure here is a server that silently vanishes.
 */
import { validateAgainst } from '../json/schema.js';
import type { FindingInput } from '../model/types.js';
import type { ServerEntry } from '../model/types.js';
import { at, defineCheck, type CheckContext } from './define-check.js';

const hostOnlyTypes = ['sse-ide', 'ws-ide', 'sdk', 'claudeai-proxy'];

export default defineCheck({
  id: 'server-entry-schema',
  subject: 'server',
  codes: ['config.schema'],
  async run(server, c) {
    const found = await entryProblems(server, c);
    // Outside plugins, Claude Code itself prints "[Warning] … Skipped — invalid MCP server config" and goes
    // on; inside a plugin the entry vanishes without a word. Either way the server does not load.
    const severity = server.scope === 'plugin' || server.scope === 'author' ? undefined : ('warning' as const);
    return found.map((f) => ({ ...f, severity, effect: 'drops-server' as const }));
  },
});

async function entryProblems(server: ServerEntry, c: CheckContext): Promise<FindingInput[]> {
  {
    if (server.transport === 'mcpb') return [];
    const doc = c.document(server.source.file);
    if (!doc) return [];
    const pointer = server.source.pointer ?? [];
    const raw = server.config;
    if (server.skipReason === 'invalid-entry') {
      return [{ code: 'config.schema', location: at(doc, pointer), args: { field: pointer.join('.'), expected: 'an object (a server config)', found: 'another value', detail: 'Claude Code drops this server' } }];
    }
    if (raw.type === undefined && raw.command === undefined && typeof raw.url === 'string') {
      const out: FindingInput = {
        code: 'config.schema',
        location: at(doc, [...pointer, 'url']),
        args: {
          field: [...pointer].join('.'),
          detail: 'has a "url" but no "type": Claude Code parses it as a stdio server, finds no command, and drops it',
          mistake: 'url-without-type',
        },
      };
      return [out];
    }
    if (typeof raw.type === 'string' && hostOnlyTypes.includes(raw.type)) {
      return [{ code: 'config.schema', location: at(doc, [...pointer, 'type']), args: { field: [...pointer, 'type'].join('.'), detail: `type "${raw.type}" cannot be declared in a config; only Claude Code itself creates it` } }];
    }
    return validateAgainst('mcp-server', doc, pointer);
  }
}
