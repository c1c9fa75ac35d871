/**
 * A plugin server's relative command or argument resolves against the user's project folder (Claude Code
 * sets no cwd), not the plugin root. Project-scope configs are left alone: there the project *is* the base.
 * When the file is missing in the project but exists in the plugin, that is the whole story: an error naming the
 * plugin's file, which also covers an interpreter's bare script argument (`python3 server.py`).
 */
import { isAbsolute, resolve } from 'node:path';
import { scriptArgIndex } from '../command/interpreter.js';
import { exists } from '../util/fs-facts.js';
import type { FindingInput } from '../model/types.js';
import { at, defineCheck } from './define-check.js';

const dotted = (v: string) => v.startsWith('./') || v.startsWith('../');
/** A bare relative path worth looking for: not a flag, a URL, a variable, `~` or inline code. */
const pathLike = (v: string) => v.length > 0 && !isAbsolute(v) && !/^[-~$]/.test(v) && !v.includes('://') && !/[\s${}]/.test(v);

export default defineCheck({
  id: 'relative-paths',
  subject: 'server',
  codes: ['config.relative-path'],
  async run(server, c) {
    if (server.transport !== 'stdio' || (server.scope !== 'plugin' && server.scope !== 'author')) return [];
    const doc = c.document(server.source.file);
    if (!doc) return [];
    const base = server.source.pointer ?? [];
    const out: FindingInput[] = [];
    const inspect = async (value: string, pointer: (string | number)[], field: string, scriptArg: boolean) => {
      if (!dotted(value) && !(scriptArg && pathLike(value))) return;
      const resolved = resolve(c.ctx.cwd, value);
      const inPlugin = server.root ? resolve(server.root, value) : null;
      const onlyInPlugin = inPlugin !== null && inPlugin !== resolved && !(await exists(resolved)) && (await exists(inPlugin));
      // A bare script name is only worth a word when the plugin really has that file.
      if (!dotted(value) && !onlyInPlugin) return;
      out.push({
        code: 'config.relative-path',
        severity: onlyInPlugin ? 'error' : undefined,
        location: at(doc, pointer),
        args: { field, value, resolved, suggested: value.replace(/^\.\//, ''), pluginFile: onlyInPlugin ? inPlugin : null },
      });
    };
    const cmd = server.expanded.command;
    if (cmd) await inspect(cmd, [...base, 'command'], 'command', false);
    const script = cmd ? scriptArgIndex(cmd, server.expanded.args) : -1;
    for (const [i, a] of server.expanded.args.entries()) await inspect(a, [...base, 'args', i], `args[${i}]`, i === script);
    return out;
  },
});
