/** Catalog codes venv.*: Python virtual environments a command runs from. */
import { entry, sh, s, q, type CatalogEntry } from './words.js';

const listOf = (v: unknown) => (Array.isArray(v) ? v.map((m) => `'${String(m)}'`).join(', ') : q(v));

export const venvCodes = {
  'venv.missing': entry({
    args: ['createCommand', 'venv'],
    fixes: ['venv-create'],
    title: 'Python virtual environment is missing',
    severity: 'error',
    fixable: true,
    fixOption: '--rebuild-venvs',
    explain:
      'The command runs from a Python venv that does not exist. Venvs are never committed, and Claude Code has no ' +
      'Python dependency step, so an installed plugin never has one unless something creates it.',
    message: (a) => `The venv ${q(a.venv)} does not exist.`,
    hint: (a) => `Create it: ${s(a.createCommand)}.`,
  }),
  'venv.dangling-link': entry({
    args: ['fixHint', 'link', 'loop', 'target'],
    fixes: ['venv-create'],
    title: 'Venv link points to a folder that is gone',
    severity: 'error',
    fixable: true,
    fixOption: '--rebuild-venvs',
    explain:
      'The venv (or .venv) is a symbolic link whose target was deleted, often a shared venv cache that was cleaned. ' +
      'Claude Code reports "ENOENT … posix_spawn \'stdio\'", which names neither the link nor its target.',
    message: (a) => `${q(a.link)} is a symlink to ${q(a.target)}, which does not exist.`,
    hint: (a) => s(a.fixHint) || `Recreate the venv at ${s(a.target)}, or point the link at a venv that exists.`,
  }),
  'venv.link-lost': entry({
    args: ['target', 'venv', 'via', 'was'],
    fixes: ['symlink'],
    title: 'Installed copy lost its venv link',
    severity: 'error',
    fixable: true,
    explain:
      'The installed copy of the plugin has no venv where the command expects one, but a healthy venv exists: the ' +
      'marketplace clone still has the link, or the conventional ~/.cache/claude-mcp-venvs/<marketplace>/<server>/.venv ' +
      'exists. Marketplace updates and installs drop symlinks, so this comes back after every update.',
    message: (a) => `${q(a.venv)} is missing, but a healthy venv exists at ${q(a.target)}${a.via ? ` (${s(a.via)})` : ''}.`,
    hint: (a) => `Run mcp-doctor --fix to link it back (ln -s ${sh(a.target)} ${sh(a.venv)}).`,
  }),
  'venv.broken-interpreter': entry({
    args: ['createCommand', 'home', 'python', 'reason', 'venv'],
    fixes: ['venv-create'],
    title: 'Venv\'s base interpreter was removed',
    severity: 'error',
    fixable: true,
    fixOption: '--rebuild-venvs',
    explain:
      'A venv\'s python is a link to the interpreter it was made from (pyvenv.cfg "home"). When that Python is ' +
      'upgraded or removed (pyenv, Homebrew, uv), every venv made from it breaks.',
    message: (a) => `${q(a.python)} in venv ${q(a.venv)} cannot run: ${s(a.reason)}.`,
    hint: (a) => `Recreate the venv with a Python that exists: ${s(a.createCommand)}.`,
  }),
  'venv.missing-module': entry({
    args: ['installCommand', 'modules', 'python', 'venv'],
    title: 'Venv lacks a module the server imports',
    severity: 'error',
    fixable: false,
    explain:
      'The venv exists and its python runs, but it cannot find a module the server imports (the module it runs with ' +
      '-m, or an import of its .py file; checked with importlib.util.find_spec, nothing is run). The venv was made ' +
      'before a dependency was added, or its install failed half-way. mcp-doctor never offers to link such a venv.',
    message: (a) => `The venv ${q(a.venv)} runs, but cannot import ${listOf(a.modules)}, which the server needs.`,
    hint: (a) => `Install them with the venv's own python: ${s(a.installCommand)}.`,
  }),
  'venv.none-found': entry({
    args: ['count', 'createCommand', 'script', 'venvs'],
    title: 'No venv the launcher looks for can run the server',
    severity: 'error',
    fixable: false,
    explain:
      'The launcher script picks a venv from the places it checks (a shared cache such as ~/.cache/claude-mcp-venvs, ' +
      'a .venv beside it) and stops with a message like "No venv found" when none is there. mcp-doctor reads the ' +
      'paths the script checks and says what is wrong with each: missing, a link to nothing, a python whose base ' +
      'interpreter was removed, or modules the server needs that are not installed.',
    message: (a) => `${q(a.script)} looks for a venv in ${s(a.count)} place(s), and none can run the server: ${s((a.venvs as string[] | undefined)?.join('; '))}.`,
    hint: (a) => s(a.createCommand) ? `Create the first one it checks: ${s(a.createCommand)}.` : 'Create one of these venvs with the server\'s dependencies, or fix the path the script checks.',
  }),
} satisfies Record<string, CatalogEntry>;
