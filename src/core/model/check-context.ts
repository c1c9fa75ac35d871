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
