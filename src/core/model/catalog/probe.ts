/** Catalog codes probe.*: What starting the server and speaking MCP to it showed. */
import type { Evidence } from '../evidence.js';
import { errorLine } from '../error-line.js';
import { ACCEPTED_PROTOCOL_VERSIONS, CLAUDE_CODE_VERSION, DISCOVER_PROTOCOL_VERSION, INITIALIZE_PROTOCOL_VERSION } from '../claude-code.js';
import { entry, s, q, printedOnStdout, type CatalogEntry } from './words.js';

/** What a spawn errno means, in the user's words. */
const errnoWords: Record<string, string> = {
  ENOENT: 'no such file: the program, or the interpreter on its #! line, does not exist',
  EACCES: 'permission denied: the file is not executable, or it is a folder',
  ELOOP: 'too many levels of symbolic links: a link loop in the path',
  ENOTDIR: 'a component of the path is a file, not a folder',
  ENAMETOOLONG: 'the path is too long',
  ENOEXEC: 'not a program this system can run (wrong architecture or not a binary)',
  E2BIG: 'the arguments and environment are too large',
  EPERM: 'operation not permitted',
  EISDIR: 'the path is a folder',
  ETXTBSY: 'the file is being written to',
  EINVAL: 'invalid argument (a .cmd/.bat on Windows needs a shell)',
};

/** How an HTTP probe failed, from its kind and status. */
function httpFailure(a: Evidence): string {
  switch (a.kind) {
    case 'refused':
      return 'connection refused: nothing listens there';
    case 'dns':
      return 'the host name does not resolve';
    case 'tls':
      return 'the TLS handshake failed';
    case 'timeout':
      return `no answer within ${s(a.timeoutMs)} ms`;
    default:
      return a.status ? `HTTP ${s(a.status)}` : 'the request failed';
  }
}

/** The stderr line that names the error: the one the probe picked, else picked from the tail kept. */
function stderrErrorLine(a: Evidence): string | undefined {
  if (typeof a.stderrLast === 'string' && a.stderrLast) return a.stderrLast;
  return Array.isArray(a.stderrTail) && a.stderrTail.length > 0 ? errorLine(a.stderrTail) : undefined;
}

