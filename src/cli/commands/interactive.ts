/**
 * The live view's side of `mcp-doctor`: when it opens, and how it runs. Ink and React are imported here
 * only when the view opens (`--version`, `--json` and plain text never pay for them). The run starts at
 * once, while Ink loads; the view opens on the first event, so a usage error (an unknown --server) is
 * printed as usual and never flashes a screen. Ctrl-C, a signal, or `q` before the run ends stop every
 * server and exit 130; `q` afterwards exits with the plain run's code (1 when errors were found).
 */
import { writeSync } from 'node:fs';
import type { DoctorContext } from '../../core/model/context.js';
import { killAllGroups } from '../../core/util/live-processes.js';
import { runDoctor, type RunOptions } from '../../core/engine/run.js';
import type { Report } from '../../core/model/types.js';
import type { ServerActions } from '../actions.js';
import { createEventFeed } from '../event-feed.js';
import { exitCodeFor, type FailOn } from '../exit-code.js';
import type { DiagnoseOptions } from '../options.js';
import { write } from '../output.js';
import { onInterrupt, shutdownNow } from '../signals.js';
import { exitSummary } from '../tui/exit-summary.js';
import { firstFrame } from '../tui/first-frame.js';

interface Terminal {
  stdin: { isTTY?: boolean };
  stdout: { isTTY?: boolean };
}

/** CI runners set CI; Ink then draws only the last frame, so the live view would show nothing live. */
function inCi(env: Record<string, string | undefined>): boolean {
  const set = (key: string) => env[key] !== undefined && env[key] !== '0' && env[key] !== 'false';
  return set('CI') || set('CONTINUOUS_INTEGRATION');
}

/** The live view opens on a terminal (stdin and stdout), when no format was asked for. */
export function wantsInteractive(opts: Pick<DiagnoseOptions, 'json' | 'format'>, io: Terminal, env: Record<string, string | undefined>): boolean {
  if (opts.json || opts.format !== undefined) return false;
  if (io.stdout.isTTY !== true || io.stdin.isTTY !== true) return false;
  return env.TERM !== 'dumb' && !inCi(env);
}

export interface InteractiveOptions {
  version: string;
  color: boolean;
  actions: ServerActions;
  /** `--fail-on`: the exit code is the plain run's. */
  failOn?: FailOn;
}

export async function diagnoseInteractively(ctx: DoctorContext, run: RunOptions, o: InteractiveOptions): Promise<{ code: number; report: Report }> {
  const startedAt = performance.now();
  const feed = createEventFeed();
  const running = runDoctor(ctx, { ...run, onEvent: (e) => feed.push(e) });
  // Discovery errors (a usage error) surface here, before any screen is drawn.
  const first = await Promise.race([feed.first(), running]);
  // The list is on screen at once, in plain text, while Ink loads (tui/first-frame.ts).
  if (first && 'type' in first && first.type === 'discovered' && process.stdout.isTTY) {
    writeSync(1, firstFrame(first.report, first.pending, { version: o.version, width: process.stdout.columns ?? 80, height: process.stdout.rows ?? 24, home: ctx.homedir }));
  }
  // Ink and React load only now: compiling them takes the main thread for ~0.5 s, and loaded alongside
  // discovery they would hold back the first frame by as much.
  const { startTui } = await import('../tui/start.js');
  const tui = startTui({ feed, startedAt, actions: o.actions, version: o.version, color: o.color, home: ctx.homedir, onInterrupt: () => shutdownNow('SIGINT') });
  const forget = onInterrupt(() => tui.close());
  // The terminal went away (its window closed): reading it fails or ends before any SIGHUP arrives, and
  // with nothing left to wait on the process would just end. Stop as on a hangup instead: servers
  // stopped, temporary folders removed.
  const hangup = () => shutdownNow('SIGHUP');
  process.stdin.on('error', hangup);
  process.stdin.on('end', hangup);
  process.stdout.on('error', hangup);
  try {
    // The user decides when it ends; a run that fails (an internal error) ends it too, and is rethrown.
    const outcome = await Promise.race([tui.quit, running.then(() => new Promise<never>(() => {}))]);
    const summary = { color: o.color, home: ctx.homedir, width: process.stdout.columns ?? 100, height: process.stdout.rows ?? 40, applied: outcome.applied, copied: outcome.copied };
    if (!outcome.finished || !outcome.report) {
      // Quit before every server answered: the run is abandoned, as with Ctrl-C, after saying what was
      // found so far (the servers that were done, and which were not).
      tui.close();
      writeSync(2, outcome.report ? exitSummary(outcome.report, { ...summary, stopped: outcome.progress }) : 'mcp-doctor: stopped before every server was checked\n');
      shutdownNow('SIGINT');
    }
    // A re-probe may still be running: its servers go now, and nothing may keep the doctor alive for long.
    killAllGroups('SIGKILL');
    setTimeout(() => process.exit(), 2000).unref();
    await write(exitSummary(outcome.report, summary));
    return { code: exitCodeFor(outcome.report, o.failOn), report: outcome.report };
  } finally {
    forget();
    tui.close();
    process.stdin.off('error', hangup);
    process.stdin.off('end', hangup);
    process.stdout.off('error', hangup);
  }
}
