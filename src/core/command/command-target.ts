/**
 * What a stdio server will actually execute: the resolved program, its facts on disk, and (for
 * interpreters) the script file. Computed once per server and shared by the command checks.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CheckContext } from '../model/check-context.js';
import { pathFacts, type PathFacts } from '../util/fs-facts.js';
import type { ServerEntry } from '../model/types.js';
import { interpreterFamily, scriptArgIndex, type InterpreterFamily } from './interpreter.js';
import { resolveCommand, type Resolution } from './resolve-command.js';

export interface CommandTarget {
  command: string;
  resolution: Resolution;
  facts: PathFacts | null;
  family: InterpreterFamily | null;
  scriptIndex: number;
  scriptPath: string | null;
  /** The folder that bounds searches for .gitignore and build markers. */
  top: string;
}

const cache = new WeakMap<ServerEntry, Promise<CommandTarget | null>>();

function isWithin(top: string, path: string): boolean {
  const rel = relative(top, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !isAbsolute(rel));
}

/** The plugin root, widened to the marketplace folder when the plugin is read from inside it. */
export function treeTop(server: ServerEntry, c: CheckContext, path: string): string {
  const plugin = c.plugin(server.plugin);
  const mkt = c.marketplace(server.marketplace);
  if (plugin?.root && mkt?.installLocation && isWithin(mkt.installLocation, plugin.root) && isWithin(mkt.installLocation, path)) return mkt.installLocation;
  if (server.root && isWithin(server.root, path)) return server.root;
  if (isWithin(c.ctx.cwd, path)) return c.ctx.cwd;
  return dirname(path);
}

export function commandTarget(server: ServerEntry, c: CheckContext): Promise<CommandTarget | null> {
  let pending = cache.get(server);
  if (!pending) {
    pending = compute(server, c);
    cache.set(server, pending);
  }
  return pending;
}

async function compute(server: ServerEntry, c: CheckContext): Promise<CommandTarget | null> {
  const command = server.expanded.command;
  // An unexpanded ${VAR} is the env-unset check's finding; guessing at the path would only add noise.
  if (server.transport !== 'stdio' || !command || command.includes('${') || server.skipReason) return null;
  const resolution = await resolveCommand(command, c.ctx.cwd, c.ctx.env, c.ctx.platform);
  const facts = resolution.path ? await pathFacts(resolution.path) : null;
  const family = interpreterFamily(command);
  const scriptIndex = family ? scriptArgIndex(command, server.expanded.args) : -1;
  const rawScript = scriptIndex >= 0 ? server.expanded.args[scriptIndex] : undefined;
  const scriptPath = rawScript && !rawScript.includes('${') ? resolve(c.ctx.cwd, rawScript) : null;
  const anchor = scriptPath ?? resolution.path ?? c.ctx.cwd;
  return { command, resolution, facts, family, scriptIndex: scriptPath ? scriptIndex : -1, scriptPath, top: treeTop(server, c, anchor) };
}
