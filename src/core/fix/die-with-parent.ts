/**
 * The programs `--fix` runs (python -m venv, pip, npm, a build) must not outlive the doctor: a SIGKILL of the
 * doctor cannot run its cleanup, and their own process group would keep writing a venv while `undo` takes
 * it apart. So each runs under a tiny python3 wrapper, the leader of the group, that kills the whole group
 * when the doctor goes: it watches a pipe (fd 3) whose other end only the doctor holds (EOF = the doctor is
 * gone, on every POSIX system) and, on Linux, also asks the kernel for SIGTERM on its parent's death
 * (prctl PR_SET_PDEATHSIG). Without python3, `setpriv --pdeathsig KILL` (util-linux) covers the direct
 * child only; without either, the program runs as before (killed by the doctor's own handlers, not by a
 * SIGKILL of the doctor). Measured in test/fix-faults.test.ts.
 */
import { findOnPath } from '../command/resolve-command.js';

const wrapper = `
import os, sys, signal, threading
pid = os.fork()
if pid == 0:
    os.close(3)
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    except OSError as e:
        sys.stderr.write("%s: %s\\n" % (sys.argv[1], e.strerror))
        os._exit(127)
def end(*_):
    try:
        os.killpg(0, signal.SIGKILL)
    finally:
        os._exit(137)
signal.signal(signal.SIGTERM, end)
try:
    import ctypes
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)
except Exception:
    pass
if os.getppid() == 1:
    end()
def wait():
    _, status = os.waitpid(pid, 0)
    os._exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)
threading.Thread(target=wait, daemon=True).start()
while True:
    try:
        if not os.read(3, 1):
            end()
    except InterruptedError:
        continue
    except OSError:
        end()
`;

export type Guard = 'pipe+pdeathsig' | 'pdeathsig-child-only' | 'none';

/** How argv is started so that it dies with the doctor; `watchFd` says fd 3 must be a pipe the doctor keeps. */
export async function dieWithParent(argv: string[], env: Record<string, string | undefined>): Promise<{ argv: string[]; watchFd: boolean; guard: Guard }> {
  if (process.platform === 'win32') return { argv, watchFd: false, guard: 'none' };
  // The wrapper runs here, on this system: its platform, not a modelled one.
  const python = (await findOnPath('python3', env, process.platform)) ?? (await findOnPath('python3', process.env, process.platform));
  if (python) return { argv: [python, '-c', wrapper, ...argv], watchFd: true, guard: 'pipe+pdeathsig' };
  const setpriv = process.platform === 'linux' ? await findOnPath('setpriv', { PATH: '/usr/bin:/bin:/usr/sbin:/sbin' }, process.platform) : null;
  if (setpriv) return { argv: [setpriv, '--pdeathsig', 'KILL', '--', ...argv], watchFd: false, guard: 'pdeathsig-child-only' };
  return { argv, watchFd: false, guard: 'none' };
}
