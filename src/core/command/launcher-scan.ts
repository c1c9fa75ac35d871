/**
 * What a shell launcher runs: toolchains at command position (go build, uv run, npm install, docker …),
 * and whether it guards them with `command -v`. Static reading only; the probe sees what really happens.
 */

export const toolchains = [
  'go', 'cargo', 'rustc', 'uv', 'uvx', 'npm', 'npx', 'node', 'bun', 'bunx', 'pnpm', 'yarn', 'pip', 'pip3',
  'pipx', 'poetry', 'docker', 'podman', 'deno', 'java', 'mvn', 'gradle', 'make', 'cmake', 'ruby', 'bundle',
  'php', 'dotnet', 'python', 'python3',
] as const;

export const installHints: Record<string, string> = {
  go: 'https://go.dev/dl/',
  cargo: 'https://rustup.rs',
  rustc: 'https://rustup.rs',
  uv: 'pipx install uv, or https://docs.astral.sh/uv/',
  uvx: 'part of uv: https://docs.astral.sh/uv/',
  npm: 'part of Node.js: https://nodejs.org',
  npx: 'part of Node.js: https://nodejs.org',
  node: 'https://nodejs.org',
  bun: 'https://bun.sh',
  bunx: 'part of bun: https://bun.sh',
  docker: 'Docker Desktop or docker-ce',
  deno: 'https://deno.land',
};

export interface ToolUse {
  tool: string;
  line: number;
  /** The script tests for the tool (command -v / which / type / hash), so it may take another path. */
  guarded: boolean;
}

const commandPosition = (tool: string) =>
  new RegExp(`(?:^|[;&|(\`{]|\\$\\(|\\b(?:then|else|do|exec|if|elif|while|until|time|nohup|!)\\s)\\s*(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*${tool.replace(/[.+]/g, '\\$&')}(?=\\s|$|;|\\))`);
const guardFor = (tool: string) => new RegExp(`\\b(?:command\\s+-v|which|type|hash)\\s+["']?${tool}\\b`);

export function scanLauncher(text: string): ToolUse[] {
  const lines = text.split('\n');
  const uses: ToolUse[] = [];
  for (const tool of toolchains) {
    const re = commandPosition(tool);
    const idx = lines.findIndex((raw) => {
      const line = raw.replace(/(^|\s)#.*$/, '');
      return re.test(line);
    });
    if (idx === -1) continue;
    uses.push({ tool, line: idx + 1, guarded: guardFor(tool).test(text) });
  }
  return uses;
}

/** Does the launcher mention a venv folder it relies on (`.venv`, `venv/bin/python`)? */
export function mentionsVenv(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:^|[\s"'/=$}])(\.venv|venv)(?=\/|["'\s]|$)/gm)) names.add(m[1] ?? '.venv');
  return [...names];
}

/** What a launcher's `$VAR` / `${VAR}` can be resolved to without running it. */
export interface LauncherVars {
  /** The folder the script is in ($SCRIPT_DIR, $(dirname "$0"), …). */
  scriptDir: string;
  home: string;
  cacheHome: string;
  /** ${CLAUDE_PLUGIN_ROOT} and the like, from the server's environment. */
  env: Record<string, string | undefined>;
}

/** `DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"` and its variants: the script's own folder. */
const scriptDirValue = /^\$\(\s*(?:(?:cd|realpath|readlink\s+-f)\s+(?:-P\s+)?)?["']?\$\(\s*dirname\s+(?:--\s+)?["']?\$(?:\{BASH_SOURCE(?:\[0\])?\}|BASH_SOURCE|0|\{0\})["']?\s*\)["']?(?:\s*(?:&&|;)\s*pwd(?:\s+-P)?)?\s*\)$|^\$\(\s*dirname\s+(?:--\s+)?["']?\$(?:\{BASH_SOURCE(?:\[0\])?\}|BASH_SOURCE|0|\{0\})["']?\s*\)$/;

/** A shell word with its variables filled in, or null when one cannot be known without running the script. */
function expandWord(word: string, vars: Map<string, string>): string | null {
  let unknown = false;
  const out = word
    .replace(/^~(?=\/|$)/, () => vars.get('HOME') ?? '~')
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const value = vars.get(name);
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return expandWord(fallback, vars) ?? ((unknown = true), '');
      unknown = true;
      return '';
    });
  return unknown ? null : out;
}

