/**
 * Runs mcp-doctor over every real manifest in the shared corpus, laid out as Claude Code 2.1.330 saw it when
 * ORACLE.tsv was made (each file alone in an empty folder, with the siblings the oracle copied), and compares
 * verdicts per kind (marketplace, plugin, .mcp.json). Used by `npm run corpus` (prints figures) and by
 * test/corpus.test.ts.
 *
 * Every finding is counted and put in one class, printed per kind:
 * - `file`: about what the file says. Only these make mcp-doctor's verdict on the file ("rejects" = at least
 *   one `file` error); agreement compares that verdict with Claude Code's.
 * - `machine`: about the machine the file runs on, which Claude Code's validator never looks at: a program
 *   not on this PATH, an absolute path to someone's home folder, a Windows-only command on Linux, a variable
 *   unset in this environment.
 * - `tree`: about a file of the plugin the corpus did not copy (a command, a script, a venv, a marketplace
 *   source). REFS.tsv says whether it exists in the real repository: `in repo` (an artifact of the lone
 *   layout), `missing in repo` (a real defect the validator does not check), or unknown.
 * Warnings and infos never make a verdict; they are counted too.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createContext, runDoctor } from '../../.build/engine.js';

export const defaultCorpus = join(dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'shared', 'corpus', 'real');

export const kinds = ['marketplace', 'plugin', '.mcp.json'];

function readTsv(file) {
  const [head, ...rows] = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const cols = head.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
}

/** Lays a corpus file out in `dir` as the oracle did; returns how to run the doctor on it. */
function layout(corpus, row, dir) {
  const src = join(corpus, row.local_path);
  if (row.kind === 'marketplace') {
    mkdirSync(join(dir, '.claude-plugin'), { recursive: true });
    copyFileSync(src, join(dir, '.claude-plugin', 'marketplace.json'));
    return { mode: 'author' };
  }
  if (row.kind === 'plugin') {
    mkdirSync(join(dir, '.claude-plugin'), { recursive: true });
    copyFileSync(src, join(dir, '.claude-plugin', 'plugin.json'));
    const pluginRoot = dirname(dirname(src));
    if (row.siblings_copied && row.siblings_copied !== 'none' && row.siblings_copied !== '-') {
      const sibling = join(pluginRoot, row.siblings_copied);
      if (existsSync(sibling)) {
        mkdirSync(dirname(join(dir, row.siblings_copied)), { recursive: true });
        copyFileSync(sibling, join(dir, row.siblings_copied));
      }
    }
    return { mode: 'author' };
  }
  // .mcp.json: as a plugin root's config next to a minimal plugin.json, or as a project config.
  copyFileSync(src, join(dir, '.mcp.json'));
  if (row.context === 'plugin-validate') {
    mkdirSync(join(dir, '.claude-plugin'), { recursive: true });
    writeFileSync(join(dir, '.claude-plugin', 'plugin.json'), '{"name":"corpus-check"}\n');
    return { mode: 'author' };
  }
  return { mode: 'project' };
}

/** Codes whose subject is this machine, not the file. */
const machineCodes = new Set(['command.windows-only', 'command.toolchain-missing', 'command.shared-library-missing']);
/** Evidence fields that name a file of the plugin or project tree. */
const treeFields = ['path', 'venv', 'link', 'script', 'nodeModules'];

/** The value at a report pointer (`/mcpServers/x/args/0`) in a parsed file. */
function valueAt(file, pointer) {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
    return pointer
      .split('/')
      .slice(1)
      .reduce((o, k) => (o == null ? o : o[k.replace(/~1/g, '/').replace(/~0/g, '~')]), doc);
  } catch {
    return undefined;
  }
}

function classify(f, row, dir, refs, mode) {
  if (f.code === 'config.missing-file' && row.kind === 'marketplace' && /^\/plugins\/\d+\/source$/.test(f.pointer ?? '')) {
    // Claude Code's validator never checks that plugin sources exist; alone in a folder, every ./source is missing.
    return refClass(refs.get(`${row.local_path}\t${f.evidence.path}`));
  }
  // A variable unset here is this environment's business in a project; a source tree must not call it an error.
  if (f.code === 'config.env-unset') return mode === 'project' ? 'machine' : 'file';
  if (machineCodes.has(f.code) || (f.code === 'command.not-found' && f.evidence.onPath) || (f.code === 'command.bad-interpreter' && f.evidence.viaEnv)) return 'machine';
  const paths = treeFields.map((k) => f.evidence[k]).filter((p) => typeof p === 'string' && p.startsWith('/'));
  // An absolute path outside the tree names a file on the author's machine (/Users/…/dist/index.js).
  if (f.code !== 'config.missing-file' && paths.length > 0 && paths.every((p) => !p.startsWith(dir + '/'))) return 'machine';
  if (f.code !== 'config.missing-file' && paths.length > 0) {
    const raw = f.file && f.pointer ? valueAt(f.file, f.pointer) : undefined;
    const pluginJson = row.local_path.replace(/\.mcp\.json$/, '.claude-plugin/plugin.json');
    return refClass(refs.get(`${row.local_path}\t${raw}`) ?? refs.get(`${pluginJson}\t${raw}`));
  }
  return 'file';
}

