/**
 * Turns MCP config objects into ServerEntry values: which transport, the expanded fields, and where
 * each entry is defined. Shared by plugin, user, local and project scopes.
 */
import { expandServer, type ExpansionInput } from '../expand/expand-vars.js';
import { locationOf } from '../json/location.js';
import type { JsonDocument, Scope, ServerConfig, ServerEntry, Transport } from '../model/types.js';

export function transportOf(config: ServerConfig): Transport {
  const t = config.type;
  if (t === undefined || t === 'stdio') return 'stdio';
  if (t === 'http' || t === 'streamable-http') return 'http';
  if (t === 'sse') return 'sse';
  if (t === 'ws') return 'ws';
  return 'unknown';
}

export interface EntrySite {
  doc: JsonDocument;
  /** Pointer to the entry object inside `doc`. */
  pointer: (string | number)[];
}

export interface ServerIdentity {
  id: string;
  name: string;
  scope: Scope;
  plugin: string | null;
  pluginName: string | null;
  marketplace: string | null;
  root: string | null;
  enabled: boolean;
}

export function makeServerEntry(
  identity: ServerIdentity,
  raw: unknown,
  site: EntrySite,
  expansion: ExpansionInput,
): ServerEntry {
  const config: ServerConfig =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as ServerConfig) : {};
  const expanded = expandServer(config, expansion, site.pointer);
  const entry = {
    ...identity,
    transport: transportOf(config),
    source: locationOf(site.doc, site.pointer),
    config,
    expanded,
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ...entry, skipReason: 'invalid-entry' };
  return entry;
}

/**
 * The server map inside an MCP config file: `{"mcpServers": {…}}` or the flat `{name: config}` form that
 * plugin roots accept (Claude Code: `X.mcpServers || X`).
 */
export function serverMapOf(value: unknown): { map: Record<string, unknown>; pointer: string[]; wrapped: boolean } | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const obj = value as Record<string, unknown>;
  const inner = Object.prototype.hasOwnProperty.call(obj, 'mcpServers') ? obj.mcpServers : undefined;
  if (inner) {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return null;
    return { map: inner as Record<string, unknown>, pointer: ['mcpServers'], wrapped: true };
  }
  return { map: obj, pointer: [], wrapped: false };
}
