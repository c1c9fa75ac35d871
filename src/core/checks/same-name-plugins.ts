/**
 * Two enabled plugins with one name (from two marketplaces): their MCP servers share the key
 * plugin:<name>:<server>, and for a server name both define only the plugin later in Claude Code's order runs;
 * hooks go the other way, only the first plugin's run (docs/claude-code-facts.md §18). Said on both plugins.
 */
import { pluginHooks } from '../discover/plugin-hooks.js';
import type { FindingInput } from '../model/types.js';
import { defineCheck } from './define-check.js';

export default defineCheck({
  id: 'same-name-plugins',
  subject: 'plugin',
  codes: ['component.same-name'],
  async run(plugin, c) {
    if (c.inventory.mode !== 'installed' || !plugin.enabled) return [];
    // Discovery keeps Claude Code's order (enabledPlugins, then marketplaces as added).
    const order = c.inventory.plugins.filter((p) => p.enabled && p.name === plugin.name);
    if (order.length < 2) return [];
    const out: FindingInput[] = [];
    const mcpNames = (id: string) => new Set(c.inventory.servers.filter((s) => s.plugin === id && s.kind !== 'lsp').map((s) => s.name));
    const mine = mcpNames(plugin.id);
    const withHooks: string[] = [];
    for (const p of order) if ((await pluginHooks(p)).any) withHooks.push(p.id);
    for (const other of order) {
      if (other.id === plugin.id) continue;
      const shared = [...mcpNames(other.id)].filter((n) => mine.has(n));
      const pair = order.filter((p) => p.id === plugin.id || p.id === other.id);
      const later = pair[pair.length - 1];
      const bothHooks = withHooks.includes(plugin.id) && withHooks.includes(other.id);
      const hooksFrom = bothHooks ? withHooks.find((id) => id === plugin.id || id === other.id) : undefined;
      // Two plugins of one name that share no server name and not both hooks: both load whole, nothing to say.
      if (shared.length === 0 && !hooksFrom) continue;
      out.push({
        code: 'component.same-name',
        location: plugin.installRecord ? { file: plugin.installRecord.file, line: plugin.installRecord.line, column: plugin.installRecord.column } : plugin.manifest ? { file: plugin.manifest.file } : undefined,
        args: { plugin: plugin.id, other: other.id, sharedServers: shared.length ? shared.join(', ') : null, serversFrom: shared.length ? later?.id : null, hooksFrom: hooksFrom ?? null },
      });
    }
    return out;
  },
});
