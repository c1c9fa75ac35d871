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
import type { SarifAutomation } from '../render/options.js';
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

/**
 * In an Azure DevOps pipeline (TF_BUILD), the build as GitHub Advanced Security for Azure DevOps requires it
 * (the GHAzDO rules of the SARIF validator); elsewhere the category GitHub's upload would give ("mcp-doctor/").
 */
export function sarifAutomation(env: Record<string, string | undefined>): SarifAutomation {
  if (env.TF_BUILD?.toLowerCase() === 'true' && env.SYSTEM_DEFINITIONID && env.BUILD_BUILDID) {
    const org = (env.SYSTEM_COLLECTIONURI ?? '').replace(/\/+$/, '').split('/').pop() ?? '';
    const phaseId = env.SYSTEM_PHASEID ?? env.SYSTEM_JOBID ?? '';
    const parts = [org, env.SYSTEM_TEAMPROJECT ?? '', env.SYSTEM_DEFINITIONID, phaseId, env.BUILD_SOURCEBRANCH ?? '', env.BUILD_BUILDID];
    return {
      id: `azuredevops/pipeline/build/${parts.map((p) => encodeURIComponent(p)).join('/')}`,
      properties: {
        'azuredevops/pipeline/build/buildDefinitionId': env.SYSTEM_DEFINITIONID,
        'azuredevops/pipeline/build/buildDefinitionName': env.BUILD_DEFINITIONNAME ?? '',
        'azuredevops/pipeline/build/phaseId': phaseId,
        'azuredevops/pipeline/build/phaseName': env.SYSTEM_PHASENAME ?? env.SYSTEM_JOBNAME ?? '',
      },
    };
  }
  return { id: 'mcp-doctor/' };
}

export interface CiOptions extends OutputPlan {
  baseDir: string;
  sarifAutomation: SarifAutomation;
  failOn: FailOn;
  /** For RunOptions.ignore: --ignore codes, then the settings file's global and per plugin/server codes. */
  ignore: (string | IgnoreRule)[];
  knownVariables: string[];
}

/** `paths`: the source trees checked (author mode); the settings file is looked for from the first, else the base folder. */
export async function prepareCiOptions(opts: DiagnoseOptions, env: Record<string, string | undefined>, paths: string[] = []): Promise<CiOptions> {
  const plan = planOutput(opts, env);
  for (const code of opts.ignore ?? []) {
    const problem = unknownCodeMessage(code);
    if (problem) throw new UsageError(`--ignore: ${problem}`);
  }
  const baseDir = resolve(opts.baseDir ?? '.');
  if (opts.baseDir !== undefined && !(await stat(baseDir).catch(() => null))?.isDirectory()) {
    throw new UsageError(`--base-dir ${opts.baseDir}: no such folder`);
  }
  const settings = await loadSettings(paths[0] !== undefined ? resolve(paths[0]) : baseDir, opts.config);
  for (const file of plan.files) await checkWritable(file.path);
  return {
    ...plan,
    baseDir,
    sarifAutomation: sarifAutomation(env),
    failOn: opts.failOn ?? settings?.failOn ?? 'error',
    ignore: [...(opts.ignore ?? []), ...(settings?.ignore ?? [])],
    knownVariables: settings?.knownVariables ?? [],
  };
}
