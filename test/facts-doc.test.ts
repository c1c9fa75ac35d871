/**
 * The facts about Claude Code that the code relies on live in docs/claude-code-facts.md, one `## §n` section each,
 * and the code cites them as `docs/claude-code-facts.md §n`. This test keeps the citations resolvable (no section
 * cited that the doc lacks, no `§` of a file outside the repository) and the modelled version in one place:
 * `CLAUDE_CODE_VERSION` in src/core/model/claude-code.ts, never a version written in another source file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAUDE_CODE_VERSION } from '../src/core/model/claude-code.js';
import { repoRoot } from './helpers/run-cli.js';

const DOC = 'docs/claude-code-facts.md';
const MODEL_FILE = 'src/core/model/claude-code.ts';

/** A Claude Code version written out: `2.1.330`, `Claude Code 2.2.0`, the `2-1-330` of `AI_AGENT`. */
const VERSION_LITERAL = /(?<![\w.-])2\.1\.\d{3}(?!\d)|(?<![\d.-])2-1-\d{3}(?!\d)|Claude Code v?\d+\.\d+\.\d+/g;

/** A citation of the doc: `docs/claude-code-facts.md §3`, `… §11, §13`, `… §11–13`. */
const CITATION = /docs\/claude-code-facts\.md((?:(?:,\s*|\s+and\s+|\s+)§\d+(?:[–-]\d+)?)+)/g;

/** `## §n Title` → n, and each section's text. */
function docSections(doc: string): { numbers: number[]; text: Map<number, string> } {
  const numbers: number[] = [];
  const text = new Map<number, string>();
  const parts = doc.split(/^(?=## §\d+\b)/m);
  for (const part of parts) {
    const m = /^## §(\d+)\b/.exec(part);
    if (!m) continue;
    numbers.push(Number(m[1]));
    text.set(Number(m[1]), part);
  }
  return { numbers, text };
}

/**
 * The sections a source text cites, and every `§` that is not part of a citation of the doc (a "FACTS §3" or a
 * "reference §5" points at a file nobody can open). Comment continuations (`\n * `, `\n // `) are joined first, so
 * a citation broken over two comment lines still counts.
 */
function citations(source: string): { cited: number[]; strays: string[] } {
  const joined = source.replace(/\n[ \t]*(?:\*(?!\/)|\/\/)[ \t]?/g, ' ');
  const cited: number[] = [];
  const covered: Array<[number, number]> = [];
  for (const m of joined.matchAll(CITATION)) {
    covered.push([m.index, m.index + m[0].length]);
    for (const n of (m[1] ?? '').matchAll(/§(\d+)(?:[–-](\d+))?/g)) {
      const from = Number(n[1]);
      const to = n[2] ? Number(n[2]) : from;
      for (let i = from; i <= to; i++) cited.push(i);
    }
  }
  const strays: string[] = [];
  for (const m of joined.matchAll(/§/g)) {
    if (!covered.some(([a, b]) => m.index >= a && m.index < b)) strays.push(joined.slice(Math.max(0, m.index - 40), m.index + 10).trim());
  }
  return { cited, strays };
}

/** Every Claude Code version written out in a text. */
function versionLiterals(source: string): string[] {
  return [...source.matchAll(VERSION_LITERAL)].map((m) => m[0]);
}

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(repoRoot, join(e.parentPath, e.name)))
    .filter(keep)
    .sort();
}

const doc = readFileSync(join(repoRoot, DOC), 'utf8');
const sections = docSections(doc);
const sourceFiles = filesUnder('src', (p) => /\.(ts|tsx|mts|cts)$/.test(p));
/** Everything else in the repository that cites the doc: the fixtures' verdicts and the tests. */
const citingFiles = [
  ...sourceFiles,
  ...filesUnder('fixtures/agreement', (p) => p.endsWith('VERDICT.md')),
  ...filesUnder('test', (p) => /\.(ts|tsx)$/.test(p) && !p.endsWith('facts-doc.test.ts')),
];

