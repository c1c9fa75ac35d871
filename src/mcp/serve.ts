/**
 * The MCP server over stdio: the MCP SDK's server (initialize in every protocol version the SDK speaks, ping,
 * cancellation, progress; requests handled concurrently, so a long diagnose holds up no other call) over our
 * bounded line transport (sdk-transport.ts). It ends when stdin closes: answers already under way get a
 * short grace, then every server a probe started is killed, so nothing outlives it.
 *
 * `server/discover`, the 2026-07-28 protocol's first request, has no handler here, so the SDK answers it -32601:
 * this is a server of the 2025-11-25 era, and a dual-era client (Claude Code, docs/claude-code-facts.md §15)
 * then falls back to initialize, as the 2026-07-28 spec tells it to.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { killAllGroups } from '../core/util/live-processes.js';
import type { DoctorContext } from '../core/model/context.js';
import { BoundedStdioTransport, echo } from './sdk-transport.js';
import { callTool, listing, type McpTool } from './tools/define-tool.js';
import { MAX_MESSAGE_BYTES } from './transport.js';

/** How long answers under way may still take once the client has closed stdin (its SDK waits 2 s, then SIGTERM). */
const GRACE_AFTER_EOF_MS = 1_500;

export const INSTRUCTIONS =
  'mcp-doctor diagnoses Claude Code MCP servers that fail to load. When a server shows as failed in /mcp, or its tools are missing, ' +
  "call diagnose (add probe: true to start the servers too; server and detail: true for one server's full evidence), explain for a finding code, " +
  'and fix_plan to show what `mcp-doctor --fix` would repair. These tools never change a file; the user runs the fix.';

export interface ServeOptions {
  version: string;
  tools: readonly McpTool[];
  /** A context per tool call: the setup is read afresh each time, as the user may have fixed something. */
  context: () => DoctorContext;
  /** The largest message read. */
  maxMessageBytes?: number;
}

export async function serveStdio({ version, tools, context, maxMessageBytes = MAX_MESSAGE_BYTES }: ServeOptions): Promise<void> {
  const log = (message: string) => void process.stderr.write(`mcp-doctor mcp: ${message}\n`);
  const server = new Server({ name: 'mcp-doctor', title: 'mcp-doctor', version }, { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS });
  server.onerror = (error) => log(echo(error instanceof Error ? error.message : String(error)));
  const byName = new Map(tools.map((t) => [t.name, t]));
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: tools.map(listing) }) as never);
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name } = request.params;
    const tool = byName.get(name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool '${echo(name)}' (tools: ${tools.map((t) => t.name).join(', ')})`);
    const token = extra._meta?.progressToken;
    let sent = -1;
    const progress =
      token === undefined
        ? undefined
        : (done: number, total: number | undefined, message: string) => {
            // Progress must increase.
            if (done <= sent) return;
            sent = done;
            void extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: done, ...(total === undefined ? {} : { total }), message } }).catch(() => {});
          };
    return (await callTool(tool, request.params.arguments, { version, context, log, signal: extra.signal, ...(progress ? { progress } : {}) })) as never;
  });

  const transport = new BoundedStdioTransport(maxMessageBytes);
  await server.connect(transport);
  await transport.closed;
  await transport.settle(GRACE_AFTER_EOF_MS);
  killAllGroups('SIGKILL');
  await transport.flush();
}
