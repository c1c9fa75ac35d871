/** Paths as CI tools show them: relative to the base folder (`--base-dir`), with forward slashes. */
import { isAbsolute, relative, sep } from 'node:path';
import type { ReportFinding } from '../core/model/types.js';

/** `file` relative to `baseDir` when it lies inside it; otherwise (or with no base) the absolute path. */
export function relativePath(file: string, baseDir: string | undefined): string {
  if (!baseDir) return file;
  const rel = relative(baseDir, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}

export function isInside(file: string, baseDir: string | undefined): boolean {
  return !!baseDir && relativePath(file, baseDir) !== file;
}

/** `path:line:col` of a finding (as much of it as is known), or '' when it has no file. */
export function findingWhere(f: ReportFinding, baseDir: string | undefined): string {
  if (!f.file) return '';
  const path = relativePath(f.file, baseDir);
  return f.line ? `${path}:${f.line}:${f.column ?? 1}` : path;
}

/** Message text with the absolute paths inside the base folder written relative to it, as the locations are. */
export function relativeText(text: string, baseDir: string | undefined): string {
  if (!baseDir || baseDir === '/') return text;
  return text.split(baseDir.replace(/\/+$/, '') + '/').join('');
}
