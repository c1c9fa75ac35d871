/**
 * The context a run works in: the user's own setup, or the built-in demo home materialized in a temporary
 * folder (removed afterwards, and on an interrupt).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContext, type DoctorContext } from '../core/context.js';
import { materializeFixture } from '../demo/materialize.js';
import type { DiagnoseOptions } from './options.js';
import { removeOnInterrupt } from './signals.js';

import { fixturesDir } from './package-info.js';

export interface PreparedContext {
  ctx: DoctorContext;
  demo: boolean;
  cleanup: () => Promise<void>;
}

export async function prepareContext(opts: Pick<DiagnoseOptions, 'demo' | 'configDir' | 'project'>): Promise<PreparedContext> {
  if (opts.demo) {
    const demo = await materializeFixture(join(fixturesDir(), 'demo'), 'mcp-doctor-demo-');
    const forget = removeOnInterrupt(demo.root);
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
