/**
 * A project `.mcp.json` must hold `{"mcpServers": {…}}`. The flat `{name: config}` shape that plugin roots
 * accept is ignored in a project: Claude Code says "mcpServers: expected record, received undefined".
 */
import { defineCheck, at } from './define-check.js';

export default defineCheck({
  id: 'project-config-shape',
  subject: 'document',
  codes: ['config.schema'],
  run(doc) {
    if (doc.kind !== 'project-mcp-config') return [];
    const v = doc.value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      return [{ code: 'config.schema', location: at(doc, []), args: { field: '(root)', expected: 'an object with "mcpServers"', found: Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v } }];
    }
    const servers = Object.prototype.hasOwnProperty.call(v, 'mcpServers') ? (v as Record<string, unknown>).mcpServers : undefined;
    if (servers !== null && typeof servers === 'object' && !Array.isArray(servers)) return [];
    const keys = Object.keys(v);
    const mistake = keys.includes('servers') ? 'vscode-servers-key' : 'flat-project-config';
    return [
      {
        code: 'config.schema',
        location: at(doc, servers === undefined ? [] : ['mcpServers']),
        args: { field: 'mcpServers', expected: 'an object of servers', found: servers === undefined ? 'none' : Array.isArray(servers) ? 'array' : typeof servers, mistake },
      },
    ];
  },
});
