/**
 * Catalog codes install.*: author mode's rehearsal of `claude plugin install` from a git marketplace. What the
 * author's working tree has and the installed copy will not: ignored or uncommitted files, links that leave the
 * plugin, anything outside the plugin folder, LFS pointers, dependencies Claude Code does or does not install.
 */
import { entry, q, s, sh, type CatalogEntry } from './words.js';

const LAUNCHER =
  'A tracked launcher that makes it on first run, and then execs the server (Claude Code starts MCP servers before ' +
  'any SessionStart hook, and plugins have no post-install step):\n' +
  '  #!/usr/bin/env bash\n  set -euo pipefail\n  DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"\n' +
  '  if [[ ! -x "$DIR/server" ]]; then\n    command -v go >/dev/null || { echo "go not found: cannot build the server" >&2; exit 1; }\n' +
  '    (cd "$DIR/.." && go build -o "$DIR/server" ./cmd/server) >&2\n  fi\n  exec "$DIR/server" "$@"\n' +
  'For Python, the same launcher creates the venv in the plugin\'s data folder (${CLAUDE_PLUGIN_DATA}) or the plugin ' +
  'folder when it is missing (python3 -m venv / uv sync), then execs its python.';

/** "so users get no venv", "so users get no binary": what the loss means, in the author's terms. */
function loss(a: Record<string, unknown>): string {
  if (a.what === 'venv') return 'users get no venv';
  if (a.what === 'binary') return 'users get no binary';
  if (a.what === 'folder') return 'users get no such folder';
  return 'users get no such file';
}

/** Why an update's copy lacks a file, in words. */
function updateWhy(why: unknown): string {
  switch (why) {
    case 'gitignored': return 'it is gitignored in the marketplace';
    case 'untracked': return 'it is not committed';
    case 'removed': return 'it was removed';
    case 'link-dropped': return 'a link on the way leaves the repository';
    case 'outside-plugin': return 'it is outside the plugin folder';
    case 'lfs-pointer': return 'it is a Git LFS pointer';
    default: return s(why);
  }
}

