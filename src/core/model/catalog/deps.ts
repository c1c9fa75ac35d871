/** Catalog codes deps.*: Packages a server imports: node_modules, Python modules. */
import { entry, sh, s, q, type CatalogEntry } from './words.js';

export const depsCodes = {
  'deps.not-installed': entry({
    args: ['count', 'dir', 'hasLockfile', 'imports', 'installCommand', 'lockfile', 'nodeModules', 'packageJson'],
    fixes: ['npm-install'],
    title: 'Node dependencies are not installed',
    severity: 'error',
    fixable: true,
    fixOption: '--install-deps',
    explain:
      'The server is a Node program whose package.json has dependencies, but there is no node_modules. Claude Code ' +
      'runs npm ci / bun install only when the plugin ships a lockfile (package-lock.json, npm-shrinkwrap.json or ' +
      'bun.lock); yarn and pnpm lockfiles are skipped.',
    message: (a) => `${q(a.packageJson)} lists ${s(a.count)} ${a.count === 1 ? 'dependency' : 'dependencies'} (the server imports ${s((a.imports as string[] | undefined)?.join(', '))}), but ${q(a.nodeModules)} does not exist.`,
    hint: (a) =>
      a.hasLockfile
        ? `Run ${s(a.installCommand)} in ${s(a.dir)}.`
        : `Run npm install in ${s(a.dir)}; plugin authors: commit a package-lock.json so Claude Code installs them, or bundle the server.`,
  }),
  'deps.python-module': entry({
    args: ['interpreter', 'line', 'module', 'name'],
    title: 'Python module is not installed',
    severity: 'error',
    fixable: false,
    explain:
      'The server started and died with ModuleNotFoundError / ImportError: the interpreter that ran it does not have ' +
      'the package. Usually the server runs with a Python other than the venv its dependencies went into, or the venv ' +
      'was made before a dependency was added (or an unpinned dependency moved, e.g. mcp 2.0 removed mcp.server.fastmcp).',
    message: (a) => `${q(a.interpreter)} cannot import ${q(a.module)}${a.name ? ` (name ${q(a.name)})` : ''}: ${s(a.line)}`,
    hint: (a) => `Install it into that interpreter: ${sh(a.interpreter)} -m pip install ${s(a.module).split('.')[0]} (or run the server with the venv that has it).`,
  }),
  'deps.node-module': entry({
    args: ['line', 'module'],
    title: 'Node module is not installed',
    severity: 'error',
    fixable: false,
    explain:
      'The server died with MODULE_NOT_FOUND / ERR_MODULE_NOT_FOUND. Claude Code installs a plugin\'s dependencies only ' +
      'when it ships an npm or bun lockfile; otherwise node_modules is simply not there.',
    message: (a) => `The server cannot find the package ${q(a.module)}: ${s(a.line)}`,
    hint: () => 'Install the server\'s dependencies (npm ci / npm install in the folder with its package.json); plugin authors: commit a lockfile or bundle the server.',
  }),
} satisfies Record<string, CatalogEntry>;
