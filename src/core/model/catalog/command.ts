/** Catalog codes command.*: What a server command needs on disk: the program, its script, its interpreter, its toolchain. */
import type { Evidence } from '../evidence.js';
import { entry, listed, sh, s, q, type CatalogEntry } from './words.js';

/** " (…/.venv is a symlink to /gone, which does not exist)": which part of a missing path is missing. */
function missingPart(a: Evidence): string {
  if (a.missingKind === 'link-loop') return ` (${s(a.missing)} is a symlink loop)`;
  if (a.missingKind === 'dangling-link') return ` (${s(a.missing)} is a symlink to ${s(a.linkTarget)}, which does not exist)`;
  if (a.missingKind === 'absent' && a.missing) return ` (${s(a.missing)} is missing)`;
  return '';
}

export const commandCodes = {
  'command.not-found': entry({
    args: ['command', 'installHint', 'linkTarget', 'missing', 'missingKind', 'onPath', 'path', 'searched'],
    title: 'Command not found',
    severity: 'error',
    fixable: false,
    explain:
      'The server\'s command is not on PATH, or the path does not exist. Claude Code says only ' +
      '"ENOENT … posix_spawn \'stdio\'" and hides which path it tried.',
    message: (a) =>
      a.onPath
        ? `${q(a.command)} is not on PATH (searched ${s(a.searched)} folder${a.searched === 1 ? '' : 's'}).`
        : `${q(a.path)} does not exist${missingPart(a)}.`,
    hint: (a) =>
      a.onPath
        ? a.installHint
          ? `Install ${s(a.command)} (${s(a.installHint)}), or put it on the PATH Claude Code starts with.`
          : `Install ${s(a.command)}, or use its absolute path.`
        : 'Fix the path, or create the file.',
  }),
  'command.runner-required': entry({
    args: ['installHint', 'program', 'servers', 'via'],
    title: 'Program the plugin\'s users must have',
    severity: 'info',
    fixable: false,
    explain:
      'In author mode the machine is not the user\'s: a runner such as uvx, uv, bunx, bun, deno, docker, npx or go that ' +
      'is missing here (a CI runner, say) is not a mistake in the plugin but a program every user must have on the PATH ' +
      'Claude Code starts with. Claude Code\'s own validator does not look for it. mcp-doctor lists each program once, ' +
      'with the servers that run it, so the README can say so.',
    message: (a) => {
      const one = Array.isArray(a.servers) && a.servers.length === 1;
      const how = a.via === 'launcher' ? 'from a launcher' : a.via === 'interpreter' ? 'through a #! line' : 'as the command';
      return `Users need ${q(a.program)} on their PATH: ${listed(a.servers, one ? 'server' : 'servers')} ${one ? 'runs' : 'run'} it ${how}.`;
    },
    hint: (a) => `Say so in the plugin's README${a.installHint ? ` (${s(a.installHint)})` : ''}. It is not on this machine's PATH, so nothing that needs it was run here.`,
  }),
  'command.holds-args': entry({
    args: ['command', 'corrected', 'program', 'resolved'],
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
    args: ['command', 'corrected', 'fixHint', 'platform', 'why'],
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
    args: ['command', 'corrected', 'resolved'],
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
    args: ['fixHint', 'interpreter', 'path'],
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
    args: ['buildCommand', 'path', 'reason', 'toolchainMissing'],
    fixes: ['build'],
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
    args: ['fromProbe', 'guarded', 'installHint', 'script', 'scriptLine', 'stderrLine', 'tool'],
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
    args: ['isDirectory', 'mode', 'path'],
    fixes: ['chmod'],
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
        : `Run chmod +x ${sh(a.path)}; plugin authors: git update-index --chmod=+x on the file and commit.`,
  }),
  'command.bad-interpreter': entry({
    args: ['crlf', 'fixHint', 'interpreter', 'path', 'shebang', 'viaEnv'],
    fixes: ['line-endings'],
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
        ? `Convert it to LF line endings (sed -i 's/\\r$//' ${sh(a.path)}) and add a .gitattributes rule (*.sh text eol=lf).`
        : `Install ${s(a.interpreter)}, or change the #! line to an interpreter that exists (#!/usr/bin/env …).`,
  }),
  'command.shared-library-missing': entry({
    args: ['library'],
    title: 'Shared library is missing',
    severity: 'error',
    fixable: false,
    explain:
      'The program exists but the dynamic loader cannot find a library it links to (for example a venv made with --copies ' +
      'from a Python that was since removed, or a binary built on another machine).',
    message: (a) => `A library the program needs is missing: ${s(a.library)}.`,
    hint: (a) => `Install the package that provides ${s(a.library)}, or rebuild the program (recreate the venv) on this machine.`,
  }),
} satisfies Record<string, CatalogEntry>;
