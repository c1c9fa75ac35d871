#!/usr/bin/env node
/**
 * The entry point: signal handling, the program, and the mapping of whatever went wrong to an exit code.
 * All decisions about problems live in the core; the commands only wire and print.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { packageRoot } from './doctor-context.js';
import { ExitCode } from './exit-code.js';
import { UsageError } from './options.js';
import { say, write } from './output.js';
import { buildProgram } from './program.js';
import { installSignalHandlers } from './signals.js';
import { killAllGroups } from '../core/live-processes.js';

const version = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

export async function main(argv: string[]): Promise<number> {
  let code: number = ExitCode.ok;
  const program = buildProgram(version, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof UsageError) {
      await say(error.message);
      return ExitCode.usage;
    }
    const debug = argv.includes('--debug');
    const message = error instanceof Error ? error.message : String(error);
    await write(`mcp-doctor: internal error: ${message}\n${debug && error instanceof Error ? error.stack + '\n' : '(run with --debug for details; please report it)\n'}`, process.stderr);
    return ExitCode.internal;
  }
}

installSignalHandlers();
// Whatever escapes (a rejected promise nobody awaited, an error thrown from a stream callback) is still an
// internal error: one line and exit 3, the stack only with --debug, never Node's raw trace.
const lastResort = (error: unknown) => {
  const debug = process.argv.includes('--debug');
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mcp-doctor: internal error: ${message}\n${debug && error instanceof Error ? error.stack + '\n' : '(run with --debug for details; please report it)\n'}`);
  killAllGroups('SIGKILL');
  process.exit(ExitCode.internal);
};
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);
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
