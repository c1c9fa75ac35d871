/** Catalog codes secret.*: Credentials written into config files. */
import { entry, s, type CatalogEntry } from './words.js';

export const secretCodes = {
  'secret.literal': entry({
    args: ['field', 'shape', 'variable'],
    title: 'Literal credential in a config',
    severity: 'warning',
    fixable: false,
    explain:
      'An env value or header holds what looks like a real credential. Configs are committed, shared and shown in ' +
      'logs; reference a variable instead. mcp-doctor never prints the value.',
    message: (a) => `${s(a.field)} holds a literal credential (${s(a.shape)}).`,
    hint: (a) => `Use \${${s(a.variable)}} and set ${s(a.variable)} in your environment.`,
  }),
} satisfies Record<string, CatalogEntry>;
