/**
 * The default command: diagnose the installed setup (or the source trees given), then show the report
 * with the renderer asked for. On a terminal with no format asked for, the live TUI takes over.
 */
import { runDoctor, type RunOptions } from '../../core/run.js';
import { parseTimeout } from '../../core/probe/timeout.js';
import { hasAnyConfig, prepareContext } from '../doctor-context.js';
import { ExitCode, exitCodeFor } from '../exit-code.js';
import { UsageError, type DiagnoseOptions } from '../options.js';
import { say, write } from '../output.js';
import { renderers } from '../render/index.js';

export async function diagnose(paths: string[], opts: DiagnoseOptions, version: string): Promise<number> {
  const format = opts.json ? 'json' : (opts.format ?? 'text');
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
    let timeoutMs: number | undefined;
    if (opts.timeout !== undefined) {
      const parsed = parseTimeout(opts.timeout);
      if (parsed === null) throw new UsageError(`--timeout ${opts.timeout}: expected seconds (30), or a number with s or ms (4s, 500ms)`);
      timeoutMs = parsed;
    }
    const run: RunOptions = {
      paths,
      all: opts.all,
      ignore: opts.ignore,
      select: { plugins: opts.plugin, servers: opts.server },
      version,
      // Author mode reads a tree that may be someone's pull request: its commands run only when asked (--probe).
      probe: opts.probe ?? paths.length === 0,
      timeoutMs,
      discover: opts.discover,
    };
    const { report } = await runDoctor(ctx, run);
    const color = format === 'text' && opts.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR;
    await write(renderers[format](report, { color, homedir: ctx.homedir }));
    if (prepared.demo && format === 'text') {
      await write('\n(This was the built-in demo: a sample home with healthy and broken plugins. Run mcp-doctor without --demo to check yours.)\n');
    }
    return exitCodeFor(report);
  } finally {
    await prepared.cleanup();
  }
}
