/**
 * Turns a fixture folder into a real home on disk: copies it to a temp dir (links kept verbatim), fills
 * the absolute paths registries need ({{ROOT}} in .json files), and performs what git cannot hold
 * (`setup.json`: venvs made with `python3 -m venv`, symlinks, modes). Used by `--demo` and by the tests.
 */
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { runTracked } from '../core/util/tracked-run.js';

/** A setup command (`python3 -m venv`), tracked like a server so an interrupted `--demo` kills it first. */
async function run(command: string, args: string[]): Promise<void> {
  const r = await runTracked(command, args, { timeoutMs: 120_000 });
  if (r.spawnError) throw Object.assign(r.spawnError, { path: r.spawnError.path ?? command });
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.signal ?? (r.timedOut ? 'timed out' : `exit code ${r.code}`)})`);
}

export interface FixtureSetup {
  /** Paths (relative to the fixture root) where a venv is created with `python3 -m venv --without-pip`. */
  venvs?: string[];
  /** link path → target; {{ROOT}} is the materialized folder, {{FIXTURES}} the repository's fixtures/ folder. */
  symlinks?: Record<string, string>;
  /** path → octal mode string, e.g. "644". */
  modes?: Record<string, string>;
  /** Paths deleted after the venvs are made and before links are placed (to swap a venv's python link, say). */
  remove?: string[];
}

/**
 * Fills {{ROOT}} in .json files, and gives back the `.gitignore` files the package had to ship as
 * `_gitignore` (npm leaves `.gitignore` files out of a package, and the demo's unbuilt plugin needs its own).
 */
async function fillRoot(dir: string, root: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await fillRoot(path, root);
    else if (entry.isFile() && entry.name === '_gitignore') await rename(path, join(dir, '.gitignore'));
    else if (entry.isFile() && entry.name.endsWith('.json')) {
      const text = await readFile(path, 'utf8');
      if (text.includes('{{ROOT}}')) await writeFile(path, text.replaceAll('{{ROOT}}', root));
    }
  }
}

/** The `fixtures/` folder a fixture lives in (fixtures/demo, fixtures/cases/<name>). */
function fixturesDirOf(source: string): string {
  let dir = resolve(source);
  while (basename(dir) !== 'fixtures' && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export async function materializeFixture(
  source: string,
  prefix = 'mcp-doctor-fixture-',
  /** Called with the new folder before anything is written into it (the CLI registers its removal on interrupt). */
  onRoot?: (root: string) => void,
): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  onRoot?.(root);
  await cp(source, root, { recursive: true, verbatimSymlinks: true });
  await fillRoot(root, root);
  let setup: FixtureSetup = {};
  try {
    setup = JSON.parse(await readFile(join(root, 'setup.json'), 'utf8')) as FixtureSetup;
  } catch {
    /* no setup needed */
  }
  for (const venv of setup.venvs ?? []) {
    const path = join(root, venv);
    await mkdir(dirname(path), { recursive: true });
    await run('python3', ['-m', 'venv', '--without-pip', path]);
  }
  for (const gone of setup.remove ?? []) await rm(join(root, gone), { recursive: true, force: true });
  for (const [link, target] of Object.entries(setup.symlinks ?? {})) {
    const path = join(root, link);
    await mkdir(dirname(path), { recursive: true });
    // {{FIXTURES}} is the repository's fixtures/ folder (shared fixture servers live there).
    await symlink(target.replaceAll('{{ROOT}}', root).replaceAll('{{FIXTURES}}', fixturesDirOf(source)), path);
  }
  for (const [file, mode] of Object.entries(setup.modes ?? {})) await chmod(join(root, file), parseInt(mode, 8));
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
