/**
 * The two value types a finding's wording is built from. They sit apart from `types.ts` so that the
 * catalog (which words findings) and the data model (which names catalog codes) do not import each other.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Facts a check records; the catalog turns them into words and reports print them as evidence. */
export type Evidence = Record<string, string | number | boolean | null | string[] | undefined>;

/**
 * What a finding makes Claude Code do beyond showing it, which decides verdicts: `drops-server`, the server
 * entry is not loaded (a schema error); `refuses-plugin`, the whole plugin is refused and its servers never
 * start (a manifest that does not validate); `plugin-error`, `/plugin` counts an error for the plugin while
 * the rest of it loads (a missing hooks file). Resolved once per finding by `effectOf` (model/effect.ts).
 */
export type Effect = 'drops-server' | 'refuses-plugin' | 'plugin-error';

/** The kinds of repair a finding may carry (each has one applier in core/fix/appliers). */
export type FixKind = 'symlink' | 'chmod' | 'line-endings' | 'venv-create' | 'npm-install' | 'build';
