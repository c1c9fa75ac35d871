/** Scroll positions: the list follows the selection; the detail view scrolls freely, from the top for each server. */
import { useRef, useState } from 'react';
import { clamp, followWindow } from './scroll.js';

/** The first visible line of a list whose focus (focusStart..focusEnd) must stay on screen. */
export function useFollowWindow(focusStart: number, focusEnd: number, height: number, total: number): number {
  const top = useRef(0);
  top.current = followWindow(top.current, focusStart, focusEnd, height, total);
  return top.current;
}

/** A scroll offset within `total` lines shown `height` at a time; back at the top when `resetKey` changes. */
export function useScrollOffset(resetKey: string, total: number, height: number): [number, (delta: number | 'top' | 'bottom') => void] {
  const [state, setState] = useState({ key: resetKey, offset: 0 });
  const max = Math.max(0, total - height);
  const offset = clamp(state.key === resetKey ? state.offset : 0, 0, max);
  const scroll = (delta: number | 'top' | 'bottom') =>
    setState((previous) => {
      const from = clamp(previous.key === resetKey ? previous.offset : 0, 0, max);
      return { key: resetKey, offset: delta === 'top' ? 0 : delta === 'bottom' ? max : clamp(from + delta, 0, max) };
    });
  return [offset, scroll];
}
