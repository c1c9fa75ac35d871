/**
 * A short helper program the doctor runs itself (a venv's python asked to start, an interpreter asked its
 * version, the demo's `python3 -m venv`): in a process group of its own, tracked so an interrupt kills it,
 * killed whole (grandchildren too) at its timeout and when it ends, and awaited on its exit rather than on its
 * pipes, which a grandchild could hold open for ever.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { trackGroup, untrackGroup } from './live-processes.js';

export interface TrackedResult {
  /** Null when it was killed or could not start. */
  code: number | null;
  signal: string | null;
  /** What it printed on stdout and stderr together (the first 16 KB), when `capture` was asked. */
  output: string;
  timedOut: boolean;
  /** Why it could not start (ENOENT: not on PATH). */
  spawnError: NodeJS.ErrnoException | null;
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** How long output still in the pipes is read after the program exits. */
const PIPE_GRACE_MS = 300;

export function runTracked(
  file: string,
  args: string[],
  opts: { timeoutMs: number; env?: Record<string, string | undefined>; cwd?: string; capture?: boolean },
): Promise<TrackedResult> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(file, args, {
        cwd: opts.cwd,
        env: opts.env as NodeJS.ProcessEnv | undefined,
        stdio: ['ignore', opts.capture ? 'pipe' : 'ignore', opts.capture ? 'pipe' : 'ignore'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } catch (error) {
      resolve({ code: null, signal: null, output: '', timedOut: false, spawnError: error as NodeJS.ErrnoException });
      return;
    }
    trackGroup(child.pid);
    let output = '';
    let timedOut = false;
    const collect = (c: Buffer) => {
      if (output.length < 16 * 1024) output += c.toString('utf8');
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, opts.timeoutMs);
    let finished = false;
    const finish = (result: Omit<TrackedResult, 'output' | 'timedOut'>) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      killGroup(child);
      child.stdout?.destroy();
      child.stderr?.destroy();
      untrackGroup(child.pid);
      resolve({ ...result, output, timedOut });
    };
    child.once('error', (error) => finish({ code: null, signal: null, spawnError: error }));
    // Read what the program wrote before it exited: under load its last output can still be in the pipe when
    // the exit is seen. Wait for the pipes to end, but not for long: a background grandchild may hold them open.
    const ended = (stream: NodeJS.ReadableStream | null | undefined) =>
      stream ? new Promise<void>((r) => (stream.once('end', () => r()), stream.once('close', () => r()))) : Promise.resolve();
    const pipesEnded = Promise.all([ended(child.stdout), ended(child.stderr)]);
    child.once('exit', (code, signal) => {
      const settle = () => finish({ code, signal, spawnError: null });
      const grace = setTimeout(settle, PIPE_GRACE_MS);
      void pipesEnded.then(() => {
        clearTimeout(grace);
        setImmediate(settle);
      });
    });
  });
}
