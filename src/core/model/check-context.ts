/** What a check reads: its subject, and the whole inventory through a few look-ups. */
import type { DoctorContext } from './context.js';
import type { Inventory, JsonDocument, MarketplaceEntry, PluginEntry, ServerEntry } from './types.js';

export interface CheckSubjects {
  document: JsonDocument;
  marketplace: MarketplaceEntry;
  plugin: PluginEntry;
  server: ServerEntry;
}

export interface CheckContext {
  ctx: DoctorContext;
  inventory: Inventory;
  document(file: string): JsonDocument | undefined;
  plugin(id: string | null): PluginEntry | undefined;
  marketplace(name: string | null): MarketplaceEntry | undefined;
}

/** The look-ups over one inventory that every check gets. */
export function checkContextFor(ctx: DoctorContext, inventory: Inventory): CheckContext {
  const docs = new Map(inventory.documents.map((d) => [d.file, d]));
  return {
    ctx,
    inventory,
    document: (file) => docs.get(file),
    plugin: (id) => (id === null ? undefined : inventory.plugins.find((p) => p.id === id)),
    marketplace: (name) => (name === null ? undefined : inventory.marketplaces.find((m) => m.name === name)),
  };
}
