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
import { JSONRPCMessageSchema, SUPPORTED_PROTOCOL_VERSIONS as SDK_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import reportSchema from '../schemas/report.schema.json' with { type: 'json' };
import type { Report } from '../src/core/model/types.js';
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

  it('lists diagnose, explain and fix_plan with valid schemas and honest annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['diagnose', 'explain', 'fix_plan']);
    const strict = new Ajv({ strict: false });
    addFormats(strict);
    for (const tool of tools) {
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.inputSchema.type).toBe('object');
      expect(strict.validateSchema(tool.inputSchema), `${tool.name} inputSchema`).toBe(true);
      if (tool.outputSchema) expect(() => strict.compile(tool.outputSchema!), `${tool.name} outputSchema compiles`).not.toThrow();
    }
    // diagnose gives the model text only (Claude Code would forward structured JSON instead of it).
    expect(tools.find((t) => t.name === 'diagnose')?.outputSchema).toBeUndefined();
    // probe: true runs every server's code and reaches remote servers: neither read-only nor a closed world.
    const hints = Object.fromEntries(tools.map((t) => [t.name, [t.annotations?.readOnlyHint, t.annotations?.openWorldHint, t.annotations?.destructiveHint]]));
    expect(hints).toEqual({ diagnose: [false, true, false], explain: [true, false, undefined], fix_plan: [false, true, false] });
  });

  it('diagnose: the problems only, each server as Claude Code names it with its root cause, no structuredContent', async () => {
    const result = await client.callTool({ name: 'diagnose', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toBeUndefined();
    const text = textOf(result);
    expect(text).toMatch(/^mcp-doctor \S+: \d+ MCP servers? in \d+ plugins?: .*static checks only/);
    expect(text).toContain('✘ plugin:vault:vault: venv.link-lost: ');
    expect(text).toContain('~/.claude/plugins/cache/story/vault/1.1.0');
    expect(text).toMatch(/\n {2}fix: .+\(automatic: mcp-doctor --fix\)/);
    expect(text).not.toMatch(/\x1b/);
  });

  it('diagnose detail: true gives the whole report of one server as JSON, valid against the report schema', async () => {
    const result = await client.callTool({ name: 'diagnose', arguments: { server: 'plugin:vault:vault', detail: true } });
    const report = JSON.parse(textOf(result)) as Report;
    expect(validReport(report), JSON.stringify(validReport.errors, null, 1)).toBe(true);
    expect(report.probe).toBe(false);
    expect(report.servers.map((s) => s.id)).toEqual(['plugin:vault:vault']);
    expect(report.servers[0]!.findings.map((f) => f.code)).toContain('venv.link-lost');
  });

  it('diagnose narrows to a plugin or server, and a name that matches nothing is an error result naming close ones', async () => {
    const one = await client.callTool({ name: 'diagnose', arguments: { server: ['vault/vault'] } });
    expect(textOf(one)).toContain('✘ plugin:vault:vault: venv.link-lost');
    expect(textOf(one)).not.toContain('vault-admin');
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
    // Text only: Claude Code would give the model a structuredContent's JSON instead, without the command.
    expect(result.structuredContent).toBeUndefined();
    const text = textOf(result);
    expect(text).toMatch(/link ~\/\.claude\/plugins\/cache\/story\/vault\/1\.1\.0\/mcp\/\.venv → .*venv\.link-lost/);
    expect(text).toContain('Fix plan');
    expect(text).toContain('\nNothing was changed.\nTo apply: mcp-doctor --fix --plugin vault\n');
    expect(treeDiff(before, snapshot(fx.root))).toEqual([]);
    expect(existsSync(join(fx.home, '.cache', 'mcp-doctor'))).toBe(false);
  });

  it('bad arguments are error results naming the problem, and the server keeps serving', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['diagnose', { probe: 'yes' }, "diagnose: 'probe' must be a boolean, not a string"],
      ['diagnose', { plugins: ['vault'] }, "diagnose: unknown argument 'plugins' (it takes 'plugin', 'server', 'probe', 'detail')"],
      ['diagnose', { server: [1] }, "diagnose: 'server' must be a string of at most 300 characters or a list of at most 100 strings of at most 300 characters, not a list"],
      ['explain', { code: 'x'.repeat(5000) }, "explain: 'code' must be a string of at most 100 characters, not one of 5000 characters"],
      ['explain', {}, "explain: missing required argument 'code' (a string of at most 100 characters)"],
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
      expect(textOf(gated)).toMatch(/\[needs --install-deps\] run npm /);
      expect(textOf(gated)).toContain('\nNothing was changed.\nTo include the changes marked [needs …]: mcp-doctor --fix --install-deps\n');
      const open = await client.callTool({ name: 'fix_plan', arguments: { install_deps: true } });
      expect(textOf(open)).toMatch(/\n {2}1\. run npm /);
      expect(textOf(open)).not.toContain('[needs');
      expect(textOf(open)).toContain('\nTo apply: mcp-doctor --fix --install-deps\n');
    } finally {
      await client.close();
    }
    expect(treeDiff(before, snapshot(fx.root))).toEqual([]);
  });
});

