/** Renderers by name: peers that each turn the same report into one output format. */
import type { Report } from '../../core/types.js';
import type { FailOn } from '../exit-code.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export interface RenderOptions {
  color: boolean;
  /** Shown as ~ in paths. */
  homedir?: string;
  verbose?: boolean;
  /** sarif, github, junit, markdown: paths inside this folder are shown relative to it (`--base-dir`). */
  baseDir?: string;
  /** junit: which findings fail a test case (`--fail-on`; default error). */
  failOn?: FailOn;
}

export type Renderer = (report: Report, options: RenderOptions) => string;

export const renderers = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
  junit: renderJunit,
  markdown: renderMarkdown,
} satisfies Record<string, Renderer>;

export type Format = keyof typeof renderers;

export const formats = Object.keys(renderers) as Format[];

export function isFormat(value: string): value is Format {
  return Object.prototype.hasOwnProperty.call(renderers, value);
}
