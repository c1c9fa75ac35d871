/**
 * Interpreters whose first operand is a script file: `python3 server.py`, `node dist/index.js`,
 * `bash run.sh`. Knowing the script lets the checks look at the file that really has to exist.
 */
import { basename } from 'node:path';

export type InterpreterFamily = 'python' | 'node' | 'shell' | 'other';

export function interpreterFamily(program: string): InterpreterFamily | null {
  const name = basename(program);
  if (/^python(\d+(\.\d+)?)?w?$/.test(name) || name === 'pypy3') return 'python';
  if (['node', 'nodejs', 'bun', 'tsx', 'ts-node', 'deno'].includes(name)) return 'node';
  if (['bash', 'sh', 'zsh', 'dash', 'ksh'].includes(name)) return 'shell';
  if (['ruby', 'perl', 'php'].includes(name)) return 'other';
  return null;
}

/** Options that take the next argument as their value, per family. */
const takesValue: Record<InterpreterFamily, string[]> = {
  python: ['-W', '-X', '--check-hash-based-pycs'],
  node: ['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--env-file', '--cwd', '--config'],
  shell: ['-o', '-O', '--rcfile', '--init-file'],
  other: ['-I', '-r', '-d', '-c'],
};
/** Options after which there is no script file (inline code, a module, stdin). */
const noScript = ['-c', '-m', '-e', '--eval', '-p', '--print', '-', '-s', '--version', '-v', '-V', '--help', '-h'];

/** `jsr:@std/x`, `npm:pkg@1`, `node:fs`: names a package a runtime fetches or has built in, not a path. */
export function isPackageSpecifier(arg: string): boolean {
  return /^(?:jsr|npm|node):[^/\\]/.test(arg);
}

/** Index in `args` of the script an interpreter will run, or -1. */
export function scriptArgIndex(program: string, args: string[]): number {
  const family = interpreterFamily(program);
  if (!family) return -1;
  const name = basename(program);
  let i = 0;
  if ((name === 'deno' || name === 'bun') && (args[0] === 'run' || args[0] === 'x')) {
    if (args[0] === 'x') return -1;
    i = 1;
  }
  for (; i < args.length; i++) {
    const a = args[i] ?? '';
    // `-c`, also in a cluster (`bash -lc '…'`, `sh -ec '…'`): the operand is a command string, not a script.
    if (family === 'shell' && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) return -1;
    if (family !== 'shell' && noScript.includes(a)) return -1;
    if (a === '--') return i + 1 < args.length ? i + 1 : -1;
    if (a.startsWith('-')) {
      if (!a.includes('=') && takesValue[family].includes(a)) i++;
      continue;
    }
    // A URL, an inline program or a package specifier (deno's jsr:/npm:, node: built-ins) is not a script file.
    return a.includes('://') || a.includes('\n') || isPackageSpecifier(a) ? -1 : i;
  }
  return -1;
}
