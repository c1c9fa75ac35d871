/**
 * `--fix`: the core's fix session (plan, confirm, apply, re-check) with this command's printing: the plan,
 * one question (or --yes), each change as it lands, each touched server before → after.
 * `--dry-run` shows the plan and changes nothing. Without a terminal to ask in, --yes is required.
 */
import type { DoctorContext } from '../../core/model/context.js';
import { runFixSession } from '../../core/engine/fix-session.js';
import type { DoctorRun, RunOptions } from '../../core/engine/run.js';
import type { Report } from '../../core/model/types.js';
import { safeLine } from '../../core/util/safe-text.js';
import { ExitCode } from '../exit-code.js';
import type { DiagnoseOptions } from '../options.js';
import { say, write } from '../output.js';
import { canAsk, confirm } from '../prompt.js';
import { renderers, type Format } from '../../render/index.js';
import { renderOutcome, renderPlan, renderRecheck } from '../../render/fix-text.js';

export interface FixRequest {
  ctx: DoctorContext;
  run: DoctorRun;
  runOptions: RunOptions;
  opts: DiagnoseOptions;
  format: Format;
  color: boolean;
  /** The demo home: changes happen in a temporary copy that is removed afterwards. */
  demo: boolean;
}

/** The report after the fix (with its `fixes` section) for the caller to publish, or an exit code to stop with. */
export type FixOutcome = { report: Report } | { exitCode: number };

export async function fixAfterDiagnosis({ ctx, run, runOptions, opts, format, color, demo }: FixRequest): Promise<FixOutcome> {
  const text = format === 'text';
  const style = { color, homedir: ctx.homedir, undoable: !demo, quiet: opts.quiet, verbose: opts.verbose };
  const gates = { rebuildVenvs: opts.rebuildVenvs, installDeps: opts.installDeps, build: opts.build };
  let stopWith: number | null = null;
  const result = await runFixSession(run, ctx, runOptions, {
    gates,
    dryRun: opts.dryRun,
    async confirm(preview, enabled, diagnosis, recovered) {
      // What finishing an interrupted earlier fix did, before the plan.
      for (const line of recovered) await say(safeLine(line));
      // Problems only above the plan (unless --verbose), so the changes sit right above the question.
      if (text) await write(renderers.text(diagnosis, { ...style, quiet: !opts.verbose }) + '\n' + renderPlan(preview, diagnosis, style));
      const n = enabled.length;
      const applying = async () => {
        if (text) await write(`\nApplying ${n} change${n === 1 ? '' : 's'}\n`);
        return true;
      };
      if (opts.yes) return applying();
      if (!canAsk()) {
        await say(`--fix would make ${n} change${n === 1 ? '' : 's'}; add --yes to apply ${n === 1 ? 'it' : 'them'} without a terminal (nothing was changed)`);
        stopWith = ExitCode.usage;
        return false;
      }
      if (!text) await write(renderPlan(preview, diagnosis, style), process.stderr);
      if (await confirm(`Apply ${n} change${n === 1 ? '' : 's'}?`)) return applying();
      await say('nothing was changed');
      return false;
    },
    onOutcome(change) {
      if (text) void write(renderOutcome(change, style));
    },
  });
  if (stopWith !== null) return { exitCode: stopWith };
  if (result.state === 'dry-run' || result.state === 'nothing-to-do') {
    for (const line of result.recovered) await say(safeLine(line));
    if (text) await write(renderers.text(result.diagnosis, style) + '\n' + renderPlan(result.section, result.diagnosis, style) + (result.state === 'dry-run' ? '\nDry run: nothing was changed.\n' : '\nNothing was changed.\n'));
    return { report: result.report };
  }
  if (result.state === 'applied' && text) await write(renderRecheck(result.section, result.report, style));
  return { report: result.report };
}
