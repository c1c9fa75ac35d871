/** `mcp-doctor undo`: reverts the last applied fix, after showing what it will revert and asking (or --yes). */
import { createContext } from '../../core/model/context.js';
import { describeChange } from '../../core/fix/describe.js';
import { undoLast, undoPreview } from '../../core/fix/undo.js';
import { safeLine } from '../../core/util/safe-text.js';
import { ExitCode } from '../exit-code.js';
import { say, write } from '../output.js';
import { canAsk, confirm } from '../prompt.js';
import { homeShortener } from '../../render/style.js';

export async function undo(opts: { yes?: boolean }): Promise<number> {
  const ctx = createContext();
  const short = homeShortener(ctx.homedir);
  const show = (t: string) => safeLine(short(t));
  const preview = await undoPreview(ctx);
  if (!preview) {
    await write('Nothing to undo: no fix by mcp-doctor is waiting to be reverted.\n');
    return ExitCode.ok;
  }
  const n = preview.entries.length;
  await write(`The fix of ${preview.createdAt} made ${n} change${n === 1 ? '' : 's'}:\n${preview.entries.map((e) => `  ${show(describeChange(e.fix))}${e.status === 'pending' ? ' (interrupted)' : ''}\n`).join('')}`);
  if (!opts.yes) {
    if (!canAsk()) {
      await say('undo needs --yes when not run in a terminal (nothing was changed)');
      return ExitCode.usage;
    }
    if (!(await confirm(`Revert ${n === 1 ? 'it' : `all ${n}`}?`))) {
      await say('nothing was changed');
      return ExitCode.ok;
    }
  }
  const result = await undoLast(ctx);
  for (const o of result.outcomes) {
    const mark = o.status === 'undone' ? '↩' : o.status === 'left' ? '-' : '✘';
    await write(`  ${mark} ${show(describeChange(o.entry.fix))}${o.note ? ` — ${show(o.note)}` : ''}\n`);
  }
  const left = result.outcomes.filter((o) => o.status !== 'undone').length;
  await write(left === 0 ? 'Reverted.\n' : `Reverted ${result.outcomes.length - left} of ${result.outcomes.length}; the rest were left alone.\n`);
  return result.outcomes.some((o) => o.status === 'failed') ? ExitCode.problems : ExitCode.ok;
}
