/**
 * `~/x/server.py` or `$HOME/x/server.py`: Claude Code spawns without a shell and expands only `${VAR}`
 * (docs/claude-code-facts.md §9), so `~` as the command is ENOENT and `~` in an argument is a folder named "~" inside
 * the project. Point at the real path when it exists, and at the form Claude Code does expand (`${HOME}/…`).
 */
import { join, resolve } from 'node:path';
import { scriptArgIndex } from '../command/interpreter.js';
import { exists } from '../util/fs-facts.js';
import type { FindingInput } from '../model/types.js';
import { at, defineCheck, stdioCommand } from './define-check.js';

const unexpanded = /^(?:~(?=\/|$)|\$([A-Za-z_][A-Za-z0-9_]*)(?=\/|$))/;

export default defineCheck({
  id: 'unexpanded-path',
  subject: 'server',
  codes: ['config.unexpanded-path'],
  async run(server, c) {
    const site = stdioCommand(server, c);
    if (!site) return [];
    const { doc, command } = site;
    const base = server.source.pointer ?? [];
    const script = scriptArgIndex(command, server.expanded.args);
    const out: FindingInput[] = [];
    const inspect = async (value: string, pointer: (string | number)[], field: string, runs: boolean) => {
      const m = unexpanded.exec(value);
      if (!m) return;
      const variable = m[1];
      const rest = value.slice(m[0].length);
      const real = variable ? c.ctx.env[variable] : c.ctx.homedir;
      const homePath = real ? join(real, rest) : null;
      const found = homePath !== null && (await exists(homePath));
      out.push({
        code: 'config.unexpanded-path',
        // What the program runs (the command, an interpreter's script) fails for sure; another argument is
        // wrong unless the server expands ~ itself, which some do.
        severity: runs ? 'error' : 'warning',
        location: at(doc, pointer),
        args: {
          field,
          value,
          tilde: !variable,
          variable: variable ? `$${variable}` : null,
          resolved: field === 'command' ? null : resolve(c.ctx.cwd, value),
          homePath: found ? homePath : null,
          suggested: `\${${variable ?? 'HOME'}}${rest}`,
          severityNote: runs ? null : 'unless the server expands it itself',
        },
      });
    };
    await inspect(command, [...base, 'command'], 'command', true);
    for (const [i, arg] of server.expanded.args.entries()) await inspect(arg, [...base, 'args', i], `args[${i}]`, i === script);
    return out;
  },
});
