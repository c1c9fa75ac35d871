/**
 * `mcp-doctor mcp`, the built CLI as a real stdio MCP server: through the official SDK client (initialize,
 * tools/list, each tool, bad arguments), raw JSON-RPC for what the SDK hides (version negotiation, errors,
 * notifications, every stdout byte), mcp-doctor's own probe on it, and what closing stdin does.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import reportSchema from '../schemas/report.schema.json' with { type: 'json' };
import type { FixSection, Report } from '../src/core/model/types.js';
import addFormats from './helpers/formats.js';
import { startRawServer } from './helpers/mcp-raw.js';
import { approveProjectServers, cliPath, fixtureHome, repoRoot, runCli, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';
import { snapshot, treeDiff } from './helpers/tree.js';

const dirs: string[] = [];
const homes: FixtureHome[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validReport = ajv.compile(reportSchema);

type Text = { type: 'text'; text: string };
const textOf = (r: { content: unknown }) => (r.content as Text[]).map((c) => c.text).join('');

/** A project folder with a .mcp.json holding these servers, approved in an otherwise empty home. */
function project(servers: Record<string, unknown>): { dir: string; env: Record<string, string> } {
  const root = mkdtempSync(join(tmpdir(), 'mcp-doctor-mcp-'));
  dirs.push(root);
  mkdirSync(join(root, 'home'));
  mkdirSync(join(root, 'project'));
  writeFileSync(join(root, 'project', '.mcp.json'), JSON.stringify({ mcpServers: servers }, null, 2));
  approveProjectServers(join(root, 'home'));
  return { dir: join(root, 'project'), env: { HOME: join(root, 'home'), XDG_CACHE_HOME: join(root, 'home', '.cache') } };
}

async function connect(cwd: string, env: Record<string, string>): Promise<{ client: Client; transport: StdioClientTransport }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [cliPath, 'mcp'], cwd, env: { PATH: TEST_PATH, ...env }, stderr: 'pipe' });
  const client = new Client({ name: 'mcp-doctor-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

describe('through the official SDK client, on the fix-story home (vault lost its venv link)', () => {
  let fx: FixtureHome;
  let client: Client;
  beforeAll(async () => {
    fx = await fixtureHome('fix-story');
    homes.push(fx);
    ({ client } = await connect(fx.project, fx.env));
  });
  afterAll(async () => {
    await client?.close();
  });

  it('initializes as mcp-doctor with tools and instructions', () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'mcp-doctor', version: expect.any(String) });
    expect(client.getServerCapabilities()).toEqual({ tools: { listChanged: false } });
    expect(client.getInstructions()).toContain('diagnose');
  });

  it('lists diagnose, explain and fix_plan with valid input and output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['diagnose', 'explain', 'fix_plan']);
    const strict = new Ajv({ strict: false });
    addFormats(strict);
    for (const tool of tools) {
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.inputSchema.type).toBe('object');
      expect(strict.validateSchema(tool.inputSchema), `${tool.name} inputSchema`).toBe(true);
      expect(tool.outputSchema, `${tool.name} outputSchema`).toBeDefined();
      expect(() => strict.compile(tool.outputSchema!), `${tool.name} outputSchema compiles`).not.toThrow();
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
  });

  it('diagnose: the text report without colour, and the report as structuredContent valid against the report schema', async () => {
    const result = await client.callTool({ name: 'diagnose', arguments: {} });
    expect(result.isError).toBeFalsy();
    const report = result.structuredContent as unknown as Report;
    expect(validReport(report), JSON.stringify(validReport.errors, null, 1)).toBe(true);
    expect(report.probe).toBe(false);
    expect(report.servers.filter((s) => s.status === 'failed').map((s) => s.name)).toContain('vault');
    const text = textOf(result);
    expect(text).toContain('venv.link-lost');
    expect(text).toContain('~/.claude/plugins/cache/story/vault/1.1.0');
    expect(text).not.toMatch(/\x1b/);
  });

  it('diagnose narrows to a plugin or server, and a name that matches nothing is an error result naming close ones', async () => {
    const one = await client.callTool({ name: 'diagnose', arguments: { server: ['vault/vault'] } });
    expect((one.structuredContent as unknown as Report).servers.map((s) => s.id)).toEqual(['plugin:vault:vault']);
    const typo = await client.callTool({ name: 'diagnose', arguments: { plugin: 'vaul' } });
    expect(typo.isError).toBe(true);
    expect(textOf(typo)).toMatch(/^diagnose: no plugin named 'vaul' \(did you mean 'vault'/);
  });

  it('explain: the catalog entry as text and data; an unknown code is an error result', async () => {
    const ok = await client.callTool({ name: 'explain', arguments: { code: 'venv.link-lost' } });
    expect(ok.isError).toBeFalsy();
    expect(textOf(ok)).toMatch(/^venv\.link-lost: /);
    expect(ok.structuredContent).toMatchObject({ code: 'venv.link-lost', severity: 'error', fixable: true });
    const bad = await client.callTool({ name: 'explain', arguments: { code: 'venv.link-los' } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain("did you mean 'venv.link-lost'?");
  });

  it('fix_plan: lists the venv link, with the command that applies it, and changes nothing on disk', async () => {
    const before = snapshot(fx.root);
    const result = await client.callTool({ name: 'fix_plan', arguments: { plugin: 'vault' } });
    expect(result.isError).toBeFalsy();
    const section = result.structuredContent as unknown as FixSection;
    expect(section.dryRun).toBe(true);
    expect(section.journal).toBeNull();
    const link = section.changes.find((c) => c.kind === 'symlink');
    expect(link).toMatchObject({ code: 'venv.link-lost', status: 'planned', servers: expect.arrayContaining(['plugin:vault:vault']) });
    expect(link!.description).toContain(join(fx.home, '.claude/plugins/cache/story/vault/1.1.0/mcp/.venv'));
    const text = textOf(result);
    expect(text).toContain('Fix plan');
    expect(text).toContain('\nNothing was changed.\nTo apply: mcp-doctor --fix --plugin vault\n');
    expect(treeDiff(before, snapshot(fx.root))).toEqual([]);
    expect(existsSync(join(fx.home, '.cache', 'mcp-doctor'))).toBe(false);
  });

  it('bad arguments are error results naming the problem, and the server keeps serving', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['diagnose', { probe: 'yes' }, "diagnose: 'probe' must be a boolean, not a string"],
      ['diagnose', { plugins: ['vault'] }, "diagnose: unknown argument 'plugins' (it takes 'plugin', 'server', 'probe')"],
      ['diagnose', { server: [1] }, "diagnose: 'server' must be a string or a list of strings, not a list"],
      ['explain', {}, "explain: missing required argument 'code' (a string)"],
      ['explain', { code: '' }, "explain: 'code' must be a non-empty string, not an empty one"],
      ['fix_plan', { build: 1 }, "fix_plan: 'build' must be a boolean, not a number"],
    ];
    for (const [name, args, message] of cases) {
      const r = await client.callTool({ name, arguments: args });
      expect(r.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(textOf(r)).toBe(message);
    }
    await expect(client.callTool({ name: 'nope', arguments: {} })).rejects.toThrow(/Unknown tool 'nope'/);
    await expect(client.ping()).resolves.toEqual({});
  });
});

