/**
 * The two value types a finding's wording is built from. They sit apart from `types.ts` so that the
 * catalog (which words findings) and the data model (which names catalog codes) do not import each other.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Facts a check records; the catalog turns them into words and reports print them as evidence. */
export type Evidence = Record<string, string | number | boolean | null | string[] | undefined>;
