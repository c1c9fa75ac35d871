/** The words for a planned change: one line saying what it does and where (renderers add why and for whom). */
import { basename } from 'node:path';
import type { FixPlan } from '../model/types.js';
import { npmArgv } from './appliers/npm-install.js';

const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`;

export function describeChange(fix: FixPlan): string {
  switch (fix.kind) {
    case 'symlink':
      return `link ${fix.path} → ${fix.target}`;
    case 'chmod':
      return `make ${fix.path} executable (chmod ${octal(fix.mode)})`;
    case 'line-endings':
      return `convert ${fix.path} from CRLF to LF line endings`;
    case 'venv-create': {
      const where = fix.path === fix.venv ? fix.path : `${fix.path} (where ${fix.venv} points)`;
      const aside = fix.replaces === 'broken-venv' ? ', moving the broken one aside' : '';
      const install = fix.requirements ? `install from ${basename(fix.requirements.file)}` : 'install nothing (no requirements.txt or pyproject.toml next to it)';
      return `create a venv at ${where}${aside}, then ${install}`;
    }
    case 'npm-install':
      return `run ${npmArgv(fix.lockfile).join(' ')} in ${fix.dir}`;
    case 'build': {
      const steps = fix.steps.map((s) => s.join(' ')).join(' && ');
      // make -C and cmake -S name the folder themselves.
      return `build ${fix.output}: ${steps}${steps.includes(fix.dir) ? '' : ` (in ${fix.dir})`}`;
    }
  }
}
