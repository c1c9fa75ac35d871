#!/usr/bin/env node
/**
 * mcp-doctor on the homes of section A of the Claude Code 2.1.332 reference (built by the lab's a-cases.sh under
 * $LAB/A/<case>), against what Claude Code did there: each plugin's load verdict (refused / loads with errors /
 * loads), whether mcp-doctor speaks where Claude Code shows something (and stays quiet where it shows nothing), and
 * that a refused plugin's MCP server is not started. Usage: node scripts/plugin-errors-agreement.mjs <LAB>/A (or <LAB>/X, the homes of fixtures/plugin-errors/measure.sh)
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const { createContext, runDoctor } = await import('../.build/engine.js');
const dir = process.argv[2];
if (!dir || !existsSync(dir)) {
  console.error('usage: plugin-errors-agreement.mjs <LAB>/A   (homes made by claude-code-lab/a-cases.sh)');
  process.exit(2);
}
// Claude Code 2.1.332 per case (section A of the workspace reference): the plugin's load verdict, and whether anything reports a problem
// (validate, plugin list, /plugin, a session). 'not-installed': Claude Code refused the install.
const claude = {
  'lsp-missing': ['loads', true], 'lsp-crash': ['loads', true], 'lsp-ok': ['loads', false], 'lsp-noext': ['not-installed', true],
  'lsp-noext-after': ['refused', true], 'lsp-file-missing': ['loads-with-errors', true], 'hooks-badjson': ['loads-with-errors', true],
  'hooks-nowrap': ['loads-with-errors', true], 'hooks-inline-obj': ['loads', true], 'hooks-inline-nowrap': ['loads', false],
  'hooks-event': ['loads', true], 'hooks-matcher': ['refused', true], 'hooks-matcher-post': ['loads', true], 'hooks-dup': ['loads', false],
  'hooks-path-missing': ['loads-with-errors', true], 'hook-missing': ['loads', true], 'hook-noexec': ['loads', true],
  'cmd-badyaml': ['loads', true], 'cmd-nofm': ['loads', false], 'agent-badyaml': ['loads', true], 'agent-noname': ['loads', false],
  'agent-badmodel': ['loads', false], 'skill-nofm': ['loads', true], 'skill-badyaml': ['loads', true], 'outstyle-missing': ['loads-with-errors', true],
  'cmds-path-missing': ['loads-with-errors', true], 'unknown-key': ['loads', true], 'version-mismatch': ['loads', false], 'same-name': ['loads', false],
  'same-name-srv': ['loads', true], 'manifest-badfield': ['not-installed', true], 'manifest-badfield-after': ['refused', true],
  'manifest-badjson-after': ['refused', true],
  // Measured beyond section A (fixtures/plugin-errors/measure.sh, homes under $LAB/X).
  'lspdot-noext': ['loads', true], 'lspdot-ok': ['loads', false], 'lsp-unknown-key-after': ['refused', true],
  'hooks-nowrap-guard': ['refused', true], 'hooks-array': ['refused', true], 'hook-crlf': ['loads', true], 'hook-program': ['loads', true],
};
let agreeLoad = 0, agreeVoice = 0, agreeMcp = 0, n = 0;
const lines = [];
for (const name of readdirSync(dir).sort()) {
  const expected = claude[name];
  if (!expected) continue;
  const home = join(dir, name, 'home');
  const ctx = createContext({ env: { PATH: join(dir, '..', 'bin'), HOME: home }, cwd: join(dir, name, 'project'), homedir: home });
  const { report } = await runDoctor(ctx, { version: 'lab', probe: true, timeoutMs: 8000 });
  const plugins = report.plugins.filter((p) => p.name === name);
  const load = plugins.length === 0 ? 'not-installed' : [...new Set(plugins.map((p) => p.load.verdict))].join('+');
  const said = report.findings.filter((f) => f.plugin && f.plugin.startsWith(`${name}@`) && f.severity !== 'info' || (f.server ?? '').includes(`:${name}:`) && f.severity !== 'info');
  const refusedStarted = plugins.some((p) => p.load.verdict === 'refused') && report.servers.some((s) => s.plugin?.startsWith(`${name}@`) && s.probe);
  const voice = expected[1] === said.length > 0 || (expected[0] === 'not-installed' && plugins.length === 0);
  // The healthy MCP server every case carries: connected unless Claude Code refused its plugin (then not started).
  const mcp = report.servers.filter((s) => s.kind === 'mcp' && s.plugin?.startsWith(`${name}@`) && s.status !== 'skipped');
  const mcpRight = mcp.every((s) => (expected[0] === 'refused' ? s.status === 'failed' && s.probe === null : s.status === 'ok' || s.status === 'degraded'));
  if (mcpRight) agreeMcp++;
  n++;
  if (load === expected[0] && !refusedStarted) agreeLoad++;
  if (voice) agreeVoice++;
  lines.push(`${load === expected[0] && !refusedStarted ? '✔' : '✘'} ${voice ? '✔' : '✘'}  ${mcpRight ? '✔' : '✘'}  ${name.padEnd(24)} claude: ${expected[0].padEnd(18)} doctor: ${load.padEnd(18)} ${[...new Set(said.map((f) => f.code))].join(', ')}${refusedStarted ? '  (a refused plugin\'s server was started)' : ''}`);
}
console.log('load voice mcp case                     verdicts and codes');
console.log(lines.join('\n'));
console.log(`\nload verdict as Claude Code's: ${agreeLoad}/${n}; speaks exactly where Claude Code shows a problem: ${agreeVoice}/${n}; MCP server verdict as Claude Code's: ${agreeMcp}/${n}`);
