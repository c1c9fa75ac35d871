/**
 * After fixes, the servers they touched are checked and probed again; the whole picture is the earlier
 * report with those servers (and their plugins' findings) replaced by the new run's, so the exit code comes
 * from the state after the fix.
 */
import type { Report } from '../model/types.js';
import { replaceServers } from '../view/replace-servers.js';

export function mergeRecheck(before: Report, after: Report): Report {
  return replaceServers(before, after);
}
