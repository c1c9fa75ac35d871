/**
 * Golden files under test/golden/: the expected output of a format on a fixture, with the fixture's temporary
 * root and mcp-doctor's version replaced by placeholders. `U=1 npm test` rewrites them (review the diff).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from './run-cli.js';

export const goldenDir = join(repoRoot, 'test', 'golden');

export function normalize(text: string, root: string, version: string): string {
  const v = version.replace(/\./g, '\\.');
  return text
    .split(root)
    .join('<ROOT>')
    // …and as it appears inside a JSON pointer (projects["/tmp/…/project"] in ~/.claude.json)
    .split(root.replace(/\//g, '~1'))
    .join('<ROOT>')
    .replace(new RegExp(`mcp-doctor ${v}\\b`, 'g'), 'mcp-doctor <VERSION>')
    .replace(new RegExp(`"(version|semanticVersion)": "${v}"`, 'g'), '"$1": "<VERSION>"')
    .replace(new RegExp(`"mcp-doctor\\.version" value="${v}"`, 'g'), '"mcp-doctor.version" value="<VERSION>"')
    .replace(/ timestamp="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"/g, ' timestamp="<TIME>"');
}

export function expectGolden(name: string, actual: string): void {
  const file = join(goldenDir, name);
  if (process.env.U === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`no golden file test/golden/${name}: write it with U=1 npm test, then review it`);
  expect(actual, `test/golden/${name} (U=1 npm test rewrites it)`).toBe(readFileSync(file, 'utf8'));
}
