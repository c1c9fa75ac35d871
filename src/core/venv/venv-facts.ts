/**
 * Python venv facts (how `python -m venv` lays a venv out; not a Claude Code fact): where a command's venv is,
 * whether it is a link and to where, whether its python still resolves (pyvenv.cfg `home`), and whether a healthy
 * venv exists that a lost link could point to again.
 */
import { cacheHome } from '../model/context.js';
import { runTracked } from '../util/tracked-run.js';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { exists, finalLinkTarget, isExecutableFile, pathFacts, readText, type PathFacts } from '../util/fs-facts.js';

const venvDirName = /^(\.?venv|\.?env|virtualenv|\.virtualenv)$/i;

/** The venv folder a path like `<venv>/bin/python` lives in, judged by layout (the venv may be gone). */
export async function venvRootOf(path: string): Promise<string | null> {
  const parts = path.split(sep);
  for (let i = parts.length - 2; i >= 1; i--) {
    if (parts[i] !== 'bin' && parts[i] !== 'Scripts') continue;
    const root = parts.slice(0, i).join(sep) || sep;
    if (venvDirName.test(basename(root)) || (await exists(join(root, 'pyvenv.cfg')))) return root;
  }
  return null;
}

export interface VenvHealth {
  facts: PathFacts;
  healthy: boolean;
  /** The python inside, and why it cannot run when it cannot. */
  python: string;
  problem: string | null;
  home: string | null;
}

export async function readPyvenvHome(venv: string): Promise<string | null> {
  const cfg = await readText(join(venv, 'pyvenv.cfg'), 64 * 1024);
  const m = cfg ? /^\s*home\s*=\s*(.+?)\s*$/m.exec(cfg) : null;
  return m?.[1] ?? null;
}

export async function venvHealth(venv: string): Promise<VenvHealth> {
  const facts = await pathFacts(venv);
  const python = join(venv, 'bin', 'python');
  if (facts.kind !== 'dir' && facts.kind !== 'symlink-ok') return { facts, healthy: false, python, problem: 'the venv folder is missing', home: null };
  const home = await readPyvenvHome(venv);
  const py = await pathFacts(python);
  const alt = py.kind === 'missing' ? await pathFacts(join(venv, 'bin', 'python3')) : py;
  const target = py.kind === 'missing' ? join(venv, 'bin', 'python3') : python;
  if (alt.kind === 'missing') return { facts, healthy: false, python, problem: 'bin/python is missing', home };
  if (alt.kind === 'symlink-dangling' || alt.kind === 'symlink-loop') {
    const homeGone = home !== null && !(await exists(home));
    const gone = alt.kind === 'symlink-loop' ? 'a symlink loop' : await finalLinkTarget(target);
    const problem = `${basename(target)} leads to ${gone}, which does not exist${homeGone ? ` (pyvenv.cfg home ${home} is gone)` : ''}`;
    return { facts, healthy: false, python: target, problem, home };
  }
  if (!(await isExecutableFile(target))) return { facts, healthy: false, python: target, problem: `${basename(target)} is not executable`, home };
  return { facts, healthy: true, python: target, problem: null, home };
}

/** Does the venv's python actually start? (`<venv>/bin/python -c 'import sys'`: links and exec bits can lie.) */
export async function pythonRuns(python: string): Promise<boolean> {
  const r = await runTracked(python, ['-c', 'import sys'], { timeoutMs: 10_000 });
  return r.code === 0;
}

/**
 * The same plugin's other installed versions, newest first: after an update the previous version's folder
 * often survives in the cache, with the venv the update dropped.
 */
async function otherVersions(installPath: string): Promise<string[]> {
  const parent = dirname(installPath);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return [];
  }
  const dirs = await Promise.all(
    names
      .map((n) => join(parent, n))
      .filter((d) => d !== installPath)
      .map(async (d) => ({ d, st: await stat(d).catch(() => null) })),
  );
  return dirs
    .filter((x) => x.st?.isDirectory())
    .sort((a, b) => (b.st?.mtimeMs ?? 0) - (a.st?.mtimeMs ?? 0))
    .map((x) => x.d);
}

