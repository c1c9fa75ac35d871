#!/usr/bin/env node
/**
 * Starts the mcp-doctor this plugin carries (../dist/mcp-doctor.mjs, one file built by `npm run build`) in
 * this very process, with the `node` Claude Code runs its other servers with: the plugin's MCP server is
 * `mcp-doctor.mjs mcp`. Nothing is looked up on PATH or in npx's cache and nothing is downloaded, so it works
 * offline right after install and never runs code nobody pinned. When it cannot start, stderr says why in
 * one line (Claude Code keeps a server's stderr in its MCP log) and the exit code is 1.
 * Written for old Node versions too, so that a Node too old for the bundle still gets that one line.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

var MIN_NODE = [20, 5];
var bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'mcp-doctor.mjs');

function fail(why) {
  process.stderr.write('mcp-doctor plugin: ' + why + '\n');
  process.exit(1);
}

var have = process.versions.node.split('.').map(Number);
if (have[0] < MIN_NODE[0] || (have[0] === MIN_NODE[0] && have[1] < MIN_NODE[1])) {
  fail('needs Node ' + MIN_NODE.join('.') + ' or newer, but ' + process.execPath + ' is ' + process.version + ' (install a newer Node, or put it first on the PATH Claude Code starts servers with)');
}
if (!existsSync(bundle)) fail(bundle + ' is missing: this copy of the plugin is incomplete (reinstall it: claude plugin update mcp-doctor@mcp-doctor)');
try {
  await import(pathToFileURL(bundle).href);
} catch (error) {
  fail('cannot load ' + bundle + ': ' + String((error && error.message) || error).split('\n')[0]);
}
