/**
 * The project's settings file, `.mcp-doctor.json` (or `--config FILE`), found as eslint and biome find theirs: in
 * the checked folder, else in each folder above it up to the repository's root (the folder holding .git) or the
 * filesystem's root. It holds codes to ignore
 * everywhere or for one plugin or server, the failure threshold, and variables users set themselves (author
 * mode). Read strictly and validated against `schemas/doctor-settings.schema.json`; anything wrong is a usage
 * error naming file:line:column and what was expected.
 */
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { unknownCodeMessage } from '../core/engine/unknown-code.js';
import { allCodes, catalog, isCode } from '../core/model/catalog.js';
import type { IgnoreRule } from '../core/engine/ignore.js';
import { readJsonDocument } from '../core/json/read-json.js';
import { validateAgainst } from '../core/json/schema.js';
import { closeNames } from '../core/engine/select.js';
import type { FindingInput, JsonDocument } from '../core/model/types.js';
import { UsageError } from '../core/util/usage-error.js';
import type { FailOn } from './exit-code.js';
import { relativePath } from '../render/paths.js';

export const SETTINGS_FILE = '.mcp-doctor.json';

export interface ProjectSettings {
  file: string;
  failOn?: FailOn;
  /** Global codes and per plugin/server rules, as RunOptions.ignore takes them. */
  ignore: (string | IgnoreRule)[];
  knownVariables: string[];
}

interface SettingsValue {
  failOn?: FailOn;
  ignore?: string[];
  plugins?: Record<string, { ignore: string[] }>;
  servers?: Record<string, { ignore: string[] }>;
  knownVariables?: string[];
}

function locatedError(file: string, lines: { line?: number; column?: number; text: string }[]): UsageError {
  const shown = relativePath(file, process.cwd());
  // main prints the first line after "mcp-doctor: "; give the others the same prefix.
  return new UsageError(lines.map((l) => `${shown}:${l.line ?? 1}:${l.column ?? 1}: ${l.text}`).join('\nmcp-doctor: '));
}

const describe = (f: FindingInput) => ({ line: f.location?.line, column: f.location?.column, text: catalog[f.code].message(f.args ?? {}) });

function unknownCodes(doc: JsonDocument, value: SettingsValue): { line: number; column: number; text: string }[] {
  const lists: [(string | number)[], string[] | undefined][] = [[['ignore'], value.ignore]];
  for (const kind of ['plugins', 'servers'] as const) {
    for (const [name, scoped] of Object.entries(value[kind] ?? {})) lists.push([[kind, name, 'ignore'], scoped.ignore]);
  }
  const out: { line: number; column: number; text: string }[] = [];
  for (const [pointer, codes] of lists) {
    (codes ?? []).forEach((code, i) => {
      const problem = unknownCodeMessage(code);
      if (problem) out.push({ ...doc.locate([...pointer, i]), text: `${[...pointer, i].join('.')}: ${problem}` });
    });
  }
  return out;
}

const isKind = async (path: string, kind: 'file' | 'any'): Promise<boolean> => {
  const st = await stat(path).catch(() => null);
  return !!st && (kind === 'any' || st.isFile());
};

/** `.mcp-doctor.json` in `start` or the nearest folder above it, not above the repository root; null when none. */
export async function findSettingsFile(start: string): Promise<string | null> {
  let dir = resolve(start);
  // A checked file (a plugin.json, a .mcp.json) starts the search in its folder.
  if (await isKind(dir, 'file')) dir = dirname(dir);
  for (;;) {
    const candidate = join(dir, SETTINGS_FILE);
    if (await isKind(candidate, 'any')) return candidate;
    // .git is a folder in a clone and a file in a worktree or submodule: either way the repository ends here.
    if (await isKind(join(dir, '.git'), 'any')) return null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The settings, or null when there is no file (only `--config` makes a missing file an error). */
export async function loadSettings(start: string, explicit?: string): Promise<ProjectSettings | null> {
  const found = explicit !== undefined ? resolve(explicit) : await findSettingsFile(start);
  if (found === null) return null;
  const file = found;
  const read = await readJsonDocument(file, 'doctor-settings', SETTINGS_FILE);
  if (read.status === 'absent') {
    if (explicit === undefined && read.reason === 'missing') return null;
    throw new UsageError(explicit !== undefined ? `--config ${explicit}: ${read.reason === 'missing' ? 'no such file' : 'not a file'}` : `${file}: not a file`);
  }
  if (read.status === 'invalid') throw locatedError(file, read.findings.map(describe));
  const schemaProblems = await validateAgainst('doctor-settings', read.doc);
  if (schemaProblems.length > 0) throw locatedError(file, schemaProblems.map(describe));
  const value = read.doc.value as SettingsValue;
  const codeProblems = unknownCodes(read.doc, value);
  if (codeProblems.length > 0) throw locatedError(file, codeProblems);

  const ignore: (string | IgnoreRule)[] = [...(value.ignore ?? [])];
  for (const [plugin, s] of Object.entries(value.plugins ?? {})) for (const code of s.ignore) ignore.push({ code, plugin });
  for (const [server, s] of Object.entries(value.servers ?? {})) for (const code of s.ignore) ignore.push({ code, server });
  return { file, failOn: value.failOn, ignore, knownVariables: value.knownVariables ?? [] };
}

export { unknownCodeMessage };
