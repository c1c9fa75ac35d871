/**
 * Which finding explains a server's state, for the one-line summary and the top of the detail view. The
 * first error that is not a symptom wins: a probe symptom explained by a static finding carries `causedBy`
 * and is evidence, not the cause. Findings arrive sorted (errors first, then by file and line), so "first"
 * is the report's own order. Without such an error: the first symptom error, then the first warning.
 */
import type { ReportFinding } from '../../core/model/types.js';

export function rootCause(findings: readonly ReportFinding[]): ReportFinding | undefined {
  const causes = findings.filter((f) => !f.causedBy);
  return (
    causes.find((f) => f.severity === 'error') ??
    findings.find((f) => f.severity === 'error') ??
    causes.find((f) => f.severity === 'warning') ??
    findings.find((f) => f.severity === 'warning')
  );
}
