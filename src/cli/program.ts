/** The command line's shape: options and subcommands, each handed to its command module. */
import { Command, Option } from 'commander';
import { diagnose } from './commands/diagnose.js';
import { registerCompletionCommand } from './commands/completion.js';
import { explainCode } from './commands/explain.js';
import { registerMcpCommand } from './commands/mcp.js';
import { undo } from './commands/undo.js';
import { ExitCode, failOnLevels } from './exit-code.js';
import { commaList, repeatable, type DiagnoseOptions } from './options.js';
import { write } from './output.js';
import { formats } from './render/index.js';

/** Builds the program; `setCode` receives the exit code of whichever command ran. */
export function buildProgram(version: string, setCode: (code: number) => void): Command {
  const program = new Command('mcp-doctor')
    .description('Find why a Claude Code plugin MCP server fails to load, where the cause is, and how to fix it.')
    .version(version)
    .argument('[paths...]', 'marketplace repos or plugin folders to check (author mode); default: your installed setup')
    .option('--json', 'print one JSON report (schemas/report.schema.json) on stdout')
    .addOption(new Option('--format <format>', 'output format').choices(formats))
    .option('--no-probe', 'static checks only: do not start any server')
    .option('--timeout <time>', 'startup timeout per server: 30, 4s, 500ms (default: $MCP_TIMEOUT ms, else 30s)')
    .option('--discover', "also send Claude Code's first request (server/discover) and report servers that die on it")
    .option('--all', 'also check plugins that are disabled')
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
    .option('--no-color', 'plain text without colors')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program.action(async (paths: string[], opts: DiagnoseOptions) => {
    setCode(await diagnose(paths, opts, version));
  });
  program
    .command('explain')
    .description('print the catalog entry of a finding code (e.g. venv.link-lost)')
    .argument('[code]', 'finding code; omit to list them all')
    .action(async (c: string | undefined) => {
      const r = explainCode(c);
      await write(r.text, r.ok ? process.stdout : process.stderr);
      setCode(r.ok ? ExitCode.ok : ExitCode.usage);
    });
  program
    .command('undo')
    .description('revert the last fix mcp-doctor applied (asks first; --yes to skip the question)')
    .option('-y, --yes', 'revert without asking')
    .action(async (o: { yes?: boolean }) => {
      setCode(await undo({ yes: o.yes || program.opts<{ yes?: boolean }>().yes }));
    });
  registerMcpCommand(program, version);
  registerCompletionCommand(program, setCode);
  return program;
}
