/**
 * The command line's shape: options and subcommands, each handed to its command module. Command modules are
 * imported when their command runs, so `--version` and `--help` load commander and nothing else.
 */
import { Command, Option } from 'commander';
import { colorModes } from './color.js';
import { ExitCode, failOnLevels } from './exit-code.js';
import { commaList, repeatable, type DiagnoseOptions } from './options.js';
import { write } from './output.js';
import { formats } from '../render/formats.js';

export const bugsUrl = 'https://github.com/mcp-doctor/mcp-doctor/issues';

const helpFooter = `
Examples:
  mcp-doctor                      check your installed plugins and servers, starting each server
  mcp-doctor --no-probe           static checks only (no server is started)
  mcp-doctor --fix                repair what is safe (venv links, exec bits), after showing the plan
  mcp-doctor undo                 revert the last --fix
  mcp-doctor ./my-marketplace     check a marketplace or plugin you are writing (author mode)
  mcp-doctor --json > report.json one JSON report (schemas/report.schema.json)
  mcp-doctor --demo               see a report on a built-in sample setup
  mcp-doctor explain venv.link-lost

Exit codes:
  0  no findings at or above --fail-on (default: no errors; warnings allowed)
  1  findings at or above --fail-on
  2  usage error, or input that cannot be read (bad option, settings file, --output path)
  3  internal failure (run with --debug and report it)
  128+n  interrupted by signal n (130 for Ctrl-C); every server started is stopped

Environment:
  MCP_TIMEOUT        server startup timeout in ms, as Claude Code reads it (default 30000)
  CLAUDE_CONFIG_DIR  Claude Code's config folder (default ~/.claude)
  NO_COLOR           any value: no colour
  FORCE_COLOR        colour even when not a terminal (0 or false: never)
  XDG_CACHE_HOME     where --fix keeps its undo journal (default ~/.cache)

Report bugs: ${bugsUrl}
`;

/** commander's "error: unknown option '--x'" in mcp-doctor's voice. */
function ourVoice(message: string): string {
  const text = message.replace(/^error: /, '').trimEnd();
  return `mcp-doctor: ${text}${/\(see /.test(text) ? '' : ' (see mcp-doctor --help)'}\n`;
}

/** Builds the program; `setCode` receives the exit code of whichever command ran. */
export function buildProgram(version: string, setCode: (code: number) => void): Command {
  const program = new Command('mcp-doctor')
    .description('Find why a Claude Code plugin MCP server fails to load, where the cause is, and how to fix it.')
    .version(version)
    .argument('[paths...]', 'marketplace repos or plugin folders to check (author mode); default: your installed setup')
    .option('--json', 'print one JSON report (schemas/report.schema.json) on stdout')
    .addOption(new Option('--format <format>', 'output format').choices(formats))
    .option('--probe', 'start every server and speak MCP to it (the default for your installed setup; author mode is static unless given)')
    .option('--no-probe', 'static checks only: do not start any server')
    .option('--timeout <time>', 'startup timeout per server: 30, 4s, 500ms (default: $MCP_TIMEOUT ms, else 30s)')
    .option('--discover', "also send Claude Code's first request (server/discover) and report servers that die on it")
    .option('--all', 'also check disabled plugins, and servers a session leaves off (disabled for the project, pending approval)')
    .option('--plugin <name>', 'check only this plugin (repeatable)', repeatable)
    .option('--server <name>', 'check only this server (repeatable)', repeatable)
    .option('--demo', 'run on a built-in sample home with healthy and broken plugins')
    .option('--config-dir <dir>', 'Claude Code config dir (default: $CLAUDE_CONFIG_DIR or ~/.claude)')
    .option('--project <dir>', 'the project folder Claude Code runs in (default: the current folder)')
    .option('--ignore <codes>', 'comma-separated finding codes to leave out', commaList)
    .option('--fix', 'repair what can be repaired safely (venv links, exec bits, CRLF scripts), after showing the plan')
    .option('--dry-run', 'with --fix: show the plan and change nothing')
    .option('-y, --yes', 'with --fix or undo: apply without asking (needed when not in a terminal)')
    .option('--rebuild-venvs', 'with --fix: also create missing or broken venvs and install their requirements')
    .option('--install-deps', 'with --fix: also install missing Node dependencies (npm ci / npm install)')
    .option('--build', 'with --fix: also build commands that are build output nobody built')
    .option('--output <file>', 'also write the report to FILE, atomically, in --format or FORMAT:FILE (repeatable); stdout keeps the normal output', repeatable)
    .option('--base-dir <dir>', 'paths in sarif, github, junit and markdown are relative to this folder (default: the current one)')
    .addOption(new Option('--fail-on <level>', 'which findings make the exit code 1 (default: error)').choices(failOnLevels))
    .option('--config <file>', 'settings file (default: .mcp-doctor.json in the base folder)')
    .addOption(new Option('--color <when>', 'colours: auto (when stdout is a terminal; NO_COLOR, FORCE_COLOR and TERM=dumb are read), always, never').choices(colorModes))
    .option('--no-color', 'same as --color never')
    .option('-q, --quiet', 'text: problems only (servers with errors or warnings)')
    .option('--verbose', "text: healthy servers' details too, the whole stderr kept, and how each server was started")
    .option('--debug', 'print stack traces of internal errors')
    .addHelpText('after', helpFooter)
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(ourVoice(s)) });

  program.action(async (paths: string[], opts: DiagnoseOptions) => {
    // Loaded on use: --version and --help do not pay for the engine (schemas, MCP SDK).
    const { diagnose } = await import('./commands/diagnose.js');
    setCode(await diagnose(paths, opts, version));
  });
  program
    .command('explain')
    .description('print the catalog entry of a finding code (e.g. venv.link-lost)')
    .argument('[code]', 'finding code; omit to list them all')
    .option('--json', 'the entry (or every entry) as JSON: code, title, severity, fixable, fixOption, explanation, helpUri')
    .action(async (c: string | undefined, o: { json?: boolean }) => {
      const { explainCode } = await import('../render/explain.js');
      const r = explainCode(c, { json: o.json || program.opts<{ json?: boolean }>().json });
      await write(r.text, r.ok ? process.stdout : process.stderr);
      setCode(r.ok ? ExitCode.ok : ExitCode.usage);
    });
  program
    .command('undo')
    .description('revert the last fix mcp-doctor applied (asks first; --yes to skip the question)')
    .option('-y, --yes', 'revert without asking')
    .action(async (o: { yes?: boolean }) => {
      const { undo } = await import('./commands/undo.js');
      setCode(await undo({ yes: o.yes || program.opts<{ yes?: boolean }>().yes }));
    });
  program
    .command('mcp')
    .description('serve mcp-doctor over stdio as an MCP server (tools: diagnose, explain, fix_plan); it ends when stdin closes')
    .action(async () => {
      const { serveMcp } = await import('./commands/mcp.js');
      await serveMcp(version);
    });
  program
    .command('completion')
    .description('print a shell completion script: source <(mcp-doctor completion bash)')
    .argument('<shell>', 'bash, zsh, fish')
    .action(async (shell: string) => {
      const { printCompletion } = await import('./commands/completion.js');
      setCode(await printCompletion(program, shell));
    });
  return program;
}
