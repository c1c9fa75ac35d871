/**
 * Before `--fix` changes anything, it finishes what an interrupted one left: each change still pending in a
 * journal (the doctor was killed, or the power went) is rolled back through its applier, which also removes
 * the temporaries it recorded (a half-made link, a staging venv); a damaged journal is named, not skipped.
 * Returns one line per thing done or found, for the caller to show.
 */
import type { DoctorContext } from '../model/context.js';
import { describeChange } from './describe.js';
import { listJournals, sweepStrayTemps } from './journal-list.js';
import { FixLock } from './lock.js';
import { revertJournal } from './undo.js';

export async function recoverInterrupted(ctx: DoctorContext): Promise<{ lines: string[]; changed: boolean }> {
  const all = await listJournals(ctx);
  const lines: string[] = [];
  const swept = await sweepStrayTemps(ctx);
  if (swept > 0) lines.push(`removed ${swept} temporary file${swept === 1 ? '' : 's'} an interrupted run left beside the undo journals`);
  let changed = false;
  for (const l of all.filter((j) => j.state === 'damaged')) {
    lines.push(`the undo journal ${l.file} is damaged (${l.damage}); \`mcp-doctor undo --list\` shows it`);
  }
  const interrupted = all.filter((j) => j.state === 'interrupted');
  if (interrupted.length === 0) return { lines, changed };
  const lock = await FixLock.acquire(ctx, 'recovering an interrupted fix');
  try {
    for (const l of interrupted) {
      const outcomes = await revertJournal(ctx, l.journal!, (e) => e.status === 'pending');
      for (const o of outcomes) {
        changed ||= o.status === 'undone';
        const what = o.status === 'undone' ? 'rolled back' : o.status === 'left' ? 'left alone' : 'could not be rolled back';
        lines.push(`an interrupted change of the fix ${l.id} ${what}: ${describeChange(o.entry.fix)}${o.note ? ` (${o.note})` : ''}`);
      }
    }
  } finally {
    await lock.release();
  }
  return { lines, changed };
}
