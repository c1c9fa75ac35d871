/** Renderers by name: peers that each turn the same report into one output format. */
import type { Report } from '../core/model/types.js';
import { renderGithub } from './github.js';
import { renderGitlab } from './gitlab.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import type { Format } from './formats.js';
import type { RenderOptions } from './options.js';

export type { RenderOptions } from './options.js';

export { formats, isFormat, type Format } from './formats.js';

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
