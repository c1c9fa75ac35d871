/**
 * How the output is chosen: colour (--color, --no-color, NO_COLOR, FORCE_COLOR), and the live view's
 * cost: Ink and React are loaded only when the live view opens, never for --version, --json or text.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, fixtureHome, repoRoot, runCli, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';

let fx: FixtureHome;
const dirs: string[] = [];
beforeAll(async () => {
  fx = await fixtureHome('not-found');
});
afterAll(async () => {
  await fx?.cleanup();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const ansi = /\x1b\[/;
const text = (args: string[], env: Record<string, string> = {}) => runCli(['--no-probe', ...args], { cwd: fx.project, env: { ...fx.env, ...env } });

describe('colour', () => {
  it.each([
    ['plain on a pipe by default', [], {}, false],
    ['--color always', ['--color', 'always'], {}, true],
    ['--color never', ['--color', 'never'], { FORCE_COLOR: '1' }, false],
    ['--no-color, an alias of never', ['--no-color'], { FORCE_COLOR: '1' }, false],
    ['FORCE_COLOR=1', [], { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=1 beats NO_COLOR', [], { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    ['FORCE_COLOR=0', [], { FORCE_COLOR: '0' }, false],
    ['--color always beats FORCE_COLOR=0 and NO_COLOR', ['--color', 'always'], { FORCE_COLOR: '0', NO_COLOR: '1' }, true],
  ] as const)('%s', (_why, args, env, coloured) => {
    const r = text([...args], env);
    expect(r.status).toBe(1);
    expect(ansi.test(r.stdout)).toBe(coloured);
    expect(r.stdout).toContain('command.not-found');
  });

  it('never colours JSON', () => {
    const r = text(['--json', '--color', 'always']);
    expect(ansi.test(r.stdout)).toBe(false);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it('rejects an unknown --color value as a usage error', () => {
    const r = text(['--color', 'sometimes']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("argument 'sometimes' is invalid. Allowed choices are auto, always, never.");
  });
});

describe('start-up cost', () => {
  const loaded = (args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-doctor-trace-'));
    dirs.push(dir);
    const file = join(dir, 'modules.txt');
    const r = spawnSync(process.execPath, ['--import', join(repoRoot, 'test', 'helpers', 'trace-imports.mjs'), cliPath, ...args], {
      cwd: fx.project,
      env: { PATH: TEST_PATH, ...fx.env, TRACE_IMPORTS_FILE: file },
      encoding: 'utf8',
    });
    return { status: r.status, modules: readFileSync(file, 'utf8').split('\n').filter(Boolean) };
  };
  // The CLI is bundled: the build's metafile says which sources each loaded file of dist/ holds.
  const meta = JSON.parse(readFileSync(join(repoRoot, '.build', 'metafile.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const sourcesOf = (url: string) => {
    const rel = url.slice(url.indexOf('/dist/') + 1);
    return Object.keys(meta.outputs[rel]?.inputs ?? {});
  };
  const isUi = (source: string) => /(^|\/)node_modules\/(ink|react|react-reconciler|yoga-layout|chalk)\//.test(source) || source.endsWith('.tsx');

  it.each([[['--no-probe', '--json']], [['--no-probe', '--format', 'text']], [['--no-probe']]])('%j does not load Ink or React', (args) => {
    const sources = loaded(args).modules.filter((m) => m.includes('/dist/')).flatMap(sourcesOf);
    // The trace works: the CLI's own entry and commander are in what was loaded.
    expect(sources).toContain('src/cli/main.ts');
    expect(sources.some((s) => s.includes('node_modules/commander/'))).toBe(true);
    expect(sources.filter(isUi)).toEqual([]);
  });

  it.each([[['--version']], [['--help']]])('%j loads neither commander nor the engine: only the entry and the package facts', (args) => {
    const sources = loaded(args).modules.filter((m) => m.includes('/dist/')).flatMap(sourcesOf);
    expect(sources.filter((s) => !s.startsWith('node_modules/')).sort()).toEqual(['src/cli/fast-path.ts', 'src/cli/main.ts', 'src/core/util/package-info.ts']);
    expect(sources.filter((s) => s.startsWith('node_modules/'))).toEqual([]);
  });

  it('the live view does load them (the check above can fail)', () => {
    const ui = Object.entries(meta.outputs).filter(([, o]) => Object.keys(o.inputs).some(isUi));
    expect(ui.length).toBeGreaterThan(0);
  });
});
