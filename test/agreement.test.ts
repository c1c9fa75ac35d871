/**
 * Agreement with the real Claude Code (2.1.330, and 2.1.332 for the newer facts), server by server. Each folder in fixtures/agreement is a home
 * rebuilt from a measurement (its VERDICT.md quotes what Claude Code printed); cases.json lists, per case, the
 * files changed on top of it, Claude Code's verdict for every server (connected / failed / disabled / pending /
 * missing) and the status mcp-doctor must give. Every case runs the doctor with the probe, as a user would.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/model/context.js';
import { runDoctor } from '../src/core/engine/run.js';
import type { Report, ReportServer } from '../src/core/model/types.js';
import { materializeFixture } from '../src/demo/materialize.js';
import { repoRoot, TEST_PATH } from './helpers/run-cli.js';

type ClaudeVerdict = 'connected' | 'failed' | 'disabled' | 'pending' | 'missing';

interface Case {
  name: string;
  claude: Record<string, ClaudeVerdict>;
  doctor: Record<string, [string, string | null]>;
  /** Relative paths whose content is replaced (JSON values; {{ROOT}} is filled in). */
  write?: Record<string, unknown>;
  /** Relative paths that get a UTF-8 byte-order mark prepended. */
  bom?: string[];
  createdDirs?: string[];
  expectArgs?: Record<string, string>;
  duplicateOf?: Record<string, string>;
  /** Overrides the fact's `probe`. */
  probe?: boolean;
  /** Credentials that must not appear anywhere in the report. */
  neverShown?: string[];
  /** The error that must name each server's cause (the generic "not found" must not stand beside it). */
  rootCause?: Record<string, string>;
  /** Where each server's plugin is read from (a path under the fixture): which of two same-named plugins it is. */
  rootOf?: Record<string, string>;
}

interface FactSpec {
  shellEnv: Record<string, string>;
  /**
   * Start the servers (default). A fact with many cases probes only some: starting healthy servers again and
   * again proves nothing new and loads a 2-core machine that other tests time.
   */
  probe?: boolean;
  timeoutMs?: number;
  expectedValues?: Record<string, string>;
  cases: Case[];
}

const agreementDir = join(repoRoot, 'fixtures', 'agreement');
const facts = ['settings-env', 'plugin-data', 'bom', 'project-switches', 'duplicates', 'user-config', 'command-forms', 'same-name', 'auth-header', 'launcher-venv', 'node-bundled'];

/**
 * A remote MCP server on loopback for the auth-header fact ({{AUTH_PORT}}): it answers initialize only to
 * `Authorization: Bearer fixture-good-token`, and 401 (with an OAuth challenge) to anything else, recording
 * the header it got.
 */
const authSeen: string[] = [];
let authServer: Server | undefined;
let authPort = 0;
beforeAll(async () => {
  authServer = createServer((req, res) => {
    const auth = String(req.headers.authorization ?? '');
    authSeen.push(auth);
    req.resume();
    if (auth !== 'Bearer fixture-good-token') {
      res.writeHead(401, { 'www-authenticate': 'Bearer resource_metadata="http://127.0.0.1/.well-known/oauth-protected-resource"' });
      res.end();
      return;
    }
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'fixture-auth', version: '1' } } }));
    });
  });
  await new Promise<void>((r) => authServer!.listen(0, '127.0.0.1', r));
  authPort = (authServer.address() as AddressInfo).port;
});
afterAll(() => {
  authServer?.closeAllConnections();
  authServer?.close();
});
const spec = (fact: string) => JSON.parse(readFileSync(join(agreementDir, fact, 'cases.json'), 'utf8')) as FactSpec;

/** What Claude Code's verdict means in mcp-doctor's terms. */
export function agrees(claude: ClaudeVerdict, s: ReportServer | undefined): boolean {
  if (!s) return claude === 'missing';
  switch (claude) {
    case 'connected':
      return s.status === 'ok' || s.status === 'degraded';
    case 'failed':
      return s.status === 'failed' && s.probe !== null;
    case 'disabled':
      return s.status === 'disabled' && s.skipReason === 'disabled-for-project' && s.probe === null;
    case 'pending':
      return s.status === 'disabled' && s.skipReason === 'pending-approval' && s.probe === null;
    case 'missing':
      // Claude Code leaves it out; mcp-doctor shows it, says why, and does not start it.
      return s.probe === null && ['duplicate', 'mcpjson-disabled', 'file-dropped', 'user-config-unset'].includes(s.skipReason ?? '') && s.status !== 'ok';
  }
}

async function runCase(fact: string, f: FactSpec, c: Case): Promise<Report> {
  const { root, cleanup } = await materializeFixture(join(agreementDir, fact), 'mcp-doctor-agreement-');
  try {
    for (const [rel, value] of Object.entries(c.write ?? {})) {
      await mkdir(dirname(join(root, rel)), { recursive: true });
      await writeFile(join(root, rel), JSON.stringify(value, null, 2).replaceAll('{{ROOT}}', root));
    }
    for (const rel of c.bom ?? []) await writeFile(join(root, rel), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), await readFile(join(root, rel))]));
    const home = join(root, 'home');
    // git keeps no empty folder: the project folder Claude Code runs in is made here when the fixture has none.
    await mkdir(join(root, 'project'), { recursive: true });
    const shellEnv = Object.fromEntries(Object.entries(f.shellEnv).map(([k, v]) => [k, v.replaceAll('{{AUTH_PORT}}', String(authPort))]));
    const env = { PATH: TEST_PATH, HOME: home, XDG_CACHE_HOME: join(home, '.cache'), ...shellEnv };
    const ctx = createContext({ env, cwd: join(root, 'project'), homedir: home, managedDir: join(root, 'managed'), platform: 'linux' });
    const probe = c.probe ?? f.probe ?? true;
    const { report } = await runDoctor(ctx, { version: 'test', probe, timeoutMs: f.timeoutMs ?? 20_000 });
    for (const d of c.createdDirs ?? []) expect(existsSync(join(root, d)), d).toBe(true);
    return JSON.parse(JSON.stringify(report).replaceAll(root, '{{ROOT}}')) as Report;
  } finally {
    await cleanup();
  }
}

