/**
 * The fix journal: every change is recorded with the state it replaces, and the temporaries it is about to
 * make, *before* it is made, and marked done after its atomic switch, so at every instant either the old
 * state or the new one is in place and the journal knows which. One JSON file per applied fix (a `--fix`
 * run, or one fix from the live view) in `${XDG_CACHE_HOME:-~/.cache}/mcp-doctor/journal/`, rewritten
 * atomically and synced after every step, plus a folder of the same name holding what a change displaced
 * (a script's old bytes, a broken venv moved aside). The journals form a stack: `undo` reverts the newest
 * one with something left to revert, again and again.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../util/usage-error.js';
import { cacheHome, type DoctorContext } from '../model/context.js';
import type { FixPlan } from '../model/types.js';

export type EntryStatus = 'pending' | 'applied' | 'failed' | 'undone' | 'left';
const statuses: readonly EntryStatus[] = ['pending', 'applied', 'failed', 'undone', 'left'];

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
  /** Temporaries (a sibling file, a staging folder) recorded before they are made; recovery removes them. */
  temps?: string[];
  /** What the change wrote, path → fingerprint, recorded before its switch: undo takes back exactly this. */
  manifest?: Record<string, string>;
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

/** Out of space (or quota): the caller stops before the next change, or rolls back what it made. */
export function isNoSpace(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** The refusal before any change when the journal (or the lock beside it) cannot be written. */
export function unwritableJournal(where: string, error: unknown): UsageError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
  return new UsageError(`--fix keeps an undo journal in ${where}, which cannot be written (${reason}); nothing was changed. Set XDG_CACHE_HOME to a folder you can write${isNoSpace(error) ? ', or free some space' : ''}.`);
}

/** A journal that cannot be read or is not one this version understands: named, never skipped silently. */
export class JournalDamaged extends UsageError {
  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(`the undo journal ${file} is damaged (${why})`);
  }
}

/** Writes a file and its folder entry to the disk before returning: a power loss keeps one or the other. */
async function writeSynced(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}-${randomBytes(3).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDir(dirname(file));
}

export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* not every platform can sync a folder; the rename is still atomic */
  }
}

function validate(file: string, data: unknown): JournalData {
  const fail = (why: string): never => {
    throw new JournalDamaged(file, why);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('not a JSON object');
  const d = data as Partial<JournalData>;
  if (d.tool !== 'mcp-doctor' || d.version !== 1) fail('not an mcp-doctor journal of version 1');
  if (typeof d.createdAt !== 'string') fail('no createdAt');
  if (!Array.isArray(d.entries)) fail('"entries" is not a list');
  d.entries!.forEach((e, i) => {
    const at = `entry ${i + 1}`;
    if (typeof e !== 'object' || e === null) fail(`${at} is not an object`);
    if (typeof e.id !== 'string' || !statuses.includes(e.status)) fail(`${at} has no id or an unknown status`);
    if (typeof e.before !== 'object' || e.before === null) fail(`${at} has no recorded state`);
    if (typeof e.fix !== 'object' || e.fix === null) fail(`${at} has no fix`);
  });
  return d as JournalData;
}

export class Journal {
  private constructor(
    readonly file: string,
    /** Where displaced files and folders are kept. */
    readonly backupDir: string,
    readonly data: JournalData,
  ) {}

  /** Its name without `.json`: what `undo --list` shows and `undo <id>` takes. */
  get id(): string {
    return basename(this.file, '.json');
  }

  /** A new journal; nothing is written until `ready`. */
  static create(ctx: DoctorContext): Journal {
    const stamp = ctx.now().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${randomBytes(3).toString('hex')}`;
    const dir = journalDir(ctx);
    return new Journal(join(dir, `${name}.json`), join(dir, name), { version: 1, tool: 'mcp-doctor', createdAt: ctx.now().toISOString(), entries: [] });
  }

  static async open(file: string): Promise<Journal> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new JournalDamaged(file, `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    if (text.trim() === '') throw new JournalDamaged(file, 'it is empty');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new JournalDamaged(file, `not valid JSON, truncated? ${error instanceof Error ? error.message : String(error)}`);
    }
    return new Journal(file, file.replace(/\.json$/, ''), validate(file, data));
  }

  async ensureBackupDir(): Promise<string> {
    await this.makeDir();
    await mkdir(this.backupDir, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    return this.backupDir;
  }

  /** Records a change as pending, with the state it replaces and the temporaries it will make, before it is made. */
  async begin(entry: Omit<JournalEntry, 'status'>): Promise<JournalEntry> {
    const recorded: JournalEntry = { ...entry, status: 'pending' };
    this.data.entries.push(recorded);
    try {
      await this.save();
    } catch (error) {
      this.data.entries.pop();
      throw error;
    }
    return recorded;
  }

  async settle(entry: JournalEntry, status: EntryStatus, fields: { after?: PathState; note?: string } = {}): Promise<void> {
    entry.status = status;
    if (fields.after) entry.after = fields.after;
    if (fields.note !== undefined) entry.note = fields.note;
    await this.save();
  }

  /** Records more of a pending entry (a temporary about to be made, the manifest before the switch). */
  async note(entry: JournalEntry, fields: { temps?: string[]; manifest?: Record<string, string>; expected?: PathState }): Promise<void> {
    if (fields.temps) entry.temps = [...new Set([...(entry.temps ?? []), ...fields.temps])];
    if (fields.manifest) entry.manifest = fields.manifest;
    if (fields.expected) entry.expected = { ...entry.expected, ...fields.expected };
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
   * Before the first change: the journal is written and synced, or nothing is changed at all (a change
   * without its record could not be undone). A full disk here is the same usage-level refusal.
   */
  async ready(): Promise<void> {
    const where = join(this.file, '..');
    try {
      await this.makeDir();
      const st = await stat(where);
      if (!st.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      await access(where, constants.W_OK);
      await this.save();
    } catch (error) {
      await this.discard();
      throw unwritableJournal(where, error);
    }
  }

  /** Written to a temporary file, synced and renamed, so a crash never leaves half a journal. */
  async save(): Promise<void> {
    await this.makeDir();
    await writeSynced(this.file, JSON.stringify(this.data, null, 2) + '\n');
  }

  /** Removes a journal that records nothing to undo (every change failed and was taken back). */
  async discard(): Promise<void> {
    // Only when its folder is empty: a journal whose folder still holds something displaced stays.
    const gone = await rmdir(this.backupDir).then(
      () => true,
      (e: NodeJS.ErrnoException) => e.code === 'ENOENT',
    );
    if (gone) await rm(this.file, { force: true }).catch(() => undefined);
  }

  /** Something that undo could still revert: an applied change, or one interrupted while pending. */
  hasRevertible(): boolean {
    return this.data.entries.some((e) => e.status === 'applied' || e.status === 'pending');
  }
}

