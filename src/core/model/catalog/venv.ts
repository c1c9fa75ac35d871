/** Catalog codes venv.*: Python virtual environments a command runs from. */
import { entry, sh, s, q, type CatalogEntry } from './words.js';

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
} satisfies Record<string, CatalogEntry>;
