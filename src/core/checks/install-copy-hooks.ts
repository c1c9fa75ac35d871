/**
 * Author mode: a hook's command judged against the rehearsed install copy, as an MCP server's is (install-copy.ts):
 * the script or program it runs, and every other word that names a path near the plugin, must reach users. A hook
 * whose script is gitignored, uncommitted, behind a link leaving the repository, outside the plugin folder or an LFS
 * pointer fails on every user's machine, and nothing says so before the hook fires. LSP servers are server entries:
 * install-copy.ts judges them already.
 */
import { dirname, isAbsolute, relative } from 'node:path';
import { simpleCommandWords } from '../command/hook-command.js';
import { pluginHooks } from '../discover/plugin-hooks.js';
import { pluginDataDir } from '../discover/registries.js';
import { installCopy } from '../install/install-copy.js';
import type { FindingInput } from '../model/types.js';
import { defineCheck } from './define-check.js';
import { installFinding, type Need } from './install-copy.js';

export default defineCheck({
  id: 'install-copy-hooks',
  subject: 'plugin',
  codes: ['install.link-dropped', 'install.untracked', 'install.outside-plugin', 'install.lfs-pointer'],
  async run(plugin, c) {
    if (c.inventory.mode !== 'author' || !plugin.root || plugin.rootKind !== 'source' || c.ctx.platform === 'win32') return [];
    const copy = await installCopy(plugin.root);
    if (!copy) return [];
    const vars: Record<string, string> = { CLAUDE_PLUGIN_ROOT: plugin.root, CLAUDE_PLUGIN_DATA: pluginDataDir(c.ctx, plugin), CLAUDE_PROJECT_DIR: c.ctx.cwd };
    const inRepo = (p: string) => !relative(copy.repo.top, p).startsWith('..');
    const nearPlugin = (p: string) => isAbsolute(p) && (inRepo(p) || !relative(dirname(copy.pluginRoot), p).startsWith('..'));
    const out: FindingInput[] = [];
    // One loss per path: the same script on SessionStart and PreToolUse is one problem.
    const reported = new Set<string>();
    for (const hook of (await pluginHooks(plugin)).commands) {
      const words = simpleCommandWords(hook.command, vars);
      if (!words) continue;
      const needs: Need[] = words.filter(nearPlugin).map((path) => ({ path, location: hook.location, isCommand: path === words[0] }));
      for (const need of needs) {
        const f = await installFinding(copy, need, await copy.judge(need.path));
        const facts = f?.args as Record<string, unknown> | undefined;
        const key = `${f?.code}:${String(facts?.link ?? facts?.path)}`;
        if (f && !reported.has(key)) {
          reported.add(key);
          // The hook fails when it fires; the plugin and its servers still load (as hook.script-missing).
          out.push({ ...f, effect: 'none' });
        }
      }
    }
    return out;
  },
});
