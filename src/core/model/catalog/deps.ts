/** Catalog codes deps.*: Packages a server imports: node_modules, Python modules. */
import { entry, sh, s, q, type CatalogEntry } from './words.js';
import type { Evidence } from '../evidence.js';

const depsMissing = (a: Evidence) =>
  `${q(a.packageJson)} lists ${s(a.count)} ${a.count === 1 ? 'dependency' : 'dependencies'} (the server imports ${s((a.imports as string[] | undefined)?.join(', '))}), but ${q(a.nodeModules)} does not exist`;

const depsHint = (a: Evidence) =>
  a.hasLockfile
    ? `Run ${s(a.installCommand)} in ${s(a.dir)}.`
    : `Run npm install in ${s(a.dir)}; plugin authors: commit a package-lock.json so Claude Code installs them, or bundle the server.`;

export const depsCodes = {
  'deps.not-installed': entry({
    args: ['count', 'dir', 'hasLockfile', 'imports', 'installCommand', 'lockfile', 'missingModule', 'nodeModules', 'packageJson', 'probeAnswered', 'stderrLine'],
    fixes: ['npm-install'],
    title: 'Node dependencies are not installed',
    severity: 'error',
    fixable: true,
    fixOption: '--install-deps',
    explain:
      'The server is a Node program whose package.json has dependencies, but there is no node_modules. Claude Code ' +
      'runs npm ci / bun install only when the plugin ships a lockfile (package-lock.json, npm-shrinkwrap.json or ' +
      'bun.lock); yarn and pnpm lockfiles are skipped. A server that runs from a bundled file needs no node_modules, ' +
      'so when the server is started this is a suspicion until its stderr shows a missing module: the probe decides.',
    message: (a) =>
      `${depsMissing(a)}` +
      (a.missingModule ? `; the server died on it: it cannot find the package ${q(a.missingModule)} (${s(a.stderrLine)}).` : '.'),
    hint: (a) => depsHint(a),
    unconfirmed: {
      message: (a) =>
        a.probeAnswered === false
          ? `${depsMissing(a)}, but that is not what stopped the server: its failure names no missing module (see its other findings).`
          : `${depsMissing(a)}, but the server started without it (its entry file is probably bundled), so this is only a suspicion: a tool that loads another file may still fail with "Cannot find module".`,
      hint: (a) => `If a tool fails with "Cannot find module": ${depsHint(a)}`,
    },
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
    args: ['line', 'module', 'specifier'],
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
