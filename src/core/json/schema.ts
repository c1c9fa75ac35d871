/**
 * Validates documents against the JSON Schemas in `schemas/` and turns ajv's errors into one finding per
 * offending value, with a JSON pointer, the expected shape and what was found.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FindingInput, JsonDocument } from '../model/types.js';

export type SchemaName = 'plugin' | 'marketplace' | 'mcp-server' | 'doctor-settings';

let validators: Promise<Record<SchemaName, ValidateFunction>> | null = null;

/**
 * The validators, compiled from schemas/ at build time (scripts/compile-schemas.mjs): loaded on first use, and
 * nothing is compiled at run time.
 */
function load(): Promise<Record<SchemaName, ValidateFunction>> {
  validators ??= import('./compiled-schemas.js').then((v) => ({ plugin: v.plugin, marketplace: v.marketplace, 'mcp-server': v.mcpServer, 'doctor-settings': v.doctorSettings }));
  return validators;
}

/** What a failed `pattern` means, in words; keyed by the pattern text in the schemas. */
const patternWords: [RegExp, string][] = [
  [/\.md\$$/, "a './' path to a .md file"],
  [/\.json\$$/, "a './' path to a .json file"],
  [/^\^https/, 'an https:// URL'],
  [/^\^\\\.\(/, "'.' or a path starting with './' (no '..')"],
  [/^\^\\\.\//, "a path starting with './' (no '..')"],
  [/\\s/, 'a name without spaces or control characters'],
];

function describePattern(pattern: string): string {
  for (const [re, words] of patternWords) if (re.test(pattern)) return words;
  return `text matching ${pattern}`;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function pointerOf(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, pointer: (string | number)[]): unknown {
  let cur: unknown = root;
  for (const key of pointer) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, key) ? (cur as Record<string, unknown>)[String(key)] : undefined;
  }
  return cur;
}

/**
 * Validates `value` (the whole document, or a part at `basePointer`) and returns located findings.
 * Field names in messages are written as dotted paths from the document root (mcpServers.x.command).
 */
export async function validateAgainst(
  schema: SchemaName,
  doc: JsonDocument,
  basePointer: (string | number)[] = [],
): Promise<FindingInput[]> {
  const value = basePointer.length === 0 ? doc.value : valueAt(doc.value, basePointer);
  const validate = (await load())[schema];
  if (validate(value)) return [];
  return explainErrors(validate.errors ?? [], value).map(({ pointer, args }) => {
    const full = [...basePointer, ...pointer];
    const { line, column } = doc.locate(full);
    const mistake = mistakeOf(pointer, args, valueAt(value, pointer));
    return {
      code: 'config.schema' as const,
      location: { file: doc.file, pointer: full, line, column },
      args: { field: full.length ? full.join('.') : '(root)', ...args, ...(mistake ?? {}) },
    };
  });
}

interface Explained {
  pointer: string[];
  args: Record<string, string>;
}

/** Collapses ajv's per-branch noise into one explanation per instance path. */
function explainErrors(errors: ErrorObject[], root: unknown): Explained[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword === 'if') continue; // the branch's own errors say it better
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  // A failed anyOf at P explains every error below P: report only the most specific reason.
  const anyOfPaths = [...byPath.entries()].filter(([, list]) => list.some((e) => e.keyword === 'anyOf')).map(([p]) => p);
  const out: Explained[] = [];
  const covered = (path: string) => anyOfPaths.some((p) => path !== p && path.startsWith(p + '/'));
  for (const [path, list] of byPath) {
    if (covered(path)) continue;
    const value = valueAt(root, pointerOf(path));
    const found = jsonType(value);
    if (list.some((e) => e.keyword === 'anyOf')) {
      out.push(explainAnyOf(path, value, errors));
      continue;
    }
    // An unknown key (only schemas with additionalProperties: false): point at the key itself.
    for (const e of list.filter((x) => x.keyword === 'additionalProperties')) {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
      out.push({ pointer: [...pointerOf(path), key], args: { expected: known.length ? `one of the keys ${known.join(', ')}` : 'no other key', found: JSON.stringify(key) } });
    }
    const required = list.filter((e) => e.keyword === 'required');
    for (const r of required) {
      const missing = String((r.params as { missingProperty: string }).missingProperty);
      out.push({ pointer: [...pointerOf(path), missing], args: { expected: `a "${missing}" field`, found: 'none', detail: 'required' } });
    }
    const typeErr = list.find((e) => e.keyword === 'type');
    if (typeErr) {
      out.push({ pointer: pointerOf(path), args: { expected: String((typeErr.params as { type: string }).type), found } });
      continue;
    }
    const rest = list.filter((e) => e.keyword !== 'required' && e.keyword !== 'additionalProperties');
    const first = rest[0];
    if (first) out.push({ pointer: pointerOf(path), args: describeKeyword(first, value) });
  }
  return out;
}

