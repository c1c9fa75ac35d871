/**
 * Every way out of the doctor cleans up, and nothing a user or a pull request wrote can steer a terminal or a
 * CI log: regressions for a closed pipe, GitHub Actions with --fix, usage messages that quote input, option
 * conflicts caught before any change, the stdout format next to --output, an unusable journal folder, and
 * Ctrl-C at the --fix question.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, fixtureHome, repoRoot, runCli, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';
import { sh, Terminal } from './helpers/tmux.js';
import { snapshot, treeDiff } from './helpers/tree.js';

const homes: FixtureHome[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'mcp-doctor-exits-'));
  dirs.push(d);
  return d;
};
const home = async (name: string) => {
  const fx = await fixtureHome(name);
  homes.push(fx);
  return fx;
};
const notOurs = ['home/.cache/mcp-doctor', 'home/.claude/plugins/data'];

describe('a closed output pipe', () => {
  it('still removes the --demo home (mcp-doctor --demo | head)', async () => {
    const tmp = temp();
    const child = spawn(process.execPath, [cliPath, '--demo', '--no-probe', '--format', 'text'], { cwd: repoRoot, env: { PATH: TEST_PATH, HOME: tmp, TMPDIR: tmp } });
    // Read the first bytes, then close our end, as `head -c 10` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    await new Promise((resolve) => child.on('exit', resolve));
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('GitHub Actions with --fix', () => {
  it('the fix text is plain log (commands stopped), and the annotations follow it', async () => {
    const fx = await home('fix-story');
    const r = runCli(['--fix', '--yes', '--timeout', '15s'], { cwd: fx.project, env: { ...fx.env, GITHUB_ACTIONS: 'true' } });
    const lines = r.stdout.split('\n');
    const open = lines.findIndex((l) => l.startsWith('::stop-commands::'));
    const token = lines[open]?.slice('::stop-commands::'.length);
    const close = lines.indexOf(`::${token}::`);
    expect(open).toBe(0);
    expect(close).toBeGreaterThan(lines.findIndex((l) => l.startsWith('Fix plan')));
    expect(lines.slice(close + 1).every((l) => l === '' || l.startsWith('::'))).toBe(true);
    expect(r.status).toBe(0);
  });
});

describe('usage messages quote input safely', () => {
  it('an escape sequence or a workflow command in a settings file reaches stderr only as visible text', () => {
    const dir = temp();
    writeFileSync(join(dir, '.mcp.json'), '{"mcpServers":{}}');
    writeFileSync(join(dir, '.mcp-doctor.json'), JSON.stringify({ ignore: ['x\u001b]0;PWNED\u0007\n::error::injected'] }));
    const r = runCli(['--no-probe'], { cwd: dir, env: { HOME: dir } });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\u001b|\u0007/);
    expect(r.stderr.split('\n').some((l) => l.startsWith('::'))).toBe(false);
    // Every control character is shown, none dropped (the name printed is the name written); the line break
    // too, so the command stays inside the line.
    expect(r.stderr).toContain("'x\\e]0;PWNED\\x07\\n::error::injected'");
  });
});

describe('conflicts and impossibilities are caught before anything changes', () => {
  it('--quiet with --verbose and --fix: exit 2, nothing changed', async () => {
    const fx = await home('fix-story');
    const before = snapshot(fx.root, notOurs);
    const r = runCli(['--fix', '--yes', '--quiet', '--verbose', '--no-probe'], { cwd: fx.project, env: fx.env });
    expect(r.status).toBe(2);
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
  });

  it('a journal folder that cannot be made: exit 2 with the reason, nothing changed', async () => {
    const fx = await home('fix-story');
    writeFileSync(join(fx.root, 'a-file'), '');
    const before = snapshot(fx.root, [...notOurs, 'a-file']);
    const r = runCli(['--fix', '--yes', '--no-probe'], { cwd: fx.project, env: { ...fx.env, XDG_CACHE_HOME: join(fx.root, 'a-file', 'cache') } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^mcp-doctor: --fix keeps an undo journal in .*a-file\/cache\/mcp-doctor\/journal, which cannot be written \(ENOTDIR\); nothing was changed/m);
    expect(treeDiff(before, snapshot(fx.root, [...notOurs, 'a-file']))).toEqual([]);
  });
});

describe('--output next to a stdout format', () => {
  it('--json --output sarif:FILE: stdout is still the JSON report', async () => {
    const fx = await home('not-found');
    const out = join(temp(), 'r.sarif');
    const r = runCli(['--json', '--no-probe', '--output', `sarif:${out}`], { cwd: fx.project, env: fx.env });
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect((JSON.parse(r.stdout) as { schemaVersion: number }).schemaVersion).toBe(1);
  });
});

describe('Ctrl-C at the --fix question', () => {
  it('is an interrupt (exit 130), not a no', async () => {
    const fx = await home('fix-story');
    const before = snapshot(fx.root, notOurs);
    const exit = join(temp(), 'exit');
    const env = Object.entries({ PATH: TEST_PATH, ...fx.env }).map(([k, v]) => `${k}=${sh(v)}`).join(' ');
    const t = new Terminal({ width: 120, height: 30, command: `cd ${sh(fx.project)} && env ${env} ${sh(process.execPath)} ${sh(cliPath)} --fix --no-probe --format text; echo $? > ${sh(exit)}` });
    try {
      await t.waitFor((s) => s.includes('Apply 1 change? [y/N]'), 'the question');
      t.keys('C-c');
      expect(await t.waitForFile(exit)).toBe('130');
    } finally {
      t.close();
    }
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
  });
});
