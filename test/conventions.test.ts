/** The command line behaves as users expect of a CLI: help, versions, errors in its own voice, colour on a terminal. */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, fixtureHome, repoRoot, runCli, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';

const homes: FixtureHome[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
});

describe('help and version', () => {
  it('--help has examples, exit codes, the environment variables and where to report bugs', () => {
    const r = runCli(['--help'], { cwd: repoRoot });
    expect(r.status).toBe(0);
    for (const part of ['Usage: mcp-doctor', 'Examples:', 'Exit codes:', '128+n', 'Environment:', 'MCP_TIMEOUT', 'CLAUDE_CONFIG_DIR', 'NO_COLOR', 'FORCE_COLOR', 'Report bugs: https://']) {
      expect(r.stdout).toContain(part);
    }
  });

  it('the fast --help is the full command line’s own help, word for word (not a stale copy)', () => {
    const fast = runCli(['--help'], { cwd: repoRoot });
    const full = runCli(['--help'], { cwd: repoRoot, env: { MCP_DOCTOR_FULL_CLI: '1' } });
    expect(fast.stdout).toBe(full.stdout);
  });

  it.each([['-V'], ['--version']])('%s prints the version alone', (flag) => {
    const r = runCli([flag], { cwd: repoRoot });
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    expect(r.status).toBe(0);
  });

  it.each([['explain'], ['undo'], ['completion'], ['mcp']])('help %s shows that command', (command) => {
    const r = runCli(['help', command], { cwd: repoRoot });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: mcp-doctor ${command}`);
  });
});

describe('errors in mcp-doctor’s voice', () => {
  it.each([
    [['--frobnicate'], "mcp-doctor: unknown option '--frobnicate' (see mcp-doctor --help)\n"],
    [['--timeout'], "mcp-doctor: option '--timeout <time>' argument missing (see mcp-doctor --help)\n"],
    [['--format', 'xml'], "mcp-doctor: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif, github, gitlab, junit, markdown. (see mcp-doctor --help)\n"],
    [['explain', 'a', 'b'], "mcp-doctor: too many arguments for 'explain'. Expected 1 argument but got 2. (see mcp-doctor --help)\n"],
  ])('%j', (args, message) => {
    const r = runCli(args, { cwd: repoRoot });
    expect(r.stderr).toBe(message);
    expect(r.status).toBe(2);
  });
});

describe('colour on a terminal', () => {
  /** The plain text report on a pseudo-terminal (util-linux `script`), with this TERM. */
  function onTerminal(fx: FixtureHome, term: string, extra: Record<string, string> = {}): string {
    const command = `'${process.execPath}' '${cliPath}' --no-probe --format text`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: fx.project, env: { PATH: TEST_PATH, ...fx.env, TERM: term, ...extra }, encoding: 'utf8', timeout: 60_000 });
    return r.stdout;
  }

  it('colours by default, and not with TERM=dumb or NO_COLOR', async () => {
    const fx = await fixtureHome('not-found');
    homes.push(fx);
    expect(onTerminal(fx, 'xterm-256color')).toMatch(/\x1b\[31m/);
    expect(onTerminal(fx, 'dumb')).not.toMatch(/\x1b\[/);
    expect(onTerminal(fx, 'xterm-256color', { NO_COLOR: '1' })).not.toMatch(/\x1b\[/);
  });
});
