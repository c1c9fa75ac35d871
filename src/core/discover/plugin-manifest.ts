/**
 * Loads a plugin's manifest: `<root>/.claude-plugin/plugin.json`, or, for a marketplace entry with
 * `strict: false` and no plugin.json, the entry itself (which then acts as the manifest).
 */
import { join } from 'node:path';
import type { JsonDocument, PluginEntry } from '../model/types.js';
import type { InventoryBuilder } from './inventory-builder.js';

export interface ManifestView {
  manifestValue: Record<string, unknown> | null;
  manifestDoc: JsonDocument | null;
  /** Pointer of the manifest object inside `manifestDoc` ([] for plugin.json, ['plugins', i] for an entry). */
  manifestBase: (string | number)[];
}

export interface EntryAsManifest {
  doc: JsonDocument;
  index: number;
  strict: boolean;
  entry: Record<string, unknown>;
}

export function manifestPath(root: string): string {
  return join(root, '.claude-plugin', 'plugin.json');
}

export async function loadPluginManifest(
  b: InventoryBuilder,
  plugin: PluginEntry,
  entry: EntryAsManifest | null,
): Promise<ManifestView> {
  if (!plugin.root) return { manifestValue: null, manifestDoc: null, manifestBase: [] };
  const r = await b.load(manifestPath(plugin.root), 'plugin-manifest', { plugin: plugin.id }, 'plugin.json');
  if (r.status === 'ok') {
    plugin.manifest = r.doc;
    const v = r.doc.value;
    return { manifestValue: v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null, manifestDoc: r.doc, manifestBase: [] };
  }
  if (r.status === 'absent' && entry && !entry.strict) {
    return { manifestValue: entry.entry, manifestDoc: entry.doc, manifestBase: ['plugins', entry.index] };
  }
  return { manifestValue: null, manifestDoc: null, manifestBase: [] };
}
