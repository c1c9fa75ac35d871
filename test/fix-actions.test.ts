/** The TUI's `f` key goes through the same plan, applier and journal as --fix: one server, on a real tree. */
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/core/model/context.js';
import { undoLast } from '../src/core/fix/undo.js';
import { fixActions } from '../src/cli/fix-actions.js';
import { fixtureHome, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';

const homes: FixtureHome[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
});

describe('fix actions for one server', () => {
  it('plan shows the change for that server only; apply makes it, re-probes, and journals it for undo', async () => {
    const fx = await fixtureHome('fix-story');
    homes.push(fx);
    const ctx = createContext({ env: { PATH: TEST_PATH, ...fx.env }, cwd: fx.project, homedir: fx.home, managedDir: join(fx.root, 'managed') });
    const actions = fixActions(ctx, { version: 'test', probe: true, timeoutMs: 15_000 }, {});
    const plan = await actions.plan('plugin:vault:vault');
    expect(plan.changes).toEqual([{ id: 'c1', line: expect.stringMatching(/^link .*1\.1\.0\/mcp\/\.venv → .*claude-mcp-venvs\/story\/vault\/\.venv$/), enabled: true, needs: null }]);

    const result = await actions.apply(plan);
    expect(result.outcomes).toEqual([{ line: plan.changes[0]!.line, status: 'applied', reason: null }]);
    expect(result.before).toBe('failed');
    expect(result.after.status).toBe('ok');
    expect(result.after.probe?.outcome).toBe('answered');
    expect(result.journal).toMatch(/mcp-doctor\/journal\/.*\.json$/);
    expect(readlinkSync(join(fx.home, '.claude/plugins/cache/story/vault/1.1.0/mcp/.venv'))).toBe(join(fx.home, '.cache/claude-mcp-venvs/story/vault/.venv'));

    const undone = await undoLast(ctx);
    expect(undone.outcomes.map((o) => o.status)).toEqual(['undone']);
  });
});
