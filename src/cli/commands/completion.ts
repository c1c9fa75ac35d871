/** `mcp-doctor completion bash|zsh|fish`: the completion script for that shell, generated from this program. */
import type { Command } from 'commander';
import { allCodes, catalog } from '../../core/model/catalog.js';
import { UsageError } from '../../core/util/usage-error.js';
import { bashScript } from '../completion/bash.js';
import { fishScript } from '../completion/fish.js';
import { completionSpec, shells, type Shell } from '../completion/spec.js';
import { zshScript } from '../completion/zsh.js';
import { ExitCode } from '../exit-code.js';
import { write } from '../output.js';

export function completionScript(program: Command, shell: Shell): string {
  const spec = completionSpec(program);
  switch (shell) {
    case 'bash':
      return bashScript(spec, allCodes);
    case 'zsh':
      return zshScript(spec, allCodes);
    case 'fish':
      return fishScript(spec, allCodes.map((c) => ({ value: c, description: catalog[c].title })));
  }
}

export async function printCompletion(program: Command, shell: string): Promise<number> {
  if (!(shells as readonly string[]).includes(shell)) throw new UsageError(`unknown shell '${shell}' (expected ${shells.join(', ')})`);
  await write(completionScript(program, shell as Shell));
  return ExitCode.ok;
}
