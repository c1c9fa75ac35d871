#!/usr/bin/env node
/**
 * Runs the mcp-doctor CLI this plugin drives (found by locate-cli.mjs, downloaded with npx as a last resort)
 * with the arguments given; the plugin's MCP server is `mcp-doctor.mjs mcp`. The CLI inherits stdin, stdout
 * and stderr, so the MCP stream passes straight through and the CLI sees stdin close when Claude Code closes
 * it; signals are passed on, and the CLI's exit is this script's exit.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateCli } from './locate-cli.mjs';

const pluginRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = locateCli(pluginRoot, process.env, { download: true });
const child = spawn(cli.command, [...cli.args, ...process.argv.slice(2)], { stdio: 'inherit', shell: cli.shell ?? false, windowsHide: true });
child.on('error', (error) => {
  process.stderr.write(`mcp-doctor plugin: cannot start the mcp-doctor CLI (${cli.from}: ${cli.command}): ${error.message}\n`);
  process.exit(127);
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
