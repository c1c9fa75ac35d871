/**
 * All I/O the core does goes through this context, so tests point it at fixture homes and
 * fixture projects instead of the real `~/.claude` and cwd.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DoctorContext {
  /** The environment Claude Code would see: used for `${VAR}` expansion and PATH lookups. */
  env: Record<string, string | undefined>;
  /** The project folder Claude Code would be started in (its cwd). */
  cwd: string;
  homedir: string;
  platform: NodeJS.Platform;
  /** `$CLAUDE_CONFIG_DIR` or `~/.claude`. */
  configDir: string;
  /** `~/.claude.json` or `$CLAUDE_CONFIG_DIR/.claude.json`. */
  userStateFile: string;
  /** Managed settings folder (policy); a test sets it to a folder of its own. */
  managedDir: string;
  now(): Date;
}

export interface ContextOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  homedir?: string;
  platform?: NodeJS.Platform;
  configDir?: string;
  managedDir?: string;
  now?: () => Date;
}

function defaultManagedDir(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return '/Library/Application Support/ClaudeCode';
  if (platform === 'win32') return 'C:\\Program Files\\ClaudeCode';
  return '/etc/claude-code';
}

export function createContext(options: ContextOptions = {}): DoctorContext {
  const env = options.env ?? { ...process.env };
  const home = options.homedir ?? env.HOME ?? homedir();
  const platform = options.platform ?? process.platform;
  const fromEnv = env.CLAUDE_CONFIG_DIR;
  const configDir = options.configDir ?? (fromEnv && fromEnv.length > 0 ? fromEnv : join(home, '.claude'));
  // Claude Code keeps its global state next to the config dir only when CLAUDE_CONFIG_DIR is set.
  const userStateFile =
    options.configDir || (fromEnv && fromEnv.length > 0) ? join(configDir, '.claude.json') : join(home, '.claude.json');
  return {
    env,
    cwd: options.cwd ?? process.cwd(),
    homedir: home,
    platform,
    configDir,
    userStateFile,
    managedDir: options.managedDir ?? defaultManagedDir(platform),
    now: options.now ?? (() => new Date()),
  };
}

/** `$XDG_CACHE_HOME`, or `~/.cache`: where Claude Code keeps its MCP logs, venv caches live and --fix journals. */
export function cacheHome(ctx: Pick<DoctorContext, 'env' | 'homedir'>): string {
  const xdg = ctx.env.XDG_CACHE_HOME;
  return xdg && xdg.length > 0 ? xdg : join(ctx.homedir, '.cache');
}
