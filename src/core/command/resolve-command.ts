/**
 * Resolves a server command as spawn (no shell) does: a name with a slash is a path against the cwd
 * (Claude Code's cwd is the project folder); a bare name is searched on PATH (libc default when unset).
 */
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { isExecutableFile, pathFacts } from '../fs-facts.js';

export interface Resolution {
  /** Absolute path of the program, or null when a bare name is on no PATH folder. */
  path: string | null;
  bare: boolean;
  searched: string[];
  /** A bare name found on PATH but without an execute bit (spawn then fails with EACCES). */
  nonExecutable: string | null;
}

export function pathDirs(env: Record<string, string | undefined>): string[] {
  const raw = env.PATH ?? '/usr/bin:/bin';
  return raw.split(delimiter).filter((d) => d.length > 0);
}

export async function findOnPath(name: string, env: Record<string, string | undefined>): Promise<string | null> {
  for (const dir of pathDirs(env)) {
    const candidate = join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

export async function resolveCommand(command: string, cwd: string, env: Record<string, string | undefined>): Promise<Resolution> {
  if (command.includes('/')) {
    return { path: isAbsolute(command) ? command : resolve(cwd, command), bare: false, searched: [], nonExecutable: null };
  }
  const searched = pathDirs(env);
  let nonExecutable: string | null = null;
  for (const dir of searched) {
    const candidate = join(dir, command);
    if (await isExecutableFile(candidate)) return { path: candidate, bare: true, searched, nonExecutable: null };
    if (!nonExecutable) {
      const f = await pathFacts(candidate);
      if (f.isFile) nonExecutable = candidate;
    }
  }
  return { path: null, bare: true, searched, nonExecutable };
}
