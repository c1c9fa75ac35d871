/**
 * The one question `--fix` and `undo` ask in a terminal. Anything but y/yes (Enter, Ctrl-D) means no;
 * Ctrl-C is an interrupt like anywhere else (exit 130), not an answer.
 */
import { createInterface } from 'node:readline/promises';
import { shutdownNow } from './signals.js';

/** Can we ask? Both the keyboard and the place the question goes must be a terminal. */
export function canAsk(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // readline puts the terminal in raw mode, so Ctrl-C arrives here rather than as a signal.
  rl.on('SIGINT', () => {
    rl.close();
    process.stderr.write('\n');
    shutdownNow('SIGINT');
  });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^(y|yes)$/i.test(answer.trim());
  } catch {
    return false;
  } finally {
    rl.close();
  }
}
