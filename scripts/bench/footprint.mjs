#!/usr/bin/env node
/**
 * The installed footprint a user gets: `npm pack` of this repository (already built), installed into a fresh
 * prefix with npm, as `npm i -g` / `npx` would: packed and unpacked size, how many packages land in
 * node_modules and how many MiB, and the time to the first `--version` from that install.
 * Usage: node scripts/bench/footprint.mjs   (or: npm run bench -- --footprint-only)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function du(dir) {
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    bytes += st.isDirectory() ? du(p) : st.size;
  }
  return bytes;
}

function packages(nodeModules) {
  let n = 0;
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) n += readdirSync(join(nodeModules, name)).length;
    else n += 1;
  }
  return n;
}

export function footprint() {
  const work = mkdtempSync(join(tmpdir(), 'mcp-doctor-footprint-'));
  try {
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const [info] = JSON.parse(out);
    const prefix = join(work, 'prefix');
    execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--offline', join(work, info.filename)], { stdio: 'ignore' });
    const nodeModules = join(prefix, 'node_modules');
    const bin = join(nodeModules, '.bin', 'mcp-doctor');
    const t = performance.now();
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: work } });
    const firstRun = performance.now() - t;
    return { packed: info.size, unpacked: info.unpackedSize, files: info.entryCount, packages: packages(nodeModules), installed: du(nodeModules), version: r.stdout.trim(), firstRunMs: firstRun };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function printFootprint() {
  const f = footprint();
  const mib = (b) => `${(b / 1024 / 1024).toFixed(2)} MiB`;
  console.log('\ninstalled footprint (npm pack, then npm install into a fresh prefix)');
  console.log(`  package: ${(f.packed / 1024).toFixed(0)} kB packed, ${(f.unpacked / 1024).toFixed(0)} kB unpacked, ${f.files} files`);
  console.log(`  installed: ${f.packages} package${f.packages === 1 ? '' : 's'}, ${mib(f.installed)} in node_modules (goal: at most 40 packages and 15 MiB)`);
  console.log(`  first --version from that install: ${f.firstRunMs.toFixed(0)} ms (${f.version})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) printFootprint();
