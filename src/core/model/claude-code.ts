/**
 * The Claude Code that mcp-doctor models: its version, the protocol versions it speaks, and the texts it
 * prints that users search for. Every check, probe and wording that depends on "what Claude Code does"
 * names this module, so moving to a new Claude Code is one edit here plus the facts in
 * docs/claude-code-facts.md that changed.
 */

/** The Claude Code release whose behaviour is modelled (measured facts: docs/claude-code-facts.md). */
export const CLAUDE_CODE_VERSION = '2.1.332';

/**
 * What Claude Code sends first to a stdio server: `server/discover` in the 2026-07-28 ("modern") protocol
 * (docs/claude-code-facts.md §15).
 */
export const DISCOVER_PROTOCOL_VERSION = '2026-07-28';

/** What it falls back to when `server/discover` is not answered: `initialize` in this ("legacy") protocol. */
export const INITIALIZE_PROTOCOL_VERSION = '2025-11-25';

/** The initialize protocol versions Claude Code accepts in a server's answer, newest first. */
export const ACCEPTED_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07'] as const;

/** The clientInfo Claude Code sends, so servers see the same client (the doctor's own version appended). */
export function claudeClientInfo(doctorVersion: string): { name: string; title: string; version: string } {
  return { name: 'claude-code', title: 'Claude Code (mcp-doctor probe)', version: `${CLAUDE_CODE_VERSION}+mcp-doctor.${doctorVersion}` };
}

/** Startup timeout Claude Code gives a server when MCP_TIMEOUT is not set, in ms (docs/claude-code-facts.md §8). */
export const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
