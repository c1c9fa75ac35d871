#!/usr/bin/env node
/**
 * SessionStart: mcp-doctor's static checks (no server is started) on the setup this session loads, within a
 * budget of about a second. Silent when every server is fine, and also when mcp-doctor is not found or does
 * not finish in time (a note on stderr, which Claude Code shows only in verbose mode): a slow or noisy
 * start is worse than no warning. When a server will fail to load, one line of JSON as Claude Code reads a
 * hook's output: `systemMessage`, shown to the user, and `additionalContext`, so Claude knows too.
 * It never downloads anything: see ../scripts/locate-cli.mjs.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateCli } from '../scripts/locate-cli.mjs';

const started = performance.now();
const budgetMs = Number(process.env.MCP_DOCTOR_HOOK_BUDGET_MS) || 1000;
const pluginRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Ends without a word to the user. */
function quiet(note) {
  if (note) process.stderr.write(`mcp-doctor hook: ${note}\n`);
  process.exit(0);
}

const cli = locateCli(pluginRoot, process.env);
if (!cli) quiet('mcp-doctor was not found (npm i -g mcp-doctor; the plugin MCP server also fetches it once with npx)');

// Claude Code runs hooks in the project folder and names it in $CLAUDE_PROJECT_DIR.
const project = process.env.CLAUDE_PROJECT_DIR || process.cwd();
const child = spawn(cli.command, [...cli.args, '--json', '--no-probe', '--project', project], {
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
child.on('error', (error) => quiet(`cannot start mcp-doctor (${cli.from}): ${error.message}`));

const timer = setTimeout(() => {
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  quiet(`the checks took longer than ${budgetMs} ms and were skipped`);
}, Math.max(0, budgetMs - (performance.now() - started)));

child.on('close', (code) => {
  clearTimeout(timer);
  // 0: nothing wrong, 1: findings; anything else is mcp-doctor's own trouble, not the user's servers.
  if (code !== 0 && code !== 1) quiet(`mcp-doctor exited with ${code}: ${err.trim().split('\n')[0] ?? ''}`);
  let report;
  try {
    report = JSON.parse(Buffer.concat(out).toString('utf8'));
  } catch {
    quiet('mcp-doctor did not print a report');
  }
  const failed = (report.servers ?? []).filter((s) => s.status === 'failed');
  if (failed.length === 0) quiet();
  process.stdout.write(JSON.stringify(hookOutput(report, failed)) + '\n');
  process.exit(0);
});

/** `vault/db` for a plugin's server (what `mcp-doctor --server` takes), the name for the user's own. */
function label(report, server) {
  const plugin = report.plugins?.find((p) => p.id === server.plugin);
  return plugin ? `${plugin.name}/${server.name}` : server.name;
}

function hookOutput(report, failed) {
  const names = failed.map((s) => label(report, s));
  const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  const count = failed.length === 1 ? '1 MCP server will fail to load' : `${failed.length} MCP servers will fail to load`;
  const causes = failed.map((s) => `${label(report, s)} (${s.findings.filter((f) => f.severity === 'error' && !f.causedBy).map((f) => f.code).join(', ') || 'error'})`);
  return {
    systemMessage: `mcp-doctor: ${count}: ${shown}. Run mcp-doctor in a terminal, or /mcp-doctor here, to see why and how to fix it.`,
    hookSpecificOutput: {
      hookEventName: 'SessionStart',
      additionalContext:
        `mcp-doctor's checks at session start found MCP servers that will fail to load: ${causes.join('; ')}. ` +
        'The user was told. If they ask about it, the mcp-doctor MCP server (diagnose, explain, fix_plan) gives the cause and the fix.',
    },
  };
}
