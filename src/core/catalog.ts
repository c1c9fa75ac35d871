/**
 * The problem catalog: the one place where a finding's code becomes words.
 * Codes are the public contract (JSON report, `explain`, `--ignore`): never rename one, only add.
 */
import type { Evidence, Severity } from './evidence.js';

export interface CatalogEntry {
  title: string;
  severity: Severity;
  fixable: boolean;
  /** The option `--fix` needs for this code's repair, when it runs other programs (venv, npm, a build). */
  fixOption?: '--rebuild-venvs' | '--install-deps' | '--build';
  /** Long explanation for `mcp-doctor explain <code>`. */
  explain: string;
  /** One sentence: what is wrong, from the finding's args. */
  message(a: Evidence): string;
  /** One sentence: what to do. */
  hint(a: Evidence): string;
}

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const q = (v: unknown): string => `'${s(v)}'`;
/** `prefix a, b` for a non-empty list, else ''. */
const listed = (v: unknown, prefix: string): string => (Array.isArray(v) && v.length > 0 ? `${prefix} ${v.join(', ')}` : '');

/** ", printing N bytes on stdout without a final newline, starting: «…»" for a server whose only words went to stdout. */
function printedOnStdout(a: Evidence): string {
  if (a.stdoutUnterminated) return `, printing ${s(a.stdoutUnterminatedBytes)} bytes on stdout without a final newline, starting: ${JSON.stringify(s(a.stdoutUnterminated))}`;
  if (a.stdoutFirst) return `, printing on stdout: ${JSON.stringify(s(a.stdoutFirst))}`;
  return '';
}

function entry(e: CatalogEntry): CatalogEntry {
  return e;
}