export const installCodes = {
  'install.update-pending': entry({
    args: ['from', 'newVersion', 'plugin', 'sameVersion', 'to', 'version'],
    title: 'The marketplace clone is ahead of the installed plugin',
    severity: 'info',
    fixable: false,
    explain:
      'installed_plugins.json records the marketplace commit each plugin was copied from (gitCommitSha). When the ' +
      'marketplace clone in ~/.claude/plugins/marketplaces/<marketplace> has moved past it (`claude plugin marketplace ' +
      'update`, or an auto-update), the next `claude plugin update` copies the plugin again from the clone. ' +
      'mcp-doctor rehearses that copy statically and names what it would take from the servers (install.update-server). ' +
      'A new commit with the same version is not installed at all: `plugin update` says the plugin is already at the ' +
      'latest version and the cache keeps the old copy.',
    message: (a) =>
      a.sameVersion
        ? `The marketplace clone is at ${s(a.to)}, past the installed ${s(a.from)}, but the version is still ${s(a.version)}: \`plugin update\` will say already at the latest version, and the cache keeps the old copy.`
        : `An update is waiting: ${s(a.version ?? 'unversioned')} → ${s(a.newVersion ?? 'unversioned')} (marketplace commit ${s(a.from)} → ${s(a.to)}).`,
    hint: (a) =>
      a.sameVersion
        ? 'The cache keeps the old copy until the version in plugin.json changes: to ship the new commit, the author bumps it.'
        : 'See below what the update would change for its servers before running claude plugin update.',
  }),
  'install.update-server': entry({
    args: ['change', 'from', 'newVersion', 'plugin', 'rel', 'server', 'to', 'version', 'why'],
    title: 'An update would take or change a file a server runs',
    severity: 'info',
    fixable: false,
    explain:
      'The rehearsed install copy of the plugin at the marketplace clone\'s HEAD (what `claude plugin update` would ' +
      'copy into the cache) is compared with the cache copy the server runs from now: a program, script or venv the ' +
      'cache has and the new copy will not hold (gitignored or uncommitted upstream, removed, behind a link that leaves ' +
      'the repository, outside the plugin folder, an LFS pointer), or holds with other content.',
    message: (a) =>
      a.change === 'lost'
        ? `Updating to ${s(a.newVersion ?? a.to)} loses ${q(a.rel)}, which server ${s(a.server)} runs: the new copy will not hold it (${updateWhy(a.why)}).`
        : `Updating to ${s(a.newVersion ?? a.to)} changes ${q(a.rel)}, which server ${s(a.server)} runs.`,
    hint: (a) =>
      a.change === 'lost'
        ? 'Hold the update (the server would fail after it) and tell the plugin\'s author: mcp-doctor run on the marketplace clone names the cause.'
        : 'Nothing to do unless the server misbehaves after the update.',
  }),
  'install.link-dropped': entry({
    args: ['ignoredBy', 'link', 'linkText', 'path', 'rel', 'target', 'tracked', 'what'],
    title: 'Install drops a link that leaves the plugin',
    severity: 'error',
    fixable: false,
    explain:
      'When Claude Code installs a plugin from a git marketplace it copies the plugin folder into ' +
      '~/.claude/plugins/cache/<marketplace>/<plugin>/<version>/, and the copy silently drops every symbolic link whose ' +
      'target leaves the marketplace repository (logged at debug level only: "copyDir: skipping symlink escaping ' +
      'containment root"; a link to a file or folder elsewhere in the repository is copied as a real one). A ' +
      '.venv linked to ~/.cache/claude-mcp-venvs/… works on the author\'s machine and is gone on every user\'s: the ' +
      'server fails to start and Claude Code shows only "failed to load". An untracked link is not even cloned.\n' +
      LAUNCHER,
    message: (a) =>
      `${q(a.rel)} is a link to ${q(a.linkText)}, outside the repository: installs ${a.tracked ? 'drop it' : 'never get it (git does not track it)'}, so ${loss(a)}.`,
    hint: (a) =>
      a.what === 'venv'
        ? 'Create the venv on first run in a launcher (python3 -m venv or uv sync, then exec its python), or run the server with uv run / uvx.'
        : 'Put the target in the repository (a link to a file or folder there is copied as a real one), or make it on first run in a launcher.',
  }),
  'install.untracked': entry({
    args: ['buildCommand', 'ignoredBy', 'ignoredLine', 'inWorkingTree', 'path', 'rel', 'repoRel', 'what'],
    title: 'A file the server needs is not in the repository',
    severity: 'error',
    fixable: false,
    explain:
      'A git marketplace is cloned: only files git tracks reach users. A file that exists in the author\'s working tree ' +
      'but is gitignored (build output, a venv) or was never committed is missing on every user\'s machine, and ' +
      '`claude plugin install` never builds anything.\n' + LAUNCHER,
    message: (a) =>
      a.ignoredBy
        ? `${q(a.rel)} is gitignored${a.what === 'binary' ? ' build output' : ''} (${s(a.ignoredBy)}${a.ignoredLine ? `:${s(a.ignoredLine)}` : ''}): installs do not get it, so ${loss(a)}.`
        : `${q(a.rel)} is not committed: installs copy only what git tracks, so ${loss(a)}.`,
    hint: (a) =>
      a.ignoredBy
        ? a.what === 'venv'
          ? 'Create the venv on first run in a launcher (python3 -m venv or uv sync, then exec its python), or run the server with uv run / uvx.'
          : `Ship a launcher that builds it on first run${a.buildCommand ? ` (${s(a.buildCommand)})` : ''} and point the command at it, or commit the build (mcp-doctor explain install.untracked shows the launcher).`
        : `Commit it: git add ${sh(a.repoRel ?? a.rel)}.`,
  }),
  'install.outside-plugin': entry({
    args: ['path', 'pluginRoot', 'rel', 'what'],
    title: 'Server needs a file outside the plugin folder',
    severity: 'error',
    fixable: false,
    explain:
      'Claude Code copies only the plugin folder into its cache, and ${CLAUDE_PLUGIN_ROOT} points at that copy: ' +
      '${CLAUDE_PLUGIN_ROOT}/../… names a folder of the cache that does not exist. It works in the author\'s repository ' +
      'and in a directory marketplace (read in place), never after an install from git.',
    message: (a) => `${q(a.rel)} is outside the plugin folder ${q(a.pluginRoot)}: installs do not copy it, so ${loss(a)}.`,
    hint: () =>
      'Move it into the plugin folder, or link to it from inside the plugin (a link to a file or folder elsewhere in the repository is copied as a real one), or make the plugin folder one that holds it.',
  }),
  'install.lfs-pointer': entry({
    args: ['path', 'rel'],
    title: 'Server needs a Git LFS file',
    severity: 'error',
    fixable: false,
    explain:
      'Claude Code clones marketplaces with GIT_LFS_SKIP_SMUDGE=1 and never downloads LFS content: a file that ' +
      '.gitattributes routes through filter=lfs reaches users as a 130-byte pointer text, not the file.',
    message: (a) => `${q(a.rel)} is stored with Git LFS: users get an LFS pointer, not the file.`,
    hint: () => 'Commit it without LFS (remove its filter=lfs rule), or download or build it on first run in a launcher.',
  }),
  'install.npm-ci': entry({
    args: ['devCount', 'devMegabytes', 'devNames', 'packageJson'],
    title: 'Install runs npm ci with devDependencies',
    severity: 'info',
    fixable: false,
    explain:
      'A package.json with a package-lock.json (v2 or later, registry packages only, no overrides) at the plugin root ' +
      'makes Claude Code run `npm ci --ignore-scripts` on every install and update, with no switch to turn it off. npm ci ' +
      'installs devDependencies too, and a failure (no network, a timeout after 60 s) is silent.',
    message: (a) =>
      `npm ci will run at install and add ${s(a.devCount)} devDependenc${a.devCount === 1 ? 'y' : 'ies'}${a.devMegabytes ? ` (${s(a.devMegabytes)} MB in your node_modules)` : ''}: ${s(a.devNames)}.`,
    hint: () => 'Ship the built server without devDependencies (a bundle with its own package.json holding only runtime dependencies), or move the build tools out of the plugin folder.',
  }),
  'install.nested-package': entry({
    args: ['dir', 'imports', 'packageJson', 'rel'],
    title: 'Dependencies Claude Code does not install',
    severity: 'error',
    fixable: false,
    explain:
      'Claude Code installs dependencies only from a lockfile at the plugin root (npm ci, or bun install for bun.lock). ' +
      'A package.json in a subfolder (server/package.json) is never installed, even with a lockfile, so its imports ' +
      'fail on every user\'s machine.',
    message: (a) => `${q(a.rel)} is not installed by Claude Code (only the plugin root's lockfile is), and the server imports ${s(a.imports)}.`,
    hint: () => 'Bundle the server with its dependencies (esbuild, ncc) and commit the bundle, or move the package.json and its lockfile to the plugin root.',
  }),
  'install.submodule-local': entry({
    args: ['path', 'url'],
    title: 'Submodule only this machine can fetch',
    severity: 'error',
    fixable: false,
    explain:
      'Claude Code clones a git marketplace with its submodules (submodule update --init --recursive --depth 1). A ' +
      'submodule whose URL is a local path or a file:// URL is refused by git\'s default protocol.file.allow=user; ' +
      'Claude Code retries once, then the whole marketplace fails ("Failed to clone marketplace repository: … ' +
      'transport \'file\' not allowed"), so none of its plugins installs or updates.',
    message: (a) => `Submodule ${q(a.path)} has the local URL ${q(a.url)}: Claude Code's clone refuses it, and the whole marketplace fails to install.`,
    hint: () => 'Give it a URL users can fetch (https://…, or a path relative to the marketplace\'s own remote such as ../repo.git), or commit its files into the repository.',
  }),
} satisfies Record<string, CatalogEntry>;
