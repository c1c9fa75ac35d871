/** Runs the built CLI (dist/) as a real child process in a materialized fixture home. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { materializeFixture } from '../../src/demo/materialize.js';
import type { Report } from '../../src/core/model/types.js';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const cliPath = join(repoRoot, 'dist', 'cli', 'main.js');
export const casesDir = join(repoRoot, 'fixtures', 'cases');

/** The PATH tests run under: node, python3, sh and bash, and no go, cargo or uv. */
export const TEST_PATH = '/usr/bin:/bin';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string> }): CliResult {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: opts.cwd,
    env: { PATH: TEST_PATH, ...opts.env },
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface FixtureHome {
  root: string;
  home: string;
  project: string;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

export async function fixtureHome(name: string): Promise<FixtureHome> {
  const { root, cleanup } = await materializeFixture(join(casesDir, name));
  const home = join(root, 'home');
  const project = existsSync(join(root, 'project')) ? join(root, 'project') : root;
  return { root, home, project, env: { HOME: home, XDG_CACHE_HOME: join(home, '.cache') }, cleanup };
}

export function runJson(args: string[], fx: FixtureHome, env: Record<string, string> = {}): { report: Report; result: CliResult } {
  const result = runCli(['--json', '--no-probe', ...args], { cwd: fx.project, env: { ...fx.env, ...env } });
  let report: Report;
  try {
    report = JSON.parse(result.stdout) as Report;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${result.status}):\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
  }
  return { report, result };
}

/** Like runCli, without blocking this process (needed when the test itself serves HTTP to the CLI). */
export function runCliAsync(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: opts.cwd, env: { PATH: TEST_PATH, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * Approves every project `.mcp.json` server in the user settings of `home`, as a user does the first time
 * Claude Code asks: without it Claude Code (and mcp-doctor) leave them pending and never start them.
 */
export function approveProjectServers(home: string): void {
  mkdirSync(join(home, '.claude'), { recursive: true });
  writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify({ enableAllProjectMcpServers: true }));
}
