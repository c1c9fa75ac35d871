/**
 * The programs `--fix` runs (python -m venv, pip, npm, go build, make) go through execa: no shell, a
 * timeout, the output kept for the report, a process group of their own that an interrupt can kill, and a
 * wrapper that kills that group when the doctor itself is killed (die-with-parent.ts).
 */
import { execa } from 'execa';
import { errorLine } from '../model/error-line.js';
import { trackGroup, untrackGroup } from '../util/live-processes.js';
import { stripEscapes } from '../util/safe-text.js';
import { dieWithParent } from './die-with-parent.js';

export interface CommandResult {
  ok: boolean;
  argv: string[];
  /** The last lines of stdout and stderr, interleaved as printed. */
  output: string[];
  /** The line that names the error, when it failed. */
  errorLine: string | null;
  durationMs: number;
}

/** Why a fix step failed, in one line, with the output that shows it. */
export class FixFailure extends Error {
  constructor(
    message: string,
    readonly output: string[] = [],
  ) {
    super(message);
  }
}

export interface CommandOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  /** Told when the program's process group starts and ends (the fix lock records it for a later undo). */
  onGroup?: (pid: number | undefined, running: boolean) => Promise<void> | void;
}

export async function runCommand(argv: string[], opts: CommandOptions): Promise<CommandResult> {
  const [file = ''] = argv;
  const started = performance.now();
  const guarded = await dieWithParent(argv, opts.env);
  const [run = '', ...args] = guarded.argv;
  const child = execa(run, args, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    // fd 3: the pipe the wrapper watches; the doctor never writes it, its end closes when the doctor dies.
    stdio: guarded.watchFd ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
    all: true,
    reject: false,
    timeout: opts.timeoutMs,
    killSignal: 'SIGKILL',
    detached: process.platform !== 'win32',
    maxBuffer: 16 * 1024 * 1024,
    windowsHide: true,
  });
  trackGroup(child.pid);
  await opts.onGroup?.(child.pid, true);
  try {
    const result = await child;
    const output = stripEscapes(String(result.all ?? ''))
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter(Boolean)
      .slice(-40);
    const ok = !result.failed;
    const why = result.timedOut
      ? `${file} did not finish within ${Math.round(opts.timeoutMs / 1000)} s`
      : result.exitCode === undefined
        ? (result.shortMessage ?? `${file} could not be started`)
        : (errorLine(output) ?? `${file} exited with code ${result.exitCode}`);
    return { ok, argv, output, errorLine: ok ? null : why, durationMs: Math.round(performance.now() - started) };
  } finally {
    // Whatever it left behind in its group goes with it.
    if (child.pid !== undefined && process.platform !== 'win32') {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* the group is gone */
      }
    }
    untrackGroup(child.pid);
    await opts.onGroup?.(child.pid, false);
  }
}

/** Runs steps in order; the first that fails stops the rest and becomes the failure. */
export async function runSteps(steps: string[][], opts: CommandOptions): Promise<string[]> {
  const output: string[] = [];
  for (const argv of steps) {
    const r = await runCommand(argv, opts);
    output.push(`$ ${argv.join(' ')}`, ...r.output);
    if (!r.ok) throw new FixFailure(`${argv.join(' ')}: ${r.errorLine}`, output.slice(-40));
  }
  return output.slice(-40);
}
