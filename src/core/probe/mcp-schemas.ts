/**
 * The MCP SDK's own schemas and constants, loaded only when probing: importing them costs a tenth of a
 * second that a `--no-probe` run should not pay.
 *
 * The import opens about a hundred files at once. Should that fail (EMFILE in a crowded container), Node
 * keeps the failed ES module for good, so the next attempt loads the SDK's CommonJS build instead, which
 * reads one file at a time.
 */
import { createRequire } from 'node:module';

export interface McpSchemas {
  JSONRPCMessageSchema: { safeParse(v: unknown): { success: boolean } };
  InitializeResultSchema: { safeParse(v: unknown): { success: true } | { success: false; error: { issues?: { path: (string | number)[]; message: string }[] } } };
  ListToolsResultSchema: {
    safeParse(v: unknown): { success: true; data: { tools: unknown[] } } | { success: false; error: { issues?: { path: (string | number)[]; message: string }[] } };
  };
  SUPPORTED_PROTOCOL_VERSIONS: string[];
}

/** Files the import may hold open at once: the spawn pool keeps this many free until it is done. */
export const SCHEMA_IMPORT_FILES = 128;

let loaded: Promise<McpSchemas> | null = null;
let esmFailed = false;

function load(): Promise<McpSchemas> {
  if (esmFailed) {
    return new Promise((resolve) => resolve(createRequire(import.meta.url)('@modelcontextprotocol/sdk/types.js') as McpSchemas));
  }
  return import('@modelcontextprotocol/sdk/types.js').then(
    (t) => t as unknown as McpSchemas,
    (error: unknown) => {
      esmFailed = true;
      throw error;
    },
  );
}

export function loadMcpSchemas(): Promise<McpSchemas> {
  // A failed load is tried again by the next caller, not cached.
  loaded ??= load().catch((error: unknown) => {
    loaded = null;
    throw error;
  });
  const p = loaded;
  p.catch(() => {}); // awaited later by the caller; never an unhandled rejection meanwhile
  return p;
}
