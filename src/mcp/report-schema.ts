/**
 * The report's JSON Schema (schemas/report.schema.json, the contract of `--json`) as the tools declare it in
 * their outputSchema. Read once, on first use. Its `$id` is left out: a client that compiles the schemas of
 * several tools (or lists tools twice) into one validator must not see the same id twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/util/package-info.js';

let schema: Record<string, unknown> | null = null;

export function reportSchema(): Record<string, unknown> {
  if (!schema) {
    const { $id: _id, ...rest } = JSON.parse(readFileSync(join(packageRoot, 'schemas', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
    schema = rest;
  }
  return schema;
}

/** The schema of the report's `fixes` section, standing alone (it refers to nothing outside itself). */
export function fixesSchema(): Record<string, unknown> {
  const properties = reportSchema().properties as Record<string, Record<string, unknown>>;
  return { $schema: reportSchema().$schema, ...properties.fixes! };
}
