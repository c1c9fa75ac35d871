/**
 * `--format junit`: JUnit XML for the test tabs of GitLab, Jenkins and the like. One test case per server,
 * and one per plugin or file that has findings of its own; a case fails when its findings reach the
 * failure threshold (errors, or warnings too with `--fail-on warning`). Disabled and unchecked servers are
 * skipped cases. The document passes the Jenkins xUnit schema and Ant's (test/xsd/).
 */
import type { Report, ReportFinding, ReportServer } from '../core/model/types.js';
import type { RenderOptions } from './options.js';
import { findingWhere, relativePath, relativeText } from './paths.js';
import { ownFindings, serverFindings } from './subjects.js';

interface TestCase {
  classname: string;
  name: string;
  /** Shown in the output text: the schemas have no place for it on a test case. */
  file: string | null;
  findings: ReportFinding[];
  skipped: string | null;
  durationMs?: number | null;
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
      durationMs: s.probe?.durationMs ?? null,
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

/** Seconds, as both schemas' `time` wants it: the probe's duration when the server was started, else 0. */
function seconds(ms: number | null | undefined): string {
  return ms ? (ms / 1000).toFixed(3) : '0';
}

/**
 * One document that both the Jenkins xUnit schema (JUnit input) and Ant's report schema accept (xmllint checks
 * both in the tests): a bare <testsuites>, one <testsuite> with Ant's required attributes, properties and output
 * elements, test cases with name, classname and time only, each holding at most one of failure or skipped.
 * Findings that do not fail a case are listed in the suite's system-out under the case's name.
 */
export function renderJunit(report: Report, options: RenderOptions): string {
  const failOn = options.failOn ?? 'error';
  const fails = (f: ReportFinding) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning');
  const cases = [...serverCases(report, options.baseDir), ...ownCases(report, options.baseDir)];
  const failures = cases.filter((c) => c.skipped === null && c.findings.some(fails)).length;
  const skipped = cases.filter((c) => c.skipped !== null).length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>'];
  lines.push(
    `  <testsuite${attrs([
      ['name', report.mode === 'author' ? 'mcp-doctor (source trees)' : 'mcp-doctor (installed setup)'],
      ['package', 'mcp-doctor'],
      ['id', 0],
      // Ant's report has local time without a zone; the report's instant, in UTC.
      ['timestamp', report.generatedAt.slice(0, 19)],
      ['hostname', 'localhost'],
      ['tests', cases.length],
      ['failures', failures],
      ['errors', 0],
      ['skipped', skipped],
      ['time', '0'],
    ])}>`,
  );
  lines.push('    <properties>');
  lines.push(`      <property${attrs([['name', 'mcp-doctor.version'], ['value', report.tool.version]])}/>`);
  lines.push(`      <property${attrs([['name', 'mcp-doctor.mode'], ['value', report.mode]])}/>`);
  lines.push(`      <property${attrs([['name', 'mcp-doctor.probe'], ['value', String(report.probe)]])}/>`);
  lines.push('    </properties>');
  const output: string[] = [];
  for (const c of cases) {
    const failing = c.skipped === null ? c.findings.filter(fails) : [];
    const other = c.findings.filter((f) => !failing.includes(f));
    const head = `    <testcase${attrs([['name', c.name], ['classname', c.classname], ['time', seconds(c.durationMs)]])}`;
    if (other.length > 0) output.push(`== ${c.classname} · ${c.name}${c.file ? ` (${c.file})` : ''}\n${other.map((f) => findingText(f, options.baseDir)).join('\n\n')}`);
    const first = failing[0];
    if (c.skipped === null && !first) {
      lines.push(`${head}/>`);
      continue;
    }
    lines.push(`${head}>`);
    if (c.skipped !== null) lines.push(`      <skipped${attrs([['message', c.skipped]])}/>`);
    else if (first) {
      const type = [...new Set(failing.map((f) => f.code))].join(' ');
      const body = failing.map((f) => findingText(f, options.baseDir)).join('\n\n');
      lines.push(`      <failure${attrs([['message', `${first.code}: ${relativeText(first.message, options.baseDir)}`], ['type', type]])}>${xmlText(body)}</failure>`);
    }
    lines.push('    </testcase>');
  }
  lines.push(output.length > 0 ? `    <system-out>${xmlText(output.join('\n\n'))}</system-out>` : '    <system-out/>', '    <system-err/>', '  </testsuite>', '</testsuites>');
  return lines.join('\n') + '\n';
}
