/**
 * The probe is the judge. A static check predicts a failure (an unset variable, missing node_modules, a
 * venv it cannot vouch for); when the server was started and answered, the prediction did not come true at
 * start, so the finding is kept as a warning about what will go wrong later (a tool that receives the
 * literal `${VAR}`), not as an error. When it did not answer, static findings stay as they are and the
 * probe's own symptom is linked to them (probe-findings.ts), except predictions the probe can confirm or
 * refute by name (missing node_modules: a missing module on stderr), which probe-findings.ts returns as
 * `unconfirmed` and `unconfirm` softens here. What Claude Code refuses to load is never softened: no probe
 * of ours makes it load.
 */
import { effectOf } from '../model/effect.js';
import type { ProbeResult } from '../model/probe-types.js';
import type { Finding } from '../model/types.js';

/** Keeps a static error as a warning the probe did not confirm; the catalog words it by `probeAnswered`. */
export function unconfirm(f: Finding, probeAnswered: boolean): void {
  f.severity = 'warning';
  f.contradictedByProbe = true;
  f.args = { ...f.args, probeAnswered };
}

/** The server's own static errors, softened to warnings when its probe answered; returns those it changed. */
export function judgeByProbe(own: readonly Finding[], probe: Pick<ProbeResult, 'outcome'>): Finding[] {
  if (probe.outcome !== 'answered') return [];
  const softened: Finding[] = [];
  for (const f of own) {
    if (f.severity !== 'error' || f.code.startsWith('probe.') || effectOf(f) !== null) continue;
    unconfirm(f, true);
    softened.push(f);
  }
  return softened;
}
