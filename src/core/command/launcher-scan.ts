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
