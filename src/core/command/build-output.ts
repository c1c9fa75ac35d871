/**
 * Is a missing file build output? It is when a .gitignore between it and the tree's top ignores it, or
 * when it sits under bin/ dist/ build/ target/ out/ next to a go.mod, Cargo.toml, package.json, Makefile
 * or CMakeLists.txt. Then `claude plugin install` (a plain copy) can never have produced it.
 */
import { shellLine } from '../model/shell-quote.js';
import { basename, dirname, join, relative, sep } from 'node:path';
import { exists, readText } from '../util/fs-facts.js';
import type { FixPlan } from '../model/types.js';

const buildDirs = new Set(['bin', 'dist', 'build', 'target', 'out', 'release', 'lib']);
const markers = ['go.mod', 'Cargo.toml', 'package.json', 'Makefile', 'makefile', 'CMakeLists.txt'] as const;

export interface BuildOutput {
  reason: string;
  buildDir: string;
  marker: string | null;
  buildCommand: string;
  /** The toolchain the build command needs (go, cargo, npm, make, cmake). */
  toolchain: string | null;
  /** The folder holding the build marker, where the steps run. */
  projectDir: string | null;
  steps: string[][];
}

function within(top: string, path: string): boolean {
  const rel = relative(top, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}

async function gitignored(file: string, top: string): Promise<string | null> {
  const { default: ignore } = await import('ignore');
  let dir = dirname(file);
  for (;;) {
    const rules = await readText(join(dir, '.gitignore'), 256 * 1024);
    if (rules !== null) {
      const rel = relative(dir, file).split(sep).join('/');
      if (rel && !rel.startsWith('..') && ignore().add(rules).ignores(rel)) return join(dir, '.gitignore');
    }
    if (dir === top || !within(top, dir)) return null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** A build as steps without a shell, and the toolchain it needs. */
interface Build {
  steps: string[][];
  toolchain: string;
}

/** The Makefile target that produces `file`, when the Makefile names it (`bin/server: …`). */
async function makeTarget(dir: string, file: string): Promise<string | null> {
  const rel = relative(dir, file).split(sep).join('/');
  for (const name of ['Makefile', 'makefile']) {
    const text = await readText(join(dir, name), 256 * 1024);
    if (text && new RegExp(`^${rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'm').test(text)) return rel;
  }
  return null;
}

async function buildFor(marker: string, dir: string, file: string): Promise<Build> {
  switch (marker) {
    case 'go.mod': {
      const name = basename(file);
      const pkg = (await exists(join(dir, 'cmd', name))) ? `./cmd/${name}` : '.';
      return { steps: [['go', 'build', '-o', file, pkg]], toolchain: 'go' };
    }
    case 'Cargo.toml':
      return { steps: [['cargo', 'build', '--release']], toolchain: 'cargo' };
    case 'package.json': {
      const pkg = await readText(join(dir, 'package.json'));
      let hasBuild = false;
      try {
        hasBuild = !!(JSON.parse(pkg ?? '{}') as { scripts?: Record<string, unknown> }).scripts?.build;
      } catch {
        /* an unreadable package.json still says "node project" */
      }
      return { steps: [['npm', 'install'], hasBuild ? ['npm', 'run', 'build'] : ['npx', 'tsc']], toolchain: 'npm' };
    }
    case 'CMakeLists.txt':
      return { steps: [['cmake', '-S', dir, '-B', join(dir, 'build')], ['cmake', '--build', join(dir, 'build')]], toolchain: 'cmake' };
    default: {
      const target = await makeTarget(dir, file);
      return { steps: [['make', '-C', dir, ...(target ? [target] : [])]], toolchain: 'make' };
    }
  }
}

/** How the build reads when a user types it: `cd dir && step && step`. */
function commandLine(dir: string, steps: string[][]): string {
  const show = (argv: string[]) => shellLine(argv);
  const first = steps[0]?.[0];
  return first === 'make' || first === 'cmake' ? steps.map(show).join(' && ') : `cd ${show([dir])} && ${steps.map(show).join(' && ')}`;
}

/** `top` bounds the search: the plugin root, or the marketplace clone when the plugin is read in place. */
export async function detectBuildOutput(file: string, top: string): Promise<BuildOutput | null> {
  if (!within(top, file)) return null;
  let dir = dirname(file);
  let buildDir: string | null = null;
  let marker: { name: string; dir: string } | null = null;
  for (;;) {
    if (!buildDir && buildDirs.has(basename(dir))) buildDir = dir;
    if (!marker) {
      for (const m of markers) {
        if (await exists(join(dir, m))) {
          marker = { name: m, dir };
          break;
        }
      }
    }
    if (dir === top || marker) break;
    const parent = dirname(dir);
    if (parent === dir || !within(top, parent)) break;
    dir = parent;
  }
  const ignoredBy = await gitignored(file, top);
  if (!ignoredBy && !(buildDir && marker)) return null;
  const reason = ignoredBy
    ? `ignored by ${ignoredBy}`
    : `under ${relative(top, buildDir ?? dir) || '.'}/ next to ${marker?.name}`;
  const build = marker ? await buildFor(marker.name, marker.dir, file) : null;
  return {
    reason,
    buildDir: buildDir ?? dirname(file),
    marker: marker?.name ?? null,
    buildCommand: build && marker ? commandLine(marker.dir, build.steps) : `the project's build step (see its README)`,
    toolchain: build?.toolchain ?? null,
    projectDir: marker?.dir ?? null,
    steps: build?.steps ?? [],
  };
}

/** The build a `--build` run may execute: only when its toolchain is on PATH (else installing it is a manual step). */
export function buildFix(built: BuildOutput, output: string, toolchainMissing: string | null): FixPlan | undefined {
  if (toolchainMissing || !built.toolchain || !built.projectDir || built.steps.length === 0) return undefined;
  return { kind: 'build', dir: built.projectDir, steps: built.steps, toolchain: built.toolchain, output };
}
