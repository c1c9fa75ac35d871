/**
 * The CI formats (sarif, github, gitlab, junit, markdown) on fixture trees: golden files with relative paths, SARIF
 * validated against the official 2.1.0 schema, JUnit read by a real XML parser, every github line checked
 * against the workflow-command grammar and decoded back to the report, markdown free of control bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/core/model/types.js';
import { addUriFormats } from './helpers/formats.js';
import { expectGolden, normalize } from './helpers/golden.js';
import { fixtureHome, repoRoot, runCli, type CliResult, type FixtureHome } from './helpers/run-cli.js';
import sarifSchema from './vendor/sarif-schema-2.1.0.json' with { type: 'json' };

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const formats = { sarif: 'sarif.json', github: 'github.txt', gitlab: 'gitlab.json', junit: 'junit.xml', markdown: 'md' } as const;
type CiFormat = keyof typeof formats;

/** Fixture trees: author mode, warnings only, redacted secrets, a disabled plugin, the four scopes. */
const trees: { name: string; args: (fx: FixtureHome) => string[] }[] = [
  { name: 'author-marketplace', args: (fx) => [join(fx.root, 'repo')] },
  { name: 'unknown-key', args: () => [] },
  { name: 'secret-literal', args: () => [] },
  { name: 'disabled', args: () => [] },
  { name: 'scopes', args: () => [] },
];

interface TreeRun {
  fx: FixtureHome;
  result: CliResult;
  report: Report;
  out: Record<CiFormat, string>;
}

const homes: FixtureHome[] = [];
const dirs: string[] = [];
const runs = new Map<string, TreeRun>();

/** One run per tree writes every format (and the JSON report) through --output FORMAT:FILE. */
async function runTree(name: string, args: (fx: FixtureHome) => string[]): Promise<TreeRun> {
  const fx = await fixtureHome(name);
  homes.push(fx);
  const out = join(fx.root, '..', `${name}-out-${process.pid}`);
  mkdirSync(out, { recursive: true });
  dirs.push(out);
  const outputs = [...Object.keys(formats), 'json'].flatMap((f) => ['--output', `${f}:${join(out, f)}`]);
  const result = runCli(['--no-probe', '--base-dir', fx.root, ...outputs, ...args(fx)], { cwd: fx.project, env: fx.env });
  const read = (f: string) => readFileSync(join(out, f), 'utf8');
  return {
    fx,
    result,
    report: JSON.parse(read('json')) as Report,
    out: { sarif: read('sarif'), github: read('github'), gitlab: read('gitlab'), junit: read('junit'), markdown: read('markdown') },
  };
}

beforeAll(async () => {
  for (const t of trees) runs.set(t.name, await runTree(t.name, t.args));
});
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const run = (name: string) => {
  const r = runs.get(name);
  if (!r) throw new Error(`no run for ${name}`);
  return r;
};

describe('golden files', () => {
  const cases = trees.flatMap((t) => (Object.keys(formats) as CiFormat[]).map((f) => [t.name, f] as const));
  it.each(cases)('%s as %s', (name, format) => {
    const r = run(name);
    expect(r.result.stderr).toBe('');
    expectGolden(`${name}.${formats[format]}`, normalize(r.out[format], r.fx.root, version));
  });

  it('paths inside the base folder are relative in every format', () => {
    const r = run('author-marketplace');
    for (const format of Object.keys(formats) as CiFormat[]) {
      expect(r.out[format], format).toContain('repo/plugins/good/.claude-plugin/plugin.json');
      // The one absolute path: SARIF's %SRCROOT% itself.
      expect(r.out[format].replace(`"uri": "file://${r.fx.root}/"`, ''), format).not.toContain(r.fx.root);
    }
  });

  it('--format X on stdout is the same document --output writes', () => {
    const r = run('unknown-key');
    for (const format of Object.keys(formats) as CiFormat[]) {
      const direct = runCli(['--no-probe', '--base-dir', r.fx.root, '--format', format], { cwd: r.fx.project, env: r.fx.env });
      // Two runs: only the JUnit timestamp (the second of each run) may differ.
      const sameRun = (t: string) => t.replace(/ timestamp="[^"]*"/, ' timestamp=""');
      expect(sameRun(direct.stdout), format).toBe(sameRun(r.out[format]));
    }
  });
});

