/**
 * `--fix` in plain text: the plan (one line per change: what, where, why, for which server), the checklist of
 * steps mcp-doctor does not take, each change's outcome as it happens, and each touched server before → after.
 */
import type { FixSection, Report, ServerStatus } from '../core/model/types.js';
import { nextStep, nextStepLine } from '../core/fix/next-step.js';
import { homeShortener, painter } from './style.js';

type Change = FixSection['changes'][number];

export interface FixTextOptions {
  color: boolean;
  homedir?: string;
  /** False on the --demo home, which is thrown away: there is nothing to undo afterwards. */
  undoable?: boolean;
}

function painters(o: FixTextOptions) {
  return { paint: painter(o.color), short: homeShortener(o.homedir) };
}

function serverNames(report: Report, ids: string[]): string {
  const names = ids.map((id) => report.servers.find((s) => s.id === id)?.name ?? id);
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ');
}

/**
 * The plan, in the order a user reads it before the question that follows: the steps mcp-doctor leaves to
 * them and the changes behind an option first, and the changes it will make last, right above "Apply N
 * changes?", so what is being asked about is on screen however long the rest is.
 */
export function renderPlan(section: FixSection, report: Report, o: FixTextOptions): string {
  const { paint, short } = painters(o);
  const lines: string[] = [];
  if (section.manual.length > 0) {
    lines.push(paint('bold', 'Not done by mcp-doctor (do these yourself)'));
    for (const m of section.manual) {
      const who = m.server ? (report.servers.find((s) => s.id === m.server)?.name ?? m.server) : (m.plugin ?? '');
      lines.push(`  [ ] ${who ? paint('bold', who) + ': ' : ''}${short(m.step)} ${paint('gray', `(${m.code})`)}`);
    }
    lines.push('');
  }
  const why = (c: Change) => paint('gray', `(${c.code}${c.servers.length ? ' · ' + serverNames(report, c.servers) : ''})`);
  const gated = section.changes.filter((c) => c.option && c.status === 'skipped');
  const made = section.changes.filter((c) => !gated.includes(c));
  if (gated.length > 0) {
    lines.push(paint('bold', 'Left out (each needs its option)'));
    for (const c of gated) lines.push(`  - ${paint('yellow', `[needs ${c.option}]`)} ${short(c.description)}  ${why(c)}`);
    lines.push('');
  }
  lines.push(paint('bold', 'Fix plan'));
  if (made.length === 0) lines.push(paint('gray', '  Nothing mcp-doctor can change itself.'));
  made.forEach((c, i) => lines.push(`  ${i + 1}. ${short(c.description)}  ${why(c)}`));
  return lines.join('\n') + '\n';
}

export function renderOutcome(c: Change, o: FixTextOptions): string {
  const { paint, short } = painters(o);
  const mark = c.status === 'applied' ? paint('green', '✔') : c.status === 'failed' ? paint('red', '✘') : paint('gray', '-');
  const tail = c.reason ? paint(c.status === 'failed' ? 'red' : 'gray', ` — ${short(c.reason)}`) : '';
  const lines = [`  ${mark} ${c.status === 'skipped' ? paint('gray', 'skipped: ') : ''}${short(c.description)}${tail}`];
  if (c.status === 'failed') for (const l of c.output.slice(-5)) lines.push(paint('gray', `      ${short(l)}`));
  return lines.join('\n') + '\n';
}

const word: Record<ServerStatus, string> = { ok: 'ok', degraded: 'degraded', failed: 'failed', disabled: 'disabled', skipped: 'skipped' };

export function renderRecheck(section: FixSection, report: Report, o: FixTextOptions): string {
  const { paint } = painters(o);
  const lines: string[] = [];
  if (section.servers.length > 0) {
    lines.push('', paint('bold', report.probe ? 'Re-checked and re-probed' : 'Re-checked'));
    const color = (s: ServerStatus) => (s === 'ok' ? 'green' : s === 'failed' ? 'red' : 'yellow');
    for (const s of section.servers) lines.push(`  ${s.name}: ${paint(color(s.before), word[s.before])} → ${paint(color(s.after), word[s.after])}`);
  }
  const s = report.summary;
  lines.push('', `${s.servers} MCP server${s.servers === 1 ? '' : 's'}: ${s.ok} ok${s.failed ? `, ${s.failed} failing` : ''}${s.degraded ? `, ${s.degraded} with warnings` : ''} · ${s.errors > 0 ? paint('red', `${s.errors} error${s.errors === 1 ? '' : 's'} left`) : paint('green', 'no errors left')}`);
  if (section.journal && o.undoable !== false) lines.push(paint('gray', `Undo these changes with: mcp-doctor undo`));
  // What is left, counted by the core as the report's last line counts it.
  const next = nextStepLine(nextStep(report), (c) => paint('bold', c));
  if (next) lines.push(next);
  return lines.join('\n') + '\n';
}
