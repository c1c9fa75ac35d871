/** Exit codes are part of the contract: 0 no errors, 1 errors found, 2 usage or unreadable input, 3 internal failure. */
import type { Report } from '../core/types.js';

export const ExitCode = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;

/**
 * 1 when there are errors, or a server will not load: a user- or project-scope entry Claude Code skips for a
 * schema error is only a warning in its own words ("Skipped — invalid MCP server config"), but the server is gone.
 */
export function exitCodeFor(report: Report): number {
  return report.summary.errors > 0 || report.summary.failed > 0 ? ExitCode.problems : ExitCode.ok;
}
