/**
 * What a run writes where, and what fails it: `--format`, `--output`, `--base-dir`, `--fail-on`, `--ignore`
 * and the project's settings file, resolved and checked before any work starts (a bad flag or settings file
 * costs no probe).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { IgnoreRule } from '../core/engine/ignore.js';
import { UsageError } from '../core/util/usage-error.js';
import type { FailOn } from './exit-code.js';
import type { DiagnoseOptions } from './options.js';
import { isFormat, type Format } from '../render/formats.js';
import { loadSettings, unknownCodeMessage } from './settings.js';
import { checkWritable } from './write-file.js';

export interface OutputFile {
  path: string;
  format: Format;
}

export interface OutputPlan {
  /** The format stdout shows, or null for the normal output (text, or the live view on a terminal). */
  stdout: Format | null;
  /** Print GitHub annotations after the text: in GitHub Actions when no format was asked for. */
  annotations: boolean;
  files: OutputFile[];
}

/**
 * `--output FILE` gets the `--format` format (default text) and leaves stdout to the normal output;
 * `--output FORMAT:FILE` names the format for that file, so one run can write a SARIF file and a summary.
 */
export function planOutput(opts: Pick<DiagnoseOptions, 'json' | 'format' | 'output'>, env: Record<string, string | undefined>): OutputPlan {
  const asked: Format | undefined = opts.json ? 'json' : opts.format;
  let formatGoesToFile = false;
  const files = (opts.output ?? []).map((spec): OutputFile => {
    const colon = spec.indexOf(':');
    const prefix = colon > 0 ? spec.slice(0, colon) : '';
    if (isFormat(prefix)) {
      if (colon === spec.length - 1) throw new UsageError(`--output ${spec}: no file name after '${prefix}:'`);
      return { format: prefix, path: spec.slice(colon + 1) };
    }
    formatGoesToFile = true;
    return { format: asked ?? 'text', path: spec };
  });
  return {
    // A bare `--output FILE` takes the asked format to the file; `--output sarif:FILE` leaves it to stdout.
    stdout: formatGoesToFile ? null : (asked ?? null),
    annotations: asked === undefined && env.GITHUB_ACTIONS === 'true',
    files,
  };
}

export interface CiOptions extends OutputPlan {
  baseDir: string;
  failOn: FailOn;
  /** For RunOptions.ignore: --ignore codes, then the settings file's global and per plugin/server codes. */
  ignore: (string | IgnoreRule)[];
  knownVariables: string[];
}

export async function prepareCiOptions(opts: DiagnoseOptions, env: Record<string, string | undefined>): Promise<CiOptions> {
  const plan = planOutput(opts, env);
  for (const code of opts.ignore ?? []) {
    const problem = unknownCodeMessage(code);
    if (problem) throw new UsageError(`--ignore: ${problem}`);
  }
  const baseDir = resolve(opts.baseDir ?? '.');
  if (opts.baseDir !== undefined && !(await stat(baseDir).catch(() => null))?.isDirectory()) {
    throw new UsageError(`--base-dir ${opts.baseDir}: no such folder`);
  }
  const settings = await loadSettings(baseDir, opts.config);
  for (const file of plan.files) await checkWritable(file.path);
  return {
    ...plan,
    baseDir,
    failOn: opts.failOn ?? settings?.failOn ?? 'error',
    ignore: [...(opts.ignore ?? []), ...(settings?.ignore ?? [])],
    knownVariables: settings?.knownVariables ?? [],
  };
}
