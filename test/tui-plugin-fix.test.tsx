/**
 * `f` on a plugin's row applies the fixes of its own problems (a hook script left non-executable): through
 * the fix actions (the same plan, applier, journal and undo as --fix), on a real copy of the hook-noexec
 * fixture plugin, then from the live view (ink-testing-library, fed by a real run of the core).
 */
import { chmod, cp, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type DoctorContext } from '../src/core/model/context.js';
import { runDoctor, type RunOptions } from '../src/core/engine/run.js';
import { undoLast } from '../src/core/fix/undo.js';
import { fixActions } from '../src/cli/fix-actions.js';
import { createEventFeed } from '../src/cli/event-feed.js';
import { createServerActions } from '../src/cli/server-actions.js';
import { App, type QuitRequest } from '../src/cli/tui/app.js';
import { repoRoot, TEST_PATH } from './helpers/run-cli.js';
import { selected, waitFor } from './helpers/ink-frames.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mcp-doctor-plugfix-'));
  await cp(join(repoRoot, 'fixtures', 'servers'), join(scratch, 'servers'), { recursive: true });
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A fresh copy of the fixture plugin (its server reached as ${CLAUDE_PLUGIN_ROOT}/../../servers), its hook at mode 644. */
async function plugin(name: string): Promise<{ ctx: DoctorContext; options: RunOptions; hook: string }> {
  const root = join(scratch, name);
  await cp(join(repoRoot, 'fixtures', 'plugin-errors', 'hook-noexec'), join(root, 'hook-noexec'), { recursive: true });
  await mkdir(join(root, 'project'), { recursive: true });
  const hook = join(root, 'hook-noexec', 'hooks', 'start.sh');
  await chmod(hook, 0o644);
  const home = join(root, 'home');
  const ctx = createContext({ env: { PATH: TEST_PATH, HOME: home, XDG_CACHE_HOME: join(root, '.cache') }, cwd: join(root, 'project'), homedir: home, managedDir: join(root, 'managed'), platform: 'linux' });
  return { ctx, options: { version: 'test', paths: [join(root, 'hook-noexec')], probe: false }, hook };
}
const mode = async (file: string) => (await stat(file)).mode & 0o777;

const tick = () => new Promise((r) => setTimeout(r, 30));

describe('f on a plugin row', () => {
  it('the fix actions plan and apply a plugin-level fix, re-check the plugin, and journal it for undo', async () => {
    const { ctx, options, hook } = await plugin('actions');
    const { report } = await runDoctor(ctx, options);
    const id = report.plugins[0]!.id;
    expect(report.findings.filter((f) => f.server === null).map((f) => [f.code, f.plugin])).toEqual([['hook.not-executable', id]]);

    const actions = fixActions(ctx, options, {});
    // A server's plan does not carry the plugin's fix; the plugin's does, and only it.
    const ofServer = await actions.plan(report.servers[0]!.id);
    expect(ofServer.changes).toEqual([]);
    const plan = await actions.plan(id, 'plugin');
    expect(plan).toMatchObject({ serverId: id, of: 'plugin' });
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]).toMatchObject({ enabled: true, needs: null });
    expect(await mode(hook)).toBe(0o644);

    const result = await actions.apply(plan);
    expect(result.outcomes).toEqual([{ line: plan.changes[0]!.line, status: 'applied', reason: null }]);
    expect(result.after).toBeNull();
    expect(result.plugin).toMatchObject({ before: 1, after: 0 });
    expect(result.plugin?.rechecked?.findings.filter((f) => f.server === null)).toEqual([]);
    expect(result.journal).toMatch(/journal\/.*\.json$/);
    expect(await mode(hook)).toBe(0o755);

    const undone = await undoLast(ctx);
    expect(undone.outcomes.map((o) => o.status)).toEqual(['undone']);
    expect(await mode(hook)).toBe(0o644);
  });

  it('from the live view: the plugin row, f, the plan, y; the hook is executable and the row is gone', async () => {
    const { ctx, options, hook } = await plugin('view');
    const feed = createEventFeed();
    const quits: QuitRequest[] = [];
    const app = render(<App feed={feed} actions={createServerActions(ctx, options, fixActions(ctx, options, {}))} version="0" color={false} onQuit={(q) => quits.push(q)} onInterrupt={() => {}} />);
    await runDoctor(ctx, { ...options, onEvent: (e) => feed.push(e) });
    const list = await waitFor(app.lastFrame, (t) => /✔ ok/.test(t) && /no execute permission/.test(t), 'the plugin problem row');
    expect(list).toMatch(/1 plugin\/file problem/);
    await press(app.stdin, 'g');
    expect(selected(app.lastFrame() ?? '')).toMatch(/✘ hook-noexec\s+Hook SessionStart: .* has no execute permission/);
    await press(app.stdin, 'f');
    const plan = await waitFor(app.lastFrame, (t) => t.includes('[y/N]'), 'the plan and the question');
    expect(plan).toMatch(/start\.sh/);
    expect(await mode(hook)).toBe(0o644);
    await press(app.stdin, 'y');
    const result = await waitFor(app.lastFrame, (t) => t.includes('Journal:'), 'the outcome');
    expect(result).toMatch(/hook-noexec\S*: 1 problem → no problems/);
    expect(await mode(hook)).toBe(0o755);
    await press(app.stdin, 'x');
    const after = await waitFor(app.lastFrame, (t) => !/no execute permission/.test(t), 'the list without the plugin problem');
    expect(after).not.toMatch(/plugin\/file problem/);
    await press(app.stdin, 'q');
    expect(quits[0]?.report?.findings.filter((f) => f.server === null)).toEqual([]);
    expect(quits[0]?.applied).toHaveLength(1);
    app.unmount();
    await undoLast(ctx);
    expect(await mode(hook)).toBe(0o644);
  });
});

async function press(stdin: { write(data: string): void }, ...keys: string[]) {
  for (const k of keys) {
    stdin.write(k);
    await tick();
  }
}
