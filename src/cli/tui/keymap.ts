/**
 * Keys to commands, per screen. One table, pure, so the help overlay, the README and the tests agree on
 * what a key does. Ctrl-C always interrupts (Ink's raw mode delivers it as a key, not as a signal).
 */
import type { Key } from 'ink';

export type Screen = 'list' | 'detail' | 'help' | 'fix-confirm' | 'fix-busy' | 'fix-result';

export type Command =
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'first'
  | 'last'
  | 'toggle-detail'
  | 'close'
  | 'problems-only'
  | 'reprobe'
  | 'fix'
  | 'help'
  | 'copy'
  | 'quit'
  | 'interrupt'
  | 'confirm'
  | 'decline';

/** What the help overlay lists, in this order. */
export const keyHelp: [keys: string, what: string][] = [
  ['↑ ↓  j k', 'move through the rows (in the detail view: scroll)'],
  ['PgUp PgDn  g G', 'a screen up or down, first, last'],
  ['Enter', 'open or close the detail of the selected row'],
  ['e', 'show problems only, or everything'],
  ['r', 're-check and re-start the selected server'],
  ['f', "apply the selected row's fix (asks first)"],
  ['c', "copy the selected row's command (OSC 52; printed again when you quit)"],
  ['?', 'this help'],
  ['Esc', 'close the detail, help or fix panel (never quits)'],
  ['q', 'quit (before the run ends: prints what was found so far, exit 130)'],
  ['Ctrl-C', 'stop every server and exit at once (130)'],
];

type KeyLike = Pick<Key, 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl'> & Partial<Key>;

export function commandFor(input: string, key: KeyLike, screen: Screen): Command | null {
  if (key.ctrl && input === 'c') return 'interrupt';
  switch (screen) {
    case 'fix-confirm':
      return input === 'y' || input === 'Y' ? 'confirm' : 'decline';
    case 'fix-busy':
      return null;
    case 'help':
    case 'fix-result':
      return input === 'q' ? 'quit' : 'close';
    case 'list':
    case 'detail':
      break;
  }
  if (key.upArrow || input === 'k') return 'up';
  if (key.downArrow || input === 'j') return 'down';
  if (key.pageUp) return 'page-up';
  if (key.pageDown || input === ' ') return 'page-down';
  if (key.home || input === 'g') return 'first';
  if (key.end || input === 'G') return 'last';
  if (key.return) return 'toggle-detail';
  if (key.escape) return 'close';
  switch (input) {
    case 'e':
      return 'problems-only';
    case 'r':
      return 'reprobe';
    case 'f':
      return 'fix';
    case '?':
      return 'help';
    case 'c':
      return 'copy';
    case 'q':
      return 'quit';
  }
  return null;
}

const noKey: KeyLike = { upArrow: false, downArrow: false, pageUp: false, pageDown: false, home: false, end: false, return: false, escape: false, ctrl: false };

/**
 * Ink hands over a run of plain characters as one input (it takes it for a paste): held-down `j`, or keys
 * typed faster than the screen redraws, arrive as "jjj". Each character is a key press here.
 */
export function commandsFor(input: string, key: KeyLike, screen: Screen): Command[] {
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.escape) {
    const one = commandFor(input, key, screen);
    return one ? [one] : [];
  }
  return chars.flatMap((c) => {
    const one = c === '\r' || c === '\n' ? commandFor('', { ...noKey, return: true }, screen) : commandFor(c, noKey, screen);
    return one ? [one] : [];
  });
}
