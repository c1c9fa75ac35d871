/**
 * Which slice of a long list is on screen. The window moves only as far as needed to keep the focus (the
 * selected server and the headers just above it) visible, like a pager, rather than recentring on every
 * key; when the focus is taller than the window, its last line wins.
 */
export function followWindow(previousTop: number, focusStart: number, focusEnd: number, height: number, total: number): number {
  const h = Math.max(1, height);
  let top = previousTop;
  if (focusStart < top) top = focusStart;
  if (focusEnd >= top + h) top = focusEnd - h + 1;
  return clamp(top, 0, Math.max(0, total - h));
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
