import type { Finding, Inventory, Report } from '../model/types.js';
import type { Redactor } from '../util/redactor.js';

/** A finished run: the report every renderer takes, and the raw findings the fix planner needs. */
export interface DoctorRun {
  report: Report;
  inventory: Inventory;
  findings: Finding[];
  /** Every credential this run knows (the whole setup's, not only the selected part's): for anything else it prints. */
  redactor: Redactor;
}
