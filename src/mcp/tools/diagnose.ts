/**
 * `diagnose`: the doctor's report on the Claude Code setup this server runs in, as the text a person reads
 * (the text renderer, no colour) and as the `--json` report (schemas/report.schema.json) for a program.
 */
import { runDoctor } from '../../core/engine/run.js';
import { hasAnyConfig } from '../../core/discover/has-any-config.js';
import { renderText } from '../../render/text.js';
import { reportSchema } from '../report-schema.js';
import { defineTool, textResult } from './define-tool.js';
import { selectionArguments, selectionOf } from './selection.js';

export const diagnoseTool = defineTool({
  name: 'diagnose',
  title: 'Diagnose MCP servers',
  description:
    "Finds why Claude Code MCP servers fail to load ('failed', 'Connection closed', 'ENOENT … posix_spawn'). " +
    'Reads the setup the way Claude Code does (marketplaces, plugins, ~/.claude.json, .mcp.json from the project up), ' +
    'checks each server, and reports the root cause, where it is (file:line:column) and the fix. ' +
    'Static checks by default; probe: true also starts each server.',
  inputSchema: { type: 'object', properties: selectionArguments, additionalProperties: false },
  get outputSchema() {
    return reportSchema();
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(args, env) {
    const ctx = env.context();
    const { report } = await runDoctor(ctx, { version: env.version, probe: args.probe === true, select: selectionOf(args) });
    const note = hasAnyConfig(ctx) ? '' : `No Claude Code configuration found at ${ctx.configDir} (nor ${ctx.userStateFile}, nor a .mcp.json in ${ctx.cwd}).\n\n`;
    return textResult(note + renderText(report, { color: false, homedir: ctx.homedir }), report as unknown as Record<string, unknown>);
  },
});
