/**
 * The command line proper (main.ts loads it for everything but --version and --help): signal handling, the
 * program, and the mapping of whatever went wrong to an exit code. All decisions about problems live in the
 * core; the commands only wire and print.
 */
import { CommanderError } from 'commander';
import { ExitCode } from './exit-code.js';
import { UsageError } from './options.js';
import { say, write } from './output.js';
import { buildProgram } from './program.js';
import { version } from '../core/util/package-info.js';
import { exitNow, installSignalHandlers } from './signals.js';
import { safeBlock, safeLine } from '../core/util/safe-text.js';
import { writeSync } from 'node:fs';

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
    await write(internalError(error, argv.includes('--debug')), process.stderr);
    return ExitCode.internal;
  }
}

/** One line (the stack only with --debug), made safe: an error message can quote a file's or a server's text. */
function internalError(error: unknown, debug: boolean): string {
  const message = safeLine(error instanceof Error ? error.message : String(error));
  return `mcp-doctor: internal error: ${message}\n${debug && error instanceof Error ? safeBlock(error.stack ?? '') + '\n' : '(run with --debug for details; please report it)\n'}`;
}

installSignalHandlers();
// Whatever escapes (a rejected promise nobody awaited, an error thrown from a stream callback) is still an
// internal error: one line and exit 3, the stack only with --debug, never Node's raw trace.
const lastResort = (error: unknown) => {
  writeSync(2, internalError(error, process.argv.includes('--debug')));
  exitNow(ExitCode.internal);
};
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);
// A closed pipe (`mcp-doctor | head`) is not an error worth a stack trace; servers and temporary folders still go.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') exitNow(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = ExitCode.internal;
  },
);
