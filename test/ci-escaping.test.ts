/**
 * Hostile text in the CI formats: a message or path that holds markup, workflow-command syntax, XML
 * specials or control characters must stay inert text in every format. The renderers are called on a report
 * whose strings are what a server or a manifest could put there.
 */
import Ajv04 from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/render/github.js';
import { renderers } from '../src/render/index.js';
import type { Report, ReportFinding, ReportServer } from '../src/core/model/types.js';
import { addUriFormats } from './helpers/formats.js';
import sarifSchema from './vendor/sarif-schema-2.1.0.json' with { type: 'json' };

const hostile = 'bad | cell `code` **bold** [link](http://127.0.0.1:2/x) <img src=x onerror=alert(1)> & ]]> \x1b[31mred\x07 %0A 100%, a:b\r\n::add-mask::x\u0000';
const base = '/work/my repo';
const file = `${base}/plugins/a b#c/.mcp.json`;

function finding(over: Partial<ReportFinding>): ReportFinding {
  return {
    code: 'probe.crashed',
    severity: 'error',
    message: hostile,
    hint: `# not a heading ${hostile}`,
    server: 'plugin:p:s',
    plugin: 'p@m',
    file,
    line: 3,
    column: 5,
    pointer: '/mcpServers/s',
    evidence: {},
    fixable: false,
    fix: null,
    causedBy: null,
    ...over,
  };
}

const f1 = finding({});
const f2 = finding({ code: 'config.unknown-key', severity: 'warning', message: '1. starts like a list', hint: '- and a bullet', server: null });
const server: ReportServer = {
  id: 'plugin:p:s',
  name: 's|`x`',
  plugin: 'p@m',
  marketplace: 'm',
  scope: 'plugin',
  root: `${base}/plugins/a b#c`,
  transport: 'stdio',
  command: 'node',
  args: [],
  url: null,
  envKeys: [],
  env: {},
  source: { file, line: 2, column: 3 },
  status: 'failed',
  skipReason: null,
  probe: null,
  claudeLog: null,
  findings: [f1],
};
const report: Report = {
  schemaVersion: 1,
  tool: { name: 'mcp-doctor', version: '0.1.0' },
  mode: 'author',
  configDir: '/root/.claude',
  projectDir: base,
  generatedAt: '2026-01-01T00:00:00.000Z',
  probe: true,
  summary: { marketplaces: 1, plugins: 1, servers: 1, ok: 0, degraded: 0, failed: 1, disabled: 0, skipped: 0, errors: 1, warnings: 1 },
  marketplaces: [{ name: 'm', source: 'author', location: base, exists: true }],
  plugins: [{ id: 'p@m', name: 'p', marketplace: 'm', root: `${base}/plugins/a b#c`, rootKind: 'source', enabled: true, enabledBy: 'author mode', version: null }],
  servers: [server],
  findings: [f1, f2],
};
const options = { color: false, baseDir: base };

describe('github', () => {
  it('escapes data and properties as the runner reads them', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });

  it('every finding is one line; no second command can start inside it', () => {
    const out = renderers.github(report, options);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning) file=plugins\/a b#c\/.mcp.json,line=3,col=5,title=[\w.-]+::/);
      expect(line).not.toMatch(/\r/);
    }
    // The CR LF before it is escaped, so '::add-mask::' stays inside the message instead of starting a line.
    expect(lines[0]).toContain('%0D%0A::add-mask::x');
  });
});

describe('github: more annotations than GitHub shows', () => {
  // GitHub shows 10 annotations of each kind per step and drops the rest without a word.
  const many = (n: number, severity: ReportFinding['severity']) =>
    Array.from({ length: n }, (_, i) => finding({ code: 'config.unknown-key', severity, message: `m${i}`, hint: 'h', line: i + 1 }));
  const capped: Report = { ...report, findings: [...many(13, 'error'), ...many(10, 'warning'), ...many(11, 'info')] };
  const lines = renderers.github(capped, options).trimEnd().split('\n');
  const of = (kind: string) => lines.filter((l) => l.startsWith(`::${kind} `));

  it('at most 10 of each kind; the 10th of a kind over the cap lists the rest', () => {
    expect([of('error').length, of('warning').length, of('notice').length]).toEqual([10, 10, 10]);
    expect(of('warning').every((l) => l.includes('file='))).toBe(true);
    expect(of('error')[9]).toBe(`::error title=mcp-doctor%3A 4 more errors::4 more errors (GitHub shows 10 error annotations per step):%0A${[10, 11, 12, 13].map((n) => `config.unknown-key at plugins/a b#c/.mcp.json:${n}`).join('%0A')}`);
    expect(of('notice')[9]).toContain('2 more notices');
  });

  it('says so in the log, once per kind that was summarised', () => {
    const said = lines.filter((l) => !l.startsWith('::'));
    expect(said).toEqual([
      'mcp-doctor: GitHub shows at most 10 error annotations per step: 9 are annotated, and the other 4 are summarised in the last error annotation (the report above and the SARIF file have them all).',
      'mcp-doctor: GitHub shows at most 10 notice annotations per step: 9 are annotated, and the other 2 are summarised in the last notice annotation (the report above and the SARIF file have them all).',
    ]);
  });
});

describe('markdown', () => {
  const md = renderers.markdown(report, options);

  it('has no control bytes and no raw HTML', () => {
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\x00-\x09\x0B-\x1F\x7F-\x9F]/);
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('markup in a message stays text: links, emphasis and code are escaped', () => {
    expect(md).toContain('\\[link\\](http://127.0.0.1:2/x)');
    expect(md).toContain('\\*\\*bold\\*\\*');
    expect(md).toContain('\\`code\\`');
  });

  it('a pipe cannot add a table cell: every row has exactly the five columns', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length - 2, row).toBe(5);
    expect(md).toContain('`` s\\|`x` ``'); // a code span around a name with a backtick and a pipe
  });

  it('a detail line cannot open a heading or a list', () => {
    expect(md).toContain('  1\\. starts like a list  ');
    expect(md).toContain('  fix: - and a bullet'); // after 'fix: ' a dash is only a dash
  });
});

describe('junit', () => {
  it('is well-formed XML that keeps the message text', () => {
    const xml = renderers.junit(report, options);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: { testsuite: { testcase: { failure?: { message: string } }[] } };
    };
    const failure = doc.testsuites.testsuite.testcase.find((c) => c.failure)?.failure;
    expect(failure?.message).toContain('<img src=x onerror=alert(1)> & ]]>');
  });
});

describe('sarif', () => {
  it('is valid with spaces and # in paths, located relative to %SRCROOT%', () => {
    const sarif = JSON.parse(renderers.sarif(report, options)) as {
      runs: { originalUriBaseIds: Record<string, { uri: string }>; results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const ajv = new Ajv04({ strict: false });
    addUriFormats(ajv);
    expect(ajv.validate(sarifSchema, sarif), JSON.stringify(ajv.errors)).toBe(true);
    expect(sarif.runs[0]?.originalUriBaseIds['%SRCROOT%']?.uri).toBe('file:///work/my%20repo/');
    expect(sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('plugins/a%20b%23c/.mcp.json');
  });
});