describe('fix_plan with a change that needs an option (fix-npm: dependencies never installed)', () => {
  it('lists it as needing --install-deps and names the command with it; with install_deps: true it is planned; nothing runs', async () => {
    const fx = await fixtureHome('fix-npm');
    homes.push(fx);
    const before = snapshot(fx.root);
    const { client } = await connect(fx.project, fx.env);
    try {
      const gated = await client.callTool({ name: 'fix_plan', arguments: {} });
      expect((gated.structuredContent as unknown as FixSection).changes).toEqual([expect.objectContaining({ kind: 'npm-install', status: 'skipped', option: '--install-deps' })]);
      expect(textOf(gated)).toContain('\nNothing was changed.\nTo include the changes marked [needs …]: mcp-doctor --fix --install-deps\n');
      const open = await client.callTool({ name: 'fix_plan', arguments: { install_deps: true } });
      expect((open.structuredContent as unknown as FixSection).changes).toEqual([expect.objectContaining({ kind: 'npm-install', status: 'planned' })]);
      expect(textOf(open)).toContain('\nTo apply: mcp-doctor --fix --install-deps\n');
    } finally {
      await client.close();
    }
    expect(treeDiff(before, snapshot(fx.root))).toEqual([]);
  });
});

describe('raw JSON-RPC', () => {
  it('answers initialize with the version asked for when it speaks it, else 2025-11-25', async () => {
    const p = project({});
    const server = startRawServer({ cwd: p.dir, env: p.env });
    const init = (protocolVersion?: string) =>
      server.request('initialize', { ...(protocolVersion ? { protocolVersion } : {}), capabilities: {}, clientInfo: { name: 't', version: '1' } });
    const version = async (asked?: string) => ((await init(asked)).result as { protocolVersion: string }).protocolVersion;
    expect(await version('2025-11-25')).toBe('2025-11-25');
    expect(await version('2025-06-18')).toBe('2025-06-18');
    expect(await version('2024-11-05')).toBe('2025-11-25');
    expect(await version('1999-01-01')).toBe('2025-11-25');
    expect(await version(undefined)).toBe('2025-11-25');
    server.child.stdin.end();
    expect((await server.exited).code).toBe(0);
  });

  it('ping, unknown methods, notifications, junk: each answered as JSON-RPC says, and stdout carries only JSON-RPC', async () => {
    const p = project({ banner: { command: 'python3', args: [join(repoRoot, 'fixtures/servers/mcp_fixture.py'), 'banner'] } });
    const server = startRawServer({ cwd: p.dir, env: p.env });
    await server.request('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } });
    server.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    server.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 99 } });
    expect(await server.request('ping')).toEqual({ jsonrpc: '2.0', id: 2, result: {} });
    expect((await server.request('resources/list')).error).toEqual({ code: -32601, message: 'Method not found: resources/list' });
    server.sendRaw('{"jsonrpc":"2.0","id":"x",');
    expect((await server.response(undefined)).error).toMatchObject({ code: -32700 });
    server.send({ jsonrpc: '1.0', id: 'old', method: 'ping' });
    expect((await server.response('old')).error).toMatchObject({ code: -32600 });
    server.send([{ jsonrpc: '2.0', id: 'batch', method: 'ping' }]);
    server.send({ jsonrpc: '2.0', id: 'p', method: 'tools/call', params: { arguments: {} } });
    expect((await server.response('p')).error).toMatchObject({ code: -32602 });
    // A probe of a server that prints a banner on its stdout: the banner stays inside the report.
    const probed = await server.request('tools/call', { name: 'diagnose', arguments: { probe: true } });
    expect((probed.result as { structuredContent: Report }).structuredContent.servers[0]?.probe?.stdoutNoise[0]).toContain('listening on stdio');
    server.child.stdin.end();
    expect((await server.exited).code).toBe(0);
    // Eight requests (four well-formed, four not), eight answers; the two notifications got none.
    expect(server.lines.length).toBe(8);
    expect(server.lines.filter((l) => l.includes('batches are not part of MCP'))).toHaveLength(1);
    for (const line of server.lines) expect(JSONRPCMessageSchema.safeParse(JSON.parse(line)).success, line).toBe(true);
  });
});

