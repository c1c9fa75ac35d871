/**
 * On native Windows, `npx` (and npm, pnpm, yarn, bunx) is a `.cmd` script: Windows starts it only through
 * the command shell, and Claude Code's docs ask for `"command": "cmd", "args": ["/c", "npx", …]` on local MCP
 * servers that use it. A warning, not an error: Claude Code's cross-spawn often copes (docs/claude-code-facts.md §9).
 */
import { basename } from 'node:path';
import { findOnPath } from '../command/resolve-command.js';
import { at, defineCheck, stdioCommand } from './define-check.js';

const shims = new Set(['npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'bunx']);

export default defineCheck({
  id: 'windows-cmd-wrapper',
  subject: 'server',
  codes: ['command.windows-cmd-wrapper'],
  async run(server, c) {
    const site = stdioCommand(server, c);
    if (!site || c.ctx.platform !== 'win32') return [];
    const { doc, command } = site;
    const name = basename(command.replace(/\\/g, '/')).toLowerCase().replace(/\.(cmd|bat)$/, '');
    if (!shims.has(name)) return [];
    const resolved = (await findOnPath(command, c.ctx.env, c.ctx.platform)) ?? `${name}.cmd`;
    if (!/\.(cmd|bat)$/i.test(resolved)) return [];
    const corrected = JSON.stringify({ command: 'cmd', args: ['/c', command, ...server.expanded.args] });
    return [{ code: 'command.windows-cmd-wrapper', location: at(doc, [...(server.source.pointer ?? []), 'command']), args: { command, resolved, corrected } }];
  },
});
