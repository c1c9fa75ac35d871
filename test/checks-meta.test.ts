/** The check registry and the catalog stay in step: every code a check can return is catalogued, ids match files. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCodes, catalog } from '../src/core/model/catalog.js';
import { allChecks } from '../src/core/checks/index.js';
import { repoRoot } from './helpers/run-cli.js';

const checksDir = join(repoRoot, 'src', 'core', 'checks');
const helpers = new Set(['define-check.ts', 'index.ts', 'known-keys.ts']);

describe('check registry', () => {
  it('lists every check file exactly once, and each id is its file name', () => {
    const files = readdirSync(checksDir).filter((f) => f.endsWith('.ts') && !helpers.has(f));
    expect(allChecks.map((c) => `${c.id}.ts`).sort()).toEqual(files.sort());
  });

  it.each(allChecks.map((c) => [c.id, c] as const))('%s returns only catalogued codes', (_id, check) => {
    for (const code of check.codes) expect(allCodes).toContain(code);
  });

  it.each(allCodes)('%s has words, an explanation and a README row', (code) => {
    const e = catalog[code];
    expect(e.title.length).toBeGreaterThan(5);
    expect(e.explain.length).toBeGreaterThan(40);
    expect(typeof e.message({})).toBe('string');
    expect(typeof e.hint({})).toBe('string');
    expect(code).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
  });

  it('the README documents every code', async () => {
    const readme = (await import('node:fs')).readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const missing = allCodes.filter((c) => !readme.includes(`\`${c}\``));
    expect(missing).toEqual([]);
  });

  it('schemas are valid JSON and present', () => {
    for (const s of ['plugin', 'marketplace', 'mcp-server', 'report']) expect(existsSync(join(repoRoot, 'schemas', `${s}.schema.json`))).toBe(true);
  });
});

describe('typed catalog entries', () => {
  it('every code declares the facts its findings carry, and only fixable codes declare repairs', () => {
    for (const code of allCodes) {
      const e = catalog[code] as { args?: readonly string[]; fixes?: readonly string[]; fixable: boolean; fixOption?: string };
      expect(Array.isArray(e.args), `${code} declares its args`).toBe(true);
      expect((e.fixes ?? []).length > 0, `${code}: fixable ⇔ declares fixes`).toBe(e.fixable);
      if (e.fixOption) expect(e.fixable, `${code}: a fix option without a fix`).toBe(true);
    }
  });

  it('the wording reads only declared facts', () => {
    // Each entry's functions are called with a proxy that records what they read.
    for (const code of allCodes) {
      const e = catalog[code] as { args: readonly string[]; message: (a: object) => string; hint: (a: object) => string; short?: (a: object) => string };
      const read = new Set<string>();
      const args = new Proxy({}, { get: (_t, k) => (typeof k === 'string' && read.add(k), undefined) });
      e.message(args);
      e.hint(args);
      e.short?.(args);
      expect([...read].filter((k) => !e.args.includes(k)), `${code} reads undeclared args`).toEqual([]);
    }
  });

  it('a finding with a repair its code does not declare is a programming error', async () => {
    const { toFinding } = await import('../src/core/discover/inventory-builder.js');
    expect(() => toFinding({ code: 'command.not-found', fix: { kind: 'chmod', path: '/x', mode: 0o755 } })).toThrow(/does not declare/);
    expect(toFinding({ code: 'command.not-executable', fix: { kind: 'chmod', path: '/x', mode: 0o755 } }).fix?.kind).toBe('chmod');
  });
});
