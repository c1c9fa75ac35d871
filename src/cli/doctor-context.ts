/**
 * The context a run works in: the user's own setup, or the built-in demo home materialized in a temporary
 * folder (removed afterwards, and on an interrupt).
 */
import { hasAnyConfig } from '../core/discover/has-any-config.js';
import { rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createContext, type DoctorContext } from '../core/model/context.js';
import { materializeFixture } from '../demo/materialize.js';
import { UsageError, type DiagnoseOptions } from './options.js';
import { removeOnInterrupt } from './signals.js';

import { fixturesDir } from '../core/util/package-info.js';

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
      demo = await materializeFixture(join(fixturesDir(), 'demo'), 'mcp-doctor-demo-', (r) => {
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
    configDir: opts.configDir ? await existingFolder('--config-dir', opts.configDir) : undefined,
    cwd: opts.project ? await existingFolder('--project', opts.project) : process.cwd(),
  });
  return { ctx, demo: false, cleanup: async () => {} };
}

/** A folder named on the command line must exist: checking a setup that is not there would report nothing. */
async function existingFolder(option: string, path: string): Promise<string> {
  const abs = resolve(path);
  let st;
  try {
    st = await stat(abs);
  } catch {
    throw new UsageError(`${option} ${path}: no such folder`);
  }
  if (!st.isDirectory()) throw new UsageError(`${option} ${path}: not a folder`);
  return abs;
}


export { hasAnyConfig };
