/**
 * Tool arguments checked against the input schema the tool declares (the one source of truth: clients read
 * the same schema from tools/list). The schemas use a small subset of JSON Schema, so a small checker gives
 * messages a model can act on ("'probe' must be a boolean, not a string") without loading a validator.
 */

/** One argument's schema: a string, a boolean, a list of strings, or any of those. */
export type ArgumentSchema =
  | { type: 'string'; description?: string; minLength?: number; maxLength?: number }
  | { type: 'boolean'; description?: string; default?: boolean }
  | { type: 'array'; items: { type: 'string'; minLength?: number; maxLength?: number }; maxItems?: number; description?: string }
  | { anyOf: ArgumentSchema[]; description?: string };

export interface InputSchema {
  type: 'object';
  properties: Record<string, ArgumentSchema>;
  required?: string[];
  additionalProperties: false;
}

export type Arguments = Record<string, unknown>;

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

function describe(schema: ArgumentSchema): string {
  if ('anyOf' in schema) return schema.anyOf.map(describe).join(' or ');
  if (schema.type === 'array') {
    const len = schema.items.maxLength ? ` of at most ${schema.items.maxLength} characters` : '';
    return `a list of ${schema.maxItems ? `at most ${schema.maxItems} ` : ''}strings${len}`;
  }
  if (schema.type === 'string' && schema.maxLength) return `a string of at most ${schema.maxLength} characters`;
  return `a ${schema.type}`;
}

function matches(schema: ArgumentSchema, value: unknown): boolean {
  if ('anyOf' in schema) return schema.anyOf.some((s) => matches(s, value));
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' && value.length >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Infinity);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return (
        Array.isArray(value) &&
        value.length <= (schema.maxItems ?? Infinity) &&
        value.every((item) => typeof item === 'string' && item.length >= (schema.items.minLength ?? 0) && item.length <= (schema.items.maxLength ?? Infinity))
      );
  }
}

/** The arguments with defaults filled in, or the list of what is wrong with them. */
export function checkArguments(schema: InputSchema, given: unknown): { ok: true; args: Arguments } | { ok: false; problems: string[] } {
  if (given === undefined || given === null) given = {};
  if (typeof given !== 'object' || Array.isArray(given)) return { ok: false, problems: [`arguments must be an object, not ${kindOf(given)}`] };
  const args = given as Arguments;
  const known = Object.keys(schema.properties);
  const problems: string[] = [];
  for (const name of Object.keys(args)) {
    if (!Object.prototype.hasOwnProperty.call(schema.properties, name)) {
      if (problems.length >= 5) continue;
      problems.push(`unknown argument '${name.length > 100 ? `${name.slice(0, 100)}…` : name}' (${known.length ? `it takes ${known.map((k) => `'${k}'`).join(', ')}` : 'it takes none'})`);
    }
  }
  for (const name of schema.required ?? []) {
    if (args[name] === undefined) problems.push(`missing required argument '${name}' (${describe(schema.properties[name]!)})`);
  }
  const filled: Arguments = {};
  for (const [name, prop] of Object.entries(schema.properties)) {
    const value = args[name];
    if (value === undefined) {
      if ('default' in prop && prop.default !== undefined) filled[name] = prop.default;
      continue;
    }
    if (!matches(prop, value)) {
      const empty = typeof value === 'string' && value.length === 0;
      const long = typeof value === 'string' && 'type' in prop && prop.type === 'string' && value.length > (prop.maxLength ?? Infinity);
      const not = empty ? 'an empty one' : long ? `one of ${(value as string).length} characters` : kindOf(value);
      problems.push(`'${name}' must be ${empty ? 'a non-empty string' : describe(prop)}, not ${not}`);
    } else filled[name] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, args: filled };
}

/** A name or a list of names (`"vault"` or `["vault", "weather"]`) as a list. */
export function nameList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (value as string[]) : [value as string];
}
