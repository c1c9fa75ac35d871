/** Whether there is any Claude Code configuration to check (else the CLI offers the demo home). */
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { DoctorContext } from '../model/context.js';

/** Anything there counts, even a broken link or a loop: that is a finding to report, not "no configuration". */
const present = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

export function hasAnyConfig(ctx: DoctorContext): boolean {
  return existsSync(ctx.configDir) || present(ctx.userStateFile) || present(join(ctx.cwd, '.mcp.json'));
}
