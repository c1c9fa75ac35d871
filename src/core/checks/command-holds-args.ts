/**
 * `"command": "python3 ${CLAUDE_PLUGIN_ROOT}/server.py"`: Claude Code spawns without a shell, so the whole
 * string is the program's name and the spawn fails with ENOENT (docs/claude-code-facts.md §9). When the first word is
 * a program that exists, say so and give the entry with the arguments moved to `args`.
 */
import { splitWords } from '../command/split-words.js';
import { resolveCommand } from '../command/resolve-command.js';
import { exists } from '../util/fs-facts.js';
import { at, defineCheck, stdioCommand } from './define-check.js';

export default defineCheck({
  id: 'command-holds-args',
  subject: 'server',
  codes: ['command.holds-args'],
  async run(server, c) {
    const site = stdioCommand(server, c);
    const raw = server.config.command;
    if (!site || typeof raw !== 'string' || !/\S\s+\S/.test(site.command.trim())) return [];
    const { doc, command } = site;
    // A path with a blank in it ("/Users/Jane Doe/…/server") that exists is just a path.
    const whole = await resolveCommand(command, c.ctx.cwd, c.ctx.env, c.ctx.platform);
    if (whole.path && (await exists(whole.path))) return [];
    const words = splitWords(command);
    const program = words[0];
    if (!program) return [];
    const first = await resolveCommand(program, c.ctx.cwd, c.ctx.env, c.ctx.platform);
    if (!first.path || !(await exists(first.path))) return [];
    // The corrected entry keeps the author's own text (${CLAUDE_PLUGIN_ROOT} and all), not the expanded one.
    const rawWords = splitWords(raw);
    const rawArgs = Array.isArray(server.config.args) ? server.config.args : [];
    const corrected = JSON.stringify({ command: rawWords[0] ?? program, args: [...rawWords.slice(1), ...rawArgs] });
    return [
      {
        code: 'command.holds-args',
        location: at(doc, [...(server.source.pointer ?? []), 'command']),
        args: { command, program, resolved: first.path === program ? null : first.path, corrected },
      },
    ];
  },
});
