/**
 * `--format sarif`: SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the format GitHub code
 * scanning and other code-review tools read. One rule per finding code the report uses, described from the
 * catalog; one result per finding, located relative to the base folder (`%SRCROOT%`), so code scanning
 * annotates the right line of a marketplace pull request.
 */
import { pathToFileURL } from 'node:url';
import { catalog, type Code } from '../core/model/catalog.js';
import { codeHelpUri, codeRuleName, PROJECT_URL } from '../core/model/catalog/code-docs.js';
import type { Report, ReportFinding, Severity } from '../core/model/types.js';
import type { RenderOptions } from './options.js';
import { isInside, relativePath, relativeText } from './paths.js';

const SRCROOT = '%SRCROOT%';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
function uriReference(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function rule(code: Code) {
  const e = catalog[code];
  return {
    id: code,
    // A name people read, unlike the id (SARIF1001: the two must differ), PascalCase as SARIF's own rules are.
    name: codeRuleName(code),
    shortDescription: { text: e.title },
    fullDescription: { text: e.explain },
    helpUri: codeHelpUri(code),
    help: {
      text: `${e.explain}\n\nmcp-doctor explain ${code}`,
      markdown: `${e.explain}\n\n\`mcp-doctor explain ${code}\` · [${code}](${codeHelpUri(code)})`,
    },
    defaultConfiguration: { level: levels[e.severity] },
    properties: { fixable: e.fixable },
  };
}

function location(f: ReportFinding, baseDir: string | undefined) {
  if (!f.file) return undefined;
  const artifactLocation = isInside(f.file, baseDir)
    ? { uri: uriReference(relativePath(f.file, baseDir)), uriBaseId: SRCROOT }
    : { uri: pathToFileURL(f.file).href };
  const region = f.line ? { startLine: f.line, startColumn: f.column ?? 1 } : undefined;
  return { physicalLocation: { artifactLocation, ...(region ? { region } : {}) } };
}

export function renderSarif(report: Report, options: RenderOptions): string {
  const codes = [...new Set(report.findings.map((f) => f.code))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const results = report.findings.map((f) => {
    const loc = location(f, options.baseDir);
    const properties: Record<string, string> = {};
    if (f.server) properties.server = f.server;
    if (f.plugin) properties.plugin = f.plugin;
    if (f.pointer) properties.pointer = f.pointer;
    if (f.causedBy) properties.causedBy = f.causedBy;
    return {
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code) ?? 0,
      level: levels[f.severity],
      message: { text: relativeText(`${f.message}\nFix: ${f.hint}`, options.baseDir) },
      ...(loc ? { locations: [loc] } : {}),
      ...(Object.keys(properties).length ? { properties } : {}),
    };
  });
  const sarif = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            fullName: `${report.tool.name} ${report.tool.version}`,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: PROJECT_URL,
            rules: codes.map(rule),
          },
        },
        // GitHub's upload category and Azure DevOps' GHAzDO both key a run by this id ("category/").
        automationDetails: options.sarifAutomation ?? { id: `${report.tool.name}/` },
        ...(options.baseDir ? { originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.baseDir.replace(/\/?$/, '/')).href } } } : {}),
        // Columns count UTF-16 code units: the report's columns are JavaScript string offsets.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
