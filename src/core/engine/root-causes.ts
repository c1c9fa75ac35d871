/**
 * When a check names the root cause at a place, the generic symptom another check reports at the same place
 * ("'…/python3 server.py' does not exist") only repeats it in vaguer words. An error-severity finding of a
 * code on the left removes the findings of the codes on the right at the same JSON pointer of the same file.
 */
import { catalog, type Code } from '../model/catalog.js';
import type { FindingInput } from '../model/types.js';

const supersedes: Partial<Record<Code, readonly Code[]>> = {
  'command.holds-args': ['command.not-found'],
  'command.windows-only': ['command.not-found', 'command.bad-interpreter'],
  'config.unexpanded-path': ['command.not-found', 'command.script-missing', 'command.unbuilt'],
  'config.relative-path': ['command.not-found', 'command.script-missing', 'command.unbuilt'],
  // Author mode: the install rehearsal names why users will lack the file (core/install).
  'install.untracked': ['command.not-found', 'command.script-missing', 'command.unbuilt', 'venv.missing', 'venv.dangling-link', 'venv.link-lost'],
  'install.link-dropped': ['command.not-found', 'command.script-missing', 'venv.missing', 'venv.dangling-link', 'venv.link-lost', 'venv.broken-interpreter'],
  'install.outside-plugin': ['command.not-found', 'command.script-missing', 'command.unbuilt'],
};

const place = (f: FindingInput) => `${f.location?.file ?? ''}#${(f.location?.pointer ?? []).join('/')}`;

export function dropSuperseded(findings: FindingInput[]): FindingInput[] {
  const covered = new Set<string>();
  for (const f of findings) {
    if ((f.severity ?? catalog[f.code].severity) !== 'error') continue;
    for (const code of supersedes[f.code] ?? []) covered.add(`${code}@${place(f)}`);
  }
  if (covered.size === 0) return findings;
  return findings.filter((f) => !covered.has(`${f.code}@${place(f)}`));
}
