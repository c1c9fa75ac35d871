/**
 * Turns the state of one venv folder into the finding that names its root cause: a dangling link (and
 * its target), a link the install lost while a healthy venv exists (fixable), a missing venv, or a venv
 * whose base interpreter was removed. Null when the venv is healthy.
 */
import type { CheckContext } from '../checks/define-check.js';
import type { FindingInput, Location, ServerEntry } from '../types.js';
import { findHealthyVenv, venvCreateCommand, venvHealth } from './venv-facts.js';

export async function venvFindings(
  venv: string,
  server: ServerEntry,
  c: CheckContext,
  location: Location,
  options: { reportMissingWithoutCandidate: boolean },
): Promise<FindingInput[] | null> {
  const health = await venvHealth(venv);
  if (health.healthy) return null;
  const plugin = c.plugin(server.plugin);
  const kind = health.facts.kind;
  const gone = kind === 'missing' || kind === 'symlink-dangling' || kind === 'symlink-loop';
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
        },
      ];
    }
    if (!options.reportMissingWithoutCandidate) return null;
    return [{ code: 'venv.missing', location, args: { venv, createCommand: await venvCreateCommand(venv) } }];
  }
  return [
    {
      code: 'venv.broken-interpreter',
      location,
      args: { venv, python: health.python, reason: health.problem ?? 'it does not run', home: health.home, createCommand: await venvCreateCommand(venv) },
    },
  ];
}
