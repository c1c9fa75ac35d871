/**
 * Mounts the live view on the terminal. It takes the alternate screen (as a pager does), so redrawing never
 * scrolls the user's history and a resize can repaint from a clean screen; leaving restores the terminal
 * as it was. This module is what `commands/interactive.ts` imports dynamically: Ink and React load here
 * and nowhere else.
 */
import chalk from 'chalk';
import { render } from 'ink';
import { App, type AppProps, type QuitRequest } from './app.js';

const enterAltScreen = '\x1b[?1049h\x1b[2J\x1b[H';
const leaveAltScreen = '\x1b[?1049l';
const clearScreen = '\x1b[2J\x1b[H';

export interface TuiHandle {
  /** Resolves when the user quits (q, Esc). */
  quit: Promise<QuitRequest>;
  /** Unmounts and gives the terminal back; synchronous, so it can run inside a signal handler. Idempotent. */
  close(): void;
}

export interface TuiStreams {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

export function startTui(props: Omit<AppProps, 'onQuit'>, streams: TuiStreams = { stdout: process.stdout, stdin: process.stdin }): TuiHandle {
  const { stdout, stdin } = streams;
  // Ink paints through chalk, which decides colour support on its own; mcp-doctor's decision (color.ts) wins.
  chalk.level = props.color ? Math.max(chalk.level, 1) as typeof chalk.level : 0;

  let size = `${stdout.columns}x${stdout.rows}`;
  // Before Ink redraws for the new size: old lines the terminal rewrapped would otherwise stay on screen.
  const onResize = () => {
    const now = `${stdout.columns}x${stdout.rows}`;
    if (now !== size) stdout.write(clearScreen);
    size = now;
  };
  stdout.prependListener('resize', onResize);
  stdout.write(enterAltScreen);

  let closed = false;
  let resolveQuit: (q: QuitRequest) => void = () => {};
  const quit = new Promise<QuitRequest>((resolve) => (resolveQuit = resolve));
  const close = () => {
    if (closed) return;
    closed = true;
    instance.unmount();
    stdout.off('resize', onResize);
    stdout.write(leaveAltScreen);
  };
  const instance = render(
    <App
      {...props}
      onQuit={(request) => {
        // Out of the key handler first: unmounting from inside Ink's input dispatch is not safe.
        setImmediate(() => {
          close();
          resolveQuit(request);
        });
      }}
    />,
    { stdout, stdin, exitOnCtrlC: false, patchConsole: true },
  );
  return { quit, close };
}
