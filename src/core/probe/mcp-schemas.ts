/**
 * The MCP SDK's own schemas and constants, loaded only when probing: importing them costs a quarter of a
 * second that a `--no-probe` run should not pay.
 */
export interface McpSchemas {
  JSONRPCMessageSchema: { safeParse(v: unknown): { success: boolean } };
  InitializeResultSchema: { safeParse(v: unknown): { success: true } | { success: false; error: { issues?: { path: (string | number)[]; message: string }[] } } };
  ListToolsResultSchema: {
    safeParse(v: unknown): { success: true; data: { tools: unknown[] } } | { success: false; error: { issues?: { path: (string | number)[]; message: string }[] } };
  };
  SUPPORTED_PROTOCOL_VERSIONS: string[];
}

let loaded: Promise<McpSchemas> | null = null;

export function loadMcpSchemas(): Promise<McpSchemas> {
  loaded ??= import('@modelcontextprotocol/sdk/types.js').then((t) => t as unknown as McpSchemas);
  return loaded;
}
