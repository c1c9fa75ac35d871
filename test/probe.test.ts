/**
 * The live probe, end to end: the built CLI starts real fixture servers (python, node, sh) and talks to a
 * real HTTP server on 127.0.0.1, and every outcome is asserted with its evidence. Every fixture process
 * records its pid; none may outlive the run.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportServer } from '../src/core/model/types.js';
import { parseTimeout } from '../src/core/probe/timeout.js';
import { probeHome, pyFixture } from './helpers/probe-home.js';
import { fixtureHome, runCli, runCliAsync, type FixtureHome } from './helpers/run-cli.js';

let server: http.Server;
let port = 0;
let closedPort = 0;
let fx: FixtureHome;
let pidDir: string;
let report: Report;
let exitCode: number | null;
let elapsedMs = 0;
/** The probe's own timeout (--timeout): what hanging servers cost. */
const TIMEOUT_MS = 8000;
/**
 * Claude Code's timeout (MCP_TIMEOUT), which slow-start is measured against: so large that no server here
 * can look slow however busy the machine is. Slow-start is asserted below, on a server slow on purpose.
 */
const CLAUDE_TIMEOUT_MS = 600_000;

function initResult(id: unknown) {
  return { jsonrpc: '2.0', id, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'fixture-http', version: '3.0.0' } } };
}

