/**
 * The context a run works in: the user's own setup, or the built-in demo home materialized in a temporary
 * folder (removed afterwards, and on an interrupt).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, type DoctorContext } from '../core/context.js';
import { materializeFixture } from '../demo/materialize.js';
import type { DiagnoseOptions } from './options.js';
import { removeOnInterrupt } from './signals.js';
import { UsageError } from './options.js';

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface PreparedContext {
  ctx: DoctorContext;
  demo: boolean;
  cleanup: () => Promise<void>;
}

export async function prepareContext(opts: Pick<DiagnoseOptions, 'demo' | 'configDir' | 'project'>): Promise<PreparedContext> {
  if (opts.demo) {
    // Registered before the first file is written: an interrupt while the demo home is being built removes it too.
    let forget = () => {};
    let root: string | undefined;
    let demo: Awaited<ReturnType<typeof materializeFixture>>;
    try {
      demo = await materializeFixture(join(packageRoot, 'fixtures', 'demo'), 'mcp-doctor-demo-', (r) => {
        root = r;
        forget = removeOnInterrupt(r);
      });
    } catch (error) {
      forget();
      if (root) await rm(root, { recursive: true, force: true });
      const e = error as NodeJS.ErrnoException & { path?: string };
      if (e.code === 'ENOENT' && e.path === 'python3') {
        throw new UsageError('--demo needs python3 on PATH: the demo home holds Python servers and their venvs. Install Python 3, or run mcp-doctor on your own setup.');
      }
      throw error;
    }
    const home = join(demo.root, 'home');
    const env: Record<string, string | undefined> = { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
    delete env.CLAUDE_CONFIG_DIR;
    delete env.CLAUDE_CODE_PLUGIN_CACHE_DIR;
    const ctx = createContext({ env, homedir: home, cwd: join(demo.root, 'project'), managedDir: join(demo.root, 'managed') });
    return {
      ctx,
      demo: true,
      cleanup: async () => {
        forget();
        await demo.cleanup();
      },
    };
  }
  const ctx = createContext({
    configDir: opts.configDir ? resolve(opts.configDir) : undefined,
    cwd: opts.project ? resolve(opts.project) : process.cwd(),
  });
  return { ctx, demo: false, cleanup: async () => {} };
}

export function hasAnyConfig(ctx: DoctorContext): boolean {
  return existsSync(ctx.configDir) || existsSync(ctx.userStateFile) || existsSync(join(ctx.cwd, '.mcp.json'));
}