const table: { fact: string; servers: number; agree: number }[] = [];
afterAll(() => {
  const lines = table.map((t) => `  ${t.fact.padEnd(18)} ${String(t.agree).padStart(3)}/${t.servers}`);
  const total = table.reduce((a, t) => ({ agree: a.agree + t.agree, servers: a.servers + t.servers }), { agree: 0, servers: 0 });
  console.log(`server verdicts that agree with the real Claude Code, as measured (fact: agree/servers):\n${lines.join('\n')}\n  ${'total'.padEnd(18)} ${total.agree}/${total.servers}`);
});

describe.each(facts)('%s', (fact) => {
  const f = spec(fact);
  let servers = 0;
  let agreed = 0;
  afterAll(() => table.push({ fact, servers, agree: agreed }));
  it.each(f.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const report = await runCase(fact, f, c);
    const byId = new Map(report.servers.map((s) => [s.id, s]));
    for (const [id, verdict] of Object.entries(c.claude)) {
      const s = byId.get(id);
      servers++;
      if (agrees(verdict, s)) agreed++;
      const [status, reason] = c.doctor[id] ?? ['?', null];
      expect({ id, status: s?.status, reason: s?.skipReason ?? null }, `${id}: ${JSON.stringify(s?.findings.map((x) => `${x.code}: ${x.message}`))}`).toEqual({ id, status, reason });
      expect(agrees(verdict, s), `${id}: Claude Code ${verdict}, mcp-doctor ${s?.status} (${s?.skipReason})`).toBe(true);
    }
    // Every server in the report is one the case speaks about.
    expect([...byId.keys()].sort()).toEqual(Object.keys(c.claude).sort());
    for (const [id, arg] of Object.entries(c.expectArgs ?? {})) expect(byId.get(id)?.args).toContain(arg);
    for (const secret of c.neverShown ?? []) expect(JSON.stringify(report)).not.toContain(secret);
    for (const [id, code] of Object.entries(c.rootCause ?? {})) {
      const errors = byId.get(id)?.findings.filter((x) => x.severity === 'error').map((x) => x.code);
      expect(errors, id).toEqual([code]);
    }
    for (const [id, root] of Object.entries(c.rootOf ?? {})) expect(byId.get(id)?.root, id).toBe(`{{ROOT}}/${root}`);
    for (const [id, winner] of Object.entries(c.duplicateOf ?? {})) {
      expect(byId.get(id)?.findings.find((x) => x.code === 'server.duplicate')?.evidence.duplicateOf, id).toBe(winner);
    }
  });
});

describe('Authorization header with an unset variable', () => {
  it('sends the literal text, as Claude Code does, and names the variable as the cause', async () => {
    const f = spec('auth-header');
    authSeen.length = 0;
    const report = await runCase('auth-header', f, f.cases[0]!);
    expect(authSeen).toContain('Bearer ${FX_UNSET_TOKEN}');
    const s = report.servers.find((x) => x.id === 'plugin:bearer:unset-token');
    const cause = s?.findings.find((x) => x.severity === 'error');
    expect(cause?.message).toContain("Claude Code sends the literal text '${FX_UNSET_TOKEN}' in the Authorization header");
    expect(s?.findings.find((x) => x.code === 'probe.auth-rejected')).toMatchObject({ severity: 'info', causedBy: 'config.env-unset' });
  });
});

describe('node dependencies judged by the probe', () => {
  it('names the module stderr names, and words the bundle\'s finding as a suspicion', async () => {
    const f = spec('node-bundled');
    const report = await runCase('node-bundled', f, f.cases[0]!);
    const deps = (id: string) => report.servers.find((x) => x.id === id)?.findings.find((x) => x.code === 'deps.not-installed');
    expect(deps('plugin:bundled:unbundled')).toMatchObject({ severity: 'error', evidence: { missingModule: 'zod' } });
    expect(deps('plugin:bundled:unbundled')?.message).toContain("the server died on it: it cannot find the package 'zod'");
    expect(deps('plugin:bundled:bundle')).toMatchObject({ severity: 'warning', contradictedByProbe: true });
    expect(deps('plugin:bundled:bundle')?.message).toContain('the server started without it');
  });
});

describe('settings env in a session', () => {
  it('expands every variable to the layer that wins, and the server inherits the same value', async () => {
    const f = spec('settings-env');
    const report = await runCase('settings-env', f, f.cases[0]!);
    for (const s of report.servers) {
      for (const [name, value] of Object.entries(f.expectedValues ?? {})) expect(s.args, `${s.id} ${name}`).toContain(`arg:${name}=${value}`);
      expect(s.status).toBe('ok');
    }
    // Values only project or local settings give are noted: `claude mcp list` would call them missing.
    const noted = new Set(report.findings.filter((x) => x.code === 'config.env-session-only').map((x) => x.evidence.variable));
    expect([...noted].sort()).toEqual(['L_ONLY', 'PL', 'P_ONLY']);
    expect(report.findings.filter((x) => x.code === 'config.env-unset')).toEqual([]);
  });
});
