/** Catalog codes config.*: Manifests and MCP configs: JSON, schema, keys, variables, paths. */
import type { Evidence } from '../evidence.js';
import { entry, sh, s, q, listed, type CatalogEntry } from './words.js';

/** What to write instead, for the schema mistakes seen most in real manifests (json/schema.ts names them). */
function schemaFix(a: Evidence): string {
  switch (a.mistake) {
    case 'as-object':
      return `Write it as an object: "${s(a.key)}": ${s(a.suggested)}.`;
    case 'quote-it':
      return `Quote it: "${s(a.key)}": ${s(a.suggested)}.`;
    case 'as-list':
      return `Make it a list: "${s(a.key)}": ${s(a.suggested)}.`;
    case 'url-string':
      return 'Use the URL as a string: "repository": "https://github.com/owner/repo".';
    case 'args-list':
      return `Make it a list of strings: "args": ${s(a.suggested)}. Claude Code silently drops this server otherwise.`;
    case 'dependency-list':
      return 'Make it a list: "dependencies": ["other-plugin", "plugin@marketplace"].';
    case 'agent-files':
      return 'List agent files (./agents/reviewer.md), not a folder; ./agents/ is loaded by default without this key.';
    case 'dot-slash':
      return `Start the path with ./ (relative to the plugin root): ${s(a.suggested)}.`;
    case 'command-string':
      return 'Give the command as a string, and its arguments in "args".';
    case 'vscode-servers-key':
      return 'Rename "servers" to "mcpServers" (that is VS Code\'s key; Claude Code reads "mcpServers").';
    case 'flat-project-config':
      return 'Wrap the servers in {"mcpServers": {…}}: Claude Code ignores a flat .mcp.json in a project (a plugin root accepts both).';
    case 'url-without-type':
      return 'Add "type": "http" (or "sse" / "ws") to this entry.';
    case 'quoted-boolean':
      return `Write ${s(a.suggested)} without quotes: Claude Code enables a plugin only for the JSON value true, so ${s(a.key)} stays off.`;
    case 'enable-boolean':
      return `Write true to enable ${s(a.key)}, false to disable it.`;
    case 'state-not-object':
      return 'Claude Code reads nothing from this file until it is a JSON object; restore it (or delete it and let Claude Code write it again).';
    default:
      return 'Change the value to the expected shape.';
  }
}