describe('the checker itself', () => {
  it.each([
    ['a citation of one section', ' * spawns (docs/claude-code-facts.md §9), so', [9], 0],
    ['a list and a range', '(docs/claude-code-facts.md §11, §13) and (docs/claude-code-facts.md §11–13)', [11, 13, 11, 12, 13], 0],
    ['a citation broken over two comment lines', ' * expands only `${VAR}` (docs/claude-code-facts.md\n * §9), so', [9], 0],
    ['a citation broken over two line comments', '  // starts (docs/claude-code-facts.md\n  // §6): a warning', [6], 0],
    ['a section of a notes file nobody has', ' * (FACTS §3): it drops', [], 1],
    ['a section of a reference outside the repository', ' * the text literally (reference §5).', [], 1],
    ['one good and one stray', '(docs/claude-code-facts.md §1; reference §6)', [1], 1],
  ])('%s', (_name, text, cited, strays) => {
    const r = citations(text);
    expect(r.cited).toEqual(cited);
    expect(r.strays).toHaveLength(strays);
  });

  it.each([
    ['Claude Code 2.1.330 cannot read past it', ['Claude Code 2.1.330']],
    ["'2.1.332' as a string", ['2.1.332']],
    ['AI_AGENT=claude-code_2-1-330_harness', ['2-1-330']],
    ['Claude Code 3.0.1 will', ['Claude Code 3.0.1']],
    ['Claude Code cannot read past it; protocol 2025-11-25; node 20.11.1', []],
  ])('finds the versions written in %j', (text, found) => {
    expect(versionLiterals(text)).toEqual(found);
  });

  it('finds a cited section the doc lacks', () => {
    const { cited } = citations(' * see (docs/claude-code-facts.md §9999)');
    expect(cited.filter((n) => !sections.numbers.includes(n))).toEqual([9999]);
  });
});

describe(`${DOC}`, () => {
  it('says at the top that a new fact takes the next free number', () => {
    const top = doc.slice(0, doc.indexOf('\n## §'));
    expect(top).toMatch(/next free number/);
  });

  it('numbers each section once', () => {
    const seen = new Set<number>();
    const twice = sections.numbers.filter((n) => seen.size === seen.add(n).size);
    expect(sections.numbers.length).toBeGreaterThan(0);
    expect(twice, `sections numbered twice: §${twice.join(', §')}`).toEqual([]);
  });

  it('says in every section which Claude Code version it was measured on', () => {
    const unversioned = sections.numbers.filter((n) => !/\b2\.\d+\.\d+\b/.test(sections.text.get(n) ?? ''));
    expect(unversioned, 'sections that name no Claude Code version').toEqual([]);
  });
});

describe('citations of the facts', () => {
  it('every section cited in src/, the fixtures and the tests exists, and no § points elsewhere', () => {
    const missing: string[] = [];
    const strays: string[] = [];
    for (const file of citingFiles) {
      const r = citations(readFileSync(join(repoRoot, file), 'utf8'));
      for (const n of r.cited) if (!sections.numbers.includes(n)) missing.push(`${file}: §${n}`);
      for (const s of r.strays) strays.push(`${file}: …${s}…`);
    }
    expect(missing, `cited, but ${DOC} has no such section`).toEqual([]);
    expect(strays, `a § that is not a citation of ${DOC} (move the fact into it and cite that)`).toEqual([]);
  });

  it('the doc is cited from the code (the scan reads the files it should)', () => {
    expect(sourceFiles).toContain(MODEL_FILE);
    const cited = new Set(sourceFiles.flatMap((f) => citations(readFileSync(join(repoRoot, f), 'utf8')).cited));
    expect(cited.size).toBeGreaterThan(5);
  });
});

describe('the modelled Claude Code version is written in one place', () => {
  it(`no file in src/ other than ${MODEL_FILE} writes a Claude Code version`, () => {
    const found = sourceFiles
      .filter((f) => f !== MODEL_FILE)
      .flatMap((f) => versionLiterals(readFileSync(join(repoRoot, f), 'utf8')).map((v) => `${f}: ${v}`));
    expect(found, 'use CLAUDE_CODE_VERSION (or say "Claude Code"); the measured version belongs in the facts doc').toEqual([]);
  });

  it(`${MODEL_FILE} does`, () => {
    expect(versionLiterals(readFileSync(join(repoRoot, MODEL_FILE), 'utf8'))).toContain(CLAUDE_CODE_VERSION);
  });
});
