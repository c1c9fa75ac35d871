/**
 * Catalog codes lsp.*: a plugin's LSP servers (`lspServers` in plugin.json, `.lsp.json`). Each is a row of its own,
 * `plugin:<plugin>:<name>` as Claude Code names it; Claude Code starts one only when the session first touches a file
 * whose extension it maps, so its errors appear mid-session, in /plugin and the Errors tab, never in `plugin list`.
 */
import type { Evidence } from '../evidence.js';
import { entry, s, q, type CatalogEntry } from './words.js';

/** What is wrong with an LSP entry, from the facts lspEntryProblems found (discover/plugin-lsp.ts). */
function lspProblem(a: Evidence): string {
  switch (a.mistake) {
    case 'not-object':
      return 'the entry is not an object';
    case 'no-command':
      return 'it has no "command"';
    case 'command-spaces':
      return `"command" ${s(a.value)} contains spaces (Claude Code: "Command should not contain spaces. Use args array for arguments.")`;
    case 'no-extension-map':
      return 'it has no "extensionToLanguage"';
    case 'extension-map-not-object':
      return '"extensionToLanguage" is not an object';
    case 'extension-map-empty':
      return '"extensionToLanguage" is empty (it must map at least one extension)';
    case 'args-not-strings':
      return '"args" is not a list of strings';
    case 'bad-transport':
      return `"transport" is ${s(a.value)}, not "stdio" or "socket"`;
    case 'unknown-key':
      return `${s(a.value) || q(a.field)} is not a key of Claude Code's LSP schema, which allows no other`;
    case 'file-dropped':
      return `another entry of its file (${Array.isArray(a.others) ? a.others.join(', ') : ''}) does not validate, and Claude Code drops the whole file`;
    default:
      return 'it does not validate';
  }
}

/** What to write instead. */
function lspFix(a: Evidence): string {
  switch (a.mistake) {
    case 'no-command':
      return 'Give the program as "command" and its arguments in "args".';
    case 'command-spaces':
      return 'Put the arguments in "args".';
    case 'args-not-strings':
      return 'Make "args" a list of strings.';
    case 'bad-transport':
      return 'Use "transport": "stdio" (the default).';
    case 'unknown-key':
      return `Remove ${s(a.value) || q(a.field)}.`;
    case 'file-dropped':
      return 'Fix the other entries of this file.';
    default:
      return 'Add "extensionToLanguage": {".py": "python"} (the extensions this server handles).';
  }
}


