#!/usr/bin/env node
/**
 * The command line: parses options, builds the context, runs the engine, picks a renderer, sets the exit
 * code. All decisions about problems live in the core; this file only wires and prints.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../core/discover/author-mode.js';
import { createContext, type DoctorContext } from '../core/context.js';
import { runDoctor } from '../core/run.js';
import { parseTimeout } from '../core/probe/timeout.js';
import { materializeFixture } from '../demo/materialize.js';
import { explainCode } from './explain.js';
import { ExitCode, exitCodeFor } from './exit-code.js';
import { renderJson } from './render/json.js';
import { renderText } from './render/text.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

interface Options {
  json?: boolean;
  format?: 'text' | 'json';
  probe: boolean;
  all?: boolean;
  demo?: boolean;
  configDir?: string;
  project?: string;
  ignore?: string[];
  timeout?: string;
  discover?: boolean;
  color?: boolean;
  debug?: boolean;
}

/** Writes and waits for the data to leave, so a large report is not cut off by the exit. */
function write(text: string, stream: NodeJS.WriteStream = process.stdout): Promise<void> {
  return new Promise((done) => {
    if (!stream.write(text)) stream.once('drain', () => done());
    else done();
  });
}

function hasAnyConfig(ctx: DoctorContext): boolean {
  return existsSync(ctx.configDir) || existsSync(ctx.userStateFile) || existsSync(join(ctx.cwd, '.mcp.json'));
}

async function diagnose(paths: string[], opts: Options): Promise<number> {
  const format = opts.json ? 'json' : (opts.format ?? 'text');
  let cleanup: (() => Promise<void>) | null = null;
  let ctx: DoctorContext;
  if (opts.demo) {
    const demo = await materializeFixture(join(packageRoot, 'fixtures', 'demo'), 'mcp-doctor-demo-');
    cleanup = demo.cleanup;
    const home = join(demo.root, 'home');
    const env: Record<string, string | undefined> = { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
    delete env.CLAUDE_CONFIG_DIR;
    delete env.CLAUDE_CODE_PLUGIN_CACHE_DIR;
    ctx = createContext({ env, homedir: home, cwd: join(demo.root, 'project'), managedDir: join(demo.root, 'managed') });
  } else {
    ctx = createContext({
      configDir: opts.configDir ? resolve(opts.configDir) : undefined,
      cwd: opts.project ? resolve(opts.project) : process.cwd(),
    });
  }
  try {
    if (!opts.demo && paths.length === 0 && !hasAnyConfig(ctx)) {
      await write(
        `mcp-doctor: no Claude Code configuration found at ${ctx.configDir}.\n` +
          `  See what it reports on a sample setup:  mcp-doctor --demo\n` +
          `  Check a marketplace or plugin you are writing:  mcp-doctor ./path/to/repo\n`,
        process.stderr,
      );
      return ExitCode.usage;
    }
    let timeoutMs: number | undefined;
    if (opts.timeout !== undefined) {
      const parsed = parseTimeout(opts.timeout);
      if (parsed === null) throw new UsageError(`--timeout ${opts.timeout}: expected seconds (30), or a number with s or ms (4s, 500ms)`);
      timeoutMs = parsed;
    }
    const report = await runDoctor(ctx, { paths, all: opts.all, ignore: opts.ignore, version, probe: opts.probe, timeoutMs, discover: opts.discover });
    if (format === 'json') await write(renderJson(report));
    else {
      const color = opts.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR;
      await write(renderText(report, { color, homedir: ctx.homedir }));
      if (opts.demo) await write('\n(This was the built-in demo: a sample home with healthy and broken plugins. Run mcp-doctor without --demo to check yours.)\n');
    }
    return exitCodeFor(report);
  } finally {
    await cleanup?.();
  }
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('mcp-doctor')
    .description('Find why a Claude Code plugin MCP server fails to load, where the cause is, and how to fix it.')
    .version(version)
    .argument('[paths...]', 'marketplace repos or plugin folders to check (author mode); default: your installed setup')
    .option('--json', 'print one JSON report (schemas/report.schema.json) on stdout')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']))
    .option('--no-probe', 'static checks only: do not start any server')
    .option('--timeout <time>', 'startup timeout per server: 30, 4s, 500ms (default: $MCP_TIMEOUT ms, else 30s)')
    .option('--discover', "also send Claude Code's first request (server/discover) and report servers that die on it")
    .option('--all', 'also check plugins that are disabled')
    .option('--demo', 'run on a built-in sample home with healthy and broken plugins')
    .option('--config-dir <dir>', 'Claude Code config dir (default: $CLAUDE_CONFIG_DIR or ~/.claude)')
    .option('--project <dir>', 'the project folder Claude Code runs in (default: the current folder)')
    .option('--ignore <codes>', 'comma-separated finding codes to leave out', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .option('--no-color', 'plain text without colors')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  let code: number = ExitCode.ok;
  program.action(async (paths: string[], opts: Options) => {
    code = await diagnose(paths, opts);
  });
  program
    .command('explain')
    .description('print the catalog entry of a finding code (e.g. venv.link-lost)')
    .argument('[code]', 'finding code; omit to list them all')
    .action(async (c: string | undefined) => {
      const r = explainCode(c);
      await write(r.text, r.ok ? process.stdout : process.stderr);
      code = r.ok ? ExitCode.ok : ExitCode.usage;
    });

  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof UsageError) {
      await write(`mcp-doctor: ${error.message}\n`, process.stderr);
      return ExitCode.usage;
    }
    const debug = argv.includes('--debug');
    const message = error instanceof Error ? error.message : String(error);
    await write(`mcp-doctor: internal error: ${message}\n${debug && error instanceof Error ? error.stack + '\n' : '(run with --debug for details; please report it)\n'}`, process.stderr);
    return ExitCode.internal;
  }
}

// A closed pipe (`mcp-doctor | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = ExitCode.internal;
  },
);