/** "4.0 s", "30 s". */
export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export const probeCodes = {
  'probe.spawn-failed': entry({
    args: ['errno', 'error', 'fixHint', 'path', 'syscall'],
    title: 'The operating system refused to start the server',
    severity: 'error',
    fixable: false,
    explain:
      'Starting the command failed before it ran (ENOENT, EACCES, ELOOP, …). Claude Code reports this as ' +
      '"ENOENT … posix_spawn \'stdio\'" without naming the path; mcp-doctor names it and says what the error means.',
    message: (a) => `Starting ${q(a.path)} failed: ${s(a.errno)} (${errnoWords[s(a.errno)] ?? s(a.error)}).`,
    hint: (a) => s(a.fixHint) || 'See the finding this is linked to, or check the path and its permissions.',
  }),
  'probe.crashed': entry({
    args: ['commandLine', 'durationMs', 'exitCode', 'fixHint', 'signal', 'stderrBytes', 'stderrLast', 'stderrTail', 'stdoutFirst', 'stdoutUnterminated', 'stdoutUnterminatedBytes'],
    title: 'Server exited before answering',
    severity: 'error',
    fixable: false,
    short: (a) => {
      const how = a.signal ? `killed by ${s(a.signal)}` : `exit code ${s(a.exitCode)}`;
      const line = stderrErrorLine(a);
      return line ? `exited (${how}): ${line}` : '';
    },
    explain:
      'The server started but exited before it answered initialize. Claude Code shows "CONNECTION_CLOSED: Connection ' +
      'closed" and keeps the stderr in a log file; mcp-doctor shows the exit code or signal and the stderr line that ' +
      'names the error (not the footer, such as "Node.js v20…").',
    message: (a) =>
      `The server exited before answering initialize (${a.signal ? `killed by ${s(a.signal)}` : `exit code ${s(a.exitCode)}`})` +
      (a.stderrLast ? `; stderr says: ${s(a.stderrLast)}` : `, printing nothing on stderr${printedOnStdout(a)}`) +
      '.',
    hint: (a) => s(a.fixHint) || `Run it by hand to see the whole error: ${s(a.commandLine)}`,
  }),
  'probe.backgrounded': entry({
    args: ['background', 'commandLine', 'durationMs', 'exitCode', 'stderrLast', 'stderrTail'],
    title: 'Command exits at once and leaves a background process',
    severity: 'error',
    fixable: false,
    explain:
      'The process Claude Code starts must be the server: Claude Code treats its exit as the end of the connection ' +
      '(CONNECTION_CLOSED about half a second after it), even when a process it forked into the background still holds ' +
      'stdout and would answer. A launcher that daemonizes, or ends in `cmd &`, fails this way.',
    message: (a) =>
      `The command exits right away (exit code ${s(a.exitCode ?? 0)}) and leaves a background process${a.background ? ` (${s(a.background)})` : ''} ` +
      'holding its stdout; Claude Code takes the exit as the end of the connection (CONNECTION_CLOSED).',
    hint: () => 'Run the server in the foreground: drop the fork/daemon option or the trailing "&", or end a launcher script with exec <server>.',
  }),
  'probe.left-processes': entry({
    args: ['count', 'processes'],
    title: 'Server leaves processes behind',
    severity: 'warning',
    fixable: false,
    explain:
      'The server started helpers that left its process group (setsid, a double fork), so stopping the server does not ' +
      'stop them: Claude Code leaves them running after every session. mcp-doctor found them (on Linux, by following ' +
      "the server's descendants) and killed them.",
    message: (a) => `After the server was stopped, ${s(a.count)} process(es) it started were still running outside its process group: ${s(a.processes)} (mcp-doctor killed them).`,
    hint: () => 'Servers should keep their helpers in their own process group (no setsid/daemonizing), or stop them when stdin closes.',
  }),
  'probe.not-run': entry({
    args: ['reason'],
    title: 'Server was not started: mcp-doctor ran out of resources',
    severity: 'warning',
    fixable: false,
    explain:
      'mcp-doctor could not start this server because it ran out of file descriptors or processes itself (EMFILE, ' +
      'ENFILE, EAGAIN), even after waiting for other servers to finish. That is a limit of the machine or container, ' +
      'not a fault of the server, which was not judged.',
    message: (a) => `The server was not started: ${s(a.reason)}; it was not judged.`,
    hint: () => 'Raise the limit (ulimit -n 4096) or check fewer servers at a time (--plugin, --server), and run again.',
  }),
  'probe.timeout': entry({
    args: ['droppedReplies', 'queuedBytes', 'serverRequests', 'stderrLast', 'stderrTail', 'stdinStalled', 'stdoutBytes', 'stdoutFirst', 'stdoutUnterminated', 'stdoutUnterminatedBytes', 'timeoutMs', 'unterminatedReply'],
    title: 'Server did not answer in time',
    severity: 'error',
    fixable: false,
    short: (a) => (typeof a.timeoutMs === 'number' ? `no answer within ${seconds(a.timeoutMs)}${stderrErrorLine(a) ? `: ${stderrErrorLine(a)}` : ''}` : ''),
    explain:
      "No answer to initialize within the timeout, counted from the server's own start. Claude Code gives up after " +
      'MCP_TIMEOUT (30 s by default) with "connection timed out"; a server that waits for input, a first-run download, ' +
      'or a prompt on the terminal hangs here. A reply printed without its final newline is never read either.',
    message: (a) =>
      a.unterminatedReply
        ? `It printed its reply to initialize without the final newline Claude Code waits for (${s(a.stdoutUnterminatedBytes)} bytes: ${JSON.stringify(s(a.stdoutUnterminated))}), so after ${s(a.timeoutMs)} ms it still counts as no answer.`
        : `No answer to initialize within ${s(a.timeoutMs)} ms` +
          (a.serverRequests ? `; meanwhile it sent ${s(a.serverRequests)}` : '') +
          (a.stdinStalled ? ` but did not read its stdin, so mcp-doctor stopped answering once ${s(a.queuedBytes)} bytes were queued` : '') +
          (a.stderrLast
            ? `; stderr said: ${s(a.stderrLast)}`
            : a.stdoutFirst || a.stdoutUnterminated
              ? printedOnStdout(a).replace(/^, printing/, '; it printed')
              : a.serverRequests
                ? ''
                : Number(a.stdoutBytes) > 0
                  ? `; it printed ${s(a.stdoutBytes)} bytes on stdout`
                  : ', and it printed nothing') +
          '.',
    hint: (a) =>
      a.unterminatedReply
        ? 'End every message with a newline (\\n) and flush stdout after writing it.'
        : 'If it is slow only the first time (npx/uvx download, build), start it once by hand or raise MCP_TIMEOUT; if it never answers, it is waiting for something: run it by hand.',
  }),
  'probe.stdout-noise': entry({
    args: ['count', 'first', 'lines'],
    title: 'Server prints non-protocol output on stdout',
    severity: 'warning',
    fixable: false,
    explain:
      'stdout of a stdio MCP server must carry only JSON-RPC messages. A banner or a log line there breaks strict ' +
      'clients, and no other tool shows it: Claude Code tolerates it silently.',
    message: (a) => `The server printed ${s(a.count)} non-JSON-RPC line(s) on stdout, first: ${JSON.stringify(s(a.first))}.`,
    hint: () => 'Log to stderr instead (console.error, print(…, file=sys.stderr), logging to stderr).',
  }),
  'probe.protocol': entry({
    args: ['detail', 'stdoutFirst'],
    title: 'Invalid MCP message',
    severity: 'error',
    fixable: false,
    explain:
      "The server answered, but not with a valid JSON-RPC message or a valid initialize result (checked with the MCP SDK's " +
      'schemas), or with a reply larger than any real server sends (mcp-doctor reads messages up to 16 MB).',
    message: (a) => `Invalid answer: ${s(a.detail)}.`,
    hint: () => 'Update the server or its MCP SDK; check it with the MCP Inspector.',
  }),
  'probe.version-mismatch': entry({
    args: ['accepted', 'detail', 'requested', 'serverVersions'],
    title: 'Protocol version Claude Code does not accept',
    severity: 'error',
    fixable: false,
    explain:
      `Claude Code ${CLAUDE_CODE_VERSION} asks for protocol ${INITIALIZE_PROTOCOL_VERSION} and accepts ` +
      `${ACCEPTED_PROTOCOL_VERSIONS.slice(0, -1).join(', ')} and ${ACCEPTED_PROTOCOL_VERSIONS.at(-1)}. ` +
      'The server offered only versions outside that list, or refused ours.',
    message: (a) => `The server speaks ${s(a.serverVersions) || 'an unknown version'}; Claude Code asked for ${s(a.requested)} and accepts ${s(a.accepted)}.`,
    hint: () => 'Update the server (or its MCP SDK) to a release that supports a version Claude Code accepts.',
  }),
  'probe.tools-failed': entry({
    args: ['error'],
    title: 'tools/list failed',
    severity: 'error',
    fixable: false,
    explain: 'initialize worked, but listing the tools failed, so Claude Code gets no tools from this server.',
    message: (a) => `initialize worked, but tools/list failed: ${s(a.error)}.`,
    hint: () => 'Run the server by hand and call tools/list (the MCP Inspector does this) to see the failing tool definition.',
  }),
  'probe.slow-start': entry({
    args: ['claudeTimeoutMs', 'durationMs'],
    title: 'Server starts slowly',
    severity: 'warning',
    fixable: false,
    explain:
      'The server answered, but after more than half of Claude Code\'s startup timeout (MCP_TIMEOUT, 30 s by default). ' +
      'On a cold start (empty npx/uvx cache, slower machine) it may time out.',
    message: (a) => `It answered after ${s(a.durationMs)} ms; Claude Code gives up at ${s(a.claudeTimeoutMs)} ms.`,
    hint: () => 'Pin and pre-install the package instead of resolving it at each start, or raise MCP_TIMEOUT.',
  }),
  'probe.needs-auth': entry({
    args: ['resourceMetadata', 'url'],
    title: 'Remote server needs sign-in',
    severity: 'warning',
    fixable: false,
    explain:
      'The server answered 401: it is up and wants OAuth. This is not a failure: sign in from Claude Code (/mcp) ' +
      'and it connects.',
    message: (a) => `${s(a.url)} needs sign-in (HTTP 401${a.resourceMetadata ? `; resource metadata at ${s(a.resourceMetadata)}` : ''}).`,
    hint: () => 'Open /mcp in Claude Code and authenticate this server.',
  }),
  'probe.http-error': entry({
    args: ['error', 'kind', 'sseFallback', 'status', 'timeoutMs', 'url'],
    title: 'Remote server unreachable or refusing',
    severity: 'error',
    fixable: false,
    explain:
      'The remote MCP endpoint could not be used: the connection was refused, the host name did not resolve, TLS ' +
      'failed, the request timed out, or the server answered with an HTTP error (404/405 often mean an old HTTP+SSE ' +
      'server, which needs "type": "sse").',
    message: (a) => `${s(a.url)}: ${httpFailure(a)}${a.error ? ` (${s(a.error)})` : ''}.`,
    hint: (a) => (a.sseFallback ? `A ${s(a.status)} to POST often means an old HTTP+SSE server: try "type": "sse" for this entry.` : 'Check the URL, the network and the server.'),
  }),
  'probe.wrong-transport': entry({
    args: ['actual', 'declared', 'status', 'url'],
    title: 'Declared as SSE, but it is a Streamable HTTP server',
    severity: 'error',
    fixable: false,
    explain:
      'The entry says "type": "sse" (the old HTTP+SSE transport, which opens a GET event stream first). The endpoint ' +
      'refuses that GET but answers a Streamable HTTP initialize POST, so Claude Code fails with "SSE error: Non-200 ' +
      'status code" although the server works.',
    message: (a) => `${s(a.url)} refuses the SSE GET (HTTP ${s(a.status)}) but answers initialize over Streamable HTTP: this is a streamable HTTP server.`,
    hint: () => 'Use "type": "http" for this entry.',
  }),
  'probe.discover-crash': entry({
    args: [],
    title: 'Server dies on Claude Code\'s discovery request',
    severity: 'warning',
    fixable: false,
    explain:
      `Claude Code first sends server/discover (the ${DISCOVER_PROTOCOL_VERSION} handshake). This server exits on it, so Claude ` +
      'Code has to start it a second time with the older handshake: startup costs twice, and side effects happen twice.',
    message: () => 'The server exits when it receives server/discover; Claude Code then starts it a second time with initialize.',
    hint: () => 'Servers should answer unknown requests with a JSON-RPC error (-32601) rather than exit; update its MCP SDK.',
  }),
} satisfies Record<string, CatalogEntry>;
