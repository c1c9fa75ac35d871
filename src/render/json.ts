/** `--json`: the report, one document, nothing else on stdout. */
import type { Report } from '../core/model/types.js';

export function renderJson(report: Report, _options?: unknown): string {
  return JSON.stringify(report, null, 2) + '\n';
}
