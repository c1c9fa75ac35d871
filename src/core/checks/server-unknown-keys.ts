/** Keys on an MCP server entry that Claude Code strips; `cwd` above all, which users expect to work. */
import { objectEntries } from '../expand/expand-vars.js';
import type { FindingInput } from '../model/types.js';
import { at, defineCheck } from './define-check.js';
import { remoteServerKeys, stdioServerKeys, suggestKey } from './known-keys.js';

const notes: Record<string, string> = {
  cwd: 'Claude Code ignores "cwd": servers start in the folder claude runs in. Use ${CLAUDE_PLUGIN_ROOT} in command and args instead.',
  disabled: 'Claude Code has no per-entry "disabled"; disable the server with /mcp or remove it.',
  enabled: 'Claude Code has no per-entry "enabled"; disable the server with /mcp or remove it.',
  alwaysAllow: '"alwaysAllow" is Cline/Roo syntax; in Claude Code, allow tools with permissions in settings.json.',
  disabledTools: '"disabledTools" is Gemini CLI syntax; Claude Code ignores it.',
};

export default defineCheck({
  id: 'server-unknown-keys',
  subject: 'server',
  codes: ['config.unknown-key'],
  run(server, c) {
    const doc = c.document(server.source.file);
    if (!doc || server.transport === 'mcpb' || server.skipReason === 'invalid-entry') return [];
    const known = server.transport === 'stdio' ? stdioServerKeys : remoteServerKeys;
    const out: FindingInput[] = [];
    for (const [key] of objectEntries(server.config)) {
      if (known.includes(key) || key.startsWith('_') || key === '$comment') continue;
      // A url without a type is the schema check's finding ("add type: http"), not an unknown key.
      if (key === 'url' && server.config.type === undefined) continue;
      const note = notes[key];
      out.push({
        code: 'config.unknown-key',
        location: at(doc, [...(server.source.pointer ?? []), key]),
        args: { key, suggestion: note ? undefined : suggestKey(key, known), note },
      });
    }
    return out;
  },
});
