/**
 * The view's clock: ticks while something is running (spinners, elapsed times) and stops when nothing
 * is, so a finished screen is not redrawn ten times a second.
 */
import { useEffect, useState } from 'react';

export function useTicker(active: boolean, clock: () => number, intervalMs = 100): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    setNow(clock());
    if (!active) return;
    const timer = setInterval(() => setNow(clock()), intervalMs);
    return () => clearInterval(timer);
  }, [active, clock, intervalMs]);
  return now;
}
