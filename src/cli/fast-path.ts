/**
 * `mcp-doctor --version` / `-V` print the package's version; `--help` / `-h` print the help the build saved
 * (dist/cli/help.txt, written by running the full command line's --help at build time, so it is commander's
 * own text). Anything else, or a missing help file (running from source), goes to the full command line.
 */
import { readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../core/util/package-info.js';

/** Set at build time to produce help.txt from the full command line. */
export const fullCliVariable = 'MCP_DOCTOR_FULL_CLI';

export function fastAnswer(args: string[], env: Record<string, string | undefined>): boolean {
  if (args.length !== 1 || env[fullCliVariable]) return false;
  const [arg] = args;
  if (arg === '--version' || arg === '-V') {
    writeSync(1, `${version}\n`);
    return true;
  }
  if (arg === '--help' || arg === '-h') {
    let help: string;
    try {
      help = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'help.txt'), 'utf8');
    } catch {
      return false;
    }
    writeSync(1, help);
    return true;
  }
  return false;
}
