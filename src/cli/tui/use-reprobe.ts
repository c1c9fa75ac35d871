/**
 * `r`: the selected server is checked and started again through `ServerActions.reprobe` (a run of the
 * core for that one server); its row spins meanwhile and then shows the new verdict.
 */
import { useCallback, type Dispatch } from 'react';
import { safeLine } from '../../core/util/safe-text.js';
import type { ServerActions } from '../actions.js';
import type { RunAction } from './run-state.js';

export function useReprobe(actions: Pick<ServerActions, 'reprobe' | 'recheck'>, dispatch: Dispatch<RunAction>, clock: () => number, say: (note: string) => void) {
  return useCallback(
    (id: string, name: string) => {
      dispatch({ type: 'refresh-start', id, phase: 'reprobing', at: clock() });
      const rechecked = actions.recheck
        ? actions.recheck(id).then((report) => ({ server: report.servers.find((s) => s.id === id)!, report }))
        : actions.reprobe(id).then((server) => ({ server, report: undefined }));
      rechecked.then(
        ({ server, report }) => dispatch({ type: 'refresh-done', server, rechecked: report, at: clock() }),
        (error: unknown) => {
          dispatch({ type: 'refresh-failed', id, at: clock() });
          say(`re-probing ${name} failed: ${safeLine(error instanceof Error ? error.message : String(error))}`);
        },
      );
    },
    [actions, dispatch, clock, say],
  );
}
