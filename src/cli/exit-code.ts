/**
 * Exit codes are part of the contract: 0 nothing at or above the threshold, 1 findings at or above it,
 * 2 usage or unreadable input, 3 internal failure.
 */
import type { Report } from '../core/model/types.js';

export const ExitCode = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;

import { failOnLevels, type FailOn } from '../render/fail-on.js';

export { failOnLevels, type FailOn };

/**
 * 1 when there are findings at or above the threshold, or (unless --fail-on none) a server will not load: a
 * user- or project-scope entry Claude Code skips for a schema error is only a warning in its own words
 * ("Skipped — invalid MCP server config"), but the server is gone.
 */
export function exitCodeFor(report: Report, failOn: FailOn = 'error'): number {
  if (failOn === 'none') return ExitCode.ok;
  const { errors, warnings, failed } = report.summary;
  const failing = errors + failed + (failOn === 'warning' ? warnings : 0);
  return failing > 0 ? ExitCode.problems : ExitCode.ok;
}