describe('stdout is for JSON-RPC only', () => {
  it('a stray console.log while serving (here from a preloaded module) goes to stderr', async () => {
    const p = project({});
    const preload = join(p.dir, '..', 'stray.cjs');
    writeFileSync(preload, "setInterval(() => console.log('stray log line'), 20).unref();\n");
    const server = startRawServer({ cwd: p.dir, env: { ...p.env, NODE_OPTIONS: `--require ${preload}` } });
    const init = await server.request('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } });
    const first = server.lines.indexOf(JSON.stringify(init));
    await new Promise((r) => setTimeout(r, 300));
    await server.request('ping');
    server.child.stdin.end();
    await server.exited;
    // Before serving starts the line is the preload's business; from the first answer on, only JSON-RPC.
    expect(first).toBeGreaterThanOrEqual(0);
    expect(server.lines.slice(first).filter((l) => !l.startsWith('{"jsonrpc":"2.0"'))).toEqual([]);
    expect(server.stderr()).toContain('stray log line');
  });
});

describe('on mcp-doctor itself', () => {
  it("mcp-doctor's own probe finds its MCP server ok: answered, with 3 tools", () => {
    const p = project({ 'mcp-doctor': { command: 'node', args: [cliPath, 'mcp'] } });
    const r = runCli(['--json'], { cwd: p.dir, env: p.env });
    const report = JSON.parse(r.stdout) as Report;
    const self = report.servers.find((s) => s.name === 'mcp-doctor');
    expect(self?.status, r.stdout).toBe('ok');
    expect(self?.probe).toMatchObject({ outcome: 'answered', tools: 3, protocolVersion: '2025-11-25', serverInfo: { name: 'mcp-doctor' } });
    expect(self?.probe?.stdoutNoise).toEqual([]);
    expect(r.status).toBe(0);
  });
});

describe('shutdown', () => {
  it('exits 0 when stdin closes', async () => {
    const p = project({});
    const server = startRawServer({ cwd: p.dir, env: p.env });
    await server.request('ping');
    server.child.stdin.end();
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('closing stdin during a probe exits 0 and kills the servers it started, grandchildren too', async () => {
    const pids = mkdtempSync(join(tmpdir(), 'mcp-doctor-pids-'));
    dirs.push(pids);
    const fixture = join(repoRoot, 'fixtures/servers/mcp_fixture.py');
    // One ignores SIGTERM; the other sleeps before answering, with a helper that ignores SIGTERM too.
    const p = project({ stubborn: { command: 'python3', args: [fixture, 'stubborn'] }, slow: { command: 'python3', args: [fixture, 'grandchild', '--delay', '600'] } });
    const server = startRawServer({ cwd: p.dir, env: { ...p.env, FIXTURE_PID_DIR: pids, MCP_TIMEOUT: '60000' } });
    server.send({ jsonrpc: '2.0', id: 'd', method: 'tools/call', params: { name: 'diagnose', arguments: { probe: true } } });
    const started = Date.now();
    while (readdirSync(pids).length < 3 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
    const alive = readdirSync(pids).map(Number);
    expect(alive.length).toBeGreaterThanOrEqual(3);
    server.child.stdin.end();
    // Well before the 60 s startup timeout the probe would otherwise wait for.
    const exit = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
    expect(exit).toEqual({ code: 0, signal: null });
    const running = (pid: number) => {
      try {
        return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); // a zombie is dead, just not yet reaped
      } catch {
        return false;
      }
    };
    let survivors = alive.filter(running);
    for (let i = 0; i < 20 && survivors.length; i++) {
      await new Promise((r) => setTimeout(r, 50)); // init may need a moment to reap
      survivors = survivors.filter(running);
    }
    expect(survivors).toEqual([]);
  });
});
