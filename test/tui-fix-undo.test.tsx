/**
 * Two fixes from the live view, then two `mcp-doctor undo --yes` from the CLI, restore the home byte for byte:
 * the App (ink-testing-library) fed by a real run of the core on a real fixture home with two servers whose
 * scripts lack their exec bit, the real fix actions (the --fix applier and journal), the built CLI's undo.
 */
import { chmodSync, copyFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/model/context.js';
import type { DoctorEvent } from '../src/core/model/types.js';
import { runDoctor, type RunOptions } from '../src/core/engine/run.js';
import { fixActions } from '../src/cli/fix-actions.js';
import { createEventFeed } from '../src/cli/event-feed.js';
import { createServerActions } from '../src/cli/server-actions.js';
import { App, type QuitRequest } from '../src/cli/tui/app.js';
import { fixtureHome, runCliAsync, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';
import { snapshot, treeDiff } from './helpers/tree.js';
import { selected, waitFor } from './helpers/ink-frames.js';

const homes: FixtureHome[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
});
// The journals are mcp-doctor's own; a plugin's data folder is Claude Code's.
const notOurs = ['home/.cache/mcp-doctor', 'home/.claude/plugins/data'];
const mode = (file: string) => statSync(file).mode & 0o777;

async function press(stdin: { write(data: string): void }, ...keys: string[]) {
  for (const k of keys) {
    stdin.write(k);
    await new Promise((r) => setTimeout(r, 30));
  }
}

describe('two fixes from the live view, two undos', () => {
  it('f on two servers makes two journals; mcp-doctor undo --yes twice leaves the home byte-identical', async () => {
    // The not-executable fixture with a second server whose script also lacks its exec bit.
    const fx = await fixtureHome('not-executable');
    homes.push(fx);
    const plugin = join(fx.root, 'mkt/plugins/noexec');
    copyFileSync(join(plugin, 'server.sh'), join(plugin, 'second.sh'));
    chmodSync(join(plugin, 'second.sh'), 0o644);
    writeFileSync(join(plugin, '.mcp.json'), JSON.stringify({ mcpServers: { noexec: { command: '${CLAUDE_PLUGIN_ROOT}/server.sh' }, second: { command: '${CLAUDE_PLUGIN_ROOT}/second.sh' } } }));
    const scripts = [join(plugin, 'server.sh'), join(plugin, 'second.sh')];
    const before = snapshot(fx.root, notOurs);

    const ctx = createContext({ env: { PATH: TEST_PATH, ...fx.env }, cwd: fx.project, homedir: fx.home, managedDir: join(fx.root, 'managed') });
    const options: RunOptions = { version: 'test', probe: true, timeoutMs: 10_000 };
    const feed = createEventFeed();
    const events: DoctorEvent[] = [];
    const quits: QuitRequest[] = [];
    const app = render(<App feed={feed} actions={createServerActions(ctx, options, fixActions(ctx, options, {}))} version="0" color={false} onQuit={(q) => quits.push(q)} onInterrupt={() => {}} />);
    const { report } = await runDoctor(ctx, { ...options, onEvent: (e) => (events.push(e), feed.push(e)) });
    // A probed server's static verdict (with its fixable finding) comes before its final one.
    for (const id of ['plugin:noexec:noexec', 'plugin:noexec:second']) {
      const order = events.flatMap((e) => ((e.type === 'server-checked' || e.type === 'server-done') && e.server.id === id ? [e.type] : []));
      const probed = report.servers.find((s) => s.id === id)?.probe !== null;
      expect(order, id).toEqual(probed ? ['server-checked', 'server-done'] : ['server-done']);
      const early = events.find((e) => e.type === 'server-checked' && e.server.id === id);
      if (early?.type === 'server-checked') expect(early.server.findings.some((f) => f.fixable), id).toBe(true);
    }
    expect(events.some((e) => e.type === 'server-checked')).toBe(true);
    await waitFor(app.lastFrame, (t) => /✘ 2 failing/.test(t), 'two failing servers');

    for (const [name, keys] of [['noexec', ['g']], ['second', ['g', 'j']]] as const) {
      await press(app.stdin, ...keys);
      expect(selected(app.lastFrame() ?? '')).toMatch(new RegExp(`✘ ${name}\\b`));
      await press(app.stdin, 'f');
      await waitFor(app.lastFrame, (t) => t.includes('[y/N]'), `the plan for ${name}`);
      await press(app.stdin, 'y');
      const result = await waitFor(app.lastFrame, (t) => t.includes('Journal:'), `the outcome for ${name}`);
      expect(result).toMatch(new RegExp(`${name}: failed → ok`));
      await press(app.stdin, 'x');
    }
    expect(scripts.map(mode)).toEqual([0o755, 0o755]);
    await waitFor(app.lastFrame, (t) => /✔ 2 ok/.test(t), 'both servers healthy');
    await press(app.stdin, 'q');
    expect(quits[0]?.applied.map((a) => a.name)).toEqual(['noexec', 'second']);
    app.unmount();

    const cli = { cwd: fx.project, env: { ...fx.env } };
    const first = await runCliAsync(['undo', '--yes'], cli);
    expect(first.status, first.stderr).toBe(0);
    expect(scripts.map(mode)).toEqual([0o755, 0o644]);
    const second = await runCliAsync(['undo', '--yes'], cli);
    expect(second.status, second.stderr).toBe(0);
    expect(scripts.map(mode)).toEqual([0o644, 0o644]);
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
  });
});