describe('sarif', () => {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addUriFormats(ajv);
  const validate = ajv.compile(sarifSchema);

  it.each(trees.map((t) => t.name))('%s is valid SARIF 2.1.0', (name) => {
    const sarif = JSON.parse(run(name).out.sarif) as unknown;
    expect(validate(sarif), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });

  it('the schema check can fail: a result without a message is rejected', () => {
    const sarif = JSON.parse(run('author-marketplace').out.sarif) as { runs: { results: Record<string, unknown>[] }[] };
    delete sarif.runs[0]?.results[0]?.message;
    expect(validate(sarif)).toBe(false);
  });

  it('one rule per code used, described from the catalog; results located relative to %SRCROOT%', async () => {
    const { catalog } = await import('../src/core/model/catalog.js');
    const r = run('author-marketplace');
    const sarif = JSON.parse(r.out.sarif) as {
      runs: {
        tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string } }[] } };
        originalUriBaseIds: Record<string, { uri: string }>;
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[] }[];
      }[];
    };
    const run0 = sarif.runs[0]!;
    expect(run0.tool.driver).toMatchObject({ name: 'mcp-doctor', version });
    const codes = [...new Set(r.report.findings.map((f) => f.code))].sort();
    expect(run0.tool.driver.rules.map((x) => x.id)).toEqual(codes);
    for (const rule of run0.tool.driver.rules) {
      const entry = catalog[rule.id as keyof typeof catalog];
      expect(rule.shortDescription.text).toBe(entry.title);
      expect(rule.fullDescription.text).toBe(entry.explain);
    }
    expect(run0.originalUriBaseIds['%SRCROOT%']?.uri).toBe(`file://${r.fx.root}/`);
    expect(run0.results).toHaveLength(r.report.findings.length);
    r.report.findings.forEach((f, i) => {
      const res = run0.results[i]!;
      expect(run0.tool.driver.rules[res.ruleIndex]?.id).toBe(f.code);
      expect(res.level).toBe(f.severity === 'info' ? 'note' : f.severity);
      const loc = res.locations[0]!.physicalLocation;
      expect(loc.artifactLocation).toEqual({ uri: f.file!.slice(r.fx.root.length + 1), uriBaseId: '%SRCROOT%' });
      expect(loc.region).toEqual({ startLine: f.line, startColumn: f.column });
    });
  });
});

