#!/usr/bin/env node
/**
 * SessionStart: mcp-doctor's static checks (no server is started) on the setup this session loads, run by
 * the copy of mcp-doctor this plugin carries (../dist/mcp-doctor.mjs; nothing is downloaded). When a server
 * will fail to load, or will not load at all (a plugin Claude Code refuses, a config file it cannot read, an
 * install folder that is gone), one line of JSON as Claude Code reads a hook's output: `systemMessage` for
 * the user and `additionalContext` for Claude, both naming the command to run (/mcp-doctor:mcp-doctor).
 * Silent when all is well, and also when the checks do not finish within the budget (a note on stderr,
 * which Claude Code shows only in verbose mode): a late warning is worth less than a prompt that is not held up.
 *
 * The budget is counted from the session's real start (the start of the Claude Code process that runs this
 * hook, read from /proc where there is one), not from this hook's start: the session's first request to the
 * model leaves 2.2-2.8 s after the hook starts, so the checks may use that much without delaying anything.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const hookStarted = Date.now();
/** From the session's start, in ms; never less than MIN_FROM_HOOK_MS from this hook's own start. */
const BUDGET_FROM_SESSION_MS = 2500;
const MIN_FROM_HOOK_MS = 2000;
const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'mcp-doctor.mjs');

/** Ends without a word to the user. */
function quiet(note) {
  if (note) process.stderr.write(`mcp-doctor hook: ${note}\n`);
  process.exit(0);
}

/** When the process `pid` started, in ms since the epoch (Linux /proc), or null. */
function startedAt(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))[1]);
    return { at: boot * 1000 + ticks * 10, ppid: Number(fields[1]), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) };
  } catch {
    return null;
  }
}

/**
 * The session's start: the nearest ancestor that is not the shell Claude Code runs the hook command in
 * (node ← sh ← claude.exe, measured: docs/claude-code-facts.md §24).
 */
function sessionStart() {
  let pid = process.ppid;
  for (let i = 0; i < 3 && pid > 1; i++) {
    const p = startedAt(pid);
    if (!p) return null;
    if (!/^(sh|bash|dash|zsh|node)$/.test(p.comm)) return p.at;
    pid = p.ppid;
  }
  return null;
}

function deadline() {
  const fixed = Number(process.env.MCP_DOCTOR_HOOK_BUDGET_MS);
  if (fixed > 0) return { at: hookStarted + fixed, what: `${fixed} ms` };
  const session = sessionStart();
  const fromSession = session !== null && session <= hookStarted ? session + BUDGET_FROM_SESSION_MS : 0;
  const at = Math.max(fromSession, hookStarted + MIN_FROM_HOOK_MS);
  return { at, what: `${at - (session ?? hookStarted)} ms from the session's start` };
}

const budget = deadline();
// Claude Code runs hooks in the project folder and names it in $CLAUDE_PROJECT_DIR.
const project = process.env.CLAUDE_PROJECT_DIR || process.cwd();
const child = spawn(process.execPath, [bundle, 'session-start', '--project', project], {
  stdio: ['ignore', 'pipe', 'pipe'],
  // Its own process group, so the budget's kill reaches anything it started.
  detached: process.platform !== 'win32',
  windowsHide: true,
  env: { ...process.env, NO_COLOR: '1' },
});
const out = [];
let err = '';
child.stdout.on('data', (chunk) => out.push(chunk));
child.stderr.on('data', (chunk) => (err += chunk));
child.on('error', (error) => quiet(`cannot start ${bundle}: ${error.message}`));

const timer = setTimeout(() => {
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  quiet(`the checks took longer than the budget (${budget.what}) and were skipped`);
}, Math.max(0, budget.at - Date.now()));

child.on('close', (code) => {
  clearTimeout(timer);
  if (code !== 0) quiet(`mcp-doctor exited with ${code}: ${err.trim().split('\n')[0] ?? ''}`);
  const text = Buffer.concat(out).toString('utf8');
  if (text.trim() === '') quiet();
  try {
    JSON.parse(text);
  } catch {
    quiet('mcp-doctor did not print one JSON line');
  }
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  process.exit(0);
});
