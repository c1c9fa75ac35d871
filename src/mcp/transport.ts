/**
 * MCP's stdio transport: one JSON-RPC message per line on stdin, one per line on stdout.
 *
 * stdout belongs to the protocol alone. Once serving starts, anything else written to `process.stdout`
 * (a stray `console.log` here or in a dependency) is sent to stderr instead, where a client logs it rather
 * than failing on a line that is not JSON-RPC.
 */
import { createInterface } from 'node:readline';

export interface StdioTransport {
  /** Writes one message as one line. */
  send(message: unknown): void;
  /** Resolves once everything sent so far has been handed to the OS. */
  flush(): Promise<void>;
  /** Resolves when stdin closes (the client's way of shutting the server down). */
  closed: Promise<void>;
}

export function openStdioTransport(onLine: (line: string) => void, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WriteStream = process.stdout): StdioTransport {
  const write = output.write.bind(output) as (chunk: string, cb?: (error?: Error | null) => void) => boolean;
  if (output === process.stdout) {
    const toStderr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (toStderr as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
  }
  // A client that went away mid-answer is not worth a crash: the close of stdin follows and ends the server.
  output.on('error', () => {});

  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  lines.on('line', onLine);
  const closed = new Promise<void>((resolve) => lines.once('close', () => resolve()));

  return {
    send: (message) => {
      write(JSON.stringify(message) + '\n');
    },
    flush: () =>
      new Promise((resolve) => {
        if (output.writableEnded || output.destroyed) resolve();
        else write('', () => resolve());
      }),
    closed,
  };
}
