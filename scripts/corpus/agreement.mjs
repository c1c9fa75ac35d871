/**
 * Runs mcp-doctor over every real manifest in the shared corpus, laid out as Claude Code 2.1.330 saw
 * it when ORACLE.tsv was made (each file alone in an empty folder, with the siblings the oracle copied),
 * and compares verdicts. Used by `npm run corpus` (prints figures) and by test/corpus.test.ts.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createContext, runDoctor } from '../../.build/engine.js';

export const defaultCorpus = join(dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'shared', 'corpus', 'real');

function readTsv(file) {
  const [head, ...rows] = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const cols = head.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
}

/** Findings that speak about the file itself (not about the machine: env vars, commands, PATH). */
const isFileVerdict = (f) => f.severity === 'error' && f.code.startsWith('config.') && f.code !== 'config.env-unset';

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

export async function evaluateCorpus(corpus = defaultCorpus) {
  const oracle = readTsv(join(corpus, 'ORACLE.tsv'));
  const refs = readTsv(join(corpus, 'REFS.tsv'));
  const sourceExists = new Map(
    refs.filter((r) => r.owner_field === 'plugins[].source').map((r) => [`${r.manifest_local_path}\t${r.raw}`, r.exists_in_repo]),
  );
  const home = mkdtempSync(join(tmpdir(), 'mcp-doctor-corpus-home-'));
  const out = { rows: 0, crashes: [], accepted: 0, falseAlarms: [], rejected: 0, caught: 0, missed: [], confirmedMissingSources: 0, envAgree: 0, envRows: 0, envDiffs: [] };
  try {
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
        let verdicts = report.findings.filter(isFileVerdict);
        if (row.kind === 'marketplace') {
          // Claude Code's validator never checks that plugin sources exist; alone in a folder, every
          // ./source is missing. Keep only those REFS.tsv confirms missing in the real repository.
          verdicts = verdicts.filter((f) => {
            if (f.code !== 'config.missing-file' || !/^\/plugins\/\d+\/source$/.test(f.pointer ?? '')) return true;
            const existsInRepo = sourceExists.get(`${row.local_path}\t${f.evidence.path}`);
            if (existsInRepo === 'no') {
              out.confirmedMissingSources++;
              return false;
            }
            return false;
          });
        }
        const summary = verdicts.map((f) => `${f.code} ${f.pointer ?? ''} ${f.message}`);
        if (row.verdict === 'pass') {
          out.accepted++;
          if (verdicts.length) out.falseAlarms.push(`${row.local_path} (${row.context}): ${summary.join(' | ')}`);
        } else if (row.verdict === 'fail') {
          out.rejected++;
          if (verdicts.length) out.caught++;
          else out.missed.push(`${row.local_path} (${row.context}): ${row.errors.slice(0, 160)}`);
        }
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
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return out;
}
