/**
 * Exit codes are part of the contract: 0 nothing at or above the threshold, 1 findings at or above it,
 * 2 usage or unreadable input, 3 internal failure.
 */
import type { Report } from '../core/types.js';

export const ExitCode = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;

/** `--fail-on`: the least severe finding that makes the exit code 1. */
export const failOnLevels = ['error', 'warning', 'none'] as const;
export type FailOn = (typeof failOnLevels)[number];

export function exitCodeFor(report: Report, failOn: FailOn = 'error'): number {
  const { errors, warnings } = report.summary;
  const failing = failOn === 'error' ? errors : failOn === 'warning' ? errors + warnings : 0;
  return failing > 0 ? ExitCode.problems : ExitCode.ok;
}
