/**
 * `--fix`: after the diagnosis, plan the repairs, show them, ask once (or take --yes), apply them through
 * the one applier, re-check and re-probe the servers they touched, and exit from the state after.
 * `--dry-run` shows the plan and changes nothing. Without a terminal to ask in, --yes is required.
 */
import type { DoctorContext } from '../../core/model/context.js';
import { applyPlan, plannedOutcomes, type ChangeOutcome } from '../../core/fix/apply.js';
import { fixSection } from '../../core/fix/fix-report.js';
import { planFixes } from '../../core/fix/plan.js';
import { mergeRecheck } from '../../core/fix/recheck.js';
import { runDoctor, type DoctorRun, type RunOptions } from '../../core/engine/run.js';
import type { Report } from '../../core/model/types.js';
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
  const { redactor } = run;
  const plan = planFixes(run, ctx, { rebuildVenvs: opts.rebuildVenvs, installDeps: opts.installDeps, build: opts.build });
  const preview = fixSection(plan, plannedOutcomes(plan), { dryRun: true, journal: null, before: run.report, redactor });
  if (text) await write(renderers.text(run.report, style) + '\n' + renderPlan(preview, run.report, style));
  const enabled = plan.changes.filter((c) => c.enabled);
  if (opts.dryRun || enabled.length === 0) {
    if (text) await write(opts.dryRun ? '\nDry run: nothing was changed.\n' : '\nNothing was changed.\n');
    return { report: { ...run.report, fixes: preview } };
  }

  const question = `Apply ${enabled.length} change${enabled.length === 1 ? '' : 's'}?`;
  if (!opts.yes) {
    if (!canAsk()) {
      await say(`--fix would make ${enabled.length} change${enabled.length === 1 ? '' : 's'}; add --yes to apply ${enabled.length === 1 ? 'it' : 'them'} without a terminal (nothing was changed)`);
      return { exitCode: ExitCode.usage };
    }
    if (!text) await write(renderPlan(preview, run.report, style), process.stderr);
    if (!(await confirm(question))) {
      await say('nothing was changed');
      return { report: { ...run.report, fixes: preview } };
    }
  }

  if (text) await write(`\nApplying ${enabled.length} change${enabled.length === 1 ? '' : 's'}\n`);
  const live = async (o: ChangeOutcome) => {
    if (text) await write(renderOutcome(fixSection(plan, [o], { dryRun: false, journal: null, before: run.report, redactor }).changes[0]!, style));
  };
  const applied = await applyPlan(plan, ctx, { onOutcome: (o) => void live(o) });

  let after: Report | undefined;
  let final = run.report;
  // A fix about a plugin as a whole (a hook script) names no server: its plugin is checked again.
  const plugins = [...new Set(applied.outcomes.filter((o) => o.status === 'applied' && o.change.servers.length === 0 && o.change.finding.plugin).map((o) => o.change.finding.plugin as string))];
  if (applied.touched.length > 0 || plugins.length > 0) {
    after = (await runDoctor(ctx, { ...runOptions, select: { ids: applied.touched, plugins } })).report;
    final = mergeRecheck(run.report, after);
  }
  const section = fixSection(plan, applied.outcomes, { dryRun: false, journal: applied.journal, before: run.report, after, redactor });
  if (text) await write(renderRecheck(section, final, style));
  return { report: { ...final, fixes: section } };
}
