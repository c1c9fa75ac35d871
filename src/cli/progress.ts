/**
 * `mcp-doctor > report.txt` on a terminal: stdout is a file, so the live view cannot run, yet a probe can
 * take the whole startup timeout. One line on stderr (`probing 12/31 servers…`) says what is happening; it
 * is drawn from the same events as the live view and erased before the doctor exits, so the terminal is
 * left as it was. No Ink: a carriage return and spaces are enough, even on a dumb terminal.
 */
import type { DoctorEvent } from '../core/model/types.js';
import { onInterrupt } from './signals.js';

export interface ProgressLine {
  onEvent(event: DoctorEvent): void;
  /** Erases the line; safe to call twice. */
  stop(): void;
}

export interface ProgressOptions {
  /** Whether servers are started (`probing`) or only checked. */
  probe: boolean;
  /** Nothing is drawn for a run shorter than this, so a fast run does not flicker. */
  delayMs?: number;
  now?: () => number;
}

/** The words on the line, from what is known so far (pure, for tests). */
export function progressText(done: number, total: number, probe: boolean, elapsedMs: number): string {
  const verb = probe ? 'probing' : 'checking';
  const seconds = Math.floor(elapsedMs / 1000);
  return `${verb} ${done}/${total} server${total === 1 ? '' : 's'}…${seconds >= 1 ? ` ${seconds}s` : ''}`;
}

export function startProgress(stream: NodeJS.WriteStream, options: ProgressOptions): ProgressLine {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const pending = new Set<string>();
  let total = 0;
  let shown = '';
  let stopped = false;

  const columns = () => Math.max(10, (stream.columns || 80) - 1);
  const draw = () => {
    if (stopped || total === 0 || now() - started < (options.delayMs ?? 200)) return;
    // Never wider than the terminal: a wrapped line could not be taken back with a carriage return.
    const text = progressText(total - pending.size, total, options.probe, now() - started).slice(0, columns());
    stream.write(`\r${text}${' '.repeat(Math.max(0, shown.length - text.length))}\r${text}`);
    shown = text;
  };
  const erase = () => {
    if (shown) stream.write(`\r${' '.repeat(shown.length)}\r`);
    shown = '';
  };
  // Seconds keep moving while a slow server is the only one left.
  const timer = setInterval(draw, 250);
  timer.unref();
  const forget = onInterrupt(erase);

  return {
    onEvent(event) {
      if (event.type === 'discovered') {
        for (const id of event.pending) pending.add(id);
        total = pending.size;
      } else if (event.type === 'server-done') {
        pending.delete(event.server.id);
      }
      draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      forget();
      erase();
    },
  };
}
