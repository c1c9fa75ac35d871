/**
 * The plugin's SessionStart hook (plugins/mcp-doctor/hooks/session-start.mjs): its wall time on a fixture home
 * with broken servers and on a healthy one, as Claude Code runs it, against `node -e 0` and its budget (2.5 s
 * from the session's start, at least 2 s from its own).
 * The budget is lifted here, so the figure is what the checks take, not where the budget cut them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const repo = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const hook = join(repo, 'plugins', 'mcp-doctor', 'hooks', 'session-start.mjs');

function median(args, opts, runs = 7) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = spawnSync(process.execPath, args, { encoding: 'utf8', input: '{"hook_event_name":"SessionStart","source":"startup"}\n', ...opts });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)], min: times[0], max: times[runs - 1], stdout: last.stdout };
}

export async function hookBench() {
  const { materializeFixture } = await import(join(repo, '.build', 'engine.js'));
  const result = { floor: median(['-e', '0'], {}) };
  for (const name of ['fix-story', 'healthy']) {
    const fx = await materializeFixture(join(repo, 'fixtures', 'cases', name));
    const project = existsSync(join(fx.root, 'project')) ? join(fx.root, 'project') : fx.root;
    const env = { PATH: '/usr/bin:/bin', HOME: join(fx.root, 'home'), CLAUDE_PROJECT_DIR: project, MCP_DOCTOR_HOOK_BUDGET_MS: '60000' };
    result[name] = median([hook], { cwd: project, env });
    await fx.cleanup();
  }
  return result;
}

export function printHook(r) {
  const f = (t) => `${(t.ms / 1000).toFixed(3)} s median (min ${(t.min / 1000).toFixed(3)}, max ${(t.max / 1000).toFixed(3)})`;
  console.log('\nSessionStart hook of the plugin (static checks by the bundle it carries; budget 2.5 s from the session start, at least 2 s), 7 runs each');
  console.log(`  node -e 0 (process floor):               ${f(r.floor)}`);
  console.log(`  broken servers (fix-story), one line:    ${f(r['fix-story'])}${r['fix-story'].stdout ? '' : '  (no output?)'}`);
  console.log(`  all healthy (healthy), silent:           ${f(r.healthy)}${r.healthy.stdout ? '  (printed something?)' : ''}`);
  console.log(`  within 2 s: ${r['fix-story'].ms < 2000 && r.healthy.ms < 2000 ? 'yes' : 'no (the hook would stay silent)'}; slowest of 7: ${(Math.max(r['fix-story'].max, r.healthy.max) / 1000).toFixed(3)} s`);
}
