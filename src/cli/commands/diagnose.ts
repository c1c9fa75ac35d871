/**
 * The default command: diagnose the installed setup (or the source trees given), then show the report
 * with the renderer asked for. On a terminal with no format asked for, the live TUI takes over.
 */
import { runDoctor, type RunOptions } from '../../core/engine/run.js';
import { parseTimeout } from '../../core/probe/timeout.js';
import { colorMode, wantsColor } from '../color.js';
import { hasAnyConfig, prepareContext } from '../doctor-context.js';
import { prepareCiOptions } from '../ci-options.js';
import { ExitCode, exitCodeFor } from '../exit-code.js';
import { UsageError, type DiagnoseOptions } from '../options.js';
import { say, write } from '../output.js';
import { fixActions } from '../fix-actions.js';
import { startProgress } from '../progress.js';
import { removeOnInterrupt } from '../signals.js';
import { asPlainLog, plainLogMarkers } from '../../render/github.js';
import { renderers } from '../../render/index.js';
import { createServerActions } from '../server-actions.js';
import { writeFileAtomic } from '../write-file.js';
import { fixAfterDiagnosis } from './fix.js';
import { diagnoseInteractively, wantsInteractive } from './interactive.js';

export async function diagnose(paths: string[], opts: DiagnoseOptions, version: string): Promise<number> {
  const ci = await prepareCiOptions(opts, process.env, paths);
  const format = ci.stdout ?? 'text';
  const prepared = await prepareContext(opts);
  const { ctx } = prepared;
  try {
    if (!prepared.demo && paths.length === 0 && !hasAnyConfig(ctx)) {
      await say(
        `no Claude Code configuration found at ${ctx.configDir}.\n` +
          `  See what it reports on a sample setup:  mcp-doctor --demo\n` +
          `  Check a marketplace or plugin you are writing:  mcp-doctor ./path/to/repo`,
      );
      return ExitCode.usage;
    }
    const fixOnly = (['dryRun', 'rebuildVenvs', 'installDeps', 'build'] as const).filter((k) => opts[k]);
    if (fixOnly.length > 0 && !opts.fix) {
      const flag = fixOnly[0]!.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
      throw new UsageError(`--${flag} works with --fix (mcp-doctor --fix --${flag})`);
    }
    if (opts.quiet && opts.verbose) throw new UsageError('--quiet and --verbose ask for opposite things; choose one');
    let timeoutMs: number | undefined;
    if (opts.timeout !== undefined) {
      const parsed = parseTimeout(opts.timeout);
      if (parsed === null) throw new UsageError(`--timeout ${opts.timeout}: expected seconds (30), or a number with s or ms (4s, 500ms)`);
      timeoutMs = parsed;
    }
    const run: RunOptions = {
      paths,
      all: opts.all,
      ignore: ci.ignore,
      knownVariables: ci.knownVariables,
      select: { plugins: opts.plugin, servers: opts.server },
      version,
      // Author mode reads a tree that may be someone's pull request: its commands run only when asked (--probe).
      probe: opts.probe ?? paths.length === 0,
      timeoutMs,
      discover: opts.discover,
      onTempDir: removeOnInterrupt,
    };
    const color = wantsColor(colorMode(opts.color), process.env, process.stdout.isTTY === true);
    const demoNote =
      prepared.demo && format === 'text' ? '\n(This was the built-in demo: a sample home with healthy and broken plugins. Run mcp-doctor without --demo to check yours.)\n' : '';
    // The live view, on a terminal, when the output is not asked for in a format, a file or as annotations.
    const live = ci.stdout === null && ci.files.length === 0 && !ci.annotations && !opts.fix && wantsInteractive(opts, process, process.env);
    if (live) {
      const actions = createServerActions(ctx, run, fixActions(ctx, run, {}));
      const { code } = await diagnoseInteractively(ctx, run, { version, color, actions, failOn: ci.failOn });
      await write(demoNote);
      return code;
    }
    // Output goes to a file or a pipe, or waits for the end: say on the terminal how far the run is.
    const progress = process.stderr.isTTY ? startProgress(process.stderr, { probe: !!run.probe }) : undefined;
    let done;
    try {
      done = await runDoctor(ctx, { ...run, onEvent: progress?.onEvent });
    } finally {
      progress?.stop();
    }
    let report = done.report;
    if (opts.fix) {
      // In GitHub Actions the fix's text, written as it happens, is plain log too: server output in it is no command.
      const guard = ci.annotations && format === 'text' ? plainLogMarkers() : null;
      if (guard) await write(guard.open);
      const fixed = await fixAfterDiagnosis({ ctx, run: done, runOptions: run, opts, format, color: format === 'text' && color, demo: prepared.demo });
      if (guard) await write(guard.close);
      if ('exitCode' in fixed) return fixed.exitCode;
      report = fixed.report;
    }
    const renderOptions = { color: format === 'text' && color, homedir: ctx.homedir, baseDir: ci.baseDir, failOn: ci.failOn, sarifAutomation: ci.sarifAutomation, quiet: opts.quiet, verbose: opts.verbose };
    for (const file of ci.files) await writeFileAtomic(file.path, renderers[file.format](report, { ...renderOptions, color: false }));
    // With --fix, the text (diagnosis, plan, outcomes) was written as it happened; the annotations follow it.
    if (opts.fix && format === 'text') {
      if (ci.annotations) await write(renderers.github(report, renderOptions));
    } else {
      const shown = renderers[format](report, renderOptions);
      await write(ci.annotations ? asPlainLog(shown) + renderers.github(report, renderOptions) : shown);
    }
    await write(demoNote);
    return exitCodeFor(report, ci.failOn);
  } finally {
    await prepared.cleanup();
  }
}
