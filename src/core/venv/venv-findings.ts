/**
 * Turns the state of one venv folder into the finding that names its root cause: a dangling link (and
 * its target), a link the install lost while a healthy venv exists (fixable), a missing venv, or a venv
 * whose base interpreter was removed. Null when the venv is healthy.
 */
import type { CheckContext } from '../model/check-context.js';
import { realpath } from 'node:fs/promises';
import type { FindingInput, FixPlan, Location, ServerEntry } from '../model/types.js';
import { findHealthyVenv, missingModules, venvCreateCommand, venvHealth, venvRequirements, type VenvNeeds } from './venv-facts.js';
import { venvInstallCommand } from './server-needs.js';

/** A new venv where the command expects one (at the link's target when the venv is a dangling link). */
async function createVenv(venv: string, path: string, replaces: 'nothing' | 'broken-venv'): Promise<FixPlan> {
  return { kind: 'venv-create', path, venv, replaces, requirements: await venvRequirements(venv) };
}

export async function venvFindings(
  venv: string,
  server: ServerEntry,
  c: CheckContext,
  location: Location,
  options: { reportMissingWithoutCandidate: boolean; needs?: VenvNeeds },
): Promise<FindingInput[] | null> {
  const health = await venvHealth(venv);
  if (health.healthy) {
    // Healthy means it can run this server: its python starts and finds every module the server imports.
    if (!options.needs) return null;
    const missing = await missingModules(health.python, options.needs.modules, options.needs.dirs);
    if (missing === null) health.problem = `${health.python} does not start`;
    else if (missing.length === 0) return null;
    else {
      return [
        {
          code: 'venv.missing-module',
          location,
          args: { venv, python: health.python, modules: missing, installCommand: await venvInstallCommand(venv, health.python, missing) },
        },
      ];
    }
  }
  const plugin = c.plugin(server.plugin);
  const kind = health.facts.kind;
  const gone = !health.healthy && (kind === 'missing' || kind === 'symlink-dangling' || kind === 'symlink-loop');
  if (gone) {
    const candidate = await findHealthyVenv({
      venv,
      pluginRoot: plugin?.root ?? server.root,
      cloneRoot: plugin?.cloneRoot ?? null,
      marketplace: server.marketplace,
      serverNames: [server.name],
      env: c.ctx.env,
      homedir: c.ctx.homedir,
      exclude: health.facts.linkTarget ?? null,
      installPath: plugin?.installRecord?.installPath ?? null,
      needs: options.needs,
    });
    if (candidate) {
      return [
        {
          code: 'venv.link-lost',
          location,
          args: { venv, target: candidate.target, via: candidate.via, was: health.facts.linkTarget ?? null },
          fix: { kind: 'symlink', path: venv, target: candidate.target },
        },
      ];
    }
    if (kind !== 'missing') {
      return [
        {
          code: 'venv.dangling-link',
          location,
          args: { link: venv, target: health.facts.linkTarget ?? health.facts.linkText ?? '?', loop: kind === 'symlink-loop' },
          fix: kind === 'symlink-dangling' && health.facts.linkTarget ? await createVenv(venv, health.facts.linkTarget, 'nothing') : undefined,
        },
      ];
    }
    if (!options.reportMissingWithoutCandidate) return null;
    return [{ code: 'venv.missing', location, args: { venv, createCommand: await venvCreateCommand(venv) }, fix: await createVenv(venv, venv, 'nothing') }];
  }
  return [
    {
      code: 'venv.broken-interpreter',
      location,
      args: { venv, python: health.python, reason: health.problem ?? 'it does not run', home: health.home, createCommand: await venvCreateCommand(venv) },
      fix: await createVenv(venv, await realpath(venv).catch(() => venv), 'broken-venv'),
    },
  ];
}
