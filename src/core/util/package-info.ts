/**
 * Where the package is installed, and its version: read once, without loading anything else. The root is
 * found by walking up to mcp-doctor's package.json, so it is right whether this code runs from src/, from
 * dist/cli/main.js or from a bundle chunk in dist/chunks/.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): { root: string; version: string } {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mcp-doctor') return { root: dir, version: pkg.version ?? '0.0.0' };
    } catch {
      /* no package.json here: keep walking */
    }
    if (dirname(dir) === dir) throw new Error(`mcp-doctor's package.json not found above ${from}`);
  }
}

const found = findRoot(dirname(fileURLToPath(import.meta.url)));

export const packageRoot = found.root;
export const version = found.version;

/** The built demo home and fixture servers (dist/fixtures, made by the build), else the repository's. */
export function fixturesDir(): string {
  const built = join(packageRoot, 'dist', 'fixtures');
  try {
    readFileSync(join(built, 'demo', 'setup.json'));
    return built;
  } catch {
    return join(packageRoot, 'fixtures');
  }
}
