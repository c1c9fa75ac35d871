/**
 * `f`: plan the selected server's fix, show the plan, ask (y/N), apply it, show what happened and the
 * server's state before and after. Everything runs through `ServerActions.fix`, the same applier,
 * confirmation rules, journal and undo as `mcp-doctor --fix`; the view only holds the steps.
 */
import { useCallback, useState, type Dispatch } from 'react';
import { safeLine } from '../../core/util/safe-text.js';
import type { FixPlanView, FixResultView, FixSubject, ServerActions } from '../actions.js';
import type { AppliedFix } from './exit-summary.js';
import type { Screen } from './keymap.js';
import type { RunAction } from './run-state.js';

export type FixFlow =
  | { step: 'idle' }
  | { step: 'planning'; id: string; name: string }
  | { step: 'confirm'; id: string; name: string; plan: FixPlanView }
  /** The plan holds nothing mcp-doctor may change now (only manual steps, or changes behind an option). */
  | { step: 'nothing'; id: string; name: string; plan: FixPlanView }
  | { step: 'applying'; id: string; name: string; plan: FixPlanView }
  | { step: 'result'; id: string; name: string; plan: FixPlanView; result: FixResultView }
  | { step: 'failed'; id: string; name: string; message: string };

export interface FixFlowControls {
  flow: FixFlow;
  /** False when the applier is not available. */
  /** `of` 'plugin': the plugin's own problems (a hook script's), `id` being the plugin's. */
  start(id: string, name: string, of?: FixSubject): boolean;
  confirm(): void;
  decline(): void;
  close(): void;
  /** Shows the steps for problems no server owns (a plugin's, a file's): nothing to apply from here. */
  showSteps(name: string, steps: string[], fixable: boolean): void;
}

const reason = (error: unknown) => safeLine(error instanceof Error ? error.message : String(error));

export function useFixFlow(actions: Pick<ServerActions, 'fix'>, dispatch: Dispatch<RunAction>, clock: () => number, onApplied: (fix: AppliedFix) => void = () => {}): FixFlowControls {
  const [flow, setFlow] = useState<FixFlow>({ step: 'idle' });
  const fix = actions.fix;

  const start = useCallback(
    (id: string, name: string, of: FixSubject = 'server') => {
      if (!fix) return false;
      setFlow({ step: 'planning', id, name });
      fix.plan(id, of).then(
        (plan) => setFlow({ step: plan.changes.some((c) => c.enabled) ? 'confirm' : 'nothing', id, name, plan }),
        (error: unknown) => setFlow({ step: 'failed', id, name, message: `planning the fix failed: ${reason(error)}` }),
      );
      return true;
    },
    [fix],
  );

  const confirm = useCallback(() => {
    if (flow.step !== 'confirm' || !fix) return;
    const { id, name, plan } = flow;
    setFlow({ step: 'applying', id, name, plan });
    // A plugin has no row of its own that runs: its re-check is merged into the report when it comes.
    const ofServer = plan.of !== 'plugin';
    if (ofServer) dispatch({ type: 'refresh-start', id, phase: 'fixing', at: clock() });
    fix.apply(plan).then(
      (result) => {
        if (result.after) dispatch({ type: 'refresh-done', server: result.after, at: clock() });
        else if (result.plugin?.rechecked) dispatch({ type: 'merge', rechecked: result.plugin.rechecked, at: clock() });
        const changes = result.outcomes.filter((o) => o.status === 'applied').map((o) => o.line);
        if (changes.length > 0) onApplied({ name, changes });
        setFlow({ step: 'result', id, name, plan, result });
      },
      (error: unknown) => {
        if (ofServer) dispatch({ type: 'refresh-failed', id, at: clock() });
        setFlow({ step: 'failed', id, name, message: `applying the fix failed: ${reason(error)}` });
      },
    );
  }, [flow, fix, dispatch, clock, onApplied]);

  const close = useCallback(() => setFlow({ step: 'idle' }), []);
  const showSteps = useCallback((name: string, steps: string[], fixable: boolean) => {
    const manual = fixable ? [...steps, 'or quit and run mcp-doctor --fix, which applies the fixable ones after showing its plan'] : steps;
    setFlow({ step: 'nothing', id: '', name, plan: { serverId: '', changes: [], manual } });
  }, []);
  return { flow, start, confirm, decline: close, close, showSteps };
}

/** Which keys apply while the flow is on screen; null when it is not. */
export function fixFlowScreen(flow: FixFlow): Screen | null {
  switch (flow.step) {
    case 'idle':
      return null;
    case 'planning':
    case 'applying':
      return 'fix-busy';
    case 'confirm':
      return 'fix-confirm';
    case 'nothing':
    case 'result':
    case 'failed':
      return 'fix-result';
  }
}
