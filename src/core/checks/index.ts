/** Every check, in the order they run. Explicit on purpose: no globbing, no side-effect registration. */
import commandHoldsArgs from './command-holds-args.js';
import commandRunnable from './command-runnable.js';
import componentFrontmatter from './component-frontmatter.js';
import componentPaths from './component-paths.js';
import type { Check, CheckSubjects } from './define-check.js';
import envUnset from './env-unset.js';
import hookCommands from './hook-commands.js';
import hooksConfig from './hooks-config.js';
import installCopy from './install-copy.js';
import installCopyHooks from './install-copy-hooks.js';
import installUpdate from './install-update.js';
import installDependencies from './install-dependencies.js';
import installSubmodules from './install-submodules.js';
import interpreterScript from './interpreter-script.js';
import launcherToolchain from './launcher-toolchain.js';
import lspSocketTransport from './lsp-socket-transport.js';
import lspEntries from './lsp-entries.js';
import manifestSchema from './manifest-schema.js';
import projectConfigShape from './project-config-shape.js';
import relativePaths from './relative-paths.js';
import reservedNames from './reserved-names.js';
import sameNamePlugins from './same-name-plugins.js';
import secretLiteral from './secret-literal.js';
import serverEntrySchema from './server-entry-schema.js';
import serverUnknownKeys from './server-unknown-keys.js';
import settingsEnvSource from './settings-env-source.js';
import stateFileShape from './state-file-shape.js';
import unexpandedPath from './unexpanded-path.js';
import unknownKeys from './unknown-keys.js';
import windowsCommand from './windows-command.js';
import windowsCmdWrapper from './windows-cmd-wrapper.js';

export const documentChecks: Check<'document'>[] = [manifestSchema, unknownKeys, reservedNames, projectConfigShape, stateFileShape, installSubmodules];
export const pluginChecks: Check<'plugin'>[] = [componentPaths, hooksConfig, lspEntries, hookCommands, componentFrontmatter, sameNamePlugins, installDependencies, installCopyHooks, installUpdate];
export const serverChecks: Check<'server'>[] = [
  serverEntrySchema,
  lspSocketTransport,
  serverUnknownKeys,
  envUnset,
  settingsEnvSource,
  relativePaths,
  secretLiteral,
  commandRunnable,
  installCopy,
  interpreterScript,
  launcherToolchain,
  commandHoldsArgs,
  windowsCommand,
  windowsCmdWrapper,
  unexpandedPath,
];

export const allChecks: Check<keyof CheckSubjects>[] = [...documentChecks, ...pluginChecks, ...serverChecks] as Check<keyof CheckSubjects>[];
