/**
 * MCP's stdio transport: one JSON-RPC message per line on stdin, one per line on stdout.
 *
 * Input is bounded: a line longer than MAX_MESSAGE_BYTES is never held whole. Once a line passes the bound
 * what was kept of it is dropped, the rest is skipped up to its newline, and `onOversized` is called once
 * (sdk-transport.ts answers it with a JSON-RPC error), with the first bytes of the line so the answer can
 * carry the request's id. So a 1 GiB line costs the server a few KiB, not a crash.
 *
 * stdout belongs to the protocol alone. Once serving starts, anything else written to `process.stdout`
 * (a stray `console.log` here or in a dependency) is sent to stderr instead, where a client logs it rather
 * than failing on a line that is not JSON-RPC.
 */

/** The largest message read: far above any real MCP request (a tools/call is a few KiB). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** How much of an oversized line is kept to find its id. */
const HEAD_BYTES = 4096;

export interface StdioTransport {
  /** Writes one message as one line. */
  send(message: unknown): void;
  /** Resolves once everything sent so far has been handed to the OS. */
  flush(): Promise<void>;
  /** Resolves when stdin closes (the client's way of shutting the server down). */
  closed: Promise<void>;
}

export interface TransportHandlers {
  onLine(line: string): void;
  /** A line over the bound: its first bytes, and how many bytes had been seen when it was given up. */
  onOversized(head: string, bytes: number): void;
}

export function openStdioTransport(
  handlers: TransportHandlers,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WriteStream = process.stdout,
  maxBytes = MAX_MESSAGE_BYTES,
): StdioTransport {
  const write = output.write.bind(output) as (chunk: string, cb?: (error?: Error | null) => void) => boolean;
  if (output === process.stdout) {
    const toStderr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (toStderr as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
  }
  // A client that went away mid-answer is not worth a crash: the close of stdin follows and ends the server.
  output.on('error', () => {});

  let parts: Buffer[] = [];
  let held = 0;
  /** Inside an oversized line: skipping to its newline. */
  let skipping = false;
  const take = (piece: Buffer) => {
    if (skipping) return;
    if (held + piece.length > maxBytes) {
      const head = Buffer.concat([...parts, piece.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES).toString('utf8');
      handlers.onOversized(head, held + piece.length);
      parts = [];
      held = 0;
      skipping = true;
      return;
    }
    parts.push(piece);
    held += piece.length;
  };
  const endLine = () => {
    if (!skipping) {
      let line = Buffer.concat(parts).toString('utf8');
      if (line.endsWith('\r')) line = line.slice(0, -1);
      handlers.onLine(line);
    }
    parts = [];
    held = 0;
    skipping = false;
  };
  input.on('data', (chunk: Buffer | string) => {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let nl: number;
    while ((nl = buf.indexOf(0x0a)) !== -1) {
      take(buf.subarray(0, nl));
      endLine();
      buf = buf.subarray(nl + 1);
    }
    if (buf.length > 0) take(buf);
  });
  const closed = new Promise<void>((resolve) => {
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      // A last line without a newline is still a message.
      if (held > 0 && !skipping) endLine();
      resolve();
    };
    input.once('end', end);
    input.once('close', end);
    input.once('error', end);
  });

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
