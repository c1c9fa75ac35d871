/** The words for a planned change: one line saying what it does and where; each applier words its own kind. */
import type { FixPlan } from '../model/types.js';
import { applierFor } from './appliers/index.js';

export function describeChange(fix: FixPlan): string {
  return applierFor(fix.kind).describe(fix as never);
}
