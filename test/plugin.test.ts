/**
 * This repository as a Claude Code marketplace with one plugin, mcp-doctor: its manifests (mcp-doctor's own
 * author mode, probe included), the SessionStart hook on fixture homes with and without broken servers
 * (output, wall time, the budget), the launcher of its MCP server (the bundle the plugin carries, offline),
 * and the slash command, which Claude Code names /mcp-doctor:mcp-doctor.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/core/model/types.js';
import { tools } from '../src/mcp/tools/index.js';
import { approveProjectServers, fixtureHome, repoRoot, runCli, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';

const pluginRoot = join(repoRoot, 'plugins', 'mcp-doctor');
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

const homes: FixtureHome[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), `mcp-doctor-${prefix}-`));
  dirs.push(d);
  return d;
};
async function home(name: string): Promise<FixtureHome> {
  const fx = await fixtureHome(name);
  homes.push(fx);
  return fx;
}

/** The plugin as Claude Code installs it from a marketplace: a copy of plugins/mcp-doctor alone, no checkout around it. */
function installedCopy(): string {
  const root = join(tempDir('installed'), 'cache', 'mcp-doctor', 'mcp-doctor', version);
  cpSync(pluginRoot, root, { recursive: true });
  return root;
}

interface HookRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the hook as Claude Code does: cwd = the project, $CLAUDE_PROJECT_DIR set, the hook input on stdin (left open). */
function runHook(fx: { project: string; env: Record<string, string> }, env: Record<string, string> = {}, root = pluginRoot): Promise<HookRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'hooks', 'session-start.mjs')], {
      cwd: fx.project,
      env: { PATH: TEST_PATH, CLAUDE_PROJECT_DIR: fx.project, MCP_DOCTOR_HOOK_BUDGET_MS: '30000', ...fx.env, ...env },
    });
    child.stdin.write(JSON.stringify({ hook_event_name: 'SessionStart', source: 'startup', cwd: fx.project, session_id: 'test' }) + '\n');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(killer);
      resolve({ status, stdout, stderr, ms: performance.now() - started });
    });
  });
}

type HookOutput = { systemMessage: string; hookSpecificOutput: { hookEventName: string; additionalContext: string } };
function oneLine(run: HookRun): HookOutput {
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout.endsWith('\n')).toBe(true);
  expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
  return JSON.parse(run.stdout) as HookOutput;
}

const running = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
async function survivors(pids: number[]): Promise<number[]> {
  let left = pids.filter(running);
  for (let i = 0; i < 20 && left.length; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = left.filter(running);
  }
  return left;
}

/** An installed copy whose bundle is a stand-in that records its pid (and its helper's) and then sleeps. */
function sleepingCopy(): { root: string; pids: string } {
  const root = installedCopy();
  const pids = join(tempDir('sleeper'), 'pids');
  mkdirSync(pids);
  writeFileSync(
    join(root, 'dist', 'mcp-doctor.mjs'),
    [
      "import { spawn } from 'node:child_process';",
      "import { writeFileSync } from 'node:fs';",
      `writeFileSync(${JSON.stringify(pids)} + '/' + process.pid, 'cli');`,
      "const helper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });",
      `writeFileSync(${JSON.stringify(pids)} + '/' + helper.pid, 'helper');`,
      'setTimeout(() => {}, 60000);',
    ].join('\n'),
  );
  return { root, pids };
}
const pidsIn = async (dir: string, n: number) => {
  for (let i = 0; i < 400 && readdirSync(dir).length < n; i++) await new Promise((r) => setTimeout(r, 25));
  return readdirSync(dir).map(Number);
};

