/**
 * `--format junit`: JUnit XML for the test tabs of GitLab, Jenkins and the like. One test case per server,
 * and one per plugin or file that has findings of its own; a case fails when its findings reach the
 * failure threshold (errors, or warnings too with `--fail-on warning`). Disabled and unchecked servers are
 * skipped cases.
 */
import type { Report, ReportFinding, ReportServer } from '../core/model/types.js';
import type { RenderOptions } from './options.js';
import { findingWhere, relativePath, relativeText } from './paths.js';
import { ownFindings, serverFindings } from './subjects.js';

interface TestCase {
  classname: string;
  name: string;
  file: string | null;
  findings: ReportFinding[];
  skipped: string | null;
}

/** Characters XML 1.0 cannot hold at all (report text is already terminal-safe; this is the last guard). */
const notXml = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlText(text: string): string {
  return text.replace(notXml, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function attrs(list: [string, string | number | null][]): string {
  return list
    .filter((a): a is [string, string | number] => a[1] !== null)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function serverCases(report: Report, baseDir: string | undefined): TestCase[] {
  return report.servers.map((s: ReportServer) => {
    const skipped = s.status === 'disabled' ? 'disabled' : s.status === 'skipped' ? `not checked (${s.skipReason ?? 'skipped'})` : null;
    return {
      classname: s.plugin ?? `${s.scope} scope`,
      name: `server ${s.name}`,
      file: relativePath(s.source.file, baseDir),
      findings: serverFindings(report, s),
      skipped,
    };
  });
}

function ownCases(report: Report, baseDir: string | undefined): TestCase[] {
  return ownFindings(report, baseDir).map((g) =>
    g.kind === 'plugin'
      ? { classname: g.label, name: `plugin ${g.name}`, file: g.findings[0]?.file ? relativePath(g.findings[0].file, baseDir) : null, findings: g.findings, skipped: null }
      : { classname: 'files', name: g.label || '(no file)', file: g.label || null, findings: g.findings, skipped: null },
  );
}

function findingText(f: ReportFinding, baseDir: string | undefined): string {
  const where = findingWhere(f, baseDir);
  return `${f.severity} ${f.code}${where ? ` at ${where}` : ''}\n${relativeText(f.message, baseDir)}\nfix: ${relativeText(f.hint, baseDir)}`;
}

export function renderJunit(report: Report, options: RenderOptions): string {
  const failOn = options.failOn ?? 'error';
  const fails = (f: ReportFinding) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning');
  const cases = [...serverCases(report, options.baseDir), ...ownCases(report, options.baseDir)];
  const failures = cases.filter((c) => c.findings.some(fails)).length;
  const skipped = cases.filter((c) => c.skipped !== null).length;
  const counts = attrs([
    ['tests', cases.length],
    ['failures', failures],
    ['errors', 0],
    ['skipped', skipped],
  ]);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs([['name', 'mcp-doctor']])}${counts}>`];
  lines.push(`  <testsuite${attrs([['name', report.mode === 'author' ? 'mcp-doctor (source trees)' : 'mcp-doctor (installed setup)']])}${counts}>`);
  for (const c of cases) {
    const head = `    <testcase${attrs([['classname', c.classname], ['name', c.name], ['file', c.file]])}`;
    const failing = c.findings.filter(fails);
    const other = c.findings.filter((f) => !fails(f));
    if (c.skipped === null && c.findings.length === 0) {
      lines.push(`${head}/>`);
      continue;
    }
    lines.push(`${head}>`);
    if (c.skipped !== null) lines.push(`      <skipped${attrs([['message', c.skipped]])}/>`);
    const first = failing[0];
    if (first) {
      const type = [...new Set(failing.map((f) => f.code))].join(' ');
      const body = failing.map((f) => findingText(f, options.baseDir)).join('\n\n');
      lines.push(`      <failure${attrs([['message', `${first.code}: ${relativeText(first.message, options.baseDir)}`], ['type', type]])}>${xmlText(body)}</failure>`);
    }
    if (other.length > 0) lines.push(`      <system-out>${xmlText(other.map((f) => findingText(f, options.baseDir)).join('\n\n'))}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return lines.join('\n') + '\n';
}
