/**
 * The MCP server over stdio: lines in, dispatched concurrently (a long diagnose does not hold up a ping),
 * answers out. It ends when stdin closes: answers already under way get a short grace, then every server
 * a probe started is killed, so nothing outlives it.
 */
import { killAllGroups } from '../core/util/live-processes.js';
import type { DoctorContext } from '../core/model/context.js';
import { createDispatcher } from './dispatcher.js';
import type { McpTool } from './tools/define-tool.js';
import { openStdioTransport } from './transport.js';

/** How long answers under way may still take once the client has closed stdin (its SDK waits 2 s, then SIGTERM). */
const GRACE_AFTER_EOF_MS = 1_500;

export interface ServeOptions {
  version: string;
  tools: readonly McpTool[];
  /** A context per tool call: the setup is read afresh each time, as the user may have fixed something. */
  context: () => DoctorContext;
}

export async function serveStdio({ version, tools, context }: ServeOptions): Promise<void> {
  const log = (message: string) => void process.stderr.write(`mcp-doctor mcp: ${message}\n`);
  const dispatch = createDispatcher({ version, tools, env: { version, context, log } });
  const inFlight = new Set<Promise<void>>();
  const transport = openStdioTransport((line) => {
    const work: Promise<void> = dispatch(line)
      .then((response) => {
        if (response) transport.send(response);
      })
      .catch((error: unknown) => log(`unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  await transport.closed;
  if (inFlight.size > 0) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, GRACE_AFTER_EOF_MS)))]);
    clearTimeout(timer);
  }
  killAllGroups('SIGKILL');
  await transport.flush();
}
