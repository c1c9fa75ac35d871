/**
 * The whole live view (App) with ink-testing-library, fed by a real run of the core on the live-view
 * fixture home (real fixture servers), with the real re-probe and, for `f`, a real in-test implementation
 * of the fix interface that edits the fixture's config and re-probes, as the --fix applier will.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type DoctorContext } from '../src/core/model/context.js';
import { runDoctor, type DoctorRun, type RunOptions } from '../src/core/engine/run.js';
import type { ServerActions } from '../src/cli/actions.js';
import { createEventFeed, type EventFeed } from '../src/cli/event-feed.js';
import { createServerActions } from '../src/cli/server-actions.js';
import { App, type QuitRequest } from '../src/cli/tui/app.js';
import { fixtureHome, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';
import { selected, waitFor } from './helpers/ink-frames.js';

let fx: FixtureHome;
let work: string;
let ctx: DoctorContext;
let feed: EventFeed;
let running: Promise<DoctorRun>;
const options: RunOptions = { version: '0.0.0-test', probe: true, timeoutMs: 30_000 };

beforeAll(async () => {
  fx = await fixtureHome('live-view');
  work = mkdtempSync(join(tmpdir(), 'mcp-doctor-app-'));
  ctx = createContext({
    env: { PATH: TEST_PATH, ...fx.env, LIVE_GATE: join(work, 'gate') },
    homedir: fx.home,
    cwd: fx.project,
    managedDir: join(work, 'managed'),
  });
  feed = createEventFeed();
});

afterAll(async () => {
  await running;
  await fx?.cleanup();
  rmSync(work, { recursive: true, force: true });
});



const rowOf = (text: string, name: string) => text.split('\n').find((l) => new RegExp(`[✔⚠✘○⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] ${name}\\b`).test(l)) ?? '';

function mount(actions: ServerActions, color = false) {
  const quits: QuitRequest[] = [];
  let interrupts = 0;
  const app = render(<App feed={feed} actions={actions} version="0.0.0-test" color={color} home={fx.home} onQuit={(q) => quits.push(q)} onInterrupt={() => interrupts++} />);
  return { ...app, quits, interrupts: () => interrupts };
}

/** Presses keys one at a time, as a person does, letting the view redraw in between. */
async function press(stdin: { write(data: string): void }, ...keys: string[]) {
  for (const k of keys) {
    stdin.write(k);
    await new Promise((r) => setTimeout(r, 30));
  }
}

