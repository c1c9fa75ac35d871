/** The fix panel's lines for each step of the flow (see use-fix-flow.ts): plan, question, outcome. */
import type { ServerStatus } from '../../core/model/types.js';
import type { FixResultView } from '../actions.js';
import { rootCause } from '../../core/model/root-cause.js';
import { findingLine } from './row-summary.js';
import { tildeHome } from './shorten.js';
import type { StyledLine, Tone } from './theme.js';
import type { FixFlow } from './use-fix-flow.js';
import { spinnerFrame } from './spinner.js';
import { wrapText } from './wrap.js';

const statusTone: Record<ServerStatus, Tone> = { ok: 'ok', degraded: 'warn', failed: 'fail', disabled: 'muted', skipped: 'muted' };

const outcomeMark: Record<FixResultView['outcomes'][number]['status'], [string, Tone]> = {
  applied: ['✔', 'ok'],
  skipped: ['-', 'muted'],
  failed: ['✘', 'fail'],
  manual: ['☐', 'warn'],
};

export function fixLines(flow: FixFlow, width: number, now: number, home?: string): StyledLine[] {
  const out: StyledLine[] = [];
  const text = (t: string, tone?: Tone, indent = 0, first = '') => {
    wrapText(tildeHome(t, home), width - indent - first.length).forEach((l, i) =>
      out.push([{ text: ' '.repeat(indent) + (i === 0 ? first : ' '.repeat(first.length)), tone }, { text: l, tone }]),
    );
  };
  const blank = () => out.push([]);
  if (flow.step === 'idle') return out;
  out.push([{ text: `Fix ${flow.name}`, tone: 'strong' }]);
  blank();
  switch (flow.step) {
    case 'planning':
      out.push([{ text: `${spinnerFrame(now)} planning…`, tone: 'accent' }]);
      return out;
    case 'failed':
      text(flow.message, 'fail');
      return out;
    case 'confirm':
    case 'nothing':
    case 'applying': {
      const enabled = flow.plan.changes.filter((c) => c.enabled);
      const held = flow.plan.changes.filter((c) => !c.enabled);
      if (enabled.length > 0) {
        text('mcp-doctor will:');
        enabled.forEach((c, i) => text(c.line, undefined, 2, `${i + 1}. `));
      } else {
        text(`There is nothing mcp-doctor can change for ${flow.name} on its own.`, 'warn');
      }
      if (held.length > 0) {
        blank();
        text('Left out (need an option):', 'muted');
        for (const c of held) text(`${c.line}${c.needs ? `  (needs ${c.needs})` : ''}`, 'muted', 2, '- ');
      }
      if (flow.plan.manual.length > 0) {
        blank();
        text('You will have to:');
        for (const m of flow.plan.manual) text(m, undefined, 2, '☐ ');
      }
      blank();
      if (flow.step === 'confirm') out.push([{ text: 'Apply these changes? ', tone: 'accent' }, { text: '[y/N]', tone: 'strong' }]);
      else if (flow.step === 'applying') out.push([{ text: `${spinnerFrame(now)} applying, then checking ${flow.name} again…`, tone: 'accent' }]);
      else out.push([{ text: 'Any key: back', tone: 'muted' }]);
      return out;
    }
    case 'result': {
      const r = flow.result;
      for (const o of r.outcomes) {
        const [mark, tone] = outcomeMark[o.status];
        text(`${o.line}${o.reason ? ` (${o.reason})` : ''}`, tone, 0, `${mark} `);
      }
      blank();
      if (r.after) {
        out.push([
          { text: `${flow.name}: ` },
          { text: r.before, tone: statusTone[r.before] },
          { text: ' → ' },
          { text: r.after.status, tone: statusTone[r.after.status] },
        ]);
        const still = rootCause(r.after.findings);
        if (still && r.after.status !== 'ok') text(findingLine(still, home), statusTone[r.after.status], 2);
      } else if (r.plugin) {
        const count = (n: number) => (n === 1 ? '1 problem' : `${n} problems`);
        out.push([
          { text: `${flow.name}: ` },
          { text: count(r.plugin.before), tone: 'fail' },
          { text: ' → ' },
          { text: r.plugin.after === 0 ? 'no problems' : count(r.plugin.after), tone: r.plugin.after === 0 ? 'ok' : 'fail' },
        ]);
      }
      blank();
      text(r.journal ? `Journal: ${r.journal} (mcp-doctor undo reverts it)` : 'Nothing was changed.', 'muted');
      return out;
    }
  }
}