describe('raw JSON-RPC', () => {
  it('answers initialize with the version asked for when the SDK speaks it, else 2025-11-25', async () => {
    const p = project({});
    const server = startRawServer({ cwd: p.dir, env: p.env });
    const init = (protocolVersion?: string) =>
      server.request('initialize', { ...(protocolVersion ? { protocolVersion } : {}), capabilities: {}, clientInfo: { name: 't', version: '1' } });
    const version = async (asked?: string) => ((await init(asked)).result as { protocolVersion: string }).protocolVersion;
    for (const v of SDK_VERSIONS) expect(await version(v)).toBe(v);
    expect(SDK_VERSIONS).toEqual(expect.arrayContaining(['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05']));
    expect(await version('1999-01-01')).toBe('2025-11-25');
    // protocolVersion is required: without it, an error answer (from the SDK's server), and serving goes on.
    expect((await init(undefined)).error).toMatchObject({ code: expect.any(Number) });
    expect(await version('2025-11-25')).toBe('2025-11-25');
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
    expect((await server.request('resources/list')).error).toEqual({ code: -32601, message: 'Method not found' });
    server.sendRaw('{"jsonrpc":"2.0","id":"x",');
    expect((await server.response(undefined)).error).toMatchObject({ code: -32700 });
    server.send({ jsonrpc: '1.0', id: 'old', method: 'ping' });
    expect((await server.response('old')).error).toMatchObject({ code: -32600 });
    server.send([{ jsonrpc: '2.0', id: 'batch', method: 'ping' }]);
    server.send({ jsonrpc: '2.0', id: 'p', method: 'tools/call', params: { arguments: {} } });
    expect((await server.response('p')).error).toMatchObject({ code: -32602 });
    // A probe of a server that prints a banner on its stdout: the banner stays inside the report.
    const probed = await server.request('tools/call', { name: 'diagnose', arguments: { probe: true, detail: true } });
    const report = JSON.parse((probed.result as { content: Text[] }).content[0]!.text) as Report;
    expect(report.servers[0]?.probe?.stdoutNoise[0]).toContain('listening on stdio');
    server.child.stdin.end();
    expect((await server.exited).code).toBe(0);
    // Eight requests (four well-formed, four not), eight answers; the two notifications got none.
    expect(server.lines.length).toBe(8);
    expect(server.lines.filter((l) => l.includes('batches are not accepted'))).toHaveLength(1);
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
    const rpc = (l: string) => {
      try {
        return (JSON.parse(l) as { jsonrpc?: unknown }).jsonrpc === '2.0';
      } catch {
        return false;
      }
    };
    expect(server.lines.slice(first).filter((l) => !rpc(l))).toEqual([]);
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

describe('what Claude Code 2.1.332 sends first', () => {
  it('server/discover (protocol 2026-07-28) is answered -32601, so Claude Code falls back to initialize, which works', async () => {
    const p = project({});
    const server = startRawServer({ cwd: p.dir, env: p.env });
    server.send({
      jsonrpc: '2.0',
      id: 'server-discover-probe-1',
      method: 'server/discover',
      params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'claude-code', version: '2.1.332' } } },
    });
    expect((await server.response('server-discover-probe-1')).error).toEqual({ code: -32601, message: 'Method not found' });
    const init = await server.request('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'claude-code', version: '2.1.332' } });
    expect(init.result).toMatchObject({ protocolVersion: '2025-11-25', serverInfo: { name: 'mcp-doctor' } });
    server.child.stdin.end();
    expect((await server.exited).code).toBe(0);
  });
});

const running = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); // a zombie is dead, just not yet reaped
  } catch {
    return false;
  }
};
async function survivorsOf(pids: number[]): Promise<number[]> {
  let left = pids.filter(running);
  for (let i = 0; i < 40 && left.length; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = left.filter(running);
  }
  return left;
}

