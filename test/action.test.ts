/**
 * The GitHub Action: the exact command line of action.yml's run step, with the environment it maps from the
 * inputs, run on a fixture marketplace as the runner would (GITHUB_ACTIONS, GITHUB_ACTION_PATH,
 * GITHUB_STEP_SUMMARY, RUNNER_TEMP).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { afterAll, describe, expect, it } from 'vitest';
import { addUriFormats } from './helpers/formats.js';
import { fixtureHome, repoRoot, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';
import sarifSchema from './vendor/sarif-schema-2.1.0.json' with { type: 'json' };

const actionYml = readFileSync(join(repoRoot, 'action.yml'), 'utf8');

/** The inputs' defaults (`default:` under each input). */
function inputDefaults(): Record<string, string> {
  const section = actionYml.slice(actionYml.indexOf('\ninputs:'), actionYml.indexOf('\noutputs:'));
  const out: Record<string, string> = {};
  for (const m of section.matchAll(/\n {2}([\w-]+):\n(?: {4}.*\n)*? {4}default: "?([^"\n]*)"?(?=\n)/g)) out[m[1]!] = m[2]!;
  return out;
}

/** The step with `id: run`: its env (input name per variable) and its command line. */
function runStep(): { env: Record<string, string>; run: string } {
  const step = actionYml.slice(actionYml.indexOf('      id: run'));
  const env: Record<string, string> = {};
  for (const m of step.matchAll(/\n {8}(\w+): \$\{\{ inputs\.([\w-]+) \}\}/g)) env[m[1]!] = m[2]!;
  const run = /\n {6}run: (.+)\n?/.exec(step)?.[1];
  if (!run) throw new Error('action.yml: no run line in the step with id: run');
  return { env, run };
}

const homes: FixtureHome[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function runAction(inputs: Record<string, string>) {
  const fx = await fixtureHome('author-marketplace');
  homes.push(fx);
  const runnerTemp = mkdtempSync(join(tmpdir(), 'mcp-doctor-runner-'));
  dirs.push(runnerTemp);
  const summary = join(runnerTemp, 'step_summary');
  writeFileSync(summary, '# An earlier step\n\n');
  const given = { ...inputDefaults(), ...inputs };
  const step = runStep();
  const env: Record<string, string> = {
    PATH: `${dirname(process.execPath)}:${TEST_PATH}`,
    HOME: fx.home,
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: repoRoot,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: runnerTemp,
  };
  for (const [name, input] of Object.entries(step.env)) env[name] = given[input] ?? '';
  // The workspace is the checked-out marketplace repository's parent here: paths are given relative to it.
  const r = spawnSync('bash', ['-c', step.run], { cwd: fx.root, env, encoding: 'utf8', timeout: 60_000 });
  return { fx, r, summary, runnerTemp };
}

describe('action.yml', () => {
  it('declares the inputs paths, fail-on, sarif-file and probe (default false), and runs the shared script', () => {
    expect(inputDefaults()).toEqual({ paths: '.', 'fail-on': '', 'sarif-file': 'mcp-doctor.sarif', probe: 'false' });
    expect(runStep()).toEqual({
      env: { MCP_DOCTOR_PATHS: 'paths', MCP_DOCTOR_FAIL_ON: 'fail-on', MCP_DOCTOR_SARIF: 'sarif-file', MCP_DOCTOR_PROBE: 'probe' },
      run: 'bash "$GITHUB_ACTION_PATH/scripts/github-action.sh"',
    });
  });

  it('on a fixture marketplace: annotations, the SARIF file, the summary appended, the exit code of the findings', async () => {
    const { fx, r, summary, runnerTemp } = await runAction({ paths: 'repo' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const token = /^::stop-commands::(\w+)$/.exec(lines[0] ?? '')?.[1];
    const resume = lines.indexOf(`::${token}::`);
    expect(lines.slice(1, resume).join('\n')).toContain('source trees · project');
    const annotations = lines.slice(resume + 1);
    expect(annotations).toContain(
      "::error file=repo/plugins/good/.claude-plugin/plugin.json,line=4,col=3,title=config.schema::skills.0: expected a path starting with './' (no '..'), found \"skills/review\"%0Afix: Start the path with ./ (relative to the plugin root): \"./skills/review\".",
    );
    expect(annotations).toHaveLength(5);

    const sarif = JSON.parse(readFileSync(join(fx.root, 'mcp-doctor.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    const ajv = new Ajv04({ strict: false });
    addUriFormats(ajv);
    expect(ajv.validate(sarifSchema, sarif), JSON.stringify(ajv.errors)).toBe(true);
    expect(sarif.runs[0]?.results).toHaveLength(5);

    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# An earlier step\n\n## mcp-doctor: ✘ 5 errors, 0 warnings\n')).toBe(true);
    expect(md).toContain('| `repo/plugins/good/.claude-plugin/plugin.json:4:3` |');
    expect(readdirSync(runnerTemp)).toEqual(['step_summary']);
  });

  it('fail-on none passes; an empty sarif-file writes none; several paths on separate lines', async () => {
    const { fx, r } = await runAction({ paths: 'repo/plugins/good\nrepo/plugins/claude-helper', 'fail-on': 'none', 'sarif-file': '' });
    expect(r.status).toBe(0);
    expect(existsSync(join(fx.root, 'mcp-doctor.sarif'))).toBe(false);
    expect(r.stdout).toContain('title=config.reserved-name');
    expect(r.stdout).toContain('file=repo/plugins/good/.claude-plugin/plugin.json');
  });

  it('probe true starts the servers (but not those of a plugin Claude Code refuses)', async () => {
    const { r } = await runAction({ paths: 'repo', probe: 'true' });
    expect(r.stdout).toContain('· servers started');
    // plugins/good's plugin.json fails Claude Code's schema (its skills path): the plugin is refused, so its
    // server srv is shown as not loaded and never started.
    expect(r.stdout).toMatch(/✘ srv {2}python3 /);
    expect(r.stdout).not.toMatch(/answered in \d+ ms|crashed|exited/);
  });

  it('a bad input is the usage error it is on the command line', async () => {
    const { r, summary } = await runAction({ paths: 'repo', 'fail-on': 'sometimes' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("argument 'sometimes' is invalid");
    expect(readFileSync(summary, 'utf8')).toBe('# An earlier step\n\n');
  });
});
