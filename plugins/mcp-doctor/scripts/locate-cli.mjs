/**
 * Where the mcp-doctor CLI is, for this plugin's hook and MCP server.
 *
 * A plugin installed from a marketplace is a copy of `plugins/mcp-doctor` alone: no `dist/`, no
 * `node_modules`. So the CLI comes from elsewhere, first found wins:
 *   1. `$MCP_DOCTOR_BIN`: a path to the CLI (its main.js, or an executable), for a custom install;
 *   2. the checkout this plugin sits in, built (`claude --plugin-dir ./plugins/mcp-doctor`, or this repository
 *      added as a `directory` marketplace, which Claude Code reads in place);
 *   3. `mcp-doctor` on PATH (`npm i -g mcp-doctor`), when it is at least this plugin's version;
 *   4. npx's cache, where `npx -y mcp-doctor@<version>` (step 5, run once by the MCP server) put this version;
 *   5. only where a download may be waited for (the MCP server, never the session-start hook):
 *      `npx -y mcp-doctor@<version>`.
 * The version is the plugin's own (plugin.json): the plugin and the CLI it drives are released together,
 * so the tools and options the plugin relies on are there, and npx finds its cached copy without asking
 * the registry for "latest".
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

/** @typedef {{ command: string, args: string[], from: string, shell?: boolean }} Cli */

/** @param {string} pluginRoot */
export function pluginVersion(pluginRoot) {
  return JSON.parse(readFileSync(join(pluginRoot, '.claude-plugin', 'plugin.json'), 'utf8')).version;
}

/** The mcp-doctor package at `dir` ({root, version, main}), or null. */
function packageAt(dir) {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['mcp-doctor'];
    if (pkg.name !== 'mcp-doctor' || !bin || !existsSync(join(dir, bin))) return null;
    return { root: dir, version: String(pkg.version), main: join(dir, bin) };
  } catch {
    return null;
  }
}

/** The package a file on PATH belongs to: up from its real location, or beside a Windows npm shim. */
function packageOfExecutable(file) {
  let dir = dirname(realpathSync(file));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const pkg = packageAt(dir);
    if (pkg) return pkg;
  }
  return packageAt(join(dirname(file), 'node_modules', 'mcp-doctor'));
}

function findOnPath(name, env, platform) {
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';') : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    for (const ext of exts) {
      const candidate = join(dir, name + ext.toLowerCase());
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** 0.10.0 ≥ 0.9.1: numeric comparison of major.minor.patch (a pre-release counts as its release). */
function atLeast(version, wanted) {
  const parts = (v) => v.split(/[.+-]/).slice(0, 3).map((n) => Number.parseInt(n, 10) || 0);
  const [a, b] = [parts(version), parts(wanted)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

function npmCache(env, platform) {
  if (env.npm_config_cache) return env.npm_config_cache;
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'npm-cache');
  return join(env.HOME || homedir(), '.npm');
}

/** npx keeps each package spec it ran in `_npx/<hash>/node_modules`. */
function npxCached(version, env, platform) {
  const root = join(npmCache(env, platform), '_npx');
  let entries = [];
  try {
    entries = readdirSync(root);
  } catch {
    return null;
  }
  for (const entry of entries) {
    const pkg = packageAt(join(root, entry, 'node_modules', 'mcp-doctor'));
    if (pkg && pkg.version === version) return pkg;
  }
  return null;
}

/**
 * @param {string} pluginRoot
 * @param {Record<string, string | undefined>} env
 * @param {{ download?: boolean, platform?: NodeJS.Platform }} [options]
 * @returns {Cli | null}
 */
export function locateCli(pluginRoot, env, { download = false, platform = process.platform } = {}) {
  const viaNode = (main, from) => ({ command: process.execPath, args: [main], from });
  if (env.MCP_DOCTOR_BIN) {
    const bin = env.MCP_DOCTOR_BIN;
    return /\.[cm]?js$/.test(bin) ? viaNode(bin, '$MCP_DOCTOR_BIN') : { command: bin, args: [], from: '$MCP_DOCTOR_BIN' };
  }
  const version = pluginVersion(pluginRoot);
  const checkout = packageAt(join(pluginRoot, '..', '..'));
  if (checkout) return viaNode(checkout.main, `the checkout at ${checkout.root}`);
  const onPath = findOnPath('mcp-doctor', env, platform);
  const installed = onPath ? packageOfExecutable(onPath) : null;
  if (installed && atLeast(installed.version, version)) return viaNode(installed.main, `${onPath} (${installed.version})`);
  const cached = npxCached(version, env, platform);
  if (cached) return viaNode(cached.main, `npx's cache (${cached.root})`);
  if (!download) return null;
  // npx is a .cmd shim on Windows, which Node starts only through a shell; the arguments are fixed words.
  return { command: platform === 'win32' ? 'npx.cmd' : 'npx', args: ['-y', `mcp-doctor@${version}`], from: 'npx', shell: platform === 'win32' };
}
