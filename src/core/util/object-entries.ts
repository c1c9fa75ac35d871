/** Own entries of a plain object (never walks a prototype, tolerates `__proto__` keys). */
export function objectEntries(value: unknown): [string, unknown][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
}
