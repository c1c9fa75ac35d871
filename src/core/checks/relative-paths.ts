/**
 * A plugin server's relative command or argument resolves against the user's project folder (Claude Code
 * sets no cwd), not the plugin root. Project-scope configs are left alone: there the project *is* the base.
 */
import { resolve } from 'node:path';
import type { FindingInput } from '../types.js';
import { at, defineCheck } from './define-check.js';

const relative = (v: string) => v.startsWith('./') || v.startsWith('../');

export default defineCheck({
  id: 'relative-paths',
  subject: 'server',
  codes: ['config.relative-path'],
  run(server, c) {
    if (server.transport !== 'stdio' || (server.scope !== 'plugin' && server.scope !== 'author')) return [];
    const doc = c.document(server.source.file);
    if (!doc) return [];
    const base = server.source.pointer ?? [];
    const out: FindingInput[] = [];
    const flag = (value: string, pointer: (string | number)[], field: string) => {
      out.push({
        code: 'config.relative-path',
        location: at(doc, pointer),
        args: { field, value, resolved: resolve(c.ctx.cwd, value), suggested: value.replace(/^\.\//, '') },
      });
    };
    const cmd = server.expanded.command;
    if (cmd && relative(cmd)) flag(cmd, [...base, 'command'], 'command');
    server.expanded.args.forEach((a, i) => {
      if (relative(a)) flag(a, [...base, 'args', i], `args[${i}]`);
    });
    return out;
  },
});