describe('manifests', () => {
  it('the marketplace lists the plugin at ./plugins/mcp-doctor, and every version is the package version', () => {
    const market = JSON.parse(readFileSync(join(repoRoot, '.claude-plugin', 'marketplace.json'), 'utf8'));
    const plugin = JSON.parse(readFileSync(join(pluginRoot, '.claude-plugin', 'plugin.json'), 'utf8'));
    expect(market.name).toBe('mcp-doctor');
    expect(market.plugins).toEqual([expect.objectContaining({ name: 'mcp-doctor', source: './plugins/mcp-doctor', version })]);
    expect(plugin).toMatchObject({ name: 'mcp-doctor', version });
    // It reaches no network: nothing is downloaded.
    expect(plugin.network).toBeUndefined();
  });

  it("pass mcp-doctor's own author mode without a finding, and its MCP server, started through the launcher, answers with 3 tools", () => {
    // --probe starts the server from a rehearsed install, which holds plugins/mcp-doctor alone: the launcher runs
    // the bundle the plugin carries (plugins/mcp-doctor/dist, committed), as an installed copy does.
    const r = runCli(['--json', '--probe', repoRoot], { cwd: repoRoot, env: { HOME: tempDir('author-home') } });
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings, r.stdout).toEqual([]);
    expect(report.plugins.map((p) => p.id)).toEqual(['mcp-doctor@mcp-doctor']);
    expect(report.servers).toHaveLength(1);
    expect(report.servers[0]).toMatchObject({ name: 'mcp-doctor', status: 'ok', probe: { outcome: 'answered', tools: 3 } });
    expect(r.status).toBe(0);
  });

  it('the hook config runs the hook script on startup and resume, and the MCP server runs the launcher', () => {
    const hooks = JSON.parse(readFileSync(join(pluginRoot, 'hooks', 'hooks.json'), 'utf8'));
    expect(hooks.hooks.SessionStart).toEqual([
      { matcher: 'startup|resume', hooks: [{ type: 'command', command: 'node "${CLAUDE_PLUGIN_ROOT}/hooks/session-start.mjs"', timeout: 10 }] },
    ]);
    const mcp = JSON.parse(readFileSync(join(pluginRoot, '.mcp.json'), 'utf8'));
    expect(mcp.mcpServers['mcp-doctor']).toEqual({ command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/scripts/mcp-doctor.mjs', 'mcp'] });
  });

  // Claude Code itself is not needed by the suite; its verdict is recorded in the README. With CLAUDE_BIN set
  // to a Claude Code binary, this runs it offline (no network namespace needed: it contacts nothing here).
  it.runIf(!!process.env.CLAUDE_BIN)('claude plugin validate passes the plugin and the marketplace', () => {
    const env = { PATH: '/usr/bin:/bin', HOME: tempDir('claude-home'), CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_TELEMETRY: '1', DISABLE_ERROR_REPORTING: '1', DISABLE_AUTOUPDATER: '1' };
    for (const target of [pluginRoot, repoRoot]) {
      const r = spawnSync(process.env.CLAUDE_BIN!, ['plugin', 'validate', target], { cwd: repoRoot, env, encoding: 'utf8', timeout: 120_000 });
      expect(r.stdout, r.stderr).toContain('✔ Validation passed');
      expect(r.status).toBe(0);
    }
  });
});

describe('/mcp-doctor:mcp-doctor', () => {
  it('has a description and uses only tools the MCP server has', () => {
    const text = readFileSync(join(pluginRoot, 'commands', 'mcp-doctor.md'), 'utf8');
    expect(text).toMatch(/^---\ndescription: .+\n/);
    const named = [...text.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!).filter((w) => /^(diagnose|explain|fix_plan|[a-z]+_[a-z_]+)$/.test(w));
    expect(new Set(named)).toEqual(new Set(tools.map((t) => t.name)));
  });

  it('every text that names the command names it as Claude Code does: /mcp-doctor:mcp-doctor (plugin commands are /<plugin>:<name>)', () => {
    const files = ['README.md', '.claude-plugin/marketplace.json', 'plugins/mcp-doctor/.claude-plugin/plugin.json', 'plugins/mcp-doctor/hooks/session-start.mjs', 'plugins/mcp-doctor/commands/mcp-doctor.md', 'src/render/model-summary.ts'];
    const bare = /(^|[\s`'"(])\/mcp-doctor(?![:\w/-])/m;
    for (const file of files) expect(readFileSync(join(repoRoot, file), 'utf8'), file).not.toMatch(bare);
    expect(readFileSync(join(repoRoot, 'src/render/model-summary.ts'), 'utf8')).toContain("SLASH_COMMAND = '/mcp-doctor:mcp-doctor'");
    expect(readFileSync(join(repoRoot, 'README.md'), 'utf8')).toContain('/mcp-doctor:mcp-doctor');
  });
});

describe('the SessionStart hook', () => {
  it('is silent when every server is fine', async () => {
    const run = await runHook(await home('healthy'));
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('names the broken servers as Claude Code names them, and the command to run in this session', async () => {
    const out = oneLine(await runHook(await home('fix-story')));
    expect(out.systemMessage).toBe('mcp-doctor: 2 MCP servers will fail to load: plugin:vault:vault, plugin:vault:vault-admin. Run /mcp-doctor:mcp-doctor to see why and how to fix it.');
    expect(out.hookSpecificOutput.hookEventName).toBe('SessionStart');
    expect(out.hookSpecificOutput.additionalContext).toContain('plugin:vault:vault (venv.link-lost); plugin:vault:vault-admin (venv.link-lost)');
    expect(out.hookSpecificOutput.additionalContext).toContain('/mcp-doctor:mcp-doctor');
  });

  it.each([
    ['invalid-json', 'broken-json@fx', 'config.invalid-json'],
    ['install-missing', 'gone@fx', 'registry.install-missing'],
  ])('also warns about what will not load at all (%s)', async (fixture, plugin, code) => {
    const out = oneLine(await runHook(await home(fixture)));
    expect(out.systemMessage).toMatch(new RegExp(`^mcp-doctor: MCP servers will fail to load or not load at all: plugin ${plugin.replace('.', '\\.')}.*\\. Run /mcp-doctor:mcp-doctor to see why`));
    expect(out.hookSpecificOutput.additionalContext).toContain(`(${code})`);
  });

  it("checks the project Claude Code names in $CLAUDE_PROJECT_DIR, and a server of the user's own by its name", async () => {
    const root = tempDir('hook-project');
    mkdirSync(join(root, 'home'));
    mkdirSync(join(root, 'project'));
    writeFileSync(join(root, 'project', '.mcp.json'), JSON.stringify({ mcpServers: { tracker: { command: 'tracker-mcp-not-installed' } } }));
    approveProjectServers(join(root, 'home'));
    const out = oneLine(await runHook({ project: join(root, 'project'), env: { HOME: join(root, 'home') } }));
    expect(out.systemMessage).toContain('1 MCP server will fail to load: tracker.');
    expect(out.hookSpecificOutput.additionalContext).toContain('tracker (command.not-found)');
  });

  it('with its default budget (at least 2 s, counted from the session start) it answers on a small home (figures: npm run bench -- --hook-only)', async () => {
    const run = await runHook(await home('fix-story'), { MCP_DOCTOR_HOOK_BUDGET_MS: '' });
    expect(run.status).toBe(0);
    // On a very busy machine the checks may not fit in the budget: then it says nothing rather than delay the session.
    if (run.stdout) expect(oneLine(run).systemMessage).toContain('plugin:vault:vault');
    else expect(run.stderr).toMatch(/took longer than the budget \(\d+ ms from the session's start\)/);
    expect(run.ms).toBeLessThan(10_000);
  });

  it('over its budget it stops the checks, the processes they started too, and stays silent', async () => {
    const { root, pids } = sleepingCopy();
    const runP = runHook(await home('fix-story'), { MCP_DOCTOR_HOOK_BUDGET_MS: '1500' }, root);
    const started = await pidsIn(pids, 2);
    const run = await runP;
    expect(run).toMatchObject({ status: 0, stdout: '' });
    expect(run.stderr).toBe('mcp-doctor hook: the checks took longer than the budget (1500 ms) and were skipped\n');
    expect(started).toHaveLength(2);
    expect(await survivors(started)).toEqual([]);
  });

  it('installed from the marketplace (a copy of the plugin folder alone), runs the copy it carries: no mcp-doctor on PATH, no npx, no network', async () => {
    const out = oneLine(await runHook(await home('fix-story'), { PATH: '/nonexistent', npm_config_cache: tempDir('empty-npm-cache') }, installedCopy()));
    expect(out.systemMessage).toContain('plugin:vault:vault');
  });
});

describe("the MCP server's launcher", () => {
  const launcher = (root: string) => join(root, 'scripts', 'mcp-doctor.mjs');

  it('runs the bundle the plugin carries, also in an installed copy with nothing on PATH', () => {
    for (const root of [pluginRoot, installedCopy()]) {
      const r = spawnSync(process.execPath, [launcher(root), '--version'], { env: { PATH: '/nonexistent', HOME: tempDir('launcher-home') }, encoding: 'utf8' });
      expect(r.stdout.trim(), r.stderr).toBe(version);
      expect(r.status).toBe(0);
    }
    // Nothing anywhere in the plugin names npx or a package to fetch.
    for (const file of ['scripts/mcp-doctor.mjs', 'hooks/session-start.mjs', '.mcp.json', 'hooks/hooks.json']) {
      expect(readFileSync(join(pluginRoot, file), 'utf8'), file).not.toMatch(/npx -y|['"]npx(\.cmd)?['"]|mcp-doctor@(\d|latest)/);
    }
  });

  it('when the bundle is missing, says so in one line on stderr and exits 1', () => {
    const root = installedCopy();
    rmSync(join(root, 'dist'), { recursive: true });
    const r = spawnSync(process.execPath, [launcher(root), 'mcp'], { env: { PATH: TEST_PATH }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^mcp-doctor plugin: \S+\/dist\/mcp-doctor\.mjs is missing: this copy of the plugin is incomplete \(reinstall it: claude plugin update mcp-doctor@mcp-doctor\)\n$/);
  });

  it('when the bundle cannot load, says why in one line', () => {
    const root = installedCopy();
    writeFileSync(join(root, 'dist', 'mcp-doctor.mjs'), 'this is not JavaScript(\n');
    const r = spawnSync(process.execPath, [launcher(root), 'mcp'], { env: { PATH: TEST_PATH }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^mcp-doctor plugin: cannot load \S+mcp-doctor\.mjs: .+\n$/);
  });

  it('ends on SIGTERM (Claude Code ends a server with SIGINT, then SIGTERM)', async () => {
    const child = spawn(process.execPath, [launcher(pluginRoot), 'mcp'], { env: { PATH: TEST_PATH, HOME: tempDir('launcher-home') }, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) + '\n');
    for (let i = 0; i < 200 && !out.includes('"id":1'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(out).toContain('"result":{}');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
