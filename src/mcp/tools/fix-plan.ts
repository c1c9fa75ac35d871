/**
 * `fix_plan`: what `mcp-doctor --fix` would change, and the steps it would leave to the user, without
 * changing anything: the core's fix session as a dry run (its plan and `fixes` section), never the applier. Text only, as
 * diagnose: Claude Code would hand the model a structuredContent's JSON instead of the text, and the text
 * is what names the command that applies the plan (docs/claude-code-facts.md §24).
 */
import { shellLine } from '../../core/model/shell-quote.js';
import { gateOption } from '../../core/fix/gates.js';
import { runFixSession } from '../../core/engine/fix-session.js';
import { runDoctor } from '../../core/engine/run.js';
import { renderPlan } from '../../render/fix-text.js';
import { defineTool, textResult } from './define-tool.js';
import { selectionArguments, selectionOf } from './selection.js';

const gate = (option: string, what: string) => ({ type: 'boolean' as const, default: false, description: `Plan as with ${option}: ${what}. Default false (listed as needing ${option}).` });

export const fixPlanTool = defineTool({
  name: 'fix_plan',
  title: 'Plan repairs (changes nothing)',
  description:
    'What `mcp-doctor --fix` would change (relink a lost venv, set an exec bit, …) and the steps it leaves to the user, ' +
    'for the servers diagnose finds broken. Nothing is changed: the user applies the plan with the command it names.',
  inputSchema: {
    type: 'object',
    properties: {
      ...selectionArguments,
      rebuild_venvs: gate('--rebuild-venvs', 'create missing or broken venvs and install their requirements'),
      install_deps: gate('--install-deps', 'install missing Node dependencies'),
      build: gate('--build', 'build commands that are build output nobody built'),
    },
    additionalProperties: false,
  },
  // Changes no file, but probe: true runs every server's code and reaches remote servers (see diagnose).
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, env) {
    const ctx = env.context();
    const select = selectionOf(args);
    const run = await runDoctor(ctx, { version: env.version, probe: args.probe === true, select, signal: env.signal });
    const gates = { rebuildVenvs: args.rebuild_venvs === true, installDeps: args.install_deps === true, build: args.build === true };
    const { section } = await runFixSession(run, ctx, { version: env.version, probe: false }, { gates, dryRun: true });
    const options = [
      ...(select.plugins ?? []).flatMap((p) => ['--plugin', p]),
      ...(select.servers ?? []).flatMap((s) => ['--server', s]),
      ...(gates.rebuildVenvs ? [gateOption['rebuild-venvs']] : []),
      ...(gates.installDeps ? [gateOption['install-deps']] : []),
      ...(gates.build ? [gateOption.build] : []),
    ];
    const planned = section.changes.some((c) => c.status === 'planned');
    const gated = [...new Set(section.changes.flatMap((c) => (c.status === 'skipped' && c.option ? [c.option] : [])))];
    // Quoted, so a name with a space or a quote pastes into a shell as it reads.
    const apply = (extra: string[]) => shellLine(['mcp-doctor', '--fix', ...options, ...extra]);
    const footer = ['', planned || gated.length > 0 ? 'Nothing was changed.' : 'Nothing to apply; nothing was changed.'];
    if (planned) footer.push(`To apply: ${apply([])}`);
    if (gated.length > 0) footer.push(`To include the changes marked [needs …]: ${apply(gated)}`);
    return textResult(renderPlan(section, run.report, { color: false, homedir: ctx.homedir }) + footer.join('\n') + '\n');
  },
});
