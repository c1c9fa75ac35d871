/**
 * `--format gitlab`: GitLab's Code Quality report (artifacts:reports:codequality), a JSON array of issues with
 * description, check_name, fingerprint, severity and location (path relative to the base folder, lines.begin),
 * the subset of the Code Climate format GitLab reads. GitLab shows them in the merge request widget and diff.
 */
import { createHash } from 'node:crypto';
import type { Report, ReportFinding, Severity } from '../core/model/types.js';
import type { RenderOptions } from './options.js';
import { relativePath, relativeText } from './paths.js';

/** GitLab's scale is info, minor, major, critical, blocker; a server that fails to load is a major issue. */
const severities: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * Stable across runs and line moves: the code, the file (relative), the place in it (JSON pointer) and the
 * subject; GitLab compares fingerprints between the source and target branch to say what is new or fixed.
 */
function fingerprint(f: ReportFinding, path: string, seen: Map<string, number>, baseDir: string | undefined): string {
  // A pointer may hold the checkout's own path (projects["/builds/…"] in ~/.claude.json), as '/' or as '~1'.
  let pointer = f.pointer ?? '';
  if (baseDir && baseDir !== '/') pointer = pointer.split(baseDir.replace(/\/+$/, '').replace(/\//g, '~1')).join('<base>');
  const key = [f.code, path, pointer, f.server ?? '', f.plugin ?? '', f.pointer ? '' : String(f.line ?? '')].join('\u0000');
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  // Findings that share all of that (two unknown keys in one object) differ by their order.
  return createHash('sha256').update(n === 0 ? key : `${key}\u0000${n}`).digest('hex').slice(0, 32);
}

export function renderGitlab(report: Report, options: RenderOptions): string {
  const seen = new Map<string, number>();
  const issues = report.findings.map((f) => {
    // GitLab needs a path: a finding without a file (a machine fact) is put on the base folder itself.
    const path = f.file ? relativePath(f.file, options.baseDir) : '.';
    return {
      description: relativeText(`${f.message} Fix: ${f.hint}`, options.baseDir),
      check_name: f.code,
      fingerprint: fingerprint(f, path, seen, options.baseDir),
      severity: severities[f.severity],
      location: { path, lines: { begin: f.line ?? 1 } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