export const configCodes = {
  'config.invalid-json': entry({
    args: ['error', 'what'],
    title: 'File is not valid JSON',
    severity: 'error',
    fixable: false,
    explain:
      'Claude Code reads manifests and MCP configs with a strict JSON parser: no comments, no trailing commas, ' +
      'no unquoted strings. A plugin whose plugin.json does not parse does not load at all, and its MCP servers ' +
      'silently vanish from `claude mcp list`.',
    message: (a) => `${s(a.what) || 'JSON'} does not parse: ${s(a.error)}`,
    hint: () => 'Fix the syntax at the line and column shown (trailing commas and comments are not allowed).',
  }),
  'config.bom': entry({
    args: ['effect', 'file', 'marketplace', 'plugin', 'servers', 'tolerated', 'what'],
    title: 'File starts with a byte-order mark',
    severity: 'error',
    fixable: false,
    explain:
      'The file begins with a UTF-8 byte-order mark (EF BB BF), which editors on Windows add silently. Claude Code ' +
      'cannot read past it in three files: a plugin .mcp.json is dropped whole ("Unrecognized token \'\\ufeff\'", ' +
      'in the debug log only), so its servers never load; installed_plugins.json is read as empty, so plugins installed ' +
      'into the cache are not found; known_marketplaces.json is read as empty, so no plugin of any marketplace loads. ' +
      'Everywhere else (plugin.json, marketplace.json, a project .mcp.json, ~/.claude.json, settings) it reads past the ' +
      'mark, and mcp-doctor only notes it.',
    message: (a) =>
      a.tolerated
        ? `${s(a.what) || 'The file'} starts with a UTF-8 byte-order mark; Claude Code reads past it in this file.`
        : a.effect === 'installed-plugins'
          ? `installed_plugins.json starts with a UTF-8 byte-order mark: Claude Code cannot parse it and starts with no install records${a.plugin ? `, so ${s(a.plugin)} installed in the cache is not found (plugin-cache-miss)${listed(a.servers, ' and its servers')} do not load` : ' (claude plugin list shows no plugins)'}.`
          : a.effect === 'known-marketplaces'
            ? `known_marketplaces.json starts with a UTF-8 byte-order mark: Claude Code cannot parse it and knows no marketplace${a.plugin ? `, so ${s(a.plugin)} (marketplace not found)${listed(a.servers, ' and its servers')} do not load` : ''}.`
            : `The file starts with a UTF-8 byte-order mark: Claude Code cannot parse it and drops the whole file${listed(a.servers, '; these servers never load:')}.`,
    hint: (a) =>
      a.tolerated
        ? 'Nothing to do for Claude Code; save it as UTF-8 without BOM if other tools choke on it.'
        : `Save it as UTF-8 without BOM: sed -i '1s/^\\xEF\\xBB\\xBF//' ${a.file ? sh(a.file) : 'FILE'}`,
  }),
  'config.unreadable': entry({
    args: ['problem', 'what'],
    title: 'Config path is not a readable file',
    severity: 'error',
    fixable: false,
    explain:
      'A file Claude Code reads (a .mcp.json, a manifest, settings, a registry) is a folder, a symlink loop or another ' +
      'kind of entry that cannot be read as a file, so Claude Code reads nothing from it.',
    message: (a) => `${s(a.what) || 'This config'} is ${s(a.problem) || 'not a readable file'}; Claude Code reads nothing from it.`,
    hint: () => 'Replace it with the JSON file it should be (or remove it).',
  }),
  'config.too-large': entry({
    args: ['bytes', 'limit'],
    title: 'File is too large to be a manifest',
    severity: 'error',
    fixable: false,
    explain: 'Manifests and MCP configs are a few kilobytes. A file of many megabytes is not one; it was not checked.',
    message: (a) => `The file is ${s(a.bytes)} bytes, more than the ${s(a.limit)}-byte limit for a manifest; it was not read.`,
    hint: () => 'Check that the right file sits at this path.',
  }),
  'config.schema': entry({
    args: ['detail', 'expected', 'field', 'found', 'key', 'mistake', 'suggested'],
    title: 'Value does not match what Claude Code expects',
    severity: 'error',
    fixable: false,
    explain:
      'Claude Code validates manifests and server entries with its own schema. A plugin.json that fails it does not ' +
      'load ("failed to load · 1 error"); an MCP server entry that fails it is dropped without any message.',
    message: (a) =>
      a.expected !== undefined
        ? `${s(a.field) || 'value'}: expected ${s(a.expected)}, found ${s(a.found)}${a.detail ? ` (${s(a.detail)})` : ''}`
        : `${s(a.field) || 'value'}: ${s(a.detail)}`,
    hint: (a) => schemaFix(a),
  }),
  'config.unknown-key': entry({
    args: ['key', 'note', 'suggestion'],
    title: 'Key that Claude Code ignores',
    severity: 'warning',
    fixable: false,
    explain:
      'Claude Code strips keys it does not know, without a message. A misspelt key (mcp_servers, enviroment) or an ' +
      'unsupported one (cwd on an MCP server) therefore has no effect at all.',
    message: (a) => `${q(a.key)} is not a key Claude Code reads here; it is ignored.`,
    hint: (a) =>
      a.suggestion
        ? `Did you mean ${q(a.suggestion)}?`
        : s(a.note) || 'Remove it, or move it where Claude Code reads it.',
  }),
  'config.reserved-name': entry({
    args: ['name', 'what'],
    title: 'Name reserved for Anthropic',
    severity: 'error',
    fixable: false,
    explain:
      'Claude Code refuses third-party plugins and marketplaces whose names pass as Anthropic\'s own: names that start ' +
      'with claude-, anthropic-, anthropics- or cc-plugin-, the bare names claude, anthropic, anthropics, claude-code, ' +
      'claude-mods, or "official" next to claude or anthropic.',
    message: (a) => `${s(a.what) || 'Name'} ${q(a.name)} is reserved: it passes as one of Anthropic's own.`,
    hint: () => 'Name it for what it does.',
  }),
  'config.missing-file': entry({
    args: ['field', 'fixHint', 'path'],
    title: 'Referenced path does not exist',
    severity: 'error',
    fixable: false,
    explain:
      'A manifest names a file or folder (an MCP servers file, a hooks file, a component folder, a plugin source) ' +
      'that is not there. Claude Code skips a missing MCP servers file without any message, so none of its servers load.',
    message: (a) => `${s(a.field)} points to ${q(a.path)}, which does not exist.`,
    hint: (a) => s(a.fixHint) || 'Fix the path (relative to the plugin root, starting with ./), or add the file.',
  }),
  'config.env-unset': entry({
    args: ['field', 'variable'],
    title: 'Environment variable is not set',
    severity: 'error',
    fixable: false,
    explain:
      'Claude Code expands ${VAR} in command, args, env, url and headers from its own environment: the shell it was ' +
      'started from, with the env blocks of ~/.claude.json and every settings file merged over it. When VAR is set in none ' +
      'of them and has no ${VAR:-default}, it passes the text "${VAR}" to the server literally, and nothing says so.',
    message: (a) => `\${${s(a.variable)}} is unset, so the server receives the literal text '\${${s(a.variable)}}'.`,
    hint: (a) =>
      `Set ${s(a.variable)} in the "env" block of ~/.claude/settings.json (or export it in the shell Claude Code starts from), or write \${${s(a.variable)}:-default} in the config.`,
  }),
  'config.env-required': entry({
    args: ['field', 'variable'],
    title: 'Variable the plugin\'s users must set',
    severity: 'info',
    fixable: false,
    explain:
      'In author mode an unset ${VAR} is not a mistake in the plugin: it is a variable every user has to set (in their ' +
      'shell or the "env" block of their settings) before the server works. Claude Code\'s own validator says nothing ' +
      'about it; mcp-doctor lists it so the README can say so.',
    message: (a) => `Users must set ${s(a.variable)} (used in ${s(a.field)}); without it the server receives the literal text '\${${s(a.variable)}}'.`,
    hint: (a) => `Document ${s(a.variable)} in the plugin's README, or give it a default: \${${s(a.variable)}:-…}.`,
  }),
  'config.env-session-only': entry({
    args: ['file', 'layer', 'variable'],
    title: 'Variable set only in project settings',
    severity: 'info',
    fixable: false,
    explain:
      'The value comes only from the "env" block of .claude/settings.json or .claude/settings.local.json. An interactive ' +
      'Claude Code session applies it once the folder is trusted, but `claude mcp list` never does: there the server ' +
      'gets the literal text and the list warns "Missing environment variables".',
    message: (a) => `\${${s(a.variable)}} comes only from ${s(a.file)}; a trusted session sets it, \`claude mcp list\` does not.`,
    hint: (a) => `Nothing to do for sessions; to have it everywhere, move ${s(a.variable)} to the "env" block of ~/.claude/settings.json.`,
  }),
  'config.user-config-unset': entry({
    args: ['key', 'keychain', 'plugin', 'required'],
    title: 'Plugin option is not set',
    severity: 'error',
    fixable: false,
    explain:
      'The server uses ${user_config.KEY}, a required option (or one the manifest does not declare) that has no value ' +
      'and no default. Claude Code then does not start the server at all ("Plugin option … isn\'t set", in the debug ' +
      'log only): it is simply missing from /mcp. Values are read from pluginConfigs in user and managed settings ' +
      '(project and local settings do not count) and, for sensitive options, from ~/.claude/.credentials.json ' +
      '(pluginSecrets) on Linux. On macOS sensitive options live in the keychain, which mcp-doctor does not read.',
    message: (a) =>
      a.keychain
        ? `\${user_config.${s(a.key)}} is a sensitive option; its value may be in the macOS keychain, which mcp-doctor does not read, so the server was not started.`
        : `\${user_config.${s(a.key)}} has no value${a.required ? ' (the option is required)' : ''}: Claude Code does not start this server.`,
    hint: (a) =>
      a.keychain
        ? 'If /mcp shows the server, it is set; otherwise set it in Claude Code: /plugin → Manage → the plugin → Configure.'
        : `Set it: claude plugin configure ${s(a.plugin) || '<plugin>'} (or /plugin → Manage → Configure in Claude Code).`,
  }),
  'config.user-config-undeclared': entry({
    args: ['key', 'literal'],
    title: 'Plugin option is used but not declared',
    severity: 'error',
    fixable: false,
    explain:
      'The server uses ${user_config.KEY}, but plugin.json declares no userConfig option KEY. Claude Code then never ' +
      'asks the user for it. When the plugin declares other options, Claude Code does not start the server ("Plugin ' +
      'option … isn\'t set"); when it declares none, the server receives the literal text "${user_config.KEY}". ' +
      'claude plugin validate rejects both.',
    message: (a) =>
      `\${user_config.${s(a.key)}} is used, but plugin.json declares no userConfig option ${q(a.key)}${a.literal ? ': the server receives the literal text' : ''}.`,
    hint: (a) => `Declare it in plugin.json: "userConfig": {"${s(a.key)}": {"type": "string", "title": "…", "sensitive": true}}.`,
  }),
  'config.relative-path': entry({
    args: ['field', 'pluginFile', 'resolved', 'suggested', 'value'],
    title: 'Relative path resolves against the project, not the plugin',
    severity: 'warning',
    fixable: false,
    explain:
      'Claude Code starts MCP servers in the folder you run claude in, and ignores cwd. A relative command or argument ' +
      'such as ./server/run.sh or server.py therefore resolves against the user\'s project, where it does not exist.',
    message: (a) =>
      `${s(a.field)} ${q(a.value)} is relative; it resolves to ${s(a.resolved)} (the project folder), not the plugin${a.pluginFile ? `; the file is in the plugin at ${s(a.pluginFile)}` : ''}.`,
    hint: (a) => `Write \${CLAUDE_PLUGIN_ROOT}/${s(a.suggested)} instead.`,
  }),
  'config.unexpanded-path': entry({
    args: ['field', 'homePath', 'resolved', 'severityNote', 'suggested', 'tilde', 'value', 'variable'],
    title: 'Path uses ~ or $VAR, which Claude Code does not expand',
    severity: 'error',
    fixable: false,
    explain:
      'Claude Code starts servers without a shell: ~ and $VAR (without braces) stay literal. "~/x/server.py" as the ' +
      'command fails with ENOENT; as an argument it names a folder called "~" inside the project. Only ${VAR} is expanded.',
    message: (a) =>
      `${s(a.field)} ${q(a.value)} is passed literally: ${a.tilde ? '~' : s(a.variable)} is not expanded${a.resolved ? `, so it means ${s(a.resolved)}` : ''}${a.homePath ? `; the file is at ${s(a.homePath)}` : ''}${a.severityNote ? ` (${s(a.severityNote)})` : ''}.`,
    hint: (a) => `Write ${s(a.suggested)} (Claude Code expands \${HOME}), or the absolute path.`,
  }),
} satisfies Record<string, CatalogEntry>;
