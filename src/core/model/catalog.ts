/**
 * The problem catalog: the one place where a finding's code becomes words. Each family of codes has its
 * file in catalog/; this joins them. Codes are the public contract (JSON report, `explain`, `--ignore`):
 * never rename one, only add.
 */
import { configCodes } from './catalog/config.js';
import { commandCodes } from './catalog/command.js';
import { venvCodes } from './catalog/venv.js';
import { depsCodes } from './catalog/deps.js';
import { registryCodes } from './catalog/registry.js';
import { secretCodes } from './catalog/secret.js';
import { probeCodes } from './catalog/probe.js';
import { runtimeCodes } from './catalog/runtime.js';
import { serverCodes } from './catalog/server.js';
import { installCodes } from './catalog/install.js';
import type { CatalogEntry } from './catalog/words.js';
import type { Evidence } from './evidence.js';

export type { CatalogEntry } from './catalog/words.js';

export const catalog = {
  ...configCodes,
  ...commandCodes,
  ...venvCodes,
  ...depsCodes,
  ...registryCodes,
  ...secretCodes,
  ...probeCodes,
  ...runtimeCodes,
  ...serverCodes,
  ...installCodes,
} satisfies Record<string, CatalogEntry>;

export type Code = keyof typeof catalog;

export const allCodes = Object.keys(catalog) as Code[];

export function isCode(value: string): value is Code {
  return Object.prototype.hasOwnProperty.call(catalog, value);
}

/** A fact's value in a finding's args. */
type ArgValue = Evidence[string];

/** The args a finding of code C may carry, as its entry declares them. */
export type ArgsOf<C extends Code> = (typeof catalog)[C] extends CatalogEntry<infer A> ? ([A] extends [never] ? Evidence : Partial<Record<A, ArgValue>>) : Evidence;