async function freePortThenClose(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/mcp') {
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'fixture-session' });
        res.end(JSON.stringify(initResult((JSON.parse(body) as { id: unknown }).id)));
      } else if (req.url === '/mcp-sse') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`event: message\ndata: ${JSON.stringify(initResult(1))}\n\n`);
      } else if (req.url === '/auth') {
        res.writeHead(401, { 'www-authenticate': 'Bearer resource_metadata="http://127.0.0.1/.well-known/oauth-protected-resource/auth", scope="mcp"' });
        res.end();
      } else if (req.url === '/sse') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: endpoint\ndata: /messages\n\n');
      } else if (req.url === '/slow') {
        // never answers: the probe's timeout must end it
      } else {
        res.writeHead(404);
        res.end('not here');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
  closedPort = await freePortThenClose();

  fx = await fixtureHome('probe-matrix');
  pidDir = mkdtempSync(join(tmpdir(), 'mcp-doctor-pids-'));
  // Claude Code's own log of an earlier failure of one server, where Claude Code keeps it.
  const logDir = join(fx.home, '.cache', 'claude-cli-nodejs', fx.project.replace(/[^a-zA-Z0-9]/g, '-'), 'mcp-logs-plugin-probe-crash-import');
  mkdirSync(logDir, { recursive: true });
  writeFileSync(
    join(logDir, '2026-11-20T10-00-00-000Z.jsonl'),
    [
      { debug: 'Starting connection', timestamp: '2026-11-20T10:00:00.100Z' },
      { error: "Server stderr: ModuleNotFoundError: No module named 'mcp_doctor_fixture_missing_module'\n", timestamp: '2026-11-20T10:00:00.400Z' },
      { error: 'Connection failed (CONNECTION_CLOSED): Connection closed', timestamp: '2026-11-20T10:00:00.500Z' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n') + '\n',
  );

  const started = performance.now();
  const r = await runCliAsync(['--json', '--timeout', `${TIMEOUT_MS}ms`, '--discover'], {
    cwd: fx.project,
    env: { ...fx.env, FX_SECRET_FROM_ENV: 'env-secret-Zq81fixture', FX_HTTP_PORT: String(port), FX_CLOSED_PORT: String(closedPort), MCP_TIMEOUT: String(CLAUDE_TIMEOUT_MS), FIXTURE_PID_DIR: pidDir },
  });
  elapsedMs = performance.now() - started;
  exitCode = r.status;
  expect(r.stderr).toBe('');
  report = JSON.parse(r.stdout) as Report;
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await fx?.cleanup();
  if (pidDir) rmSync(pidDir, { recursive: true, force: true });
});

const byName = (name: string): ReportServer => {
  const s = report.servers.find((x) => x.name === name);
  if (!s) throw new Error(`no server ${name}`);
  return s;
};
const codes = (s: ReportServer) => s.findings.map((f) => `${f.severity}:${f.code}`).sort();

type Row = [server: string, outcome: string | null, status: string, findings: string[]];
const rows: Row[] = [
  ['ok-py', 'answered', 'ok', []],
  ['ok-node', 'answered', 'ok', []],
  ['flood-stderr', 'answered', 'ok', []],
  ['grandchild', 'answered', 'ok', []],
  ['banner', 'answered', 'degraded', ['warning:probe.stdout-noise']],
  ['slow', 'answered', 'ok', []],
  ['die-on-discover', 'answered', 'degraded', ['warning:probe.discover-crash']],
  // Connected (initialize answered), so never "failed": its tools are what fails (the probe is the judge).
  ['tools-fail', 'answered', 'degraded', ['error:probe.tools-failed']],
  ['hang', 'timeout', 'failed', ['error:probe.timeout']],
  ['stubborn', 'timeout', 'failed', ['error:probe.timeout']],
  ['exit', 'crashed', 'failed', ['error:probe.crashed']],
  ['leak-secret', 'crashed', 'failed', ['error:probe.crashed']],
  ['signal', 'crashed', 'failed', ['error:probe.crashed']],
  ['crash-import', 'crashed', 'failed', ['error:deps.python-module', 'info:probe.crashed']],
  ['node-missing', 'crashed', 'failed', ['error:deps.node-module', 'info:probe.crashed']],
  ['dynamic-go', 'crashed', 'failed', ['error:command.toolchain-missing', 'info:probe.crashed']],
  ['missing-lib', 'crashed', 'failed', ['error:command.shared-library-missing', 'info:probe.crashed']],
  ['crlf', 'crashed', 'failed', ['error:command.bad-interpreter', 'info:probe.crashed']],
  ['missing-binary', 'spawn-failed', 'failed', ['error:command.not-found', 'info:probe.spawn-failed']],
  ['bad-result', 'protocol-error', 'failed', ['error:probe.protocol']],
  ['old-version', 'version-mismatch', 'failed', ['error:probe.version-mismatch']],
  ['version-error', 'version-mismatch', 'failed', ['error:probe.version-mismatch']],
  ['remote-ok', 'answered', 'ok', []],
  ['remote-sse-answer', 'answered', 'ok', []],
  ['legacy-sse', 'answered', 'ok', []],
  ['remote-auth', 'needs-auth', 'degraded', ['warning:probe.needs-auth']],
  ['remote-404', 'http-error', 'failed', ['error:probe.http-error']],
  ['remote-refused', 'http-error', 'failed', ['error:probe.http-error']],
  ['remote-dns', 'http-error', 'failed', ['error:probe.http-error']],
  ['remote-tls', 'http-error', 'failed', ['error:probe.http-error']],
  ['remote-timeout', 'http-error', 'failed', ['error:probe.http-error']],
];

describe('probe outcomes', () => {
  it('covers every server in the fixture', () => {
    expect(report.servers.map((s) => s.name).sort()).toEqual(rows.map((r) => r[0]).sort());
    expect(report.probe).toBe(true);
    expect(exitCode).toBe(1);
  });

  it.each(rows)('%s: %s, %s', (name, outcome, status, findings) => {
    const s = byName(name);
    expect(s.probe?.outcome ?? null).toBe(outcome);
    expect(s.status).toBe(status);
    expect(codes(s)).toEqual([...findings].sort());
  });
});

describe('probe evidence', () => {
  it('an answering server reports its name, version, protocol, tools and time', () => {
    const p = byName('ok-py').probe;
    expect(p).toMatchObject({ serverInfo: { name: 'fixture-ok', version: '1.2.3' }, protocolVersion: '2025-11-25', tools: 2 });
    expect(p?.durationMs).toBeGreaterThan(0);
    expect(byName('remote-ok').probe).toMatchObject({ serverInfo: { name: 'fixture-http', version: '3.0.0' }, protocolVersion: '2025-06-18' });
  });

  it('a crash gives the exit code or signal and the stderr tail', () => {
    const exit = byName('exit').findings[0];
    expect(exit?.evidence).toMatchObject({ exitCode: 3, signal: null, stderrLast: 'fatal: environment variable API_KEY is empty or unset; refusing to start' });
    expect(byName('signal').findings[0]?.evidence).toMatchObject({ exitCode: null, signal: 'SIGKILL', stderrLast: 'about to crash hard' });
  });

  it('names the missing module and the interpreter that ran', () => {
    const f = byName('crash-import').findings.find((x) => x.code === 'deps.python-module');
    expect(f?.evidence.module).toBe('mcp_doctor_fixture_missing_module');
    expect(f?.evidence.interpreter).toBe('/usr/bin/python3');
    expect(byName('crash-import').findings.find((x) => x.code === 'probe.crashed')?.causedBy).toBe('deps.python-module');
    expect(byName('node-missing').findings.find((x) => x.code === 'deps.node-module')?.evidence.module).toBe('mcp-doctor-fixture-missing-package');
    expect(byName('dynamic-go').findings.find((x) => x.code === 'command.toolchain-missing')?.evidence.tool).toBe('go');
    expect(byName('missing-lib').findings.find((x) => x.code === 'command.shared-library-missing')?.evidence.library).toBe('libmcpfixture.so.1');
  });

  it('links the probe symptom to the static root cause instead of a second error', () => {
    const spawn = byName('missing-binary').findings.find((f) => f.code === 'probe.spawn-failed');
    expect(spawn).toMatchObject({ severity: 'info', causedBy: 'command.not-found' });
    expect(spawn?.evidence).toMatchObject({ errno: 'ENOENT', path: `${fx.root}/mkt/plugins/probe/bin/not-built` });
    expect(byName('crlf').findings.find((f) => f.code === 'probe.crashed')?.causedBy).toBe('command.bad-interpreter');
  });

  it('quotes stdout noise', () => {
    expect(byName('banner').findings[0]?.evidence.first).toBe('fixture-weather MCP server v0.3.1 -- listening on stdio');
  });

  it('names both protocol versions', () => {
    expect(byName('old-version').findings[0]?.evidence.serverVersions).toBe('2023-01-01');
    expect(byName('version-error').findings[0]?.evidence.serverVersions).toBe('2026-07-28');
    expect(byName('version-error').findings[0]?.message).toContain('asked for 2025-11-25');
  });

  it('quotes the tools/list error', () => {
    expect(byName('tools-fail').findings[0]?.evidence.error).toBe('error -32603: tool registry failed to load: weather.yaml missing');
  });

  it('says how long a timeout waited', () => {
    expect(byName('hang').findings[0]?.evidence.timeoutMs).toBe(TIMEOUT_MS);
  });

  it('warns of a slow start only for a server slow on purpose', () => {
    // slow sleeps 1.8 s before answering; against a 2 s MCP_TIMEOUT that is slow on any machine.
    const r = runCli(['--json', '--server', 'slow', '--timeout', '60s'], { cwd: fx.project, env: { ...fx.env, MCP_TIMEOUT: '2000', FIXTURE_PID_DIR: pidDir } });
    const slow = (JSON.parse(r.stdout) as Report).servers.find((x) => x.name === 'slow');
    expect(slow?.findings.map((f) => f.code)).toEqual(['probe.slow-start']);
    expect(slow?.findings[0]?.evidence).toMatchObject({ claudeTimeoutMs: 2000 });
    expect(Number(slow?.findings[0]?.evidence.durationMs)).toBeGreaterThanOrEqual(1800);
  });

  it('tells remote failures apart', () => {
    const kind = (n: string) => byName(n).findings[0]?.evidence.kind;
    expect(kind('remote-refused')).toBe('refused');
    expect(kind('remote-dns')).toBe('dns');
    expect(kind('remote-tls')).toBe('tls');
    expect(kind('remote-timeout')).toBe('timeout');
    expect(byName('remote-404').findings[0]?.evidence).toMatchObject({ status: 404, kind: 'status' });
    expect(byName('remote-404').findings[0]?.hint).toContain('"type": "sse"');
    expect(byName('remote-auth').findings[0]?.evidence.resourceMetadata).toBe('http://127.0.0.1/.well-known/oauth-protected-resource/auth');
  });

  it('keeps 40 MB of stderr out of memory and out of the report', () => {
    const p = byName('flood-stderr').probe;
    expect(p?.stderrBytes).toBeGreaterThan(40 * 1024 * 1024);
    expect(p?.stderrTail.at(-1)).toBe('flood done');
    expect(JSON.stringify(report).length).toBeLessThan(512 * 1024);
  });

  it("shows the last error in Claude Code's own MCP log", () => {
    expect(byName('crash-import').claudeLog).toMatchObject({ timestamp: '2026-11-20T10:00:00.500Z', error: 'Connection failed (CONNECTION_CLOSED): Connection closed' });
    expect(byName('ok-py').claudeLog).toBeNull();
  });
});

describe('secrets', () => {
  it('redacts credentials a server prints, and never reports env values', () => {
    const text = JSON.stringify(report);
    for (const secret of ['sk-live-fixture0123456789abcdef', 'hunter2fixture', 'abcdef123456fixture', 'ghp_FIXTUREfixtureFIXTUREfixture012345', 'env-secret-Zq81fixture']) {
      expect(text).not.toContain(secret);
    }
    const tail = byName('leak-secret').probe?.stderrTail ?? [];
    expect(tail).toEqual([
      'connecting with Authorization: Bearer «redacted»',
      'retrying https://«redacted»@127.0.0.1:2/v1?token=«redacted»',
      'fatal: GITHUB_TOKEN «redacted» was rejected',
    ]);
    expect(byName('leak-secret').envKeys).toEqual(['SERVICE_PASSWORD']);
  });
});

describe('process hygiene', () => {
  it('leaves no fixture process behind, grandchildren included', async () => {
    const pids = readdirSync(pidDir).map(Number);
    // python, node and sh fixtures each wrote one; the grandchild mode wrote two; a server that exits before answering
    // is started twice.
    expect(pids.length).toBeGreaterThan(25);
    const alive = (pid: number) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return !/^\d+ \(.*\) Z /.test(stat); // a zombie is dead, just not yet reaped
      } catch {
        return false;
      }
    };
    let survivors = pids.filter(alive);
    for (let i = 0; i < 20 && survivors.length; i++) {
      await new Promise((r) => setTimeout(r, 50)); // init may need a moment to reap
      survivors = survivors.filter(alive);
    }
    expect(survivors.map((p) => `${p} ${readFileSync(join(pidDir, String(p)), 'utf8')}`)).toEqual([]);
  });

  it('runs servers at once: three hanging servers cost one timeout, not three', () => {
    // hang, stubborn (ignores SIGTERM) and remote-timeout each wait the full timeout: one after another they
    // would take three timeouts at least, so less than that proves they overlapped, on any machine.
    expect(elapsedMs).toBeLessThan(3 * TIMEOUT_MS);
  });
});

