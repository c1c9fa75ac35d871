/**
 * What a byte-order mark costs where Claude Code cannot read past it (docs/claude-code-facts.md §3): a plugin
 * `.mcp.json` is dropped whole (its servers never load); `installed_plugins.json` is read as empty (plugins installed
 * into the cache are then not found, `plugin-cache-miss`; plugins read in place from a directory marketplace keep
 * working); `known_marketplaces.json` is read as empty (no plugin of any marketplace loads). mcp-doctor reads past
 * the mark to show what is there, and marks every server Claude Code loses as not started, with the finding on the
 * server (or plugin) that loses it, so the report says why each one is missing.
 */
import { isBomFatal } from '../json/read-json.js';
import type { Inventory, JsonDocument, PluginEntry, ServerEntry } from '../model/types.js';
import type { InventoryBuilder } from './inventory-builder.js';

const start = (doc: JsonDocument) => ({ file: doc.file, line: 1, column: 1 });

function drop(servers: ServerEntry[]): void {
  for (const s of servers) if (!s.skipReason) s.skipReason = 'file-dropped';
}

export function applyBomDrops(b: InventoryBuilder, documents: JsonDocument[], plugins: PluginEntry[], servers: ServerEntry[], mode: Inventory['mode']): void {
  for (const doc of documents) {
    if (!doc.bom) continue;
    if (doc.kind === 'plugin-mcp-config') {
      const lost = servers.filter((s) => s.source.file === doc.file && s.transport !== 'mcpb');
      drop(lost);
      const owner = plugins.find((p) => lost.some((s) => s.plugin === p.id))?.id ?? plugins.find((p) => p.root !== null && doc.file.startsWith(p.root + '/'))?.id ?? null;
      const args = { effect: 'mcp-config', servers: lost.map((s) => s.name), file: doc.file };
      if (lost.length === 0) b.add({ code: 'config.bom', location: start(doc), args }, { plugin: owner });
      for (const s of lost) b.add({ code: 'config.bom', location: start(doc), args }, { server: s.id, plugin: s.plugin });
      continue;
    }
    if (mode !== 'installed' || !isBomFatal(doc.kind)) continue;
    const known = doc.kind === 'known-marketplaces' && doc.value && typeof doc.value === 'object' ? Object.keys(doc.value) : [];
    const affected = plugins.filter((p) => p.enabled && (
      doc.kind === 'known-marketplaces' ? p.marketplace !== null && known.includes(p.marketplace) : p.rootKind === 'cache' && p.installRecord !== undefined),
    );
    const effect = doc.kind === 'known-marketplaces' ? 'known-marketplaces' : 'installed-plugins';
    if (affected.length === 0) b.add({ code: 'config.bom', location: start(doc), args: { effect, file: doc.file } });
    for (const p of affected) {
      const lost = servers.filter((s) => s.plugin === p.id);
      drop(lost);
      b.add({ code: 'config.bom', location: start(doc), args: { effect, plugin: p.id, marketplace: p.marketplace, servers: lost.map((s) => s.name), file: doc.file } }, { plugin: p.id });
    }
  }
}
