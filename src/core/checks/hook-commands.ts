/**
 * What a hook's command needs on disk, checked like an MCP server's command: the script exists, has its execute
 * bit, its #! interpreter exists and has no CR; a bare program is on PATH. Nothing in Claude Code reports these
 * before the hook fires. Hook commands are /bin/sh lines: only simple ones are judged (hook-command.ts).
 */
import { basename, isAbsolute, resolve } from 'node:path';
import { interpreterFamily, scriptArgIndex } from '../command/interpreter.js';
import { simpleCommandWords } from '../command/hook-command.js';
import { findOnPath, resolveCommand } from '../command/resolve-command.js';
import { readShebang } from '../command/shebang.js';
import { installHints } from '../command/launcher-scan.js';
import { pluginHooks, type HookCommand } from '../discover/plugin-hooks.js';
import { pluginDataDir } from '../discover/registries.js';
import { executableForReaders, firstMissingComponent, isExecutableFile, pathFacts } from '../util/fs-facts.js';
import type { Evidence, FindingInput, PluginEntry } from '../model/types.js';
import { defineCheck, type CheckContext } from './define-check.js';

async function problems(hook: HookCommand, plugin: PluginEntry, c: CheckContext): Promise<FindingInput[]> {
  const root = plugin.root ?? '';
  const vars: Record<string, string> = { CLAUDE_PLUGIN_ROOT: root, CLAUDE_PLUGIN_DATA: pluginDataDir(c.ctx, plugin), CLAUDE_PROJECT_DIR: c.ctx.cwd };
  const words = simpleCommandWords(hook.command, vars);
  if (!words) return [];
  const [program = '', ...args] = words;
  const who = { event: hook.event, matcher: hook.matcher };
  const location = hook.location;
  const family = interpreterFamily(program);
  if (family) {
    const index = scriptArgIndex(program, args);
    const script = index >= 0 ? args[index] : undefined;
    if (script) {
      const path = isAbsolute(script) ? script : resolve(c.ctx.cwd, script);
      const facts = await pathFacts(path);
      if (facts.kind === 'missing' || facts.kind === 'symlink-dangling' || facts.kind === 'symlink-loop') {
        return [{ code: 'hook.script-missing', location, args: { ...who, interpreter: program, path } }];
      }
    }
  }
  const resolution = await resolveCommand(program, c.ctx.cwd, c.ctx.env, c.ctx.platform);
  if (!resolution.path) {
    if (resolution.nonExecutable) return [{ code: 'hook.not-executable', location, args: { ...who, path: resolution.nonExecutable, mode: '0644' } }];
    // Author mode: this machine is not the user's; a program the hook needs is a requirement to state.
    if (c.inventory.mode === 'author') return [{ code: 'command.runner-required', location, args: { program, servers: [`${String(who.event ?? '')} hook`.trim()], via: 'command', installHint: installHints[program] } }];
    const hint = installHints[program];
    return [{ code: 'hook.command-not-found', location, args: { ...who, command: program, onPath: true, searched: resolution.searched.length, fixHint: hint ? `Install ${program} (${hint}), or put it on the PATH Claude Code starts with.` : undefined } }];
  }
  const path = resolution.path;
  const facts = await pathFacts(path);
  if (facts.kind === 'missing' || facts.kind === 'symlink-dangling' || facts.kind === 'symlink-loop') {
    const { missing } = await firstMissingComponent(path);
    return [{ code: 'hook.script-missing', location, args: { ...who, path, ...(missing !== path ? { missing, missingKind: 'absent' } : {}) } }];
  }
  if (facts.isDir || c.ctx.platform === 'win32') return [];
  const mode = facts.mode ?? 0;
  if ((mode & 0o111) === 0) {
    return [{ code: 'hook.not-executable', location, args: { ...who, path, mode: `0${(mode & 0o777).toString(8)}` }, fix: { kind: 'chmod', path, mode: executableForReaders(mode || 0o644) & 0o777 } }];
  }
  const shebang = await readShebang(path);
  if (!shebang) return [];
  if (shebang.crlf) {
    return [{ code: 'hook.bad-interpreter', location, args: { ...who, path, interpreter: shebang.envProgram ?? shebang.interpreter, crlf: true, shebang: shebang.raw.slice(2) }, fix: { kind: 'line-endings', path } }];
  }
  if (shebang.envProgram) {
    if (await findOnPath(shebang.envProgram, c.ctx.env, c.ctx.platform)) return [];
    return [{ code: 'hook.bad-interpreter', location, args: { ...who, path, interpreter: shebang.envProgram, viaEnv: true, shebang: shebang.raw.slice(2), fixHint: installHints[basename(shebang.envProgram)] } }];
  }
  if (!shebang.interpreter.startsWith('/') || (await isExecutableFile(shebang.interpreter))) return [];
  return [{ code: 'hook.bad-interpreter', location, args: { ...who, path, interpreter: shebang.interpreter, viaEnv: false, shebang: shebang.raw.slice(2) } }];
}

export default defineCheck({
  id: 'hook-commands',
  subject: 'plugin',
  codes: ['hook.script-missing', 'hook.command-not-found', 'hook.not-executable', 'hook.bad-interpreter', 'command.runner-required'],
  async run(plugin, c) {
    // POSIX shells only: how a Windows Claude Code runs hook lines is not modelled, so nothing is guessed there.
    if (!plugin.root || !plugin.rootExists || c.ctx.platform === 'win32') return [];
    const out: FindingInput[] = [];
    // One finding per script: the same script on SessionStart and PreToolUse is one problem.
    const seen = new Set<string>();
    for (const hook of (await pluginHooks(plugin)).commands) {
      for (const f of await problems(hook, plugin, c)) {
        const a = (f.args ?? {}) as Evidence;
        const key = `${f.code}:${String(a.path ?? a.command)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(f);
      }
    }
    return out;
  },
});
