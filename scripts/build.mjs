#!/usr/bin/env node
/**
 * The build: type-check, compile the schemas into validators, then bundle the CLI with esbuild into dist/, so
 * the installed package has no runtime dependencies (one package, a few MiB) and each part loads only when it
 * is needed: commander for --version/--help, the engine for a run, Ink for the live view, the MCP message
 * schemas for a probe (separate chunks). Also writes the notices of the bundled packages and copies the demo
 * home and fixture servers, with their `.gitignore` files renamed (npm drops them from a package;
 * `src/demo/materialize.ts` puts them back).
 */
import { nodeBundleOptions } from './bundle-options.mjs';
import { bundledPackages, noticesText } from './notices.mjs';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import { buildPlugin } from './build-plugin.mjs';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');
const step = (what) => process.stderr.write(`build: ${what}\n`);

rmSync(dist, { recursive: true, force: true });
step('schemas → validators');
execFileSync(process.execPath, [join(root, 'scripts', 'compile-schemas.mjs')], { stdio: 'inherit' });
if (!process.argv.includes('--no-typecheck')) {
  step('type-check');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json'), '--noEmit'], { stdio: 'inherit' });
}

step('bundle');
const result = await build({
  absWorkingDir: root,
  // The command line proper; main.ts (below) is built on its own so that --version and --help load one small file.
  entryPoints: ['src/cli/cli.ts'],
  outdir: 'dist',
  outbase: 'src',
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  ...nodeBundleOptions,
  splitting: true,
  // Ink loads React's devtools only when DEV=true; it is not shipped.
  external: ['react-devtools-core'],
  // CommonJS packages in the bundle call require() for Node's own modules.
  banner: { js: "import { createRequire as __mcpDoctorRequire } from 'node:module'; const require = __mcpDoctorRequire(import.meta.url);" },
});
// The entry: fast-path.ts and package-info.ts inlined, cli.js loaded only when needed, no require shim.
const entry = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/main.js',
  metafile: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  external: ['./cli.js'],
});
chmodSync(join(dist, 'cli', 'main.js'), 0o755);
// --help is answered without loading commander: save the full command line's own help text next to main.js.
writeFileSync(
  join(dist, 'cli', 'help.txt'),
  execFileSync(process.execPath, [join(dist, 'cli', 'main.js'), '--help'], { env: { ...process.env, MCP_DOCTOR_FULL_CLI: '1', COLUMNS: '100' }, encoding: 'utf8' }),
);
// Which sources went into which chunk: a test reads it to prove what a command line loads.
mkdirSync(join(root, '.build'), { recursive: true });
writeFileSync(
  join(root, '.build', 'metafile.json'),
  JSON.stringify({ inputs: { ...result.metafile.inputs, ...entry.metafile.inputs }, outputs: { ...result.metafile.outputs, ...entry.metafile.outputs } }),
);
// The engine for this repository's own scripts (corpus agreement, benchmarks); not part of the package.
await build({
  absWorkingDir: root,
  entryPoints: ['src/dev-engine.ts'],
  outfile: '.build/engine.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  banner: { js: "import { createRequire as __mcpDoctorRequire } from 'node:module'; const require = __mcpDoctorRequire(import.meta.url);" },
});

// The plugin's own one-file copy (plugins/mcp-doctor/dist), committed: a marketplace install holds nothing else.
step('plugin bundle');
await buildPlugin();

step('notices of bundled packages');
writeFileSync(join(dist, 'THIRD-PARTY-NOTICES.txt'), noticesText(result.metafile, root, 'mcp-doctor bundles these packages; their licenses follow.'));

step('demo home and fixture servers');
for (const part of ['demo', 'servers']) cpSync(join(root, 'fixtures', part), join(dist, 'fixtures', part), { recursive: true, verbatimSymlinks: true });
const renameGitignores = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) renameGitignores(path);
    else if (name === '.gitignore') renameSync(path, join(dir, '_gitignore'));
  }
};
renameGitignores(join(dist, 'fixtures'));

const size = (dir) => readdirSync(dir).reduce((n, name) => {
  const p = join(dir, name);
  return n + (statSync(p).isDirectory() ? size(p) : statSync(p).size);
}, 0);
const chunks = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(([file, o]) => `${relative('dist', file).split(sep).join('/')} ${(o.bytes / 1024).toFixed(0)} KiB`);
step(`dist: ${(size(dist) / 1024 / 1024).toFixed(2)} MiB (${chunks.join(', ')}); ${bundledPackages(result.metafile, root).size} packages bundled`);
if (!existsSync(join(dist, 'cli', 'main.js'))) process.exit(1);
