/** The #! line of a script: which interpreter the kernel will look for, and whether it ends in a CR. */
import { basename } from 'node:path';
import { readHead } from '../util/fs-facts.js';

export interface Shebang {
  raw: string;
  /** The interpreter path as written (e.g. /usr/bin/env or /bin/bash), without a trailing CR. */
  interpreter: string;
  /** For `#!/usr/bin/env [-S] prog`: the program env will look up on PATH. */
  envProgram: string | null;
  crlf: boolean;
  /** Longer than the kernel accepts (the script then runs under /bin/sh). */
  tooLong: boolean;
}

export async function readShebang(path: string): Promise<Shebang | null> {
  const head = await readHead(path, 512);
  if (!head || head.length < 2 || head[0] !== 0x23 || head[1] !== 0x21) return null;
  const text = head.toString('latin1');
  const end = text.indexOf('\n');
  const line = end === -1 ? text : text.slice(0, end);
  const crlf = line.endsWith('\r');
  const body = line.slice(2).replace(/\r$/, '').trim();
  const parts = body.split(/[ \t]+/).filter(Boolean);
  const interpreter = parts[0] ?? '';
  let envProgram: string | null = null;
  if (interpreter.endsWith('/env')) {
    envProgram = parts.slice(1).find((p) => !p.startsWith('-') && !p.includes('=')) ?? null;
  }
  return { raw: line.replace(/\r$/, ''), interpreter, envProgram, crlf, tooLong: line.length > 255 };
}

const shells = /^(ba|z|da|k)?sh$/;

/** A script run by a POSIX shell: its #! names sh/bash/zsh/dash/ksh (directly or via env), or it has no #! and ends in .sh. */
export async function isShellScript(path: string): Promise<boolean> {
  const shebang = await readShebang(path);
  if (!shebang) return path.endsWith('.sh');
  return shells.test(basename(shebang.envProgram ?? shebang.interpreter));
}
