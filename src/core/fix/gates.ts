/**
 * Which fixes run without asking for more: relinking, an exec bit and line endings are small, exact and
 * reversible. Creating a venv, installing packages and building run other programs that may download or
 * take minutes, so each waits for its own option.
 */
import type { FixPlan } from '../model/types.js';

export type Gate = 'always' | 'rebuild-venvs' | 'install-deps' | 'build';

export interface FixGates {
  rebuildVenvs?: boolean;
  installDeps?: boolean;
  build?: boolean;
}

export function gateOf(fix: FixPlan): Gate {
  switch (fix.kind) {
    case 'venv-create':
      return 'rebuild-venvs';
    case 'npm-install':
      return 'install-deps';
    case 'build':
      return 'build';
    default:
      return 'always';
  }
}

/** The command-line option that opens a gate. */
export const gateOption: Record<Exclude<Gate, 'always'>, string> = {
  'rebuild-venvs': '--rebuild-venvs',
  'install-deps': '--install-deps',
  build: '--build',
};

export function gateOpen(gate: Gate, gates: FixGates): boolean {
  if (gate === 'rebuild-venvs') return !!gates.rebuildVenvs;
  if (gate === 'install-deps') return !!gates.installDeps;
  if (gate === 'build') return !!gates.build;
  return true;
}

/** How a user asks for this fix: `mcp-doctor --fix`, with the option its gate needs. */
export function fixCommand(fix: FixPlan): string {
  const gate = gateOf(fix);
  return gate === 'always' ? 'mcp-doctor --fix' : `mcp-doctor --fix ${gateOption[gate]}`;
}
