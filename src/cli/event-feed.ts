/**
 * The core's events, kept for a live view that subscribes late: Ink loads while discovery runs, so the
 * first events arrive before the view exists. Each event carries the time it arrived, so elapsed times
 * are measured from when things happened, not from when the view caught up.
 */
import type { DoctorEvent } from '../core/model/types.js';

export type FeedListener = (event: DoctorEvent, at: number) => void;

export interface EventFeed {
  push(event: DoctorEvent): void;
  /** Replays every event so far, then forwards new ones; returns the unsubscribe. */
  subscribe(listener: FeedListener): () => void;
  /** Resolves with the first event. */
  first(): Promise<DoctorEvent>;
}

export function createEventFeed(clock: () => number = () => performance.now()): EventFeed {
  const seen: [DoctorEvent, number][] = [];
  const listeners = new Set<FeedListener>();
  let resolveFirst: (e: DoctorEvent) => void = () => {};
  const first = new Promise<DoctorEvent>((resolve) => (resolveFirst = resolve));
  return {
    push(event) {
      const at = clock();
      seen.push([event, at]);
      if (seen.length === 1) resolveFirst(event);
      for (const l of listeners) l(event, at);
    },
    subscribe(listener) {
      for (const [event, at] of seen) listener(event, at);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    first: () => first,
  };
}