describe('cancellation and progress', () => {
  it('notifications/cancelled stops the probe and kills the servers it started; the call gets no answer; other calls go on', async () => {
    const pids = mkdtempSync(join(tmpdir(), 'mcp-doctor-pids-'));
    dirs.push(pids);
    const fixture = join(repoRoot, 'fixtures/servers/mcp_fixture.py');
    const p = project({ slow: { command: 'python3', args: [fixture, 'grandchild', '--delay', '600'] }, stubborn: { command: 'python3', args: [fixture, 'stubborn'] } });
    const server = startRawServer({ cwd: p.dir, env: { ...p.env, FIXTURE_PID_DIR: pids, MCP_TIMEOUT: '60000' } });
    server.send({ jsonrpc: '2.0', id: 'd', method: 'tools/call', params: { name: 'diagnose', arguments: { probe: true }, _meta: { progressToken: 'tok' } } });
    const started = Date.now();
    while (readdirSync(pids).length < 3 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
    const alive = readdirSync(pids).map(Number);
    expect(alive.length).toBeGreaterThanOrEqual(3);
    const cancelledAt = Date.now();
    server.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'd', reason: 'user pressed Esc' } });
    expect(await survivorsOf(alive)).toEqual([]);
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
    expect(await server.request('ping')).toMatchObject({ result: {} });
    await new Promise((r) => setTimeout(r, 300));
    server.child.stdin.end();
    expect((await server.exited).code).toBe(0);
    expect(server.lines.filter((l) => (JSON.parse(l) as { id?: unknown }).id === 'd')).toEqual([]);
  });

  it('a call with a progress token gets notifications/progress, one per server, rising to the total', async () => {
    const p = project({ one: { command: 'node', args: ['-e', '0'] }, two: { command: 'not-a-command-anywhere' } });
    const server = startRawServer({ cwd: p.dir, env: p.env });
    server.send({ jsonrpc: '2.0', id: 'd', method: 'tools/call', params: { name: 'diagnose', arguments: {}, _meta: { progressToken: 7 } } });
    await server.response('d');
    server.child.stdin.end();
    await server.exited;
    const progress = server.lines.map((l) => JSON.parse(l) as { method?: string; params?: { progressToken: unknown; progress: number; total?: number; message: string } }).filter((m) => m.method === 'notifications/progress');
    expect(progress.map((m) => [m.params!.progressToken, m.params!.progress, m.params!.total])).toEqual([
      [7, 0, 2],
      [7, 1, 2],
      [7, 2, 2],
    ]);
    expect(progress.at(-1)!.params!.message).toMatch(/^(one|two): (ok|failed)$/);
  });
});

describe('input bounds', () => {
  /** Peak resident memory of a child this test started, in MiB. */
  const peakMiB = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

  it('a 100 MiB line is answered with an error carrying its id and discarded without being held; the server keeps serving', async () => {
    const p = project({});
    const server = startRawServer({ cwd: p.dir, env: p.env });
    await server.request('ping');
    const before = peakMiB(server.child.pid!);
    const chunk = 'x'.repeat(1024 * 1024);
    server.child.stdin.write('{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"explain","arguments":{"code":"');
    for (let i = 0; i < 100; i++) if (!server.child.stdin.write(chunk)) await new Promise((r) => server.child.stdin.once('drain', r));
    server.child.stdin.write('"}}}\n');
    const big = await server.response('big');
    expect(big.error).toMatchObject({ code: -32600, message: expect.stringMatching(/^Invalid request: a message larger than 16 MiB .* was discarded unread$/) });
    expect(await server.request('ping')).toMatchObject({ result: {} });
    // The line was never held whole: the peak grew by less than the 100 MiB sent (what it grows by at all is
    // the 64 KiB reads the garbage collector has not yet taken back, more on a busy machine).
    expect(peakMiB(server.child.pid!) - before).toBeLessThan(80);
    server.child.stdin.end();
    expect((await server.exited).code).toBe(0);
  });

  it('error answers quote at most ~200 characters of the input', async () => {
    const p = project({});
    const server = startRawServer({ cwd: p.dir, env: p.env });
    const long = 'y'.repeat(100_000);
    const cases: unknown[] = [
      { jsonrpc: '2.0', id: 1, method: long },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: long } },
      { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'diagnose', arguments: { [long]: true } } },
      { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'diagnose', arguments: { server: long } } },
      { jsonrpc: '2.0', id: long, method: 'ping' },
    ];
    for (const c of cases) server.send(c);
    server.sendRaw(`{"jsonrpc":"2.0","id":9,${long}`);
    for (const id of [1, 2, 3, 4]) await server.response(id);
    server.child.stdin.end();
    await server.exited;
    expect(server.lines).toHaveLength(6);
    for (const line of server.lines) expect(line.length, line.slice(0, 300)).toBeLessThan(600);
  });

  it('a slow request never holds up the others: explain of a 1 MiB code and diagnose answer while pings do', async () => {
    const p = project({ one: { command: 'node', args: ['-e', '0'] } });
    const server = startRawServer({ cwd: p.dir, env: p.env });
    await server.request('ping');
    const t0 = performance.now();
    server.send({ jsonrpc: '2.0', id: 'e', method: 'tools/call', params: { name: 'explain', arguments: { code: 'z'.repeat(1024 * 1024) } } });
    server.send({ jsonrpc: '2.0', id: 'g', method: 'tools/call', params: { name: 'diagnose', arguments: {} } });
    const ping = await server.request('ping');
    const [e, g] = await Promise.all([server.response('e'), server.response('g')]);
    expect(ping).toMatchObject({ result: {} });
    expect((e.result as { isError: boolean }).isError).toBe(true);
    expect((g.result as { isError?: boolean }).isError).toBeFalsy();
    expect(performance.now() - t0).toBeLessThan(5_000);
    server.child.stdin.end();
    await server.exited;
  });
});
