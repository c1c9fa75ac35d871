/**
 * Resolves a server command as spawn (no shell) does: a name with a slash is a path against the cwd
 * (Claude Code's cwd is the project folder); a bare name is searched on PATH (libc default when unset).
 * On Windows (a context whose platform is win32) PATH is split on ';', a bare name is tried with each
 * PATHEXT extension (`npx` → `npx.cmd`), as cross-spawn does for Claude Code, and there is no execute bit.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { isExecutableFile, pathFacts } from '../util/fs-facts.js';

export interface Resolution {
  /** Absolute path of the program, or null when a bare name is on no PATH folder. */
  path: string | null;
  bare: boolean;
  searched: string[];
  /** A bare name found on PATH but without an execute bit (spawn then fails with EACCES). */
  nonExecutable: string | null;
}

type Env = Record<string, string | undefined>;

export function pathDirs(env: Env, platform: NodeJS.Platform): string[] {
  const raw = env.PATH ?? env.Path ?? (platform === 'win32' ? '' : '/usr/bin:/bin');
  return raw.split(platform === 'win32' ? ';' : ':').filter((d) => d.length > 0);
}

/** The names a bare command may have on disk: itself, and on Windows itself plus each PATHEXT extension. */
export function candidateNames(name: string, env: Env, platform: NodeJS.Platform): string[] {
  if (platform !== 'win32') return [name];
  const exts = (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean);
  const hasExt = exts.some((e) => name.toLowerCase().endsWith(e.toLowerCase()));
  return hasExt ? [name] : exts.flatMap((e) => [name + e.toLowerCase(), name + e.toUpperCase()]);
}

/** Windows runs any file whose extension PATHEXT names; elsewhere the execute bit decides. */
async function runnable(path: string, platform: NodeJS.Platform): Promise<boolean> {
  if (platform !== 'win32') return isExecutableFile(path);
  return (await pathFacts(path)).isFile === true;
}

export async function findOnPath(name: string, env: Env, platform: NodeJS.Platform): Promise<string | null> {
  for (const dir of pathDirs(env, platform)) {
    for (const candidate of candidateNames(name, env, platform)) {
      if (await runnable(join(dir, candidate), platform)) return join(dir, candidate);
    }
  }
  return null;
}

export async function resolveCommand(command: string, cwd: string, env: Env, platform: NodeJS.Platform): Promise<Resolution> {
  if (command.includes('/') || (platform === 'win32' && command.includes('\\'))) {
    return { path: isAbsolute(command) ? command : resolve(cwd, command), bare: false, searched: [], nonExecutable: null };
  }
  const searched = pathDirs(env, platform);
  let nonExecutable: string | null = null;
  for (const dir of searched) {
    for (const name of candidateNames(command, env, platform)) {
      const candidate = join(dir, name);
      if (await runnable(candidate, platform)) return { path: candidate, bare: true, searched, nonExecutable: null };
      if (!nonExecutable && platform !== 'win32') {
        const f = await pathFacts(candidate);
        if (f.isFile) nonExecutable = candidate;
      }
    }
  }
  return { path: null, bare: true, searched, nonExecutable };
}
