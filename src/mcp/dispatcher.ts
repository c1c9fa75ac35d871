/**
 * JSON-RPC 2.0 as MCP uses it over stdio: each request gets exactly one response, a notification none.
 * It answers the lifecycle methods (initialize, ping) itself and hands tools/list and tools/call to the tools.
 * Wrong input is an error response, never an exception: the server keeps serving.
 */
import { callTool, listing, type McpTool, type ToolEnvironment } from './tools/define-tool.js';

/** The newest protocol, answered to any client that asks for a version we do not speak. */
export const LATEST_PROTOCOL_VERSION = '2025-11-25';
export const SUPPORTED_PROTOCOL_VERSIONS = [LATEST_PROTOCOL_VERSION, '2025-06-18'];

export const RpcErrorCode = { parseError: -32700, invalidRequest: -32600, methodNotFound: -32601, invalidParams: -32602, internalError: -32603 } as const;

type Id = string | number;
/** An error about a message whose id cannot be read carries no id (MCP 2025-11-25; JSON-RPC's `null` is not an MCP request id). */
export type RpcResponse = { jsonrpc: '2.0'; id?: Id } & ({ result: unknown } | { error: { code: number; message: string } });

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface DispatcherOptions {
  version: string;
  tools: readonly McpTool[];
  env: ToolEnvironment;
}

const INSTRUCTIONS =
  'mcp-doctor diagnoses Claude Code MCP servers that fail to load. When a server shows as failed in /mcp, or its tools are missing, ' +
  'call diagnose (add probe: true to start the servers too), explain for a finding code, and fix_plan to show what `mcp-doctor --fix` would repair. ' +
  'These tools never change anything; the user runs the fix.';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function createDispatcher({ version, tools, env }: DispatcherOptions): (line: string) => Promise<RpcResponse | null> {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const methods = new Map<string, (params: Record<string, unknown>) => Promise<unknown>>([
    [
      'initialize',
      async (params) => {
        const asked = params.protocolVersion;
        return {
          protocolVersion: typeof asked === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(asked) ? asked : LATEST_PROTOCOL_VERSION,
          capabilities: { tools: { listChanged: false } },
          serverInfo: { name: 'mcp-doctor', title: 'mcp-doctor', version },
          instructions: INSTRUCTIONS,
        };
      },
    ],
    ['ping', async () => ({})],
    ['tools/list', async () => ({ tools: tools.map(listing) })],
    [
      'tools/call',
      async (params) => {
        const name = params.name;
        if (typeof name !== 'string') throw new RpcError(RpcErrorCode.invalidParams, 'tools/call needs params.name, the tool to call');
        const tool = byName.get(name);
        if (!tool) throw new RpcError(RpcErrorCode.invalidParams, `Unknown tool '${name}' (tools: ${tools.map((t) => t.name).join(', ')})`);
        return callTool(tool, params.arguments, env);
      },
    ],
  ]);

  return async (line) => {
    if (line.trim() === '') return null;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch (error) {
      return { jsonrpc: '2.0', error: { code: RpcErrorCode.parseError, message: `Parse error: ${(error as Error).message}` } };
    }
    const id = isObject(message) && (typeof message.id === 'string' || typeof message.id === 'number') ? message.id : null;
    const invalid = (why: string): RpcResponse => ({ jsonrpc: '2.0', ...(id === null ? {} : { id }), error: { code: RpcErrorCode.invalidRequest, message: `Invalid request: ${why}` } });
    if (!isObject(message)) return invalid(Array.isArray(message) ? 'batches are not part of MCP since 2025-06-18' : 'a message is a JSON object');
    if (message.jsonrpc !== '2.0') return invalid('jsonrpc must be "2.0"');
    if (typeof message.method !== 'string') {
      // A response (we send no requests) or junk with an id: nothing to answer, or an error to answer.
      return 'result' in message || 'error' in message ? null : invalid('method must be a string');
    }
    if (!('id' in message)) return null; // a notification (initialized, cancelled, …): nothing to answer
    if (id === null) return invalid('id must be a string or a number');
    if (message.params !== undefined && !isObject(message.params)) return invalid('params must be an object');
    const method = methods.get(message.method);
    if (!method) return { jsonrpc: '2.0', id, error: { code: RpcErrorCode.methodNotFound, message: `Method not found: ${message.method}` } };
    try {
      return { jsonrpc: '2.0', id, result: await method((message.params as Record<string, unknown> | undefined) ?? {}) };
    } catch (error) {
      if (error instanceof RpcError) return { jsonrpc: '2.0', id, error: { code: error.code, message: error.message } };
      return { jsonrpc: '2.0', id, error: { code: RpcErrorCode.internalError, message: `Internal error: ${(error as Error).message}` } };
    }
  };
}