export const catalog = {
  'config.invalid-json': entry({
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
    title: 'File starts with a byte-order mark',
    severity: 'error',
    fixable: false,
    explain:
      'The file begins with a UTF-8 byte-order mark (EF BB BF), which editors on Windows add silently. Claude Code ' +
      '2.1.330 cannot read past it in three files: a plugin .mcp.json is dropped whole ("Unrecognized token \'\\ufeff\'", ' +
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
        : `Save it as UTF-8 without BOM: sed -i '1s/^\\xEF\\xBB\\xBF//' '${s(a.file) || 'FILE'}'`,
  }),
  'config.unreadable': entry({
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
    title: 'File is too large to be a manifest',
    severity: 'error',
    fixable: false,
    explain: 'Manifests and MCP configs are a few kilobytes. A file of many megabytes is not one; it was not checked.',
    message: (a) => `The file is ${s(a.bytes)} bytes, more than the ${s(a.limit)}-byte limit for a manifest; it was not read.`,
    hint: () => 'Check that the right file sits at this path.',
  }),
  'config.schema': entry({
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
    hint: (a) => s(a.fixHint) || 'Change the value to the expected shape.',
  }),
  'config.unknown-key': entry({
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
  'command.not-found': entry({
    title: 'Command not found',
    severity: 'error',
    fixable: false,
    explain:
      'The server\'s command is not on PATH, or the path does not exist. Claude Code says only ' +
      '"ENOENT … posix_spawn \'stdio\'" and hides which path it tried.',
    message: (a) =>
      a.onPath
        ? `${q(a.command)} is not on PATH (searched ${s(a.searched)} folders).`
        : `${q(a.path)} does not exist${a.missingPart ? ` (${s(a.missingPart)})` : ''}.`,
    hint: (a) => s(a.fixHint) || (a.onPath ? `Install ${s(a.command)}, or use its absolute path.` : 'Fix the path, or create the file.'),
  }),
  'command.holds-args': entry({
    title: 'Command holds its arguments',
    severity: 'error',
    fixable: false,
    explain:
      'The whole "command" string is taken as the program\'s name: Claude Code starts it without a shell, so ' +
      '"python3 server.py" looks for a program literally called "python3 server.py" and fails with ENOENT. The ' +
      'arguments belong in "args".',
    message: (a) => `command ${q(a.command)} holds arguments: no program has that name, but ${q(a.program)} does${a.resolved ? ` (${s(a.resolved)})` : ''}.`,
    hint: (a) => `Put them in args: ${s(a.corrected)}`,
  }),
  'command.windows-only': entry({
    title: 'Command written for Windows',
    severity: 'error',
    fixable: false,
    explain:
      'cmd /c, powershell, .exe/.cmd/.bat programs and C:\\ paths exist only on Windows. On Linux and macOS Claude Code ' +
      'looks them up as ordinary names and fails ("Executable not found in $PATH"). The same server usually runs with ' +
      'the POSIX form of the command.',
    message: (a) => `${q(a.command)} is a Windows command (${s(a.why)}); it does not exist on ${s(a.platform)}.`,
    hint: (a) => (a.corrected ? `Use the POSIX form: ${s(a.corrected)}` : s(a.fixHint) || 'Give this server a POSIX command (for example in a user-scope entry of your own).'),
  }),
  'command.windows-cmd-wrapper': entry({
    title: 'On Windows, npx needs cmd /c',
    severity: 'warning',
    fixable: false,
    explain:
      'On native Windows (not WSL), npx, npm, pnpm and yarn are .cmd scripts, which Windows can only start through ' +
      'its command shell. Claude Code\'s documentation asks for the cmd /c wrapper for local MCP servers that use ' +
      'npx ("command": "cmd", "args": ["/c", "npx", …]); without it the server may fail to start.',
    message: (a) => `${q(a.command)} runs without cmd /c; on Windows it is ${q(a.resolved)}, a script only the command shell can start.`,
    hint: (a) => `Wrap it as Claude Code's docs describe: ${s(a.corrected)}`,
  }),
  'command.script-missing': entry({
    title: 'Script given to the interpreter does not exist',
    severity: 'error',
    fixable: false,
    explain:
      'The command is an interpreter (python, node, bash, …) and its script argument is not there. The interpreter ' +
      'starts, fails to open the file and exits, which Claude Code shows as "Connection closed".',
    message: (a) => `${q(a.interpreter)} is asked to run ${q(a.path)}, which does not exist.`,
    hint: (a) => s(a.fixHint) || 'Fix the path, or add the script.',
  }),
  'command.unbuilt': entry({
    title: 'Command is build output that was never built',
    severity: 'error',
    fixable: true,
    fixOption: '--build',
    explain:
      'The missing command is build output: gitignored, or under bin/, dist/, build/ or target/ next to a go.mod, ' +
      'Cargo.toml, package.json or Makefile. `claude plugin install` only copies the repository; it never builds, and ' +
      'plugins have no post-install hook, so the file is missing on every machine.',
    message: (a) => `${q(a.path)} does not exist; it is build output${a.reason ? ` (${s(a.reason)})` : ''} and was never built.`,
    hint: (a) =>
      `Build it: ${s(a.buildCommand)}. Plugin authors: ship a launcher script that builds on first run, or commit the build.`,
  }),
  'command.toolchain-missing': entry({
    title: 'Launcher needs a toolchain that is not installed',
    severity: 'error',
    fixable: false,
    explain:
      'The server\'s launcher script runs a toolchain (go, cargo, uv, npm, bun, pip, docker, …) that is not on PATH. ' +
      'The script fails and Claude Code shows only "Connection closed".',
    message: (a) =>
      a.fromProbe
        ? `The launcher needs ${q(a.tool)}, which is not on PATH: ${s(a.stderrLine)}`
        : `${q(a.script)} runs ${q(a.tool)} (line ${s(a.scriptLine)}), which is not on PATH.`,
    hint: (a) => `Install ${s(a.tool)}${a.installHint ? ` (${s(a.installHint)})` : ''}, or put it on the PATH Claude Code starts with.`,
  }),
  'command.not-executable': entry({
    title: 'Command is not executable',
    severity: 'error',
    fixable: true,
    explain:
      'The command exists but has no execute permission (or is a folder). Claude Code shows "EACCES: permission denied, ' +
      'posix_spawn \'stdio\'". git keeps the mode, so a file committed as 0644 stays unusable after every install.',
    message: (a) =>
      a.isDirectory ? `${q(a.path)} is a folder, not a program.` : `${q(a.path)} has no execute permission (mode ${s(a.mode)}).`,
    hint: (a) =>
      a.isDirectory
        ? 'Point the command at the program inside it.'
        : `Run chmod +x ${s(a.path)}; plugin authors: git update-index --chmod=+x on the file and commit.`,
  }),
  'command.bad-interpreter': entry({
    title: 'Script interpreter is missing or malformed',
    severity: 'error',
    fixable: true,
    explain:
      'The script\'s #! line names an interpreter that does not exist, or the line ends in a carriage return (a file ' +
      'saved with Windows line endings): the kernel then looks for "bash\\r". Spawning it fails with ENOENT, the same ' +
      'error as a missing command.',
    message: (a) =>
      a.crlf
        ? `${q(a.path)} has Windows line endings: its #! line asks for ${q(a.interpreter + '\\r')}.`
        : `${q(a.path)} starts with #!${s(a.shebang)}, but ${q(a.interpreter)} ${a.viaEnv ? 'is not on PATH' : 'does not exist'}.`,
    hint: (a) =>
      a.crlf
        ? `Convert it to LF line endings (sed -i 's/\\r$//' ${s(a.path)}) and add a .gitattributes rule (*.sh text eol=lf).`
        : `Install ${s(a.interpreter)}, or change the #! line to an interpreter that exists (#!/usr/bin/env …).`,
  }),
  'venv.missing': entry({
    title: 'Python virtual environment is missing',
    severity: 'error',
    fixable: true,
    fixOption: '--rebuild-venvs',
    explain:
      'The command runs from a Python venv that does not exist. Venvs are never committed, and Claude Code has no ' +
      'Python dependency step, so an installed plugin never has one unless something creates it.',
    message: (a) => `The venv ${q(a.venv)} does not exist.`,
    hint: (a) => `Create it: ${s(a.createCommand)}.`,
  }),
  'venv.dangling-link': entry({
    title: 'Venv link points to a folder that is gone',
    severity: 'error',
    fixable: true,
    fixOption: '--rebuild-venvs',
    explain:
      'The venv (or .venv) is a symbolic link whose target was deleted, often a shared venv cache that was cleaned. ' +
      'Claude Code reports "ENOENT … posix_spawn \'stdio\'", which names neither the link nor its target.',
    message: (a) => `${q(a.link)} is a symlink to ${q(a.target)}, which does not exist.`,
    hint: (a) => s(a.fixHint) || `Recreate the venv at ${s(a.target)}, or point the link at a venv that exists.`,
  }),
  'venv.link-lost': entry({
    title: 'Installed copy lost its venv link',
    severity: 'error',
    fixable: true,
    explain:
      'The installed copy of the plugin has no venv where the command expects one, but a healthy venv exists: the ' +
      'marketplace clone still has the link, or the conventional ~/.cache/claude-mcp-venvs/<marketplace>/<server>/.venv ' +
      'exists. Marketplace updates and installs drop symlinks, so this comes back after every update.',
    message: (a) => `${q(a.venv)} is missing, but a healthy venv exists at ${q(a.target)}${a.via ? ` (${s(a.via)})` : ''}.`,
    hint: (a) => `Run mcp-doctor --fix to link it back (ln -s ${s(a.target)} ${s(a.venv)}).`,
  }),
  'venv.broken-interpreter': entry({
    title: 'Venv\'s base interpreter was removed',
    severity: 'error',
    fixable: true,
    fixOption: '--rebuild-venvs',
    explain:
      'A venv\'s python is a link to the interpreter it was made from (pyvenv.cfg "home"). When that Python is ' +
      'upgraded or removed (pyenv, Homebrew, uv), every venv made from it breaks.',
    message: (a) => `${q(a.python)} in venv ${q(a.venv)} cannot run: ${s(a.reason)}.`,
    hint: (a) => `Recreate the venv with a Python that exists: ${s(a.createCommand)}.`,
  }),
  'deps.not-installed': entry({
    title: 'Node dependencies are not installed',
    severity: 'error',
    fixable: true,
    fixOption: '--install-deps',
    explain:
      'The server is a Node program whose package.json has dependencies, but there is no node_modules. Claude Code ' +
      'runs npm ci / bun install only when the plugin ships a lockfile (package-lock.json, npm-shrinkwrap.json or ' +
      'bun.lock); yarn and pnpm lockfiles are skipped.',
    message: (a) => `${q(a.packageJson)} lists ${s(a.count)} ${a.count === 1 ? 'dependency' : 'dependencies'} (the server imports ${s((a.imports as string[] | undefined)?.join(', '))}), but ${q(a.nodeModules)} does not exist.`,
    hint: (a) =>
      a.hasLockfile
        ? `Run ${s(a.installCommand)} in ${s(a.dir)}.`
        : `Run npm install in ${s(a.dir)}; plugin authors: commit a package-lock.json so Claude Code installs them, or bundle the server.`,
  }),
  'registry.install-missing': entry({
    title: 'Installed plugin folder is gone',
    severity: 'error',
    fixable: false,
    explain:
      'installed_plugins.json says the plugin is installed at a folder that does not exist (plugin-cache-miss). ' +
      'Claude Code skips its MCP servers.',
    message: (a) => `${s(a.plugin)} is recorded as installed at ${q(a.installPath)}, which does not exist.`,
    hint: (a) => `Reinstall it: claude plugin install ${s(a.plugin)} (or open /plugin to refresh).`,
  }),
  'registry.marketplace-missing': entry({
    title: 'Known marketplace folder is gone',
    severity: 'error',
    fixable: false,
    explain: 'known_marketplaces.json lists a marketplace whose folder does not exist, so none of its plugins can load.',
    message: (a) => `Marketplace ${q(a.marketplace)} should be at ${q(a.location)}, which does not exist.`,
    hint: (a) => `Run claude plugin marketplace update ${s(a.marketplace)}, or remove and add it again.`,
  }),
  'registry.unknown-marketplace': entry({
    title: 'Plugin from a marketplace that is not known',
    severity: 'error',
    fixable: false,
    explain: 'An enabled or installed plugin names a marketplace that is not in known_marketplaces.json.',
    message: (a) => `${s(a.plugin)} comes from marketplace ${q(a.marketplace)}, which is not registered.`,
    hint: (a) => `Add the marketplace again (claude plugin marketplace add …), or remove ${s(a.plugin)}.`,
  }),
  'registry.not-installed': entry({
    title: 'Enabled plugin is not installed',
    severity: 'warning',
    fixable: false,
    explain: 'settings.json enables a plugin that installed_plugins.json does not list; Claude Code cannot load it.',
    message: (a) => `${s(a.plugin)} is enabled in ${s(a.settings)} but is not installed.`,
    hint: (a) => `Install it: claude plugin install ${s(a.plugin)}, or remove it from enabledPlugins.`,
  }),
  'secret.literal': entry({
    title: 'Literal credential in a config',
    severity: 'warning',
    fixable: false,
    explain:
      'An env value or header holds what looks like a real credential. Configs are committed, shared and shown in ' +
      'logs; reference a variable instead. mcp-doctor never prints the value.',
    message: (a) => `${s(a.field)} holds a literal credential (${s(a.shape)}).`,
    hint: (a) => `Use \${${s(a.variable)}} and set ${s(a.variable)} in your environment.`,
  }),
  'deps.python-module': entry({
    title: 'Python module is not installed',
    severity: 'error',
    fixable: false,
    explain:
      'The server started and died with ModuleNotFoundError / ImportError: the interpreter that ran it does not have ' +
      'the package. Usually the server runs with a Python other than the venv its dependencies went into, or the venv ' +
      'was made before a dependency was added (or an unpinned dependency moved, e.g. mcp 2.0 removed mcp.server.fastmcp).',
    message: (a) => `${q(a.interpreter)} cannot import ${q(a.module)}${a.name ? ` (name ${q(a.name)})` : ''}: ${s(a.line)}`,
    hint: (a) => `Install it into that interpreter: ${s(a.interpreter)} -m pip install ${s(a.module).split('.')[0]} (or run the server with the venv that has it).`,
  }),
  'deps.node-module': entry({
    title: 'Node module is not installed',
    severity: 'error',
    fixable: false,
    explain:
      'The server died with MODULE_NOT_FOUND / ERR_MODULE_NOT_FOUND. Claude Code installs a plugin\'s dependencies only ' +
      'when it ships an npm or bun lockfile; otherwise node_modules is simply not there.',
    message: (a) => `The server cannot find the package ${q(a.module)}: ${s(a.line)}`,
    hint: () => 'Install the server\'s dependencies (npm ci / npm install in the folder with its package.json); plugin authors: commit a lockfile or bundle the server.',
  }),
  'command.shared-library-missing': entry({
    title: 'Shared library is missing',
    severity: 'error',
    fixable: false,
    explain:
      'The program exists but the dynamic loader cannot find a library it links to (for example a venv made with --copies ' +
      'from a Python that was since removed, or a binary built on another machine).',
    message: (a) => `A library the program needs is missing: ${s(a.library)}.`,
    hint: (a) => `Install the package that provides ${s(a.library)}, or rebuild the program (recreate the venv) on this machine.`,
  }),
  'probe.spawn-failed': entry({
    title: 'The operating system refused to start the server',
    severity: 'error',
    fixable: false,
    explain:
      'Starting the command failed before it ran (ENOENT, EACCES, ELOOP, …). Claude Code reports this as ' +
      '"ENOENT … posix_spawn \'stdio\'" without naming the path; mcp-doctor names it and says what the error means.',
    message: (a) => `Starting ${q(a.path)} failed: ${s(a.errno)} (${s(a.meaning)}).`,
    hint: (a) => s(a.fixHint) || 'See the finding this is linked to, or check the path and its permissions.',
  }),
  'probe.crashed': entry({
    title: 'Server exited before answering',
    severity: 'error',
    fixable: false,
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
    title: 'Server did not answer in time',
    severity: 'error',
    fixable: false,
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
    title: 'Protocol version Claude Code does not accept',
    severity: 'error',
    fixable: false,
    explain:
      'Claude Code 2.1.330 asks for protocol 2025-11-25 and accepts 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05 and ' +
      '2024-10-07. The server offered only versions outside that list, or refused ours.',
    message: (a) => `The server speaks ${s(a.serverVersions) || 'an unknown version'}; Claude Code asked for ${s(a.requested)} and accepts ${s(a.accepted)}.`,
    hint: () => 'Update the server (or its MCP SDK) to a release that supports a version Claude Code accepts.',
  }),
  'probe.tools-failed': entry({
    title: 'tools/list failed',
    severity: 'error',
    fixable: false,
    explain: 'initialize worked, but listing the tools failed, so Claude Code gets no tools from this server.',
    message: (a) => `initialize worked, but tools/list failed: ${s(a.error)}.`,
    hint: () => 'Run the server by hand and call tools/list (the MCP Inspector does this) to see the failing tool definition.',
  }),
  'probe.slow-start': entry({
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
    title: 'Remote server unreachable or refusing',
    severity: 'error',
    fixable: false,
    explain:
      'The remote MCP endpoint could not be used: the connection was refused, the host name did not resolve, TLS ' +
      'failed, the request timed out, or the server answered with an HTTP error (404/405 often mean an old HTTP+SSE ' +
      'server, which needs "type": "sse").',
    message: (a) => `${s(a.url)}: ${s(a.what)}${a.error ? ` (${s(a.error)})` : ''}.`,
    hint: (a) => s(a.fixHint) || 'Check the URL, the network and the server.',
  }),
  'probe.wrong-transport': entry({
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
  'runtime.node-too-old': entry({
    title: 'Node.js on PATH is too old for this server',
    severity: 'error',
    fixable: false,
    explain:
      'The server needs a newer Node.js than the one Claude Code starts it with: its package.json "engines" excludes ' +
      'that version, or it imports a built-in module this Node.js does not have (node:sqlite needs 22.5, for example), ' +
      'and it crashed.',
    message: (a) => `The server needs Node.js ${s(a.need)}${a.because ? ` (${s(a.because)})` : ''}, but ${s(a.interpreter) || 'node'} is ${s(a.have)}.`,
    hint: (a) => `Install Node.js ${s(a.need)} or newer and make it the first node on PATH (the one Claude Code sees), or pin an older release of the server.`,
  }),
  'runtime.python-too-old': entry({
    title: 'Python is too old for this server',
    severity: 'error',
    fixable: false,
    explain:
      'The server failed with a SyntaxError that a newer Python accepts: its pyproject.toml "requires-python" excludes ' +
      'the interpreter that ran it, or its code uses syntax that version does not have.',
    message: (a) => `The server needs Python ${s(a.need)}${a.because ? ` (${s(a.because)})` : ''}, but ${s(a.interpreter) || 'python'} is ${s(a.have)}: ${s(a.line)}`,
    hint: (a) => `Run it with Python ${s(a.need)} or newer (a venv made with that Python, or uv run --python ${s(a.need).replace(/^[^0-9]*/, '')} …).`,
  }),
  'probe.discover-crash': entry({
    title: 'Server dies on Claude Code\'s discovery request',
    severity: 'warning',
    fixable: false,
    explain:
      'Claude Code 2.1.330 first sends server/discover (the 2026-07-28 handshake). This server exits on it, so Claude ' +
      'Code has to start it a second time with the older handshake: startup costs twice, and side effects happen twice.',
    message: () => 'The server exits when it receives server/discover; Claude Code then starts it a second time with initialize.',
    hint: () => 'Servers should answer unknown requests with a JSON-RPC error (-32601) rather than exit; update its MCP SDK.',
  }),
  'server.disabled-for-project': entry({
    title: 'Server disabled for this project',
    severity: 'info',
    fixable: false,
    explain:
      'The project\'s entry in ~/.claude.json lists the server in disabledMcpServers (the /mcp "Disable" switch). ' +
      'Claude Code shows "⊘ Disabled for this project" and does not start it; mcp-doctor does not either (--all checks it).',
    message: (a) => `Disabled for this project: disabledMcpServers in ~/.claude.json lists ${q(a.key)}; Claude Code does not start it.`,
    hint: () => 'Re-enable it from /mcp in Claude Code (or remove it from disabledMcpServers).',
  }),
  'server.mcpjson-disabled': entry({
    title: 'Project server turned off in settings',
    severity: 'info',
    fixable: false,
    explain:
      'disabledMcpjsonServers in a settings file (or the project\'s entry in ~/.claude.json) names this .mcp.json ' +
      'server. Claude Code leaves it out of /mcp and `claude mcp list` altogether, whatever approves it elsewhere.',
    message: (a) => `disabledMcpjsonServers in ${s(a.file)} lists ${q(a.name)}: Claude Code hides it and does not start it.`,
    hint: (a) => `Remove ${q(a.name)} from disabledMcpjsonServers in ${s(a.file)} to use it.`,
  }),
  'server.pending-approval': entry({
    title: 'Project server waits for approval',
    severity: 'info',
    fixable: false,
    explain:
      'A server from a project .mcp.json starts only once approved: enabledMcpjsonServers or enableAllProjectMcpServers ' +
      'in ~/.claude/settings.json (always counts), or in .claude/settings.json / .claude/settings.local.json (counts only ' +
      'when this exact folder is trusted: hasTrustDialogAccepted in ~/.claude.json; a parent folder\'s trust does not ' +
      'count). Until then Claude Code shows "⏸ Pending approval" and does not start it.',
    message: (a) =>
      a.untrustedApproval
        ? `${q(a.name)} is approved in ${s(a.untrustedApproval)}, but that counts only once ${s(a.project)} itself is trusted; Claude Code shows it as pending approval and does not start it.`
        : `${q(a.name)} is a project server nobody approved: Claude Code shows "Pending approval" and does not start it.`,
    hint: (a) => `Run claude in ${s(a.project)} and approve it (or accept the trust dialog), or list it in enabledMcpjsonServers in ~/.claude/settings.json.`,
  }),
  'server.duplicate': entry({
    title: 'Plugin server suppressed as a duplicate',
    severity: 'info',
    fixable: false,
    explain:
      'Claude Code drops a plugin server whose command and args (stdio) or URL (http/sse) equal those of a server you ' +
      'configured yourself, or of an earlier plugin\'s server (plugins count in the order of enabledPlugins in ' +
      'settings.json), whatever the names. It is missing from /mcp; the other one runs. mcp-doctor does not start it.',
    message: (a) =>
      `Claude Code suppresses it: same ${a.by === 'url' ? 'URL' : 'command and args'} as ${q(a.duplicateOf)}${a.manual ? ` (your ${s(a.duplicateOfScope)}-scope server)` : ', which loads first'}.`,
    hint: (a) => `Look for ${q(a.duplicateOf)} in /mcp; it provides these tools. To keep both, make their ${a.by === 'url' ? 'URLs' : 'args'} differ.`,
  }),
  'registry.recent-update': entry({
    title: 'Plugin changed in a recent update',
    severity: 'info',
    fixable: false,
    explain:
      'The failing plugin was updated (installed_plugins.json version and lastUpdated, or known_marketplaces.json ' +
      'lastUpdated) and the previous version\'s folder is still in the cache. Comparing the files the failure names ' +
      'with the old version shows what the update removed, which is usually what broke.',
    message: (a) =>
      a.difference
        ? `Broke with the update to ${s(a.version)}${a.date ? ` on ${s(a.date)}` : ''}: ${s(a.previous)} ${s(a.difference)}.`
        : `${s(a.plugin)} was updated to ${s(a.version)}${a.date ? ` on ${s(a.date)}` : ''}; ${s(a.previous)} is still in the cache: if it worked before, compare the two.`,
    hint: (a) =>
      a.difference
        ? `Restore what the update removed, or report it to the plugin's author; ${s(a.previousPath)} still holds ${s(a.previous)}.`
        : 'Compare with the version you had before, or report it to the plugin\'s author.',
  }),
  'server.bundle-not-checked': entry({
    title: 'MCP bundle is not checked',
    severity: 'info',
    fixable: false,
    explain: 'The plugin ships MCP servers as an .mcpb/.dxt bundle. mcp-doctor lists it but does not unpack it.',
    message: (a) => `${q(a.bundle)} is an MCP bundle; its servers are not checked.`,
    hint: () => 'Run claude mcp list to see whether its servers connect.',
  }),
} satisfies Record<string, CatalogEntry>;

export type Code = keyof typeof catalog;

export const allCodes = Object.keys(catalog) as Code[];

export function isCode(value: string): value is Code {
  return Object.prototype.hasOwnProperty.call(catalog, value);
}
