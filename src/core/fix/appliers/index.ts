/** Every applier, by the fix kind it carries out. Explicit, like the check list. */
import type { FixPlan } from '../../model/types.js';
import type { Applier } from '../define-applier.js';
import build from './build.js';
import chmod from './chmod.js';
import lineEndings from './line-endings.js';
import npmInstall from './npm-install.js';
import symlink from './symlink.js';
import venvCreate from './venv-create.js';

export const appliers = {
  symlink,
  chmod,
  'line-endings': lineEndings,
  'venv-create': venvCreate,
  'npm-install': npmInstall,
  build,
} satisfies { [K in FixPlan['kind']]: Applier<K> };

/** Whether a journal's kind is one this version knows (a journal from a newer version may hold others). */
export function isKnownKind(kind: unknown): kind is FixPlan['kind'] {
  return typeof kind === 'string' && Object.hasOwn(appliers, kind);
}

export function applierFor<K extends FixPlan['kind']>(kind: K): Applier<K> {
  const applier = appliers[kind] as unknown as Applier<K> | undefined;
  if (!applier) throw new Error(`programming error: no applier for fix kind '${String(kind)}'`);
  return applier;
}
