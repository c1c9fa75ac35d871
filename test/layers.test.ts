/**
 * The source tree's layers, as the README's design section draws them: every import (type-only ones
 * included) points down or sideways within a layer, never up, and no two files or folders import each
 * other in a circle. A new file that breaks this fails here with the import that does it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../src');

/** Lower numbers are lower layers. A folder may import its own layer and the ones below. */
const coreRank: Record<string, number> = {
  model: 0,
  util: 1,
  json: 2,
  expand: 2,
  command: 3,
  venv: 3,
  discover: 3,
  install: 3,
  checks: 4,
  probe: 4,
  report: 5,
  view: 6,
  fix: 6,
  engine: 7,
};
/** The front ends: core below them all; render below mcp and cli; cli on top. */
const frontRank: Record<string, number> = { core: 0, render: 1, demo: 1, mcp: 2, cli: 3 };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const files = sourceFiles(src);
const specifier = /(?:^|\s|;)(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;

function importsOf(file: string): { spec: string; target: string | null }[] {
  const text = readFileSync(file, 'utf8');
  const out: { spec: string; target: string | null }[] = [];
  for (const m of text.matchAll(specifier)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec) continue;
    if (!spec.startsWith('.')) {
      out.push({ spec, target: null });
      continue;
    }
    const base = resolve(dirname(file), spec).replace(/\.js$/, '');
    const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => files.includes(c)) ?? null;
    out.push({ spec, target });
  }
  return out;
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => relative(src, f);

/** `core/checks/x.ts` → ['core', 'checks'], `render/text.ts` → ['render'], `cli/tui/app.tsx` → ['cli', 'tui']. */
function place(file: string): { front: string; folder: string | null } {
  const parts = rel(file).split('/');
  return { front: parts.length > 1 ? parts[0]! : '(root)', folder: parts[0] === 'core' && parts.length > 2 ? parts[1]! : null };
}

/** Strongly connected components of more than one node (Tarjan). */
function cycles(nodes: string[], edges: (n: string) => string[]): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

describe('source layers', () => {
  it('every core file sits in a layer folder (the core root holds no files)', () => {
    const loose = files.filter((f) => place(f).front === 'core' && place(f).folder === null).map(rel);
    expect(loose).toEqual([]);
    const unknown = [...new Set(files.map((f) => place(f).folder).filter((d): d is string => d !== null && !(d in coreRank)))];
    expect(unknown, 'a new core folder needs a layer in coreRank (and a line in the README design section)').toEqual([]);
  });

  it('no import points up a layer, type-only imports included', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      const from = place(file);
      for (const { spec, target } of imports) {
        if (target === null) {
          // The core never draws: no Ink, no React, whatever the file.
          if (from.front === 'core' && /^(ink|react)(\/|$)/.test(spec)) upward.push(`${rel(file)} imports ${spec}`);
          continue;
        }
        const to = place(target);
        if (from.front in frontRank && to.front in frontRank && frontRank[to.front]! > frontRank[from.front]!) upward.push(`${rel(file)} → ${rel(target)}`);
        if (from.folder && to.folder && coreRank[to.folder]! > coreRank[from.folder]!) upward.push(`${rel(file)} → ${rel(target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('no two files import each other in a circle', () => {
    const edges = (f: string) => (graph.get(f) ?? []).map((i) => i.target).filter((t): t is string => t !== null);
    expect(cycles(files, edges).map((c) => c.map(rel))).toEqual([]);
  });

  it('no two core folders import each other in a circle', () => {
    const folderEdges = new Map<string, Set<string>>();
    for (const [file, imports] of graph) {
      const from = place(file).folder;
      if (!from) continue;
      for (const { target } of imports) {
        const to = target ? place(target).folder : null;
        if (to && to !== from) folderEdges.set(from, (folderEdges.get(from) ?? new Set()).add(to));
      }
    }
    expect(cycles(Object.keys(coreRank), (d) => [...(folderEdges.get(d) ?? [])])).toEqual([]);
  });
});