describe('the live view', () => {
  it('follows the run, navigates, filters, re-checks a server, quits', async () => {
    const app = mount(createServerActions(ctx, options));
    running = runDoctor(ctx, { ...options, onEvent: (e) => feed.push(e) });

    const probing = await waitFor(app.lastFrame, (t) => /starting…/.test(rowOf(t, 'slow')) && /1 pending/.test(t), 'slow pending while the rest are done');
    expect(probing).toMatch(/✘ crash/);
    await press(app.stdin, 'r');
    await waitFor(app.lastFrame, (t) => t.includes('Wait for the run to finish before re-checking a server.'), 'r refused while running');

    writeFileSync(join(work, 'gate'), '');
    await running;
    const done = await waitFor(app.lastFrame, (t) => /done in/.test(t), 'the end of the run');
    expect(selected(done)).toMatch(/✘ crash/);

    // Problems only: the healthy and disabled servers go, the failing and degraded stay.
    await press(app.stdin, 'e');
    const problems = await waitFor(app.lastFrame, (t) => !/✔ ok/.test(t), 'problems only');
    expect(problems).toMatch(/⚠ banner/);
    expect(problems).not.toMatch(/○ dormant/);
    expect(problems).toMatch(/e show all/);
    await press(app.stdin, 'e');
    await waitFor(app.lastFrame, (t) => /○ dormant/.test(t), 'everything again');

    await press(app.stdin, '?');
    const help = await waitFor(app.lastFrame, (t) => t.includes('Keys'), 'the help');
    expect(help).toMatch(/Enter\s+open or close the detail/);
    await press(app.stdin, 'x');
    await waitFor(app.lastFrame, (t) => /✘ crash/.test(t), 'the list again');

    await press(app.stdin, 'f');
    await waitFor(app.lastFrame, (t) => t.includes('--fix is not available yet'), 'f without the applier');

    // The user installs the missing module (on PYTHONPATH) and re-checks: the row turns healthy.
    writeFileSync(join(work, 'mcp_doctor_fixture_missing_module.py'), '');
    ctx.env.PYTHONPATH = work;
    await press(app.stdin, 'r');
    const fixed = await waitFor(app.lastFrame, (t) => /✔ crash/.test(t), 'crash healthy after r', 45_000);
    expect(fixed).toMatch(/✔ 3 ok\s+⚠ 1 with warnings\s+✘ 1 failing/);
    delete ctx.env.PYTHONPATH;

    await press(app.stdin, '\x03');
    expect(app.interrupts()).toBe(1);
    await press(app.stdin, 'q');
    expect(app.quits).toHaveLength(1);
    expect(app.quits[0]?.finished).toBe(true);
    expect(app.quits[0]?.report?.summary).toMatchObject({ ok: 3, degraded: 1, failed: 1, errors: 1 });
    app.unmount();
  });

  it('f plans, asks, applies through the fix interface, and shows before → after', async () => {
    await running;
    const config = join(fx.home, 'code', 'fx-marketplace', 'plugins', 'live', '.mcp.json');
    const original = readFileSync(config, 'utf8');
    const base = createServerActions(ctx, options);
    const fix: NonNullable<ServerActions['fix']> = {
      async plan(id) {
        if (id.endsWith(':crash')) throw new Error('no plan for a missing module here');
        if (id.endsWith(':banner')) return { serverId: id, changes: [{ id: 'log', line: 'send the banner to stderr', enabled: false, needs: '--edit-source' }], manual: ['ask the author to log to stderr'] };
        return {
          serverId: id,
          changes: [
            { id: 'mode', line: `start ${id} in mode ok (edit .mcp.json)`, enabled: true, needs: null },
            { id: 'build', line: 'rebuild the fixture server', enabled: false, needs: '--build' },
          ],
          manual: ['export LIVE_API_KEY where Claude Code starts'],
        };
      },
      async apply(plan) {
        const before = (await base.reprobe(plan.serverId)).status;
        const journal = join(work, 'journal.json');
        writeFileSync(journal, JSON.stringify({ file: config, before: original }));
        writeFileSync(config, original.replace('"exit"]', '"ok"]'));
        const after = await base.reprobe(plan.serverId);
        return {
          outcomes: [
            { line: plan.changes[0]?.line ?? '', status: 'applied', reason: null },
            { line: plan.changes[1]?.line ?? '', status: 'skipped', reason: 'needs --build' },
            { line: plan.manual[0] ?? '', status: 'manual', reason: null },
          ],
          before,
          after,
          journal,
        };
      },
    };
    const app = mount({ ...base, fix });
    await waitFor(app.lastFrame, (t) => /done in/.test(t), 'the replayed run');
    // A plan with nothing mcp-doctor may change on its own: only what is left to the user.
    await press(app.stdin, 'g');
    expect(selected(app.lastFrame() ?? '')).toMatch(/⚠ banner/);
    await press(app.stdin, 'f');
    const nothing = await waitFor(app.lastFrame, (t) => t.includes('Any key: back'), 'a plan without changes');
    expect(nothing).toMatch(/There is nothing mcp-doctor can change for banner on its own\./);
    expect(nothing).toMatch(/- send the banner to stderr \(needs --edit-source\)/);
    expect(nothing).toMatch(/☐ ask the author to log to stderr/);
    await press(app.stdin, 'x');

    // A planner that fails says so; nothing happens.
    await press(app.stdin, 'j');
    expect(selected(app.lastFrame() ?? '')).toMatch(/crash/);
    await press(app.stdin, 'f');
    await waitFor(app.lastFrame, (t) => t.includes('planning the fix failed: no plan for a missing module here'), 'the planner error');
    await press(app.stdin, 'x');

    for (let i = 0; i < 6 && !/exit/.test(selected(app.lastFrame() ?? '')); i++) await press(app.stdin, 'j');
    expect(selected(app.lastFrame() ?? '')).toMatch(/✘ exit/);

    await press(app.stdin, 'f');
    const plan = await waitFor(app.lastFrame, (t) => t.includes('[y/N]'), 'the plan and the question');
    expect(plan).toMatch(/Fix exit/);
    expect(plan).toMatch(/1\. start plugin:live:exit in mode ok \(edit \.mcp\.json\)/);
    expect(plan).toMatch(/- rebuild the fixture server \(needs --build\)/);
    expect(plan).toMatch(/☐ export LIVE_API_KEY where Claude Code starts/);

    // Anything but y declines: nothing changes.
    await press(app.stdin, 'n');
    await waitFor(app.lastFrame, (t) => t.includes('Nothing was changed.'), 'declined');
    expect(readFileSync(config, 'utf8')).toBe(original);

    await press(app.stdin, 'f');
    await waitFor(app.lastFrame, (t) => t.includes('[y/N]'), 'the question again');
    await press(app.stdin, 'y');
    const result = await waitFor(app.lastFrame, (t) => t.includes('Journal:'), 'the outcome', 45_000);
    expect(result).toMatch(/✔ start plugin:live:exit in mode ok/);
    expect(result).toMatch(/- rebuild the fixture server \(needs --build\)/);
    expect(result).toMatch(/exit: failed → ok/);
    expect(readFileSync(config, 'utf8')).toContain('"ok"]');

    await press(app.stdin, 'x');
    const list = await waitFor(app.lastFrame, (t) => /✔ exit/.test(t), 'the list with exit healthy');
    expect(list).not.toMatch(/✘ exit/);
    await press(app.stdin, 'q');
    // This view replayed the original run, where crash still fails; exit is healthy now.
    const final = app.quits[0]?.report;
    expect(final?.servers.find((x) => x.name === 'exit')?.status).toBe('ok');
    expect(final?.summary).toMatchObject({ failed: 1, ok: 3 });
    app.unmount();
    writeFileSync(config, original);
  });

  it('paints with colour only when asked to', async () => {
    await running;
    const level = chalk.level;
    chalk.level = 1;
    try {
      const plain = mount(createServerActions(ctx, options), false);
      const painted = mount(createServerActions(ctx, options), true);
      await waitFor(plain.lastFrame, (t) => /done in/.test(t), 'plain frame');
      const coloured = await waitFor(painted.lastFrame, (t) => /done in/.test(t), 'coloured frame');
      expect(plain.lastFrame()).not.toContain('\x1b[');
      expect(coloured).toContain('\x1b[31m');
      plain.unmount();
      painted.unmount();
    } finally {
      chalk.level = level;
    }
  });
});

