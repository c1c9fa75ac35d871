/** The arguments that narrow a run to some plugins or servers, shared by the tools that run the doctor. */
import type { ArgumentSchema, Arguments } from '../arguments.js';
import { nameList } from '../arguments.js';
import type { SelectionInput } from '../../core/engine/select.js';

const oneOrMany = (description: string): ArgumentSchema => ({
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string' } },
  ],
  description,
});

export const selectionArguments = {
  plugin: oneOrMany('Only this plugin (its name, or name@marketplace), or a list of them. Default: every plugin.'),
  server: oneOrMany('Only this server (its name, plugin/server, or its key such as plugin:vault:vault), or a list of them. Default: every server.'),
  probe: {
    type: 'boolean',
    default: false,
    description:
      'Also start each server and speak MCP to it, as Claude Code does (slower: up to the startup timeout). Default false: static checks only, well under a second.',
  },
} satisfies Record<string, ArgumentSchema>;

export function selectionOf(args: Arguments): SelectionInput {
  return { plugins: nameList(args.plugin), servers: nameList(args.server) };
}
