/**
 * A check on a few files, in process: write the files, discover them as Claude Code would (a source tree in
 * author mode, or a home and project in installed mode), run the one check on its subjects, and get its
 * findings with their locations. No build, no fixture home, no process started.
 */
import { join, relative } from 'node:path';
import { allChecks } from '../../src/core/checks/index.js';
import type { Check, CheckSubjects } from '../../src/core/checks/define-check.js';
import { discover } from '../../src/core/discover/discover.js';
import { checkContextFor } from '../../src/core/model/check-context.js';
import { createContext } from '../../src/core/model/context.js';
import type { FindingInput, Inventory } from '../../src/core/model/types.js';
import { catalog } from '../../src/core/model/catalog.js';
import { writeTree, type Entry } from './tree.js';

export interface CheckedFinding {
  code: string;
  severity: string;
  /** `file:line:column`, the file relative to the tree's root. */
  at: string | null;
  args: Record<string, unknown>;
  fix: FindingInput['fix'] | null;
}

export interface HarnessOptions {
  /** `author` (default): the tree is a plugin source folder (a `.claude-plugin/plugin.json` is added when absent). `installed`: the tree holds `home/` and `project/`. */
  mode?: 'author' | 'installed';
  /** The environment the check sees (PATH defaults to this process's). */
  env?: Record<string, string>;
  platform?: NodeJS.Platform;
}

export async function runCheck(checkId: string, files: Record<string, Entry>, o: HarnessOptions = {}): Promise<CheckedFinding[]> {
  const check = allChecks.find((c) => c.id === checkId);
  if (!check) throw new Error(`no check '${checkId}' (known: ${allChecks.map((c) => c.id).join(', ')})`);
  const mode = o.mode ?? 'author';
  const spec = mode === 'author' && !Object.keys(files).some((f) => f.endsWith('.claude-plugin/plugin.json'))
    ? { '.claude-plugin/plugin.json': { name: 'fx', version: '1.0.0' }, ...files }
    : files;
  const root = writeTree(spec, 'mcp-doctor-check-');
  const home = mode === 'installed' ? join(root, 'home') : join(root, '.home');
  const ctx = createContext({
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...o.env },
    homedir: home,
    cwd: mode === 'installed' ? join(root, 'project') : root,
    platform: o.platform,
  });
  const inventory = await discover(ctx, { paths: mode === 'author' ? [root] : undefined });
  const found = await run(check, inventory, ctx);
  return found.map((f) => ({
    code: f.code,
    severity: f.severity ?? catalog[f.code].severity,
    at: f.location ? `${relative(root, f.location.file)}${f.location.line ? `:${f.location.line}:${f.location.column ?? 1}` : ''}` : null,
    args: f.args ?? {},
    fix: f.fix ?? null,
  }));
}

async function run(check: Check<keyof CheckSubjects>, inventory: Inventory, ctx: ReturnType<typeof createContext>): Promise<FindingInput[]> {
  const c = checkContextFor(ctx, inventory);
  const subjects: CheckSubjects[keyof CheckSubjects][] =
    check.subject === 'document' ? inventory.documents : check.subject === 'plugin' ? inventory.plugins : check.subject === 'marketplace' ? inventory.marketplaces : inventory.servers;
  const out: FindingInput[] = [];
  for (const subject of subjects) out.push(...(await check.run(subject as never, c)));
  return out;
}
