/** The arguments that narrow a run to some plugins or servers, shared by the tools that run the doctor. */
import type { ArgumentSchema, Arguments } from '../arguments.js';
import { nameList } from '../arguments.js';
import type { SelectionInput } from '../../core/engine/select.js';

/** Names are short; the bounds keep a did-you-mean over a huge argument from holding up the server. */
const NAME_MAX = 300;
const NAMES_MAX = 100;

const oneOrMany = (description: string): ArgumentSchema => ({
  anyOf: [
    { type: 'string', minLength: 1, maxLength: NAME_MAX },
    { type: 'array', items: { type: 'string', maxLength: NAME_MAX }, maxItems: NAMES_MAX },
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
      "Also start each server and speak MCP to it, as Claude Code does: this runs every selected server's own code and contacts remote servers over the network " +
      '(slower: up to the startup timeout). Default false: static checks only, well under a second, nothing started.',
  },
} satisfies Record<string, ArgumentSchema>;

export function selectionOf(args: Arguments): SelectionInput {
  return { plugins: nameList(args.plugin), servers: nameList(args.server) };
}