export interface HealthyCandidate {
  /** Real (link-free) path of a healthy venv. */
  target: string;
  via: string;
}

/**
 * A healthy venv the missing `venv` could point to, in this order: the marketplace clone's venv at the same
 * relative place (installs drop links the clone still has), the conventional
 * `${XDG_CACHE_HOME:-~/.cache}/claude-mcp-venvs/<marketplace>/<server>/.venv`, and the venv of the same
 * plugin's previous version still in the cache. A candidate counts only if its python really runs.
 */
export async function findHealthyVenv(opts: {
  venv: string;
  pluginRoot: string | null;
  cloneRoot: string | null;
  marketplace: string | null;
  serverNames: string[];
  env: Record<string, string | undefined>;
  homedir: string;
  exclude?: string | null;
  /** The cache folder of the installed version, whose siblings are older versions. */
  installPath?: string | null;
}): Promise<HealthyCandidate | null> {
  const tryOne = async (path: string, via: string): Promise<HealthyCandidate | null> => {
    const h = await venvHealth(path);
    if (!h.healthy || !(await pythonRuns(h.python))) return null;
    let target = path;
    try {
      target = await realpath(path);
    } catch {
      return null;
    }
    if (opts.exclude && target === opts.exclude) return null;
    return { target, via };
  };
  if (opts.pluginRoot && opts.cloneRoot) {
    const rel = relative(opts.pluginRoot, opts.venv);
    if (!rel.startsWith('..')) {
      const found = await tryOne(join(opts.cloneRoot, rel), "the marketplace clone's venv link");
      if (found) return found;
    }
  }
  if (opts.marketplace) {
    const cache = cacheHome(opts);
    const names = [...new Set([...opts.serverNames, basename(dirname(opts.venv))])];
    const candidates = new Set(names.flatMap((name) => [basename(opts.venv), '.venv'].map((leaf) => join(cache, 'claude-mcp-venvs', opts.marketplace ?? '', name, leaf))));
    for (const path of candidates) {
      const found = await tryOne(path, 'the conventional venv cache');
      if (found) return found;
    }
  }
  if (opts.installPath && opts.pluginRoot === opts.installPath) {
    const rel = relative(opts.installPath, opts.venv);
    if (!rel.startsWith('..')) {
      for (const older of await otherVersions(opts.installPath)) {
        const found = await tryOne(join(older, rel), `the venv of version ${basename(older)} still in the plugin cache`);
        if (found) return found;
      }
    }
  }
  return null;
}

/** What a venv's project installs from: requirements.txt first, else pyproject.toml; null when neither exists. */
export async function venvRequirements(venv: string): Promise<{ kind: 'requirements' | 'pyproject'; file: string } | null> {
  const project = dirname(venv);
  if (await exists(join(project, 'requirements.txt'))) return { kind: 'requirements', file: join(project, 'requirements.txt') };
  if (await exists(join(project, 'pyproject.toml'))) return { kind: 'pyproject', file: join(project, 'pyproject.toml') };
  return null;
}

/** How to create a venv for a project folder, from what the folder holds. */
export async function venvCreateCommand(venv: string): Promise<string> {
  const project = dirname(venv);
  if ((await exists(join(project, 'uv.lock'))) || (await exists(join(project, 'pyproject.toml')))) {
    if (await exists(join(project, 'uv.lock'))) return `cd ${project} && uv sync`;
    return `python3 -m venv ${venv} && ${venv}/bin/pip install ${project}`;
  }
  if (await exists(join(project, 'requirements.txt'))) return `python3 -m venv ${venv} && ${venv}/bin/pip install -r ${join(project, 'requirements.txt')}`;
  return `python3 -m venv ${venv} && ${venv}/bin/pip install <the server's dependencies>`;
}
