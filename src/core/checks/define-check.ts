/**
 * A check is a small typed object in the explicit list in `checks/index.ts`. It reads one subject and
 * returns findings as data; it never prints, never fixes, never throws for a fact it cannot decide.
 */
import type { Code } from '../model/catalog.js';
import type { CheckContext, CheckSubjects } from '../model/check-context.js';
import type { FindingInput, JsonDocument, ServerEntry } from '../model/types.js';

export type { CheckContext, CheckSubjects } from '../model/check-context.js';

export interface Check<K extends keyof CheckSubjects = keyof CheckSubjects> {
  /** kebab-case, stable; the file name. */
  id: string;
  subject: K;
  /** Every code this check may return (meta-tested against the catalog). */
  codes: readonly Code[];
  run(subject: CheckSubjects[K], c: CheckContext): FindingInput[] | Promise<FindingInput[]>;
}

/** Identity helper: exists for type inference of `run`'s subject. */
export function defineCheck<K extends keyof CheckSubjects>(check: Check<K>): Check<K> {
  return check;
}

/** A located finding input for a pointer inside a document. */
export { locationOf as at } from '../json/location.js';

/** What the command checks start from: the document a stdio server is defined in, and its expanded command. */
export function stdioCommand(server: ServerEntry, c: CheckContext): { doc: JsonDocument; command: string } | null {
  const doc = c.document(server.source.file);
  const command = server.expanded.command;
  return doc && server.transport === 'stdio' && command ? { doc, command } : null;
}
