/**
 * "Runtime too old", read from a crash: a Node server that imports a built-in this Node lacks
 * (ERR_UNKNOWN_BUILTIN_MODULE) or whose package.json `engines.node` excludes the Node that ran it, and a
 * Python server that fails with a SyntaxError that its `requires-python` (or the syntax itself) says needs
 * a newer Python. Both versions are named: the one that ran, and the one needed.
 */
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { runTracked } from '../util/tracked-run.js';
import type { DoctorContext } from '../model/context.js';
import { readText } from '../util/fs-facts.js';
import type { ServerEntry } from '../model/types.js';
import { compareVersions, minimumOf, satisfies } from './version-range.js';

export interface RuntimeTooOld {
  runtime: 'node' | 'python';
  interpreter: string;
  have: string;
  need: string;
  because: string;
  line?: string;
}

/** The first release of Node.js that has each built-in module a server may import. */
const builtinSince: Record<string, string> = {
  'node:sqlite': '22.5.0',
  'node:sea': '20.12.0',
  'node:test': '18.0.0',
  'node:readline/promises': '17.0.0',
  'node:stream/web': '16.5.0',
};

/** Syntax that a SyntaxError's source line may show, and the Python that first accepts it. */
const pythonSyntax: [RegExp, string, string][] = [
  [/^\s*except\s+[\w.]+\s*,\s*[\w.]+.*:\s*$/, '3.14', 'except A, B: without parentheses'],
  [/(?:^|[\s(=,])t(?:"|')/, '3.14', 'a t-string'],
  [/^\s*type\s+\w+(?:\[[^\]]*\])?\s*=/, '3.12', 'a type statement'],
  [/^\s*(?:async\s+)?(?:def|class)\s+\w+\[/, '3.12', 'type parameters'],
  [/^\s*except\s*\*/, '3.11', 'except*'],
  [/^\s*match\s+.+:\s*$/, '3.10', 'a match statement'],
  [/^\s*case\s+.+:\s*$/, '3.10', 'a match statement'],
  [/:=/, '3.8', 'an assignment expression (:=)'],
];

/** Asks an interpreter its version (a tracked process group: killed with the others on Ctrl-C). */
async function versionOf(interpreter: string, args: string[], env: Record<string, string | undefined>): Promise<string | null> {
  const r = await runTracked(interpreter, args, { timeoutMs: 5_000, env, capture: true });
  return r.spawnError ? null : (/(\d+\.\d+(?:\.\d+)?)/.exec(r.output)?.[1] ?? null);
}

/** The script the interpreter runs: the first argument that looks like a file. */
function scriptOf(server: ServerEntry, ctx: DoctorContext, pattern: RegExp): string | null {
  const arg = server.expanded.args.find((a) => !a.startsWith('-') && pattern.test(a));
  if (!arg) return null;
  return isAbsolute(arg) ? arg : resolve(ctx.cwd, arg);
}

/** The nearest file named `name` from `dir` upwards, at most `levels` folders. */
async function nearest(dir: string, name: string, levels = 6): Promise<{ file: string; text: string } | null> {
  let current = dir;
  for (let i = 0; i < levels; i++) {
    const file = join(current, name);
    const text = await readText(file);
    if (text !== null) return { file, text };
    const up = dirname(current);
    if (up === current) break;
    current = up;
  }
  return null;
}

async function nodeTooOld(server: ServerEntry, ctx: DoctorContext, stderr: string, interpreter: string): Promise<RuntimeTooOld | null> {
  const have = /^Node\.js v(\d+\.\d+\.\d+)\s*$/m.exec(stderr)?.[1] ?? (await versionOf(interpreter, ['--version'], ctx.env));
  if (!have) return null;
  const builtin = /No such built-in module: (node:[\w/]+)/.exec(stderr)?.[1];
  const since = builtin ? builtinSince[builtin] : undefined;
  if (builtin && since && compareVersions(have, since) < 0) {
    return { runtime: 'node', interpreter, have, need: since, because: `it imports ${builtin}` };
  }
  const script = scriptOf(server, ctx, /\.(?:m?js|cjs|ts)$/) ?? (server.root ? join(server.root, 'package.json') : null);
  const pkg = script ? await nearest(dirname(script), 'package.json') : null;
  if (!pkg) return builtin ? { runtime: 'node', interpreter, have, need: 'a newer release', because: `it imports ${builtin}` } : null;
  let range: unknown;
  try {
    range = (JSON.parse(pkg.text) as { engines?: { node?: unknown } }).engines?.node;
  } catch {
    return null;
  }
  if (typeof range !== 'string' || satisfies(have, range) !== false) return null;
  return { runtime: 'node', interpreter, have, need: minimumOf(range) ?? range, because: `package.json engines.node is "${range}"${builtin ? `; it imports ${builtin}` : ''}` };
}

async function pythonTooOld(server: ServerEntry, ctx: DoctorContext, stderr: string, interpreter: string): Promise<RuntimeTooOld | null> {
  const error = /^\s*SyntaxError: .*$/m.exec(stderr)?.[0]?.trim();
  if (!error) return null;
  const have = await versionOf(interpreter, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], ctx.env);
  if (!have) return null;
  // Python prints: File "<path>", line N / the source line / carets / SyntaxError: …
  const frame = /File "([^"]+)", line \d+\n(.*)\n/.exec(stderr);
  const file = frame?.[1] ?? scriptOf(server, ctx, /\.py$/);
  const source = frame?.[2] ?? '';
  const project = file ? await nearest(dirname(file), 'pyproject.toml') : null;
  const requires = project ? /^\s*requires-python\s*=\s*["']([^"']+)["']/m.exec(project.text)?.[1] : undefined;
  if (requires && satisfies(have, requires) === false) {
    return { runtime: 'python', interpreter, have, need: minimumOf(requires) ?? requires, because: `pyproject.toml requires-python is "${requires}"`, line: error };
  }
  for (const [pattern, need, what] of pythonSyntax) {
    if (pattern.test(source) && compareVersions(have, need) < 0) return { runtime: 'python', interpreter, have, need, because: `the code uses ${what}`, line: error };
  }
  return null;
}

/** Looks for a runtime that is too old behind a crash; null when the crash says nothing of the kind. */
export async function runtimeTooOld(server: ServerEntry, ctx: DoctorContext, stderr: string, interpreter: string): Promise<RuntimeTooOld | null> {
  const name = basename(interpreter);
  if (/^node(?:\.exe)?$/.test(name) || /ERR_UNKNOWN_BUILTIN_MODULE|^Node\.js v\d/m.test(stderr)) {
    return nodeTooOld(server, ctx, stderr, /^node(?:\.exe)?$/.test(name) ? interpreter : 'node');
  }
  if (/^python[\d.]*(?:\.exe)?$/.test(name) && /SyntaxError/.test(stderr)) return pythonTooOld(server, ctx, stderr, interpreter);
  return null;
}