function describeKeyword(e: ErrorObject, value: unknown): Record<string, string> {
  const found = typeof value === 'string' ? JSON.stringify(value) : jsonType(value);
  switch (e.keyword) {
    case 'pattern':
      return { expected: describePattern(String((e.params as { pattern: string }).pattern)), found };
    case 'minLength':
      return { expected: 'a non-empty string', found };
    case 'enum':
      return { expected: `one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`, found };
    case 'const':
      return { expected: JSON.stringify((e.params as { allowedValue: unknown }).allowedValue), found };
    case 'exclusiveMinimum':
      return { expected: 'a positive number', found };
    case 'not':
      return { expected: 'a name without spaces, slashes or ".."', found };
    default:
      return { detail: e.message ?? e.keyword };
  }
}

/** For `anyOf` (path or array or object …): explain against the branch whose type matches the value. */
function explainAnyOf(path: string, value: unknown, all: ErrorObject[]): Explained {
  const pointer = pointerOf(path);
  const found = jsonType(value);
  const below = all.filter((e) => e.instancePath === path || e.instancePath.startsWith(path + '/'));
  const specific = below.filter((e) => e.keyword !== 'type' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  // Keyword errors other than `type` only come from branches whose type matched the value.
  const deepest = specific.sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  if (deepest) {
    const consts = specific.filter((e) => e.keyword === 'const' && e.instancePath === deepest.instancePath);
    const target = valueAt(value, pointerOf(deepest.instancePath.slice(path.length)));
    if (consts.length > 1) {
      const allowed = consts.map((c) => JSON.stringify((c.params as { allowedValue: unknown }).allowedValue)).join(', ');
      return { pointer: pointerOf(deepest.instancePath), args: { expected: `one of ${allowed}`, found: JSON.stringify(target) ?? 'none' } };
    }
    if (deepest.keyword === 'required') {
      const missing = String((deepest.params as { missingProperty: string }).missingProperty);
      return { pointer: pointerOf(deepest.instancePath), args: { expected: `a "${missing}" field`, found: 'none', detail: 'required' } };
    }
    return { pointer: pointerOf(deepest.instancePath), args: describeKeyword(deepest, target) };
  }
  const types = [...new Set(below.filter((e) => e.instancePath === path && e.keyword === 'type').map((e) => String((e.params as { type: string }).type)))];
  return { pointer, args: { expected: types.length ? types.join(' or ') : 'another shape', found } };
}

/**
 * The mistakes seen most in real manifests, as a kind and the value to write instead (the catalog words
 * it: `config.schema`'s hint).
 */
function mistakeOf(pointer: string[], args: Record<string, string>, found: unknown): { mistake: string; key: string; suggested?: string } | undefined {
  const key = pointer.filter((p) => !/^\d+$/.test(p)).at(-1) ?? '';
  const type = jsonType(found);
  if ((key === 'author' || key === 'owner') && type === 'string') return { mistake: 'as-object', key, suggested: JSON.stringify({ name: found }).replace(/":/g, '": ') };
  if (key === 'version' && (type === 'number' || type === 'integer')) return { mistake: 'quote-it', key, suggested: JSON.stringify(String(found)) };
  if ((key === 'keywords' || key === 'tags') && type === 'string') return { mistake: 'as-list', key, suggested: `[${JSON.stringify(found)}]` };
  if (key === 'repository' && type === 'object') return { mistake: 'url-string', key };
  if (key === 'args' && type === 'string') return { mistake: 'args-list', key, suggested: JSON.stringify(String(found).split(/\s+/).filter(Boolean)) };
  if (key === 'dependencies' && type === 'object') return { mistake: 'dependency-list', key };
  if (key === 'agents' && typeof found === 'string' && !found.endsWith('.md')) return { mistake: 'agent-files', key };
  if (typeof found === 'string' && /'\.\/'/.test(args.expected ?? '') && !found.startsWith('./')) return { mistake: 'dot-slash', key, suggested: `"./${found.replace(/^\/+/, '')}"` };
  if (key === 'command' && type !== 'string') return { mistake: 'command-string', key };
  return undefined;
}
