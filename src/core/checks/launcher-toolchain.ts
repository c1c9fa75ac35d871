/**
 * Shell launchers that build or bootstrap on first run (go build, uv sync, npm install …) fail when the
 * toolchain is not on PATH, and Claude Code shows only "Connection closed". A tool the script tests for
 * first (command -v) is a warning: the script may take another path.
 */
import { commandTarget } from '../command/command-target.js';
import { installHints, scanLauncher } from '../command/launcher-scan.js';
import { findOnPath } from '../command/resolve-command.js';
import { isShellScript } from '../command/shebang.js';
import { readText } from '../util/fs-facts.js';
import type { FindingInput } from '../model/types.js';
import { defineCheck } from './define-check.js';
import { runnerRequired } from '../command/requirements.js';


export default defineCheck({
  id: 'launcher-toolchain',
  subject: 'server',
  codes: ['command.toolchain-missing', 'command.runner-required'],
  async run(server, c) {
    const t = await commandTarget(server, c);
    if (!t) return [];
    let script: string | null = null;
    if (t.family === 'shell' && t.scriptPath) script = t.scriptPath;
    else if (t.resolution.path && t.facts?.isFile && (await isShellScript(t.resolution.path))) script = t.resolution.path;
    if (!script) return [];
    const text = await readText(script, 512 * 1024);
    if (!text) return [];
    const out: FindingInput[] = [];
    for (const use of scanLauncher(text)) {
      if (await findOnPath(use.tool, c.ctx.env, c.ctx.platform)) continue;
      // In author mode the machine is not the user's: the toolchain is a requirement to state, not a fault.
      if (c.inventory.mode === 'author') {
        out.push(runnerRequired(use.tool, server, { file: script, line: use.line, column: 1 }, 'launcher'));
        continue;
      }
      out.push({
        code: 'command.toolchain-missing',
        severity: use.guarded ? 'warning' : undefined,
        location: { file: script, line: use.line, column: 1 },
        args: { script, tool: use.tool, scriptLine: use.line, guarded: use.guarded, installHint: installHints[use.tool] },
      });
    }
    return out;
  },
});
