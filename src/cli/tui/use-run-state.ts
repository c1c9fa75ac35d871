/** The run as the view knows it: the core's events (replayed from the feed) folded by `runReducer`. */
import { useEffect, useReducer, type Dispatch } from 'react';
import type { EventFeed } from '../event-feed.js';
import { initialRunState, runReducer, type RunAction, type RunState } from './run-state.js';

export function useRunState(feed: Pick<EventFeed, 'subscribe'>, clock: () => number, startedAt?: number): [RunState, Dispatch<RunAction>] {
  const [state, dispatch] = useReducer(runReducer, undefined, () => initialRunState(startedAt ?? clock()));
  useEffect(() => feed.subscribe((event, at) => dispatch({ type: 'event', event, at })), [feed]);
  return [state, dispatch];
}
