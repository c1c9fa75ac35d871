/** What every renderer may be told besides the report. */
import type { FailOn } from './fail-on.js';

export interface RenderOptions {
  color: boolean;
  /** Shown as ~ in paths. */
  homedir?: string;
  /** text: healthy servers' details, whole stderr, the command each server was started with. */
  verbose?: boolean;
  /** text: problems only. */
  quiet?: boolean;
  /** sarif, github, gitlab, junit, markdown: paths inside this folder are shown relative to it (`--base-dir`). */
  baseDir?: string;
  /** junit: which findings fail a test case (`--fail-on`; default error). */
  failOn?: FailOn;
  /** sarif: the run's automationDetails (the CLI takes it from the CI environment; default `mcp-doctor/`). */
  sarifAutomation?: SarifAutomation;
}

/** SARIF `automationDetails`: which run of which pipeline made the file (GitHub's category; Azure DevOps' build). */
export interface SarifAutomation {
  id: string;
  properties?: Record<string, string>;
}
