/**
 * Which fixes run without asking for more: relinking, an exec bit and line endings are small, exact and
 * reversible. Creating a venv, installing packages and building run other programs that may download or
 * take minutes, so each waits for its own option. Each applier declares its gate (appliers/*.ts); there is
 * no default, so a new kind cannot run ungated.
 */
import type { FixPlan } from '../model/types.js';
import { applierFor } from './appliers/index.js';

import type { Gate } from './define-applier.js';

export type { Gate };

export interface FixGates {
  rebuildVenvs?: boolean;
  installDeps?: boolean;
  build?: boolean;
}

export function gateOf(fix: FixPlan): Gate {
  return applierFor(fix.kind).gate;
}

/** The command-line option that opens a gate. */
export const gateOption: Record<Exclude<Gate, 'always'>, string> = {
  'rebuild-venvs': '--rebuild-venvs',
  'install-deps': '--install-deps',
  build: '--build',
};

export function gateOpen(gate: Gate, gates: FixGates): boolean {
  switch (gate) {
    case 'rebuild-venvs':
      return !!gates.rebuildVenvs;
    case 'install-deps':
      return !!gates.installDeps;
    case 'build':
      return !!gates.build;
    case 'always':
      return true;
  }
}

/** How a user asks for this fix: `mcp-doctor --fix`, with the option its gate needs. */
export function fixCommand(fix: FixPlan): string {
  const gate = gateOf(fix);
  return gate === 'always' ? 'mcp-doctor --fix' : `mcp-doctor --fix ${gateOption[gate]}`;
}
