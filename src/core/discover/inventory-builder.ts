/**
 * Collects what discovery reads: each JSON document once, and the findings raised while reading.
 */
import { catalog } from '../model/catalog.js';
import { readJsonDocument } from '../json/read-json.js';
import type { DocumentKind, Finding, FindingInput, JsonDocument } from '../model/types.js';

export interface FindingRefs {
  server?: string | null;
  plugin?: string | null;
}

export type LoadResult = { status: 'ok'; doc: JsonDocument } | { status: 'invalid' } | { status: 'absent' };

export function toFinding(input: FindingInput, refs: FindingRefs = {}): Finding {
  // A repair its code does not declare would reach the applier unannounced: that is mcp-doctor's bug.
  const fixes: readonly string[] = catalog[input.code].fixes ?? [];
  if (input.fix && !fixes.includes(input.fix.kind)) throw new Error(`${input.code} carries a '${input.fix.kind}' fix its catalog entry does not declare`);
  return {
    ...input,
    severity: input.severity ?? catalog[input.code].severity,
    server: refs.server ?? null,
    plugin: refs.plugin ?? null,
  };
}

export class InventoryBuilder {
  readonly documents = new Map<string, JsonDocument>();
  readonly findings: Finding[] = [];
  private readonly loads = new Map<string, Promise<LoadResult>>();

  add(input: FindingInput, refs: FindingRefs = {}): void {
    this.findings.push(toFinding(input, refs));
  }

  /**
   * Reads and parses a JSON file once; parse problems become findings attached to `refs`.
   * A second call for the same file returns the same result without new findings.
   */
  load(file: string, kind: DocumentKind, refs: FindingRefs = {}, what?: string): Promise<LoadResult> {
    const cached = this.loads.get(file);
    if (cached) return cached;
    const pending = readJsonDocument(file, kind, what).then((r): LoadResult => {
      for (const f of r.status === 'absent' ? [] : r.findings) this.add(f, refs);
      if (r.status === 'ok') {
        this.documents.set(file, r.doc);
        return { status: 'ok', doc: r.doc };
      }
      return r.status === 'absent' ? { status: 'absent' } : { status: 'invalid' };
    });
    this.loads.set(file, pending);
    return pending;
  }
}