export const lspCodes = {
  'lsp.manifest-entry-invalid': entry({
    args: ['field', 'mistake', 'name', 'value'],
    title: 'LSP server entry in plugin.json does not validate: Claude Code refuses the plugin',
    severity: 'error',
    fixable: false,
    effect: 'refuses-plugin',
    explain:
      'An inline lspServers entry must have a "command" (no spaces unless it is an absolute path) and a non-empty ' +
      '"extensionToLanguage" map. Without one, plugin.json fails validation ("lspServers: Invalid input"): install is ' +
      'refused, and a plugin already installed fails to load (manifest-validation-error) with all its MCP servers.',
    message: (a) => `lspServers ${q(a.name)}: ${lspProblem(a)}; plugin.json fails validation, so Claude Code refuses the whole plugin and its MCP servers never start.`,
    hint: (a) => lspFix(a),
  }),
  'lsp.config-invalid': entry({
    args: ['field', 'mistake', 'name', 'others', 'value'],
    title: 'LSP server config does not validate: the server is left out',
    severity: 'error',
    fixable: false,
    effect: 'drops-server',
    explain:
      'An LSP server from a config file (.lsp.json, or a file lspServers names) that lacks "command" or a non-empty ' +
      '"extensionToLanguage" is skipped with an lsp-config-invalid error in /plugin (session only); the rest of the ' +
      'plugin loads.',
    message: (a) => `LSP server ${q(a.name)}: ${lspProblem(a)}; Claude Code leaves it out (lsp-config-invalid).`,
    hint: (a) => lspFix(a),
  }),
  'lsp.config-unreadable': entry({
    args: ['error', 'field', 'path'],
    title: 'LSP config file cannot be read',
    severity: 'error',
    fixable: false,
    effect: 'plugin-error',
    explain:
      'lspServers names a file that is missing or is not valid JSON. `plugin list` shows nothing; a session logs "Failed ' +
      'to read/parse LSP config" and /plugin counts 1 error ("Invalid LSP server config for …"). The plugin\'s MCP ' +
      'servers load; none of the file\'s LSP servers do.',
    message: (a) => `${s(a.field) || 'lspServers'} names ${q(a.path)}, which ${a.error ? `does not parse: ${s(a.error)}` : 'does not exist'}; none of its LSP servers load.`,
    hint: () => 'Fix the path (relative to the plugin root, starting with ./) or the file, or remove the entry.',
  }),
  'lsp.starts-lazily': entry({
    args: ['extensions'],
    title: 'When this LSP server\'s error shows in Claude Code',
    severity: 'info',
    fixable: false,
    explain:
      'Claude Code starts a plugin\'s LSP server only when the session first touches a file whose extension its ' +
      'extensionToLanguage maps. Until then nothing (not `plugin list`, not `mcp list`, not /plugin) shows its error; ' +
      'then /plugin lists "plugin:<p>:<name> couldn\'t load · 1 error" and the transcript gets a one-time notice.',
    message: (a) => `Claude Code starts it only when the session first touches a ${s(a.extensions) || 'matching'} file; its error appears in /plugin only then.`,
    hint: () => 'Fix the error above; or, if you do not need this language server, disable the plugin that provides it.',
  }),
  'lsp.socket-transport': entry({
    args: [],
    title: 'LSP server over a socket is not checked',
    severity: 'info',
    fixable: false,
    explain: 'mcp-doctor starts LSP servers over stdio only; a "transport": "socket" server is listed but not started.',
    message: () => 'This LSP server talks over a socket; mcp-doctor does not start it.',
    hint: () => 'Nothing to do.',
  }),
  'lsp.crashed': entry({
    args: ['code', 'extensions', 'runLine', 'server', 'signal', 'stderr'],
    title: 'LSP server exits before answering initialize',
    severity: 'error',
    fixable: false,
    explain:
      'Started the way Claude Code starts it (cwd = the project, Content-Length framing), the language server exited ' +
      'before it answered `initialize`. Claude Code logs "LSP server … crashed with exit code N" and shows the row ' +
      'as "couldn\'t load · 1 error"; the server\'s stderr is only in its debug log.',
    message: (a) => `The language server exited${a.code !== undefined && a.code !== null ? ` with code ${s(a.code)}` : a.signal ? ` on ${s(a.signal)}` : ''} before answering initialize${a.stderr ? `: ${s(a.stderr)}` : ''}.`,
    hint: (a) => `Run it by hand to see why: ${s(a.runLine)}.`,
  }),
  'lsp.spawn-failed': entry({
    args: ['command', 'error', 'extensions', 'runLine', 'server', 'stderr'],
    title: 'LSP server program cannot be started',
    severity: 'error',
    fixable: false,
    explain:
      'Starting the language server failed (ENOENT: the program is not there; EACCES: it cannot be executed). Claude ' +
      'Code says: Language server "plugin:<p>:<name>" couldn\'t start: its program "…" wasn\'t found.',
    message: (a) => `Starting ${q(a.command)} failed: ${s(a.error)}.`,
    hint: (a) => `Install it or put it on the PATH Claude Code starts with.`,
  }),
  'lsp.timeout': entry({
    args: ['extensions', 'runLine', 'server', 'stderr', 'stdoutFirst', 'timeoutMs'],
    title: 'LSP server does not answer initialize',
    severity: 'error',
    fixable: false,
    explain:
      'The language server started but did not answer `initialize` (Content-Length framed JSON-RPC) in time. A server ' +
      'that writes plain lines instead of Content-Length frames, or waits for something, looks like this.',
    message: (a) => `No answer to initialize within ${s(a.timeoutMs)} ms${a.stderr ? `; it printed on stderr: ${s(a.stderr)}` : ''}.`,
    hint: (a) => `Run it by hand to see what it waits for: ${s(a.runLine)}.`,
  }),
  'lsp.protocol-error': entry({
    args: ['error', 'extensions', 'runLine', 'server', 'stderr'],
    title: 'LSP server answers initialize with an error',
    severity: 'error',
    fixable: false,
    explain: 'The language server answered `initialize` with a JSON-RPC error, or with something that is not a reply.',
    message: (a) => `initialize failed: ${s(a.error)}.`,
    hint: (a) => `Check the server's options (initializationOptions, settings).`,
  }),
} satisfies Record<string, CatalogEntry>;
