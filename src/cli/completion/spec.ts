/**
 * What shell completion needs to know, read from the commander program itself (one source of truth):
 * every command, its options and descriptions, and what each value is. Commander knows choices
 * (`--format`, `--fail-on`); the few facts it cannot hold (a value is a folder, a list of finding codes)
 * are in `valueHints`, keyed by the option or argument they describe.
 */
import type { Argument, Command, Option } from 'commander';
import { allCodes, catalog } from '../../core/model/catalog.js';
import { commaList, repeatable } from '../options.js';

export type ValueKind =
  | { kind: 'choices'; values: { value: string; description?: string }[] }
  /** Finding codes separated by commas (`--ignore a,b`). */
  | { kind: 'code-list' }
  | { kind: 'file' }
  | { kind: 'dir' }
  /** Free text: nothing to offer (`--timeout 4s`, a plugin name). */
  | { kind: 'text' };

export interface OptionSpec {
  short: string | null;
  long: string | null;
  description: string;
  /** Null for a flag. */
  value: ValueKind | null;
  /** Given more than once (`--plugin a --plugin b`). */
  repeatable: boolean;
  /** Ends the command line's meaning (`--help`, `--version`). */
  terminal: boolean;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** The positional argument(s), by the name commander gives it (`code`, `shell`), or null when it takes none. */
  argument: (ValueKind & { name: string; variadic: boolean }) | null;
  commands: CommandSpec[];
}

export const shells = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof shells)[number];

const codes: ValueKind = { kind: 'choices', values: allCodes.map((c) => ({ value: c, description: catalog[c].title })) };

/** Keys: `--long` for an option of any command, `<command> <argument>` for a positional argument. */
export const valueHints: Record<string, ValueKind | ((program: Command) => ValueKind)> = {
  '--ignore': { kind: 'code-list' },
  '--config-dir': { kind: 'dir' },
  '--project': { kind: 'dir' },
  '--base-dir': { kind: 'dir' },
  '--config': { kind: 'file' },
  '--output': { kind: 'file' },
  'mcp-doctor paths': { kind: 'dir' },
  'explain code': codes,
  'completion shell': { kind: 'choices', values: shells.map((value) => ({ value })) },
  'help command': (program) => ({ kind: 'choices', values: program.commands.map((c) => ({ value: c.name(), description: c.description() })) }),
};

function hint(key: string, program: Command): ValueKind | undefined {
  const h = valueHints[key];
  return typeof h === 'function' ? h(program) : h;
}

function optionSpec(o: Option, program: Command): OptionSpec {
  const takesValue = o.required || o.optional;
  const value: ValueKind | null = !takesValue
    ? null
    : o.argChoices
      ? { kind: 'choices', values: o.argChoices.map((value) => ({ value })) }
      : (hint(o.long ?? '', program) ?? { kind: 'text' });
  return {
    short: o.short ?? null,
    long: o.long ?? null,
    description: o.description,
    value,
    repeatable: o.variadic || o.parseArg === repeatable || o.parseArg === commaList,
    terminal: o.long === '--help' || o.long === '--version',
  };
}

function argumentSpec(command: Command, a: Argument | undefined, program: Command): CommandSpec['argument'] {
  if (!a) return null;
  const kind: ValueKind = a.argChoices ? { kind: 'choices', values: a.argChoices.map((value) => ({ value })) } : (hint(`${command.name()} ${a.name()}`, program) ?? { kind: 'text' });
  return { ...kind, name: a.name(), variadic: a.variadic };
}

function commandSpec(command: Command, program: Command): CommandSpec {
  const help = command.createHelp();
  return {
    name: command.name(),
    description: command.description(),
    options: help.visibleOptions(command).map((o) => optionSpec(o, program)),
    argument: argumentSpec(command, command.registeredArguments[0], program),
    commands: help.visibleCommands(command).map((c) => commandSpec(c, program)),
  };
}

export function completionSpec(program: Command): CommandSpec {
  return commandSpec(program, program);
}

/** `--format`, `-y`: every spelling of an option. */
export const spellings = (o: OptionSpec): string[] => [o.short, o.long].filter((s): s is string => s !== null);