describe('timeouts', () => {
  it.each([
    ['30', 30_000],
    ['4s', 4_000],
    ['500ms', 500],
    ['1.5s', 1_500],
    ['2m', 120_000],
    ['0', null],
    ['soon', null],
    ['-1s', null],
  ] as const)('parses %s', (text, ms) => {
    expect(parseTimeout(text)).toBe(ms);
  });

  it('rejects a bad --timeout with a usage error', () => {
    const r = runCli(['--timeout', 'soon', '--no-probe', fx.root], { cwd: tmpdir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--timeout soon: expected seconds');
  });

  it('uses MCP_TIMEOUT (ms, as Claude Code reads it) when --timeout is not given', () => {
    const h = probeHome({ hang: { command: 'python3', args: [pyFixture, 'hang'] } });
    try {
      const r = runCli(['--json'], { cwd: h.project, env: { ...h.env, MCP_TIMEOUT: '700' } });
      const rep = JSON.parse(r.stdout) as Report;
      expect(rep.servers[0]?.probe).toMatchObject({ outcome: 'timeout', timeoutMs: 700 });
    } finally {
      h.cleanup();
    }
  });
});

describe('probe report', () => {
  it('matches schemas/report.schema.json', async () => {
    const { Ajv } = await import('ajv');
    const schema = (await import('../schemas/report.schema.json', { with: { type: 'json' } })).default;
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('date-time', (v: string) => !Number.isNaN(Date.parse(v)));
    const validate = ajv.compile(schema);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
  });
});