const refClass = (exists) => (exists === 'no' ? 'tree: missing in repo' : exists === 'yes' || exists === 'dir' ? 'tree: in repo' : 'tree: unknown');

const kindOf = (row) => (row.kind === 'mcp' ? '.mcp.json' : row.kind);

export async function evaluateCorpus(corpus = defaultCorpus) {
  const oracle = readTsv(join(corpus, 'ORACLE.tsv'));
  const refs = new Map(readTsv(join(corpus, 'REFS.tsv')).map((r) => [`${r.manifest_local_path}\t${r.raw}`, r.exists_in_repo]));
  const out = { rows: 0, crashes: [], falseAlarms: [], machineFailures: [], missed: [], envAgree: 0, envRows: 0, envDiffs: [], perKind: {} };
  for (const k of kinds) out.perKind[k] = { rows: 0, accepted: 0, rejected: 0, agree: 0, agreeAccepted: 0, caught: 0, counts: {} };
  const home = mkdtempSync(join(tmpdir(), 'mcp-doctor-corpus-home-'));
  // Claude Code's verdicts on project configs were taken with the servers approved (approved_run_same: yes).
  mkdirSync(join(home, '.claude'), { recursive: true });
  writeFileSync(join(home, '.claude', 'settings.json'), '{"enableAllProjectMcpServers":true}\n');
  for (const row of oracle) {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-doctor-corpus-'));
    try {
      const how = layout(corpus, row, dir);
      const ctx = createContext({ cwd: dir, homedir: home, env: { PATH: '/usr/bin:/bin', HOME: home }, managedDir: join(home, 'managed') });
      let report;
      try {
        ({ report } = await runDoctor(ctx, { version: 'corpus', ...(how.mode === 'author' ? { paths: [dir] } : {}) }));
      } catch (error) {
        out.crashes.push(`${row.local_path} (${row.context}): ${error instanceof Error ? error.message : error}`);
        continue;
      }
      out.rows++;
      const k = out.perKind[kindOf(row)];
      k.rows++;
      const verdictWord = row.verdict === 'pass' ? 'accepted' : 'rejected';
      const fileErrors = [];
      for (const f of report.findings) {
        const cls = f.severity === 'error' ? classify(f, row, dir, refs, how.mode) : f.severity;
        const key = `${cls}\t${f.code}`;
        k.counts[key] ??= { accepted: 0, rejected: 0 };
        k.counts[key][verdictWord]++;
        if (cls === 'file') fileErrors.push(f);
        // Author mode must never fail a repository for a program this (CI) machine lacks.
        if (how.mode === 'author' && f.severity === 'error' && cls === 'machine' && (f.evidence.onPath || f.code === 'command.toolchain-missing' || f.evidence.viaEnv)) {
          out.machineFailures.push(`${row.local_path} (${row.context}): ${f.code} ${f.message}`);
        }
      }
      const rejects = fileErrors.length > 0;
      const summary = fileErrors.map((f) => `${f.code} ${f.pointer ?? ''} ${f.message}`);
      if (row.verdict === 'pass') {
        k.accepted++;
        if (!rejects) k.agreeAccepted++;
        else out.falseAlarms.push(`${row.local_path} (${row.context}): ${summary.join(' | ')}`);
      } else if (row.verdict === 'fail') {
        k.rejected++;
        if (rejects) k.caught++;
        else out.missed.push(`${row.local_path} (${row.context}): ${row.errors.slice(0, 160)}`);
      }
      if ((row.verdict === 'pass') !== rejects) k.agree++;
      // Claude Code warns "Missing environment variables: A, B" for a project config; compare the names.
      if (row.context === 'project-mcp-list' && row.verdict === 'pass') {
        const theirs = new Set([...row.warnings.matchAll(/Missing environment variables: ([A-Z0-9_, ]+)/g)].flatMap((m) => m[1].split(',').map((s) => s.trim())).filter(Boolean));
        const ours = new Set(report.findings.filter((f) => f.code === 'config.env-unset').map((f) => String(f.evidence.variable)));
        out.envRows++;
        const same = theirs.size === ours.size && [...theirs].every((v) => ours.has(v));
        if (same) out.envAgree++;
        else out.envDiffs.push(`${row.local_path}: Claude Code [${[...theirs].join(', ')}] mcp-doctor [${[...ours].join(', ')}]`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rmSync(home, { recursive: true, force: true });
  return out;
}
