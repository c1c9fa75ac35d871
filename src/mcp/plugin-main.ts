/**
 * The entry of the mcp-doctor plugin's own bundle (plugins/mcp-doctor/dist/mcp-doctor.mjs, one file built by
 * `npm run build`): the plugin runs it with the `node` that runs Claude Code's other servers, so it works
 * offline right after install, with no npm name, no npx and nothing downloaded. Two commands:
 *   mcp                          the MCP server (the plugin's .mcp.json)
 *   session-start --project DIR  the SessionStart hook's checks: static only, one JSON line when something
 *                                will not load, nothing when all is well
 * Nothing of the CLI proper (commander, Ink) is in it: it starts fast.
 */
import { createContext } from '../core/model/context.js';
import { runDoctor } from '../core/engine/run.js';
import { killAllGroups } from '../core/util/live-processes.js';
import { sessionStartMessage } from '../render/model-summary.js';

declare const MCP_DOCTOR_VERSION: string;
const version = typeof MCP_DOCTOR_VERSION === 'string' ? MCP_DOCTOR_VERSION : '0.0.0-dev';

// Claude Code ends a server with SIGINT, then SIGTERM: no probed server outlives us.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killAllGroups('SIGKILL');
    process.exit(0);
  });
}

const [command, ...rest] = process.argv.slice(2);

async function sessionStart(args: string[]): Promise<void> {
  const at = args.indexOf('--project');
  const project = at >= 0 ? args[at + 1] : undefined;
  const ctx = createContext(project ? { cwd: project } : {});
  const { report } = await runDoctor(ctx, { version, probe: false });
  const message = sessionStartMessage(report);
  if (message) process.stdout.write(JSON.stringify(message) + '\n');
}

try {
  if (command === 'mcp') {
    // Loaded only here: the hook's checks need neither the MCP SDK's server nor its schemas.
    const [{ serveStdio }, { tools }] = await Promise.all([import('./serve.js'), import('./tools/index.js')]);
    await serveStdio({ version, tools, context: () => createContext() });
    process.exit(0);
  } else if (command === 'session-start') {
    await sessionStart(rest);
    process.exit(0);
  } else if (command === '--version') {
    process.stdout.write(`${version}\n`);
  } else {
    process.stderr.write(`mcp-doctor plugin: unknown command '${String(command).slice(0, 80)}' (it takes: mcp, session-start --project DIR, --version)\n`);
    process.exit(2);
  }
} catch (error) {
  killAllGroups('SIGKILL');
  process.stderr.write(`mcp-doctor plugin: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(70);
}
