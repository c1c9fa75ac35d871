/**
 * An installed Claude Code home with one directory marketplace and one enabled plugin holding the given
 * MCP servers, for probe tests that need servers made up on the spot. Installed mode: the doctor probes it
 * by default. Also the fixture servers' paths and the report lookups those tests share.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Report, ReportServer } from '../../src/core/model/types.js';
import { repoRoot } from './run-cli.js';

export const pyFixture = join(repoRoot, 'fixtures', 'servers', 'mcp_fixture.py');
export const nodeFixture = join(repoRoot, 'fixtures', 'servers', 'node_fixture.mjs');

export interface ProbeHome {
  root: string;
  home: string;
  project: string;
  /** A folder where every fixture process writes its pid (FIXTURE_PID_DIR). */
  pids: string;
  env: Record<string, string>;
  /** Writes a file under the plugin folder (a server script, package.json, pyproject.toml …). */
  pluginFile(rel: string, text: string): string;
  pluginDir: string;
  cleanup(): void;
}

export function probeHome(servers: Record<string, Record<string, unknown>>): ProbeHome {
  const root = mkdtempSync(join(tmpdir(), 'mcp-doctor-probe-home-'));
  const write = (rel: string, text: string) => {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  const json = (rel: string, value: unknown) => write(rel, JSON.stringify(value, null, 2));
  json('home/.claude/plugins/known_marketplaces.json', { fx: { source: { source: 'directory', path: `${root}/mkt` }, installLocation: `${root}/mkt` } });
  json('home/.claude/plugins/installed_plugins.json', { version: 2, plugins: { 'fx@fx': [{ scope: 'user', installPath: `${root}/mkt/plugins/fx`, version: '1.0.0' }] } });
  json('home/.claude/settings.json', { enabledPlugins: { 'fx@fx': true } });
  json('mkt/.claude-plugin/marketplace.json', { name: 'fx', owner: { name: 'fx' }, plugins: [{ name: 'fx', source: './plugins/fx' }] });
  json('mkt/plugins/fx/.claude-plugin/plugin.json', { name: 'fx', version: '1.0.0' });
  json('mkt/plugins/fx/.mcp.json', { mcpServers: servers });
  mkdirSync(join(root, 'project'), { recursive: true });
  mkdirSync(join(root, 'pids'), { recursive: true });
  const home = join(root, 'home');
  return {
    root,
    home,
    project: join(root, 'project'),
    pids: join(root, 'pids'),
    pluginDir: join(root, 'mkt', 'plugins', 'fx'),
    env: { HOME: home, XDG_CACHE_HOME: join(home, '.cache'), FIXTURE_PID_DIR: join(root, 'pids') },
    pluginFile: (rel, text) => write(join('mkt', 'plugins', 'fx', rel), text),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function serverNamed(report: Report, name: string): ReportServer {
  const s = report.servers.find((x) => x.name === name);
  if (!s) throw new Error(`no server ${name} in the report`);
  return s;
}

export const codesOf = (s: ReportServer) => s.findings.map((f) => `${f.severity}:${f.code}`).sort();

/** Pids written to `dir` whose process is still alive (zombies count as dead), after letting init reap. */
export async function survivors(dir: string): Promise<string[]> {
  const { readdirSync, readFileSync } = await import('node:fs');
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  let left = readdirSync(dir).map(Number).filter(alive);
  for (let i = 0; i < 40 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = left.filter(alive);
  }
  return left.map((p) => `${p} ${readFileSync(join(dir, String(p)), 'utf8')}`);
}

/** Throws unless the report matches schemas/report.schema.json (new probe fields included). */
export async function assertReportSchema(report: Report): Promise<void> {
  const { Ajv } = await import('ajv');
  const schema = (await import('../../schemas/report.schema.json', { with: { type: 'json' } })).default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('date-time', (v: string) => !Number.isNaN(Date.parse(v)));
  const validate = ajv.compile(schema);
  if (!validate(report)) throw new Error(`report does not match the schema: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
}
