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

export function applierFor<K extends FixPlan['kind']>(kind: K): Applier<K> {
  return appliers[kind] as unknown as Applier<K>;
}
