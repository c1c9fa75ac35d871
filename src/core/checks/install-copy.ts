/**
 * Author mode: would the server still find what it needs after `claude plugin install` from git? Every path the
 * server's command names (the program, its script, other arguments inside the repository, the .venv its launcher
 * uses) is judged against the rehearsed install copy (core/install), and each loss is named in the author's terms.
 */
import { dirname, isAbsolute, join, relative } from 'node:path';
import { detectBuildOutput } from '../command/build-output.js';
import { commandTarget } from '../command/command-target.js';
import { mentionsVenv } from '../command/launcher-scan.js';
import { isShellScript } from '../command/shebang.js';
import { readText } from '../util/fs-facts.js';
import { installCopy, type InstallCopy, type InstalledFact } from '../install/install-copy.js';
import type { FindingInput, Location, ServerEntry } from '../model/types.js';
import { at, defineCheck, type CheckContext } from './define-check.js';

/** What the loss takes from users, for the message: a venv, a binary, a folder or a file. */
function what(path: string, isCommand: boolean): 'venv' | 'binary' | 'folder' | 'file' {
  if (/(^|\/)\.?venv(\/|$)/.test(path)) return 'venv';
  return isCommand ? 'binary' : 'file';
}

/** A launcher that makes its venv when it is missing needs no committed one. */
const createsVenv = /(-m\s+venv\b|\bvirtualenv\b|\buv\s+(venv|sync)\b|\bpoetry\s+install\b)/;

export interface Need {
  path: string;
  location: Location;
  isCommand: boolean;
  /** Report only when the working tree has it and the copy will not (a launcher's optional .venv). */
  soft?: boolean;
}

export async function installFinding(copy: InstallCopy, need: Need, fact: InstalledFact): Promise<FindingInput | null> {
  const rel = (p: string) => relative(copy.pluginRoot, p) || '.';
  switch (fact.kind) {
    case 'present':
    case 'absent':
      return null;
    case 'outside-plugin':
      if (need.soft) return null;
      return { code: 'install.outside-plugin', location: need.location, args: { path: fact.path, rel: rel(fact.path), pluginRoot: fact.pluginRoot, what: what(fact.path, need.isCommand) } };
    case 'link-dropped':
      return {
        code: 'install.link-dropped',
        location: need.location,
        args: { path: need.path, link: fact.link, rel: rel(fact.link), linkText: fact.linkText, target: fact.target, tracked: fact.tracked, ignoredBy: fact.ignoredBy, what: what(fact.link, need.isCommand && fact.link === need.path) },
      };
    case 'untracked': {
      if (need.soft && !fact.inWorkingTree) return null;
      const kind = what(fact.path, need.isCommand && fact.path === need.path);
      const built = fact.ignoredBy && kind === 'binary' ? await detectBuildOutput(fact.path, copy.pluginRoot) : null;
      const buildCommand = built?.marker ? built.buildCommand : null;
      return {
        code: 'install.untracked',
        location: need.location,
        args: { path: fact.path, rel: rel(fact.path), repoRel: relative(copy.repo.top, fact.path), ignoredBy: fact.ignoredBy, ignoredLine: fact.ignoredLine, inWorkingTree: fact.inWorkingTree, what: kind, buildCommand },
      };
    }
    case 'lfs-pointer':
      return { code: 'install.lfs-pointer', location: need.location, args: { path: fact.path, rel: rel(fact.path) } };
  }
}

/** The paths a server names: its program, its script, other arguments inside the repository, its launcher's .venv. */
async function needs(server: ServerEntry, c: CheckContext, copy: InstallCopy): Promise<Need[]> {
  const doc = c.document(server.source.file);
  const t = await commandTarget(server, c);
  if (!doc || !t) return [];
  const base = server.source.pointer ?? [];
  const out: Need[] = [];
  const command = t.resolution.path ?? (t.command.includes('/') && isAbsolute(t.command) ? t.command : null);
  const inRepo = (p: string) => isAbsolute(p) && !relative(copy.repo.top, p).startsWith('..');
  const nearPlugin = (p: string) => isAbsolute(p) && (inRepo(p) || !relative(dirname(copy.pluginRoot), p).startsWith('..'));
  if (command && nearPlugin(command)) out.push({ path: command, location: at(doc, [...base, 'command']), isCommand: true });
  server.expanded.args.forEach((arg, i) => {
    const value = arg.startsWith('-') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg;
    if (value.includes('${') || !nearPlugin(value)) return;
    out.push({ path: value, location: at(doc, [...base, 'args', i]), isCommand: false });
  });
  const launcher = t.family === 'shell' && t.scriptPath ? t.scriptPath : command && (await isShellScript(command)) ? command : null;
  if (launcher) {
    const text = (await readText(launcher, 256 * 1024)) ?? '';
    if (!createsVenv.test(text)) {
      for (const name of mentionsVenv(text)) out.push({ path: join(dirname(launcher), name), location: at(doc, [...base, 'command']), isCommand: false, soft: true });
    }
  }
  return out;
}

export default defineCheck({
  id: 'install-copy',
  subject: 'server',
  codes: ['install.link-dropped', 'install.untracked', 'install.outside-plugin', 'install.lfs-pointer'],
  async run(server, c) {
    if (c.inventory.mode !== 'author' || server.transport !== 'stdio') return [];
    const plugin = c.plugin(server.plugin);
    if (!plugin?.root || plugin.rootKind !== 'source') return [];
    const copy = await installCopy(plugin.root);
    if (!copy) return [];
    const out: FindingInput[] = [];
    const reported = new Set<string>();
    for (const need of await needs(server, c, copy)) {
      const f = await installFinding(copy, need, await copy.judge(need.path));
      // One loss (a dropped .venv link) is named once, however many arguments run through it.
      const facts = f?.args as Record<string, unknown> | undefined;
      const key = `${f?.code}:${String(facts?.link ?? facts?.path)}`;
      if (f && !reported.has(key)) {
        reported.add(key);
        out.push(f);
      }
    }
    return out;
  },
});
