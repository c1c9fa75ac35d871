/**
 * `mcp-doctor mcp`: mcp-doctor as a stdio MCP server, so Claude can diagnose its own broken servers from a
 * session that still works (`claude mcp add mcp-doctor -- mcp-doctor mcp` after `npm i -g mcp-doctor`, or the
 * mcp-doctor plugin, which carries its own copy). stdout carries JSON-RPC only.
 */
import { createContext } from '../../core/model/context.js';
import { serveStdio } from '../../mcp/serve.js';
import { tools } from '../../mcp/tools/index.js';
import { ExitCode } from '../exit-code.js';

export async function serveMcp(version: string): Promise<never> {
  if (process.stdin.isTTY) {
    process.stderr.write('mcp-doctor mcp: an MCP server on stdin/stdout, for Claude Code to start (claude mcp add mcp-doctor -- mcp-doctor mcp). Ctrl-D ends it.\n');
  }
  // The setup Claude Code sees: $CLAUDE_CONFIG_DIR or ~/.claude, and the project it started the server in.
  await serveStdio({ version, tools, context: () => createContext() });
  // Work cut short by the close (a probe's timers) must not keep the process alive: exit now.
  process.exit(ExitCode.ok);
}