/**
 * The venv folders a launcher checks before it runs Python (`CACHE_VENV="$HOME/.cache/claude-mcp-venvs/…/.venv"`,
 * `[ -d "$SCRIPT_DIR/.venv" ]`, `"$VENV/bin/python"`), as absolute paths in the order they appear. Static: simple
 * assignments are followed, the script's folder, HOME and XDG_CACHE_HOME are known, anything else is skipped.
 */
export function launcherVenvPaths(text: string, known: LauncherVars): string[] {
  return scanLauncherPaths(text, known).venvs;
}

/** The venvs a launcher checks (see launcherVenvPaths) and the .py files it runs, as absolute paths. */
export function scanLauncherPaths(text: string, known: LauncherVars): { venvs: string[]; scripts: string[] } {
  const scripts: string[] = [];
  const vars = new Map<string, string>();
  for (const [k, v] of Object.entries(known.env)) if (v !== undefined) vars.set(k, v);
  vars.set('HOME', known.home);
  if (!vars.get('XDG_CACHE_HOME')) vars.set('XDG_CACHE_HOME', known.cacheHome);
  const found: string[] = [];
  const add = (path: string) => {
    const p = path.replace(/\/bin\/python[0-9.]*$/, '').replace(/\/+$/, '');
    if (p.startsWith('/') && /(?:^|\/)\.?venvs?(?:$|\/)|claude-mcp-venvs|virtualenv/.test(p) && !found.includes(p)) found.push(p);
  };
  // `$(dirname "$0")` written inline is the script's folder too.
  const selfDir = /\$\(\s*dirname\s+(?:--\s+)?["']?\$(?:\{BASH_SOURCE(?:\[0\])?\}|BASH_SOURCE|0|\{0\})["']?\s*\)/g;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const inline = line.replace(selfDir, known.scriptDir);
    if (!line) continue;
    const assign = /^(?:export\s+|local\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (assign) {
      const name = assign[1] ?? '';
      const value = (assign[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
      if (scriptDirValue.test(value)) {
        vars.set(name, known.scriptDir);
        continue;
      }
      const expanded = expandWord(value, vars);
      if (expanded !== null && !/[`$(]/.test(expanded)) {
        vars.set(name, expanded);
        // A venv named on its own line is one the script checks (or uses) by name.
        if (/venv/i.test(value)) add(expanded);
      }
      continue;
    }
    // A venv path written out where it is used: [ -d "…/.venv" ], "…/.venv/bin/python", source …/activate.
    for (const m of inline.matchAll(/(?<=^|[\s"'=])((?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|~|\/)[^\s"';|&)]*?(?:venvs?|\.venv|virtualenv)[^\s"';|&)]*)/g)) {
      const expanded = expandWord((m[1] ?? '').replace(/\/bin\/activate$/, ''), vars);
      if (expanded !== null) add(expanded);
    }
    for (const m of inline.matchAll(/(?<=^|[\s"'=])((?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\/)[^\s"';|&)]*\.py)(?=["']?(?:\s|$|;))/g)) {
      const expanded = expandWord(m[1] ?? '', vars);
      if (expanded?.startsWith('/') && !scripts.includes(expanded)) scripts.push(expanded);
    }
  }
  return { venvs: found, scripts };
}

/** The Python module a launcher (or a command line) runs with `python -m <module>`, when it names one. */
export function pythonModuleRun(text: string): string | null {
  const m = /\bpython[0-9.]*["']?\s+(?:-[A-Za-z]+\s+)*-m\s+([A-Za-z_][\w.]*)/.exec(text);
  return m?.[1] ?? null;
}
