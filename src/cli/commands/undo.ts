/**
 * `mcp-doctor undo [id]`: reverts the most recent applied fix (or the one named), after showing what it will
 * revert and asking (or --yes); run again, it reverts the one before. `undo --list` shows every journal with
 * its state. Holds the fix lock while it changes anything.
 */
import { createContext } from '../../core/model/context.js';
import { describeChange } from '../../core/fix/describe.js';
import { listJournals } from '../../core/fix/journal-list.js';
import { FixLock } from '../../core/fix/lock.js';
import { undoLast, undoPreview } from '../../core/fix/undo.js';
import { safeLine } from '../../core/util/safe-text.js';
import { ExitCode } from '../exit-code.js';
import { say, write } from '../output.js';
import { canAsk, confirm } from '../prompt.js';
import { homeShortener } from '../../render/style.js';

export async function undo(opts: { yes?: boolean; list?: boolean; id?: string }): Promise<number> {
  const ctx = createContext();
  const short = homeShortener(ctx.homedir);
  const show = (t: string) => safeLine(short(t));
  if (opts.list) {
    const all = await listJournals(ctx);
    if (all.length === 0) {
      await write('No fixes by mcp-doctor are recorded.\n');
      return ExitCode.ok;
    }
    for (const l of all) {
      const when = l.journal?.data.createdAt ?? '?';
      await write(`${l.id}  ${when}  ${l.state}\n`);
      if (l.journal) for (const e of l.journal.data.entries) await write(`    ${e.status.padEnd(7)} ${show(describeChange(e.fix))}${e.note ? ` — ${show(e.note)}` : ''}\n`);
      else await write(`    ${show(l.file)}: ${show(l.damage ?? 'damaged')}\n`);
    }
    return ExitCode.ok;
  }
  const preview = await undoPreview(ctx, opts.id);
  if (!preview) {
    await write(opts.id ? `Nothing to undo in ${show(opts.id)}: its changes were reverted or never made.\n` : 'Nothing to undo: no fix by mcp-doctor is waiting to be reverted.\n');
    return ExitCode.ok;
  }
  const n = preview.entries.length;
  await write(`The fix of ${preview.createdAt} (${preview.id}) made ${n} change${n === 1 ? '' : 's'}:\n${preview.entries.map((e) => `  ${show(describeChange(e.fix))}${e.status === 'pending' ? ' (interrupted)' : ''}\n`).join('')}`);
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
  const lock = await FixLock.acquire(ctx, 'undo');
  let result;
  try {
    result = await undoLast(ctx, preview.id);
  } finally {
    await lock.release();
  }
  for (const o of result.outcomes) {
    const mark = o.status === 'undone' ? '↩' : o.status === 'left' ? '-' : '✘';
    await write(`  ${mark} ${show(describeChange(o.entry.fix))}${o.note ? ` — ${show(o.note)}` : ''}\n`);
  }
  const left = result.outcomes.filter((o) => o.status !== 'undone').length;
  await write(left === 0 ? 'Reverted.\n' : `Reverted ${result.outcomes.length - left} of ${result.outcomes.length}; the rest were left alone.\n`);
  return result.outcomes.some((o) => o.status === 'failed') ? ExitCode.problems : ExitCode.ok;
}
