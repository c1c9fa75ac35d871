/**
 * `diagnose`: the doctor's report on the Claude Code setup this server runs in, for a model to read.
 *
 * Claude Code hands the model a tool's result as it is and cuts a long one to a 2 KB preview, so the
 * result is the short model summary (render/model-summary.ts): the problems only, root cause first, then
 * where and the fix, and a count of what is fine. There is no structuredContent: Claude Code would forward
 * that JSON instead of the text, every finding twice. The whole evidence is there on request: `detail: true`
 * gives the `--json` report (schemas/report.schema.json) of what is selected, meant for one server.
 */
import { runDoctor } from '../../core/engine/run.js';
import { hasAnyConfig } from '../../core/discover/has-any-config.js';
import { renderModelSummary } from '../../render/model-summary.js';
import { defineTool, textResult } from './define-tool.js';
import { selectionArguments, selectionOf } from './selection.js';

export const diagnoseTool = defineTool({
  name: 'diagnose',
  title: 'Diagnose MCP servers',
  description:
    "Finds why Claude Code MCP servers fail to load ('failed', 'Connection closed', 'ENOENT … posix_spawn'). " +
    'Reads the setup the way Claude Code does (marketplaces, plugins, ~/.claude.json, .mcp.json from the project up), ' +
    'checks each server, and answers with the problems only: per failing server (named as /mcp names it, plugin:<plugin>:<server>) ' +
    'the root cause, where it is (file:line:column) and the fix. Static checks by default (nothing is started); ' +
    "probe: true also starts each server, running its code and contacting remote servers. server plus detail: true gives that server's full evidence as JSON.",
  inputSchema: {
    type: 'object',
    properties: {
      ...selectionArguments,
      detail: {
        type: 'boolean',
        default: false,
        description:
          "The full report as JSON (every finding with its evidence, each server's command, env and stderr) instead of the summary. Long: narrow it with server first. Default false.",
      },
    },
    additionalProperties: false,
  },
  // probe: true runs every server's own code (anything it does) and reaches remote servers: not read-only,
  // open world. Without it nothing is started and nothing is written.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, env) {
    const ctx = env.context();
    let done = 0;
    let total: number | undefined;
    const { report } = await runDoctor(ctx, {
      version: env.version,
      probe: args.probe === true,
      select: selectionOf(args),
      signal: env.signal,
      onEvent: (event) => {
        if (!env.progress) return;
        if (event.type === 'discovered') {
          total = event.report.servers.length;
          env.progress(0, total, `${total} servers to check${args.probe === true ? ' (starting them)' : ''}`);
        } else if (event.type === 'server-done') {
          done += 1;
          env.progress(done, total, `${event.server.id}: ${event.server.status}`);
        }
      },
    });
    const note = hasAnyConfig(ctx) ? '' : `No Claude Code configuration found at ${ctx.configDir} (nor ${ctx.userStateFile}, nor a .mcp.json in ${ctx.cwd}).\n\n`;
    if (args.detail === true) return textResult(note + JSON.stringify(report, null, 1) + '\n');
    return textResult(note + renderModelSummary(report, { homedir: ctx.homedir }));
  },
});
