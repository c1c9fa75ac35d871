/**
 * Which server is selected, by id, so it stays on the same server while rows change state or the list is
 * filtered. When the selected server is filtered out, the first visible one is selected.
 */
import { useCallback, useState } from 'react';
import { clamp } from './scroll.js';

export interface Selection {
  selectedId: string | undefined;
  select(id: string): void;
  /** Moves by `delta` servers (a page is a larger delta), stopping at either end. */
  move(delta: number): void;
  toEdge(edge: 'first' | 'last'): void;
}

export function useSelection(ids: readonly string[]): Selection {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const selectedId = chosen !== undefined && ids.includes(chosen) ? chosen : ids[0];
  // From the latest choice, not the one this render saw: several keys can arrive in one input.
  const move = useCallback(
    (delta: number) =>
      setChosen((previous) => {
        if (ids.length === 0) return previous;
        const at = previous !== undefined && ids.includes(previous) ? ids.indexOf(previous) : 0;
        return ids[clamp(at + delta, 0, ids.length - 1)];
      }),
    [ids],
  );
  const toEdge = useCallback((edge: 'first' | 'last') => setChosen(edge === 'first' ? ids[0] : ids.at(-1)), [ids]);
  return { selectedId, select: setChosen, move, toEdge };
}
