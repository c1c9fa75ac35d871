/** The root command's options as commander hands them over, and the small parsers they need. */
import type { FailOn } from './exit-code.js';
import type { Format } from '../render/formats.js';

export interface DiagnoseOptions {
  json?: boolean;
  format?: Format;
  /** --probe / --no-probe; undefined when neither was given (installed mode probes, author mode does not). */
  probe?: boolean;
  all?: boolean;
  demo?: boolean;
  configDir?: string;
  project?: string;
  ignore?: string[];
  plugin?: string[];
  server?: string[];
  timeout?: string;
  discover?: boolean;
  /** `--color <when>`, or false for `--no-color` (see color.ts). */
  color?: string | false;
  debug?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  fix?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  rebuildVenvs?: boolean;
  installDeps?: boolean;
  build?: boolean;
  /** `--output [FORMAT:]FILE`, repeatable. */
  output?: string[];
  baseDir?: string;
  failOn?: FailOn;
  /** The settings file (default: .mcp-doctor.json in the base folder). */
  config?: string;
}

/** `--ignore a,b --ignore c` → [a, b, c]. */
export function commaList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** A repeatable option: `--plugin a --plugin b` → [a, b]. */
export function repeatable(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A thrown usage problem: printed as one line, exit 2. */
export { UsageError } from '../core/util/usage-error.js';