/** Microsoft's SARIF validator (devDependency @microsoft/sarif-multitool), when its platform binary runs here. */
function sarifMultitool(): string | null {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`));
    const exe = join(dir, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
    return spawnSync(exe, ['--version'], { encoding: 'utf8', timeout: 60_000 }).status === 0 ? exe : null;
  } catch {
    return null;
  }
}

describe('sarif validator', () => {
  const exe = sarifMultitool();
  /** Error and warning lines of `validate` with the given rule kinds, over several files at once. */
  const validate = (files: string[], kinds: string): string[] => {
    const out = join(tmpdir(), `mcpd-sarif-validation-${process.pid}-${Math.random().toString(36).slice(2)}.sarif`);
    try {
      const r = spawnSync(exe!, ['validate', '--rule-kind', kinds, '-o', out, ...files], { encoding: 'utf8', timeout: 120_000 });
      expect(r.stdout, r.stderr).toContain('Analysis completed successfully');
      return r.stdout.split('\n').filter((l) => /: (error|warning) /.test(l));
    } finally {
      rmSync(out, { force: true });
    }
  };
  const write = (name: string, text: string) => {
    const file = join(tmpdir(), `mcpd-${process.pid}-${name}.sarif`);
    writeFileSync(file, text);
    dirs.push(file);
    return file;
  };

  // One validator run for all (it takes seconds to start): every tree, and a file it must reject.
  it.skipIf(!exe)('every tree passes the SARIF and GitHub rules with no error or warning; a rule named by its id does not', () => {
    const broken = JSON.parse(run('unknown-key').out.sarif) as { runs: { tool: { driver: { rules: { id: string; name: string }[] } } }[] };
    for (const rule of broken.runs[0]!.tool.driver.rules) rule.name = rule.id;
    const files = trees.map((t) => write(t.name, run(t.name).out.sarif));
    const bad = write('named-by-id', JSON.stringify(broken, null, 2));
    const lines = validate([...files, bad], 'Sarif;Gh');
    expect(lines.filter((l) => !l.startsWith(bad))).toEqual([]);
    expect(lines.join('\n')).toContain('SARIF1001');
  }, 120_000);

  it.skipIf(!exe)('made in an Azure DevOps pipeline, it passes the Azure DevOps (GHAzDO) rules too', () => {
    const r = run('author-marketplace');
    const azure = {
      TF_BUILD: 'True', SYSTEM_COLLECTIONURI: 'https://dev.azure.com/acme/', SYSTEM_TEAMPROJECT: 'plugins', SYSTEM_DEFINITIONID: '12',
      BUILD_DEFINITIONNAME: 'mcp-doctor', SYSTEM_PHASEID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', SYSTEM_PHASENAME: 'Job',
      BUILD_SOURCEBRANCH: 'refs/heads/main', BUILD_BUILDID: '77',
    };
    const sarif = runCli(['--no-probe', '--base-dir', r.fx.root, '--format', 'sarif', join(r.fx.root, 'repo')], { cwd: r.fx.project, env: { ...r.fx.env, ...azure } }).stdout;
    expect((JSON.parse(sarif) as { runs: { automationDetails: { id: string } }[] }).runs[0]?.automationDetails.id).toBe('azuredevops/pipeline/build/acme/plugins/12/3f2504e0-4f89-41d3-9a0c-0305e82c3301/refs%2Fheads%2Fmain/77');
    expect(validate([write('azure', sarif)], 'Sarif;Gh;Ado')).toEqual([]);
  }, 120_000);

  if (!exe) it.skip('@microsoft/sarif-multitool does not run here (npm ci installs it): the validator checks did not run', () => {});
});

describe('junit', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'testsuite' });
  type Case = { classname: string; name: string; time: string; failure?: { '#text': string; message: string; type: string }; skipped?: unknown };
  type Suite = { tests: string; failures: string; skipped: string; testcase?: Case[]; 'system-out'?: string };
  const parse = (xml: string) => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as { testsuites: { testsuite: Suite[] } };
    const suite = doc.testsuites.testsuite[0]!;
    return { suite, cases: suite.testcase ?? [], output: String(suite['system-out'] ?? '') };
  };

  it.each(trees.map((t) => t.name))('%s parses, with one test case per server and consistent counts', (name) => {
    const r = run(name);
    const { suite, cases } = parse(r.out.junit);
    const servers = cases.filter((c) => c.name.startsWith('server '));
    expect(servers.map((c) => c.name)).toEqual(r.report.servers.map((s) => `server ${s.name}`));
    expect(Number(suite.tests)).toBe(cases.length);
    expect(Number(suite.failures)).toBe(cases.filter((c) => c.failure !== undefined).length);
    expect(Number(suite.skipped)).toBe(cases.filter((c) => c.skipped !== undefined).length);
  });

  it("a server its plugin's manifest drops fails its test case; plugins and files with findings of their own get one", () => {
    const { cases } = parse(run('author-marketplace').out.junit);
    const srv = cases.find((c) => c.name === 'server srv');
    expect(srv?.failure?.type).toBe('config.schema');
    expect(srv?.failure?.['#text']).toContain('error config.schema at repo/plugins/good/.claude-plugin/plugin.json:4:3');
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining(['plugin good', 'plugin claude-helper', 'plugin ghost', 'repo/.claude-plugin/marketplace.json', 'repo/.mcp.json']),
    );
  });

  it('warnings pass (kept in the output, under their case) unless --fail-on warning', () => {
    const r = run('unknown-key');
    const { cases, output } = parse(r.out.junit);
    expect(cases.find((c) => c.name === 'server srv')?.failure).toBeUndefined();
    expect(output).toContain('== unknown-keys@fx · server srv (mkt/plugins/unknown-keys/.mcp.json)\nwarning config.unknown-key');
    const strict = runCli(['--no-probe', '--base-dir', r.fx.root, '--format', 'junit', '--fail-on', 'warning'], { cwd: r.fx.project, env: r.fx.env });
    expect(parse(strict.stdout).cases.find((c) => c.name === 'server srv')?.failure?.type).toBe('config.unknown-key');
  });

  it('a disabled server is a skipped case', () => {
    const { cases } = parse(run('disabled').out.junit);
    expect(cases.find((c) => c.name === 'server off')?.skipped).toBeDefined();
  });

  // The schemas of two real consumers (test/xsd/, written from their documented structure), checked by xmllint.
  const xmllint = spawnSync('xmllint', ['--version']).status === 0;
  const schemas = ['jenkins-xunit-junit.xsd', 'ant-junit.xsd'];
  describe.skipIf(!xmllint)('passes the Jenkins xUnit and Ant schemas (xmllint)', () => {
    const lint = (schema: string, xml: string) => {
      const file = join(tmpdir(), `mcpd-junit-${process.pid}-${schema}.xml`);
      writeFileSync(file, xml);
      try {
        return spawnSync('xmllint', ['--noout', '--schema', join(repoRoot, 'test', 'xsd', schema), file], { encoding: 'utf8' });
      } finally {
        rmSync(file, { force: true });
      }
    };
    it.each(trees.flatMap((t) => schemas.map((x) => [t.name, x] as const)))('%s against %s', (name, schema) => {
      const r = lint(schema, run(name).out.junit);
      expect(r.stderr).toMatch(/ validates\n$/);
      expect(r.status).toBe(0);
    });
    it.each(schemas)('%s can fail: a test case with a file attribute and a skipped count on <testsuites> are rejected', (schema) => {
      const bad = run('disabled').out.junit.replace('<testsuites>', '<testsuites skipped="1">').replace('<testcase ', '<testcase file="x" ');
      expect(lint(schema, bad).status).not.toBe(0);
    });
  });
  if (!xmllint) it.skip('xmllint is not installed (apt-get install libxml2-utils): the schema checks did not run', () => {});
});

/** ::error file=…,line=…,col=…,title=…::message — property values without raw ',' ':' CR LF; '%' only escaped. */
const workflowCommand = /^::(error|warning|notice)(?: ((?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*(?:,(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*)*))?::([^\r\n]*)$/;
const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

function parseGithub(text: string) {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = workflowCommand.exec(line);
      expect(m, line).not.toBeNull();
      const [, command, props = '', data = ''] = m!;
      expect(props, 'a % in a property is an escape').not.toMatch(/%(?!25|0D|0A|3A|2C)/);
      expect(data, 'a % in the message is an escape').not.toMatch(/%(?!25|0D|0A)/);
      const properties = Object.fromEntries(props ? props.split(',').map((p) => [p.slice(0, p.indexOf('=')), unescapeProperty(p.slice(p.indexOf('=') + 1))]) : []);
      return { command, properties, message: unescapeData(data) };
    });
}

describe('github', () => {
  it.each(trees.map((t) => t.name))('%s: one workflow command per finding, decoding back to the report', (name) => {
    const r = run(name);
    const commands = parseGithub(r.out.github);
    expect(commands).toHaveLength(r.report.findings.length);
    r.report.findings.forEach((f, i) => {
      const c = commands[i]!;
      expect(c.command).toBe({ error: 'error', warning: 'warning', info: 'notice' }[f.severity]);
      expect(c.properties.title).toBe(f.code);
      if (f.file) expect(c.properties.file).toBe(f.file.startsWith(r.fx.root + '/') ? f.file.slice(r.fx.root.length + 1) : f.file);
      if (f.line) expect([c.properties.line, c.properties.col]).toEqual([String(f.line), String(f.column)]);
      expect(c.message.split('\n')[0]).toBe(f.message.split(r.fx.root + '/').join(''));
    });
  });

  it('escapes % , : CR and LF in a path and a message (a marketplace in a folder named a,b:c%41)', async () => {
    const base = await mkdtemp(join(tmpdir(), 'mcp-doctor-gh-'));
    dirs.push(base);
    const weird = join(base, 'a,b:c%41');
    await cp(join(repoRoot, 'fixtures', 'cases', 'author-marketplace', 'repo'), weird, { recursive: true });
    writeFileSync(join(weird, 'plugins', 'good', '.mcp.json'), JSON.stringify({ srv: { command: 'python3', args: ['${CLAUDE_PLUGIN_ROOT}/50%,done:now.py'] } }, null, 2));
    const r = runCli(['--no-probe', '--format', 'github', '--base-dir', base, weird], { cwd: base });
    const commands = parseGithub(r.stdout);
    const missing = commands.find((c) => c.properties.title === 'command.script-missing');
    expect(missing?.properties.file).toBe('a,b:c%41/plugins/good/.mcp.json');
    expect(missing?.message).toContain("'a,b:c%41/plugins/good/50%,done:now.py'");
    expect(r.stdout).toContain('file=a%2Cb%3Ac%2541/plugins/good/.mcp.json');
  });
});

describe('gitlab', () => {
  type Issue = { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } };
  it.each(trees.map((t) => t.name))('%s: one Code Quality issue per finding, with the fields GitLab requires', (name) => {
    const r = run(name);
    const issues = JSON.parse(r.out.gitlab) as Issue[];
    expect(issues).toHaveLength(r.report.findings.length);
    r.report.findings.forEach((f, i) => {
      const issue = issues[i]!;
      expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(issue.check_name).toBe(f.code);
      expect(issue.severity).toBe({ error: 'major', warning: 'minor', info: 'info' }[f.severity]);
      expect(issue.location.path).toBe(f.file ? (f.file.startsWith(r.fx.root + '/') ? f.file.slice(r.fx.root.length + 1) : f.file) : '.');
      expect(issue.location.lines.begin).toBe(f.line ?? 1);
      expect(issue.description.startsWith(f.message.split(r.fx.root + '/').join(''))).toBe(true);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    });
    expect(new Set(issues.map((x) => x.fingerprint)).size).toBe(issues.length);
  });

  it('fingerprints do not depend on where the repository is checked out', async () => {
    const r = run('author-marketplace');
    const elsewhere = await mkdtemp(join(tmpdir(), 'mcp-doctor-gl-'));
    dirs.push(elsewhere);
    await cp(join(r.fx.root, 'repo'), join(elsewhere, 'repo'), { recursive: true });
    const again = runCli(['--no-probe', '--format', 'gitlab', '--base-dir', elsewhere, join(elsewhere, 'repo')], { cwd: elsewhere });
    const prints = (text: string) => (JSON.parse(text) as Issue[]).map((x) => x.fingerprint).sort();
    expect(prints(again.stdout)).toEqual(prints(r.out.gitlab));
  });
});

describe('markdown', () => {
  it.each(trees.map((t) => t.name))('%s has no ANSI or other control bytes', (name) => {
    // eslint-disable-next-line no-control-regex
    expect(run(name).out.markdown).not.toMatch(/[\x00-\x09\x0B-\x1F\x7F-\x9F]/);
  });

  it('one table row per server with status, root cause, where and fix', () => {
    const md = run('author-marketplace').out.markdown;
    expect(md).toContain('| status | server | root cause | where | fix |');
    // srv's own definition is fine: its plugin's manifest is what drops it.
    expect(md).toContain(
      '| ✘ failed | `srv` (good@acme-tools) | `config.schema` skills.0: expected a path starting with \'./\' (no \'..\'), found "skills/review" | `repo/plugins/good/.claude-plugin/plugin.json:4:3` | Start the path with ./ (relative to the plugin root): "./skills/review". |',
    );
    expect(md).toMatch(/\| ✘ failed \| plugin `ghost@acme-tools` \| `config.missing-file` .* \| `repo\/.claude-plugin\/marketplace.json:18:7` \|/);
  });
});

describe('secrets stay redacted in every format', () => {
  it.each(Object.keys(formats) as CiFormat[])('%s', (format) => {
    const text = run('secret-literal').out[format];
    expect(text).toContain('secret.literal');
    expect(text).not.toContain('ghp_FAKEfixtureTOKEN0123456789abcdefABCDEF');
    expect(text).not.toContain('sk-fixture-9f8e7d6c5b4a39281706');
  });
});
