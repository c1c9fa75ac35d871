/**
 * The fix journal: every change is recorded with the state it replaces *before* it is made, so `undo` can
 * revert an applied plan exactly and complete one that was interrupted. One JSON file per applied plan in
 * `${XDG_CACHE_HOME:-~/.cache}/mcp-doctor/journal/`, rewritten atomically after every step, plus a folder of
 * the same name holding what a change displaced (a script's old bytes, a broken venv moved aside).
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../util/usage-error.js';
import { cacheHome, type DoctorContext } from '../model/context.js';
import type { FixPlan } from '../model/types.js';

export type EntryStatus = 'pending' | 'applied' | 'failed' | 'undone' | 'left';

/** Facts about a path at one moment, as each applier records them (link text, mode, hash, inode …). */
export type PathState = Record<string, string | number | boolean | null>;

export interface JournalEntry {
  id: string;
  fix: FixPlan;
  code: string;
  server: string | null;
  status: EntryStatus;
  before: PathState;
  /** What the change will leave, recorded before it is made (see Applier.expect). */
  expected?: PathState;
  after?: PathState;
  /** Why it failed, or why undo left it alone. */
  note?: string;
}

export interface JournalData {
  version: 1;
  tool: 'mcp-doctor';
  createdAt: string;
  entries: JournalEntry[];
}

export function journalDir(ctx: DoctorContext): string {
  return join(cacheHome(ctx), 'mcp-doctor', 'journal');
}

export class Journal {
  private constructor(
    readonly file: string,
    /** Where displaced files and folders are kept. */
    readonly backupDir: string,
    readonly data: JournalData,
  ) {}

  /** A new journal; nothing is written until the first entry begins. */
  static create(ctx: DoctorContext): Journal {
    const stamp = ctx.now().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${randomBytes(3).toString('hex')}`;
    const dir = journalDir(ctx);
    return new Journal(join(dir, `${name}.json`), join(dir, name), { version: 1, tool: 'mcp-doctor', createdAt: ctx.now().toISOString(), entries: [] });
  }

  static async open(file: string): Promise<Journal> {
    const data = JSON.parse(await readFile(file, 'utf8')) as JournalData;
    return new Journal(file, file.replace(/\.json$/, ''), data);
  }

  async ensureBackupDir(): Promise<string> {
    await this.makeDir();
    await mkdir(this.backupDir, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    return this.backupDir;
  }

  /** Records a change as pending, with the state it replaces, before it is made. */
  async begin(entry: Omit<JournalEntry, 'status'>): Promise<JournalEntry> {
    const recorded: JournalEntry = { ...entry, status: 'pending' };
    this.data.entries.push(recorded);
    await this.save();
    return recorded;
  }

  async settle(entry: JournalEntry, status: EntryStatus, fields: { after?: PathState; note?: string } = {}): Promise<void> {
    entry.status = status;
    if (fields.after) entry.after = fields.after;
    if (fields.note !== undefined) entry.note = fields.note;
    await this.save();
  }

  /**
   * The journal folder is the user's alone (it may hold a script's old bytes); its parents get the usual mode.
   * Made one level at a time: a recursive mkdir under a folder that is not a real one (/proc) never returns.
   */
  private async makeDir(): Promise<void> {
    const dir = join(this.file, '..');
    const missing: string[] = [];
    for (let d = dir; !(await stat(d).catch(() => null)); d = dirname(d)) {
      if (dirname(d) === d) break;
      missing.unshift(d);
    }
    for (const d of missing) {
      await mkdir(d, { mode: d === dir ? 0o700 : 0o777 }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      });
    }
  }

  /**
   * Before the first change: the journal can be written, or nothing is changed at all (a change without its
   * record could not be undone).
   */
  async ready(): Promise<void> {
    try {
      await this.makeDir();
      await access(join(this.file, '..'), constants.W_OK);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      throw new UsageError(`--fix keeps an undo journal in ${join(this.file, '..')}, which cannot be written (${reason}); nothing was changed. Set XDG_CACHE_HOME to a folder you can write.`);
    }
  }

  /** Written to a temporary file and renamed, so a crash never leaves half a journal. */
  async save(): Promise<void> {
    await this.makeDir();
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(this.data, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, this.file);
  }

  /** Something that undo could still revert: an applied change, or one interrupted while pending. */
  hasRevertible(): boolean {
    return this.data.entries.some((e) => e.status === 'applied' || e.status === 'pending');
  }
}

/**
 * The journal of the last fix that changed something (one whose changes all failed and were rolled back
 * does not count), or null. Undo is one level deep: once that journal is reverted, undo has nothing to do.
 */
export async function latestJournal(ctx: DoctorContext): Promise<Journal | null> {
  let names: string[];
  try {
    names = (await readdir(journalDir(ctx))).filter((n) => n.endsWith('.json')).sort().reverse();
  } catch {
    return null;
  }
  for (const name of names) {
    try {
      const journal = await Journal.open(join(journalDir(ctx), name));
      if (journal.data.entries.some((e) => e.status !== 'failed')) return journal;
    } catch {
      /* an unreadable journal is skipped, not fatal */
    }
  }
  return null;
}
