/** The plain text report's --quiet and --verbose, and command lines that paste into a shell as they read. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approveProjectServers, repoRoot, runCli } from './helpers/run-cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('--quiet and --verbose', () => {
  const demo = (...args: string[]) => runCli(['--demo', '--no-probe', '--format', 'text', ...args], { cwd: repoRoot, env: { HOME: '/nonexistent' } });

  it('--quiet lists only the servers with problems, and no info findings', () => {
    const normal = demo();
    const quiet = demo('--quiet');
    expect(normal.stdout).toMatch(/^\s+✔ notes /m);
    expect(quiet.stdout).not.toMatch(/✔|○/);
    expect(quiet.stdout).toMatch(/^\s+✘ vault /m);
    expect(quiet.stdout).not.toMatch(/^\s+info /m);
    expect(quiet.stdout).not.toContain('Plugin legacy@demo-market');
    // Same verdict and exit code: only what is shown changes.
    expect(quiet.stdout.split('\n').filter((l) => l.startsWith('9 MCP servers'))).toEqual(normal.stdout.split('\n').filter((l) => l.startsWith('9 MCP servers')));
    expect(quiet.status).toBe(normal.status);
  });

  it("--verbose adds how each server is started, healthy ones included", () => {
    const r = demo('--verbose');
    expect(r.stdout).toMatch(/✔ notes [^\n]*\n(?:.*\n)*?\s+started as: python3 ~\/\.claude\/plugins\/cache\/demo-market\/notes\/1\.0\.0\/server\.py {2}\(cwd /);
    // An unset ${VAR} is shown as what the server receives, not as the shape of a secret.
    expect(r.stdout).toMatch(/env SEARCH_API_KEY=\$\{SEARCH_API_KEY\} «not set: passed as written»/);
  });

  it('--quiet with --verbose is a usage error', () => {
    const r = demo('--quiet', '--verbose');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('mcp-doctor: --quiet and --verbose ask for opposite things; choose one\n');
  });
});

describe('command lines are shell-quoted', () => {
  it('a "run it by hand" line pastes and runs as it reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-doctor-quote-'));
    dirs.push(dir);
    writeFileSync(join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { spaced: { command: 'sh', args: ['-c', "echo 'it broke' >&2; exit 4"] } } }));
    approveProjectServers(dir);
    const r = runCli(['--format', 'text', '--timeout', '10s'], { cwd: dir, env: { HOME: dir } });
    expect(r.stdout).toContain(`✘ spaced  sh -c 'echo '\\''it broke'\\'' >&2; exit 4'`);
    expect(r.stdout).toContain(`Run it by hand to see the whole error: sh -c 'echo '\\''it broke'\\'' >&2; exit 4'`);
  });
});
