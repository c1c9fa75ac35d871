/**
 * For `python3 server.py`, `node dist/index.js`, `bash run.sh`: the script must exist (a missing dist/ is
 * usually unbuilt output), and a Node script that imports its package's dependencies needs node_modules,
 * which Claude Code installs only when the plugin ships an npm or bun lockfile.
 */
import { dirname, join, relative } from 'node:path';
import { commandTarget } from '../command/command-target.js';
import { buildFix, detectBuildOutput } from '../command/build-output.js';
import { findOnPath } from '../command/resolve-command.js';
import { exists, pathFacts, readText } from '../util/fs-facts.js';
import type { FindingInput, Location } from '../model/types.js';
import { at, defineCheck } from './define-check.js';

const lockfiles: [string, string, boolean][] = [
  ['package-lock.json', 'npm ci', true],
  ['npm-shrinkwrap.json', 'npm ci', true],
  ['bun.lock', 'bun install --frozen-lockfile', true],
  ['bun.lockb', 'bun install --frozen-lockfile', true],
  ['yarn.lock', 'yarn install --frozen-lockfile', false],
  ['pnpm-lock.yaml', 'pnpm install --frozen-lockfile', false],
];

/** Bare package names a script imports (`from "x"`, `require("@a/b/c")`, `import("x")`). */
export function importedPackages(text: string): Set<string> {
  const names = new Set<string>();
  const re = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"'./][^"']*)["']/g;
  for (const m of text.matchAll(re)) {
    const spec = m[1] ?? '';
    if (spec.startsWith('node:')) continue;
    const parts = spec.split('/');
    names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec));
  }
  return names;
}

/**
 * `pluginRoot` is set in author mode: Claude Code installs dependencies from the plugin root's lockfile only, so a
 * package.json deeper down (server/package.json) is never installed, whatever the author's working tree holds.
 */
async function nodeDependencies(script: string, top: string, mode: 'installed' | 'author', location: Location, pluginRoot: string | null): Promise<FindingInput[]> {
  let dir = dirname(script);
  for (;;) {
    const pkgFile = join(dir, 'package.json');
    const text = await readText(pkgFile, 1024 * 1024);
    if (text !== null) {
      let deps: string[] = [];
      try {
        const pkg = JSON.parse(text) as { dependencies?: Record<string, unknown> };
        deps = pkg.dependencies && typeof pkg.dependencies === 'object' ? Object.keys(pkg.dependencies) : [];
      } catch {
        return [];
      }
      if (deps.length === 0) return [];
      if (mode === 'author' && pluginRoot && dir !== pluginRoot && !relative(pluginRoot, dir).startsWith('..')) {
        const source = await readText(script, 4 * 1024 * 1024);
        const needed = source ? deps.filter((d) => importedPackages(source).has(d)) : [];
        if (needed.length === 0) return [];
        return [{ code: 'install.nested-package', location, args: { packageJson: pkgFile, rel: relative(pluginRoot, pkgFile), imports: needed.slice(0, 5).join(', '), dir } }];
      }
      for (let d = dir; ; d = dirname(d)) {
        if (await exists(join(d, 'node_modules'))) return [];
        if (d === top || dirname(d) === d) break;
      }
      // Only when the script itself imports a dependency: bundled servers list deps they do not load.
      const source = await readText(script, 4 * 1024 * 1024);
      const needed = source ? deps.filter((d) => importedPackages(source).has(d)) : [];
      if (needed.length === 0) return [];
      let lock: [string, string, boolean] | undefined;
      for (const l of lockfiles) if (await exists(join(dir, l[0]))) { lock = l; break; }
      // In a source tree, an npm/bun lockfile means Claude Code will install them; nothing to report.
      if (mode === 'author' && lock?.[2]) return [];
      return [
        {
          code: 'deps.not-installed',
          location,
          args: {
            packageJson: pkgFile,
            count: deps.length,
            nodeModules: join(dir, 'node_modules'),
            dir,
            imports: needed.slice(0, 5),
            hasLockfile: !!lock?.[2],
            lockfile: lock?.[0] ?? null,
            installCommand: lock?.[1] ?? 'npm install',
          },
          fix: { kind: 'npm-install', dir, lockfile: lock?.[2] ? lock[0] : null },
        },
      ];
    }
    if (dir === top || dirname(dir) === dir) return [];
    dir = dirname(dir);
  }
}

export default defineCheck({
  id: 'interpreter-script',
  subject: 'server',
  codes: ['command.script-missing', 'command.unbuilt', 'deps.not-installed', 'install.nested-package'],
  async run(server, c) {
    const t = await commandTarget(server, c);
    const doc = c.document(server.source.file);
    if (!t || !doc || !t.scriptPath) return [];
    const location = at(doc, [...(server.source.pointer ?? []), 'args', t.scriptIndex]);
    const facts = await pathFacts(t.scriptPath);
    if (facts.kind === 'missing' || facts.kind === 'symlink-dangling' || facts.kind === 'symlink-loop') {
      const built = await detectBuildOutput(t.scriptPath, t.top);
      if (built) {
        const toolchainMissing = built.toolchain && !(await findOnPath(built.toolchain, c.ctx.env, c.ctx.platform)) ? built.toolchain : null;
        return [
          {
            code: 'command.unbuilt',
            location,
            args: { path: t.scriptPath, reason: built.reason, buildCommand: toolchainMissing ? `${built.buildCommand} (install ${toolchainMissing} first: it is not on PATH)` : built.buildCommand, toolchainMissing },
            fix: buildFix(built, t.scriptPath, toolchainMissing),
          },
        ];
      }
      return [{ code: 'command.script-missing', location, args: { interpreter: t.command, path: t.scriptPath } }];
    }
    if (t.family === 'node' && facts.isFile) {
      const plugin = c.plugin(server.plugin);
      return nodeDependencies(t.scriptPath, t.top, c.inventory.mode, location, plugin?.rootKind === 'source' ? plugin.root : null);
    }
    return [];
  },
});
