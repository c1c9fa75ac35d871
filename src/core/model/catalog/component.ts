/**
 * Catalog codes component.*: a plugin's other components (commands, agents, skills, output styles) and its
 * manifest as a whole: paths that are missing, frontmatter that does not parse, two plugins with one name.
 */
import { configCodes } from './config.js';
import { entry, s, q, type CatalogEntry } from './words.js';

export const componentCodes = {
  'component.path-not-found': entry({
    args: ['field', 'kind', 'path'],
    title: 'Component path does not exist',
    severity: 'error',
    fixable: false,
    effect: 'plugin-error',
    explain:
      'plugin.json names a commands, agents, skills, hooks or output-styles path that is not there. Claude Code reports ' +
      'it as path-not-found: `claude plugin list` prints "✘ failed to load / Path not found: …" and /plugin counts an ' +
      'error, but the plugin\'s MCP servers, commands and agents still load. An lspServers file that is missing shows ' +
      'only in a session.',
    message: (a) => `${s(a.field)} points to ${q(a.path)}, which does not exist${a.kind ? ` (${s(a.kind)} are not loaded from it)` : ''}.`,
    hint: () => 'Fix the path (relative to the plugin root, starting with ./), or add the file, or remove the key.',
  }),
  'component.frontmatter-invalid': entry({
    args: ['file', 'found', 'kind', 'line', 'mistake'],
    title: 'YAML frontmatter does not parse: its metadata is dropped',
    severity: 'warning',
    fixable: false,
    explain:
      'The --- block at the top of a command, agent or skill file must be YAML. When it does not parse, Claude Code ' +
      'logs "Failed to parse YAML frontmatter" and loads the component with every frontmatter field dropped: no ' +
      'description, allowed-tools, argument-hint or model; an agent keeps only its file name; a skill is then not ' +
      'offered to the model. `plugin validate` reports it; nothing else does.',
    message: (a) =>
      `The frontmatter of this ${s(a.kind) || 'file'} does not parse (${
        a.mistake === 'unclosed-quote'
          ? `the ${a.found === "'" ? 'single' : 'double'} quote opened on line ${s(a.line)} never closes`
          : a.mistake === 'unclosed-flow'
            ? `the ${s(a.found)} opened on line ${s(a.line)} never closes`
            : a.mistake === 'tab-indent'
              ? `a tab in the indentation of line ${s(a.line)}`
              : `line ${s(a.line)} is not "key: value"`
      }); Claude Code loads it with all its frontmatter fields dropped.`,
    hint: (a) =>
      a.mistake === 'tab-indent'
        ? 'Indent with spaces: YAML does not allow tabs there.'
        : a.mistake === 'not-key-value'
          ? 'Indent a continued value under its key, or quote it; every top-level line is "key: value".'
          : 'Close the quote or bracket, or quote the value.',
  }),
  'component.skill-no-description': entry({
    args: ['noFrontmatter', 'skill'],
    title: 'Skill without a description is not offered to the model',
    severity: 'warning',
    fixable: false,
    explain:
      'A skill is offered to the model by its frontmatter description. A SKILL.md without frontmatter or without a ' +
      'description still loads as a slash command, but the model never sees it as a skill.',
    message: (a) => `Skill ${q(a.skill)} has ${a.noFrontmatter ? 'no frontmatter' : 'no description'}; it is a slash command only, not offered to the model.`,
    hint: () => 'Add a frontmatter block: ---\\ndescription: what the skill does and when to use it\\n---',
  }),
  'component.same-name': entry({
    args: ['hooksFrom', 'other', 'plugin', 'serversFrom', 'sharedServers'],
    title: 'Same plugin name in two marketplaces',
    severity: 'warning',
    fixable: false,
    explain:
      'Two installed plugins share a name. Their MCP servers share the key plugin:<name>:<server>: for a server name ' +
      'both define, only the copy from the plugin later in enabledPlugins (the marketplace added later) runs, without ' +
      'a message. For hooks it is the other way round: only the first plugin\'s hooks run, and a session warns ' +
      '"Its hooks.json hooks do not run".',
    message: (a) =>
      `${q(a.plugin)} and ${q(a.other)} have the same name.${a.sharedServers ? ` Servers both define (${s(a.sharedServers)}) run from ${q(a.serversFrom)} only.` : ''}${a.hooksFrom ? ` Hooks run from ${q(a.hooksFrom)} only.` : ''}`,
    hint: () => 'Keep one of them enabled (claude plugin disable <name>@<marketplace>), or rename one plugin.',
  }),
  'component.manifest-field-ignored': entry({
    args: ['detail', 'expected', 'field', 'found', 'key', 'mistake', 'suggested'],
    title: 'Manifest field of the wrong shape is ignored',
    severity: 'warning',
    fixable: false,
    // An error in a source tree (validate fails), yet Claude Code loads the plugin.
    effect: 'none',
    explain:
      'Claude Code does not refuse a plugin for a descriptive field of the wrong shape (a string author, ' +
      'keywords, homepage, license or repository): it logs "ignored \\"author\\" in plugin.json …; the plugin still ' +
      'loads". Only `claude plugin validate` calls it an error. (A numeric version still refuses the plugin.)',
    message: (a) => `${s(a.field)}: expected ${s(a.expected)}, found ${s(a.found)}; Claude Code ignores the field and the plugin still loads.`,
    // The same fix as config.schema's, for the same mistakes.
    hint: (a) => `${configCodes['config.schema'].hint(a)} \`claude plugin validate\` reports it as an error.`,
  }),
} satisfies Record<string, CatalogEntry>;
