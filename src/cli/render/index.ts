/** Renderers by name: peers that each turn the same report into one output format. */
import type { Report } from '../../core/types.js';
import type { SarifAutomation } from '../ci-options.js';
import type { FailOn } from '../exit-code.js';
import { renderGithub } from './github.js';
import { renderGitlab } from './gitlab.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import type { Format } from './formats.js';

export { formats, isFormat, type Format } from './formats.js';

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
  /** sarif: the run's automationDetails (from the CI environment; default `mcp-doctor/`). */
  sarifAutomation?: SarifAutomation;
}

export type Renderer = (report: Report, options: RenderOptions) => string;

export const renderers = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
  gitlab: renderGitlab,
  junit: renderJunit,
  markdown: renderMarkdown,
} satisfies Record<Format, Renderer>;
