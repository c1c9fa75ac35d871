/**
 * The mcp-doctor plugin carries its own doctor (plugins/mcp-doctor/dist/, built by scripts/build-plugin.mjs
 * from `npm run build`): a marketplace install holds nothing else. It is committed, so it must be what the
 * source builds today: a fresh build (in memory) is compared byte for byte with the committed files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlugin, pluginDist } from '../scripts/build-plugin.mjs';
import { repoRoot } from './helpers/run-cli.js';

const listFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));

describe('the plugin bundle', () => {
  it('is one JavaScript file (and the notices of the packages in it), and the committed copy is what the source builds now', async () => {
    const fresh = (await buildPlugin({ write: false })) as Map<string, Buffer>;
    const committedFiles = listFiles(pluginDist).map((f) => relative(pluginDist, f)).sort();
    expect(committedFiles).toEqual([...fresh.keys()].sort());
    expect(committedFiles.filter((f) => f.endsWith('.js') || f.endsWith('.mjs'))).toEqual(['mcp-doctor.mjs']);
    const stale: string[] = [];
    for (const [name, bytes] of fresh) {
      const inGit = execFileSync('git', ['show', `HEAD:${relative(repoRoot, join(pluginDist, name))}`], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
      if (!inGit.equals(bytes)) stale.push(name);
    }
    expect(stale, 'plugins/mcp-doctor/dist is stale: run `npm run build` and commit plugins/mcp-doctor/dist/').toEqual([]);
  });

  it('has no package.json to walk up to in an install, and needs none', () => {
    expect(existsSync(join(pluginDist, '..', 'package.json'))).toBe(false);
  });
});
