/** Renderers by name: peers that each turn the same report into one output format. */
import type { Report } from '../../core/types.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';

export interface RenderOptions {
  color: boolean;
  /** Shown as ~ in paths. */
  homedir?: string;
  verbose?: boolean;
}

export type Renderer = (report: Report, options: RenderOptions) => string;

export const renderers = {
  text: renderText,
  json: renderJson,
} satisfies Record<string, Renderer>;

export type Format = keyof typeof renderers;

export const formats = Object.keys(renderers) as Format[];
