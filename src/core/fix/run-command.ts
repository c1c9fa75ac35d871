/**
 * The programs `--fix` runs (python -m venv, pip, npm, go build, make) go through execa: no shell, a
 * timeout, the output kept for the report, and a process group of their own that an interrupt can kill.
 */
import { execa } from 'execa';
import { errorLine } from '../model/error-line.js';
import { trackGroup, untrackGroup } from '../util/live-processes.js';
import { stripEscapes } from '../util/safe-text.js';

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

export async function runCommand(
  argv: string[],
  opts: { cwd: string; env: Record<string, string | undefined>; timeoutMs: number },
): Promise<CommandResult> {
  const [file = '', ...args] = argv;
  const started = performance.now();
  const child = execa(file, args, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    stdin: 'ignore',
    all: true,
    reject: false,
    timeout: opts.timeoutMs,
    killSignal: 'SIGKILL',
    detached: process.platform !== 'win32',
    maxBuffer: 16 * 1024 * 1024,
    windowsHide: true,
  });
  trackGroup(child.pid);
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
  }
}

/** Runs steps in order; the first that fails stops the rest and becomes the failure. */
export async function runSteps(steps: string[][], opts: { cwd: string; env: Record<string, string | undefined>; timeoutMs: number }): Promise<string[]> {
  const output: string[] = [];
  for (const argv of steps) {
    const r = await runCommand(argv, opts);
    output.push(`$ ${argv.join(' ')}`, ...r.output);
    if (!r.ok) throw new FixFailure(`${argv.join(' ')}: ${r.errorLine}`, output.slice(-40));
  }
  return output.slice(-40);
}
