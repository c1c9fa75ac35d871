/** The command line's shape: options and subcommands, each handed to its command module. */
import { Command, Option } from 'commander';
import { diagnose } from './commands/diagnose.js';
import { explainCode } from './commands/explain.js';
import { ExitCode } from './exit-code.js';
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
  return program;
}
