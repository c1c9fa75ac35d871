/**
 * What a Python server needs from the venv it runs in: the module it runs (`python -m <module>`, on its command
 * line or in its launcher) and the modules its .py file imports. A venv is healthy for this server only when its
 * python runs and finds all of them (venv-facts.ts `missingModules`).
 */
import { dirname, isAbsolute } from 'node:path';
import { pythonModuleRun } from '../command/launcher-scan.js';
import { shellLine } from '../model/shell-quote.js';
import type { ServerEntry } from '../model/types.js';
import { readText } from '../util/fs-facts.js';
import { pythonImports, venvRequirements, type VenvNeeds } from './venv-facts.js';

export async function serverNeeds(server: ServerEntry, launcher: { text: string; dir: string; scripts?: string[] } | null): Promise<VenvNeeds> {
  const modules = new Set<string>();
  const dirs = new Set<string>();
  const line = [server.expanded.command ?? '', ...server.expanded.args].join(' ');
  const run = pythonModuleRun(line) ?? (launcher ? pythonModuleRun(launcher.text) : null);
  if (run) {
    modules.add(run.split('.')[0] ?? run);
    // A launcher usually cds into its own folder (or the plugin's) before `python -m`.
    if (launcher) dirs.add(launcher.dir);
    if (server.root) dirs.add(server.root);
  }
  const scripts = [server.expanded.command ?? '', ...server.expanded.args, ...(launcher?.scripts ?? [])].filter((a) => a.endsWith('.py') && isAbsolute(a));
  for (const script of scripts) {
    const source = await readText(script, 1024 * 1024);
    if (!source) continue;
    for (const m of pythonImports(source)) modules.add(m);
    dirs.add(dirname(script));
  }
  return { modules: [...modules], dirs: [...dirs] };
}

/** How to install what a venv lacks, with the venv's own python (never a launcher, never a system pip). */
export async function venvInstallCommand(venv: string, python: string, missing: string[]): Promise<string> {
  const req = await venvRequirements(venv);
  if (req?.kind === 'requirements') return shellLine([python, '-m', 'pip', 'install', '-r', req.file]);
  if (req?.kind === 'pyproject') return shellLine([python, '-m', 'pip', 'install', dirname(req.file)]);
  return shellLine([python, '-m', 'pip', 'install', ...missing]);
}
