/**
 * The MCP server over stdio: lines in, dispatched concurrently (a long diagnose does not hold up a ping or
 * another tool call), answers out. It ends when stdin closes: answers already under way get a short grace,
 * then every server a probe started is killed, so nothing outlives it.
 */
import { killAllGroups } from '../core/util/live-processes.js';
import type { DoctorContext } from '../core/model/context.js';
import { createDispatcher } from './dispatcher.js';
import type { McpTool } from './tools/define-tool.js';
import { MAX_MESSAGE_BYTES, openStdioTransport } from './transport.js';

/** How long answers under way may still take once the client has closed stdin (its SDK waits 2 s, then SIGTERM). */
const GRACE_AFTER_EOF_MS = 1_500;

export interface ServeOptions {
  version: string;
  tools: readonly McpTool[];
  /** A context per tool call: the setup is read afresh each time, as the user may have fixed something. */
  context: () => DoctorContext;
  /** The largest message read (tests lower it). */
  maxMessageBytes?: number;
}

export async function serveStdio({ version, tools, context, maxMessageBytes = MAX_MESSAGE_BYTES }: ServeOptions): Promise<void> {
  const log = (message: string) => void process.stderr.write(`mcp-doctor mcp: ${message}\n`);
  let transport: ReturnType<typeof openStdioTransport> | undefined;
  const { dispatch, oversized } = createDispatcher({ version, tools, env: { version, context, log }, notify: (m) => transport?.send(m), maxBytes: maxMessageBytes });
  const inFlight = new Set<Promise<void>>();
  transport = openStdioTransport(
    {
      onLine: (line) => {
        const work: Promise<void> = dispatch(line)
          .then((response) => {
            if (response) transport!.send(response);
          })
          .catch((error: unknown) => log(`unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
          .finally(() => inFlight.delete(work));
        inFlight.add(work);
      },
      onOversized: (head, bytes) => transport!.send(oversized(head, bytes)),
    },
    process.stdin,
    process.stdout,
    maxMessageBytes,
  );
  await transport.closed;
  if (inFlight.size > 0) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, GRACE_AFTER_EOF_MS)))]);
    clearTimeout(timer);
  }
  killAllGroups('SIGKILL');
  await transport.flush();
}
