/**
 * What an MCP tool is here: its name, words and schemas as tools/list shows them, and `run`, which turns
 * checked arguments into a result. A tool never prints: its text and data are the result.
 */
import type { DoctorContext } from '../../core/model/context.js';
import { UsageError } from '../../core/util/usage-error.js';
import { checkArguments, type Arguments, type InputSchema } from '../arguments.js';

export interface ToolResult {
  content: { type: 'text'; text: string }[];
  /** The same result as data, following the tool's outputSchema. */
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** What every tool call gets: the version to report, a fresh context per call, and a log line on stderr. */
export interface ToolEnvironment {
  version: string;
  context(): DoctorContext;
  log(message: string): void;
  /** Aborted when the client cancels the call: the run stops and kills the servers it started. */
  signal?: AbortSignal;
  /** Reports progress, when the client asked for it (a progress token). */
  progress?: (done: number, total: number | undefined, message: string) => void;
}

export interface McpTool {
  name: string;
  title: string;
  description: string;
  inputSchema: InputSchema;
  outputSchema?: Record<string, unknown>;
  annotations: { readOnlyHint: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint: boolean };
  run(args: Arguments, env: ToolEnvironment): Promise<ToolResult>;
}

export function defineTool(tool: McpTool): McpTool {
  return tool;
}

export const textResult = (text: string, structuredContent?: Record<string, unknown>): ToolResult => ({
  content: [{ type: 'text', text }],
  ...(structuredContent ? { structuredContent } : {}),
});

/** A result the model reads and can act on (a bad argument, an unknown name), not a protocol error. */
export const errorResult = (text: string): ToolResult => ({ content: [{ type: 'text', text }], isError: true });

/** The tools/list entry: everything but `run`. */
export function listing({ run: _run, ...shown }: McpTool): Omit<McpTool, 'run'> {
  return shown;
}

/** Checks the arguments, runs the tool, and turns whatever goes wrong into an error result. */
export async function callTool(tool: McpTool, given: unknown, env: ToolEnvironment): Promise<ToolResult> {
  const checked = checkArguments(tool.inputSchema, given);
  if (!checked.ok) return errorResult(`${tool.name}: ${checked.problems.join('; ')}`);
  try {
    return await tool.run(checked.args, env);
  } catch (error) {
    // A cancelled call gets no answer at all (the SDK drops it); this result is never sent.
    if (env.signal?.aborted) return errorResult(`${tool.name}: cancelled`);
    if (error instanceof UsageError) return errorResult(`${tool.name}: ${error.message}`);
    const message = error instanceof Error ? error.message : String(error);
    env.log(`${tool.name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    return errorResult(`${tool.name}: mcp-doctor internal error: ${message} (please report it)`);
  }
}
