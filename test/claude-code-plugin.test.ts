/**
 * The mcp-doctor plugin inside the real Claude Code (only with CLAUDE_BIN set to its binary; skipped with
 * the reason otherwise). Everything runs offline in a fresh network namespace (`unshare -n`, loopback only),
 * in a scratch HOME holding the 41-server fixture world, with a PATH that has node and a shell but no
 * mcp-doctor and no npx, and no npm cache:
 * - the marketplace is a copy of what git holds of `.claude-plugin/` and `plugins/mcp-doctor/` (no
 *   package.json, no dist/ of the CLI, no node_modules around it), added with `claude plugin marketplace add`
 *   and installed with `claude plugin install`;
 * - `claude mcp list` shows the plugin's server connected;
 * - a `claude -p` session against a stand-in model API on loopback ($FAKE_API, default the lab's
 *   fake-api.mjs) calls `diagnose`; the request Claude Code then sends to the model is read back: the tool
 *   result it forwards must hold every failing server's root cause in its first 2,000 characters and stay
 *   under 10,000; the SessionStart hook's warning must be in the session's stream.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAILING, makeWorld41 } from '../scripts/bench/world41.mjs';
import { repoRoot } from './helpers/run-cli.js';

const claude = process.env.CLAUDE_BIN;
const fakeApi = process.env.FAKE_API ?? join(repoRoot, '..', 'shared', 'claude-code-lab', 'servers', 'fake-api.mjs');
const unshare = spawnSync('unshare', ['-n', 'true']).status === 0;
const skip = !claude ? 'CLAUDE_BIN is not set (the path of a Claude Code binary)' : !existsSync(fakeApi) ? `no stand-in model API at ${fakeApi} (set FAKE_API)` : !unshare ? 'unshare -n is not available here' : null;
if (skip) console.warn(`claude-code-plugin.test.ts skipped: ${skip}`);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A PATH with node, a shell and coreutils only: no mcp-doctor, no npm, no npx. */
function smallPath(root: string): string {
  const bin = join(root, 'bin');
  mkdirSync(bin);
  for (const tool of ['node', 'sh', 'bash', 'env', 'cat', 'ls', 'mkdir', 'rm', 'cp', 'mv', 'git', 'uname', 'dirname', 'basename', 'sed', 'grep', 'head', 'tail', 'tr', 'which', 'id', 'date']) {
    for (const dir of ['/usr/local/bin', '/usr/bin', '/bin']) {
      if (existsSync(join(dir, tool))) {
        symlinkSync(join(dir, tool), join(bin, tool));
        break;
      }
    }
  }
  return bin;
}

/** Runs a shell script in a fresh network namespace (loopback up), with exactly `env`. */
function offline(script: string, env: Record<string, string>, cwd: string, timeoutMs = 240_000) {
  return spawnSync('/usr/bin/unshare', ['-n', '/bin/sh', '-c', `/usr/sbin/ip link set lo up; ${script}`], { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
}

describe.skipIf(!!skip)('the plugin in the real Claude Code (CLAUDE_BIN)', () => {
  it('installs offline from a clone, its MCP server connects, and a session gets diagnose\'s root causes', () => {
    const world = makeWorld41('mcp-doctor-cc-');
    dirs.push(world.root);
    const path = smallPath(world.root);
    const mkt = join(world.root, 'mcp-doctor-marketplace');
    mkdirSync(mkt);
    // What git holds of the marketplace and its plugin, nothing else of the repository.
    execFileSync('sh', ['-c', `git -C "${repoRoot}" archive HEAD .claude-plugin plugins/mcp-doctor | tar -x -C "${mkt}"`]);
    expect(existsSync(join(mkt, 'plugins', 'mcp-doctor', 'dist', 'mcp-doctor.mjs'))).toBe(true);
    expect(existsSync(join(mkt, 'package.json'))).toBe(false);
    const base = {
      HOME: world.home,
      PATH: path,
      TERM: 'dumb',
      LANG: 'C.UTF-8',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_ERROR_REPORTING: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    };
    const cc = (args: string) => offline(`exec "${claude}" ${args}`, base, world.project);

    const add = cc(`plugin marketplace add "${mkt}"`);
    expect(add.status, add.stdout + add.stderr).toBe(0);
    const install = cc('plugin install mcp-doctor@mcp-doctor');
    expect(install.status, install.stdout + install.stderr).toBe(0);
    expect(existsSync(join(world.home, '.npm'))).toBe(false);

    const list = cc('mcp list');
    const line = list.stdout.split('\n').find((l) => l.startsWith('plugin:mcp-doctor:mcp-doctor'));
    expect(line, list.stdout + list.stderr).toMatch(/✔/);

    // A session: the stand-in model searches for the tool, calls diagnose, then ends the turn.
    const requests = join(world.root, 'requests');
    const session = offline(
      `node "${fakeApi}" 47991 "${requests}" >/dev/null 2>&1 & api=$!; sleep 0.7; ` +
        `env ANTHROPIC_BASE_URL=http://127.0.0.1:47991 ANTHROPIC_API_KEY=sk-ant-fake-not-a-key "${claude}" -p "Why do my MCP servers fail?" ` +
        `--output-format stream-json --verbose --allowedTools mcp__plugin_mcp-doctor_mcp-doctor__diagnose; r=$?; kill $api; exit $r`,
      { ...base, FAKE_TOOL_SUFFIX: '__diagnose', FAKE_TOOL_INPUT: '{}' },
      world.project,
    );
    writeFileSync(join(tmpdir(), 'mcp-doctor-cc-session.jsonl'), session.stdout);
    expect(session.status, session.stderr.slice(-2000)).toBe(0);
    // The hook's warning reached the session.
    expect(session.stdout).toContain('/mcp-doctor:mcp-doctor');

    // What Claude Code sent the model after the tool ran: the tool result as the model reads it.
    const results: string[] = [];
    for (const file of readdirSync(requests).sort()) {
      let body: { messages?: { content?: unknown }[] };
      try {
        body = JSON.parse(readFileSync(join(requests, file), 'utf8'));
      } catch {
        continue;
      }
      for (const m of body.messages ?? []) {
        for (const c of Array.isArray(m.content) ? (m.content as { type: string; content?: unknown }[]) : []) {
          if (c.type !== 'tool_result') continue;
          const text = typeof c.content === 'string' ? c.content : Array.isArray(c.content) ? (c.content as { text?: string }[]).map((x) => x.text ?? '').join('') : '';
          if (text.includes('MCP servers in')) results.push(text);
        }
      }
    }
    expect(results.length, `no diagnose result in ${readdirSync(requests).join(', ')}`).toBeGreaterThan(0);
    const forwarded = results.at(-1)!;
    writeFileSync(join(tmpdir(), 'mcp-doctor-cc-forwarded.txt'), forwarded);
    expect(forwarded.length).toBeLessThan(10_000);
    for (const [server, code] of Object.entries(FAILING)) expect(forwarded.slice(0, 2_000), server).toContain(`${server}: ${code}`);
  }, 600_000);
});
