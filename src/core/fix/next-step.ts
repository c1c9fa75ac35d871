/**
 * What to do next, counted once from a report's findings and their fixes: how many problems `mcp-doctor
 * --fix` repairs as it is, how many more each option (--rebuild-venvs, …) would let it repair, and how many
 * are left to do by hand. The text report ends with it, the live view's exit verdict and Markdown read it.
 * A problem is a finding that is an error or a warning and not a symptom of another (notes and symptoms
 * are explained by their cause, counted once there).
 */
import { gateOf, gateOption, type Gate } from './gates.js';
import type { Report, ReportFinding } from '../model/types.js';

export interface NextStep {
  /** Problems `mcp-doctor --fix` repairs without any option. */
  fixable: number;
  /** Problems it repairs only with an option, by option ("--rebuild-venvs"), in the order of `gateOption`. */
  gated: { option: string; count: number }[];
  /** Problems no fix covers: the user's to do. */
  manual: number;
}

const isProblem = (f: ReportFinding) => f.severity !== 'info' && !f.causedBy;

export function nextStep(report: Pick<Report, 'findings'>): NextStep {
  let fixable = 0;
  let manual = 0;
  const gated = new Map<Exclude<Gate, 'always'>, number>();
  for (const f of report.findings) {
    if (!isProblem(f)) continue;
    if (!f.fixable || !f.fix) {
      manual++;
      continue;
    }
    const gate = gateOf(f.fix);
    if (gate === 'always') fixable++;
    else gated.set(gate, (gated.get(gate) ?? 0) + 1);
  }
  const order = Object.keys(gateOption) as Exclude<Gate, 'always'>[];
  return { fixable, gated: order.filter((g) => gated.has(g)).map((g) => ({ option: gateOption[g], count: gated.get(g)! })), manual };
}

export interface NextStepPart {
  text: string;
  /** A command to run, shown as code where the output can. */
  command: string | null;
}

/**
 * "3 fixable: mcp-doctor --fix · 2 more with --rebuild-venvs · 14 to do by hand", as parts a renderer
 * styles; none when there is nothing to do.
 */
export function nextStepParts(step: NextStep): NextStepPart[] {
  const parts: NextStepPart[] = [];
  if (step.fixable > 0) parts.push({ text: `${step.fixable} fixable: `, command: 'mcp-doctor --fix' });
  for (const g of step.gated) parts.push({ text: `${g.count} ${step.fixable > 0 ? 'more ' : ''}with `, command: `mcp-doctor --fix ${g.option}` });
  if (step.manual > 0) parts.push({ text: `${step.manual} to do by hand${step.fixable + step.gated.length > 0 ? '' : ' (each finding says how)'}`, command: null });
  return parts;
}

/** The same as one plain line, or null when there is nothing to do. */
export function nextStepLine(step: NextStep, code: (command: string) => string = (c) => c): string | null {
  const parts = nextStepParts(step);
  return parts.length === 0 ? null : `Next: ${parts.map((p) => p.text + (p.command ? code(p.command) : '')).join(' · ')}`;
}
