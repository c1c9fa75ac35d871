/**
 * The applier's refusals, on real trees: the plan is made from a real diagnosis, then the tree changes under
 * it (as it can between the question and the answer), and the applier must notice and leave things alone.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext, type DoctorContext } from '../src/core/model/context.js';
import { applyPlan } from '../src/core/fix/apply.js';
import { planFixes, type FixPlanSet } from '../src/core/fix/plan.js';
import { runDoctor } from '../src/core/engine/run.js';
import { fixtureHome, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';
import { snapshot, treeDiff } from './helpers/tree.js';

const homes: FixtureHome[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function planned(name: string, before?: (fx: FixtureHome) => void): Promise<{ fx: FixtureHome; ctx: DoctorContext; plan: FixPlanSet }> {
  const fx = await fixtureHome(name);
  homes.push(fx);
  before?.(fx);
  const ctx = createContext({ env: { PATH: TEST_PATH, ...fx.env }, cwd: fx.project, homedir: fx.home, managedDir: join(fx.root, 'managed') });
  const run = await runDoctor(ctx, { version: 'test', probe: false });
  return { fx, ctx, plan: planFixes(run, ctx, {}) };
}

const lostLink = (fx: FixtureHome) => join(fx.home, '.claude/plugins/cache/story/vault/1.1.0/mcp/.venv');
const sharedVenv = (fx: FixtureHome) => join(fx.home, '.cache/claude-mcp-venvs/story/vault/.venv');

describe('the applier refuses', () => {
  it('to replace a real folder that appeared where the link goes', async () => {
    const { fx, ctx, plan } = await planned('fix-story');
    expect(plan.changes.map((c) => c.fix.kind)).toEqual(['symlink']);
    mkdirSync(lostLink(fx));
    writeFileSync(join(lostLink(fx), 'keep.txt'), 'user data');
    const result = await applyPlan(plan, ctx);
    expect(result.outcomes[0]).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/a real folder is at .*never replaces one/) });
    expect(readFileSync(join(lostLink(fx), 'keep.txt'), 'utf8')).toBe('user data');
    expect(result.journal).toBeNull();
  });

  it('to touch a link that works again', async () => {
    const { fx, ctx, plan } = await planned('fix-story');
    symlinkSync(sharedVenv(fx), lostLink(fx));
    const result = await applyPlan(plan, ctx);
    expect(result.outcomes[0]).toMatchObject({ status: 'skipped', reason: 'the link works now; left as it is' });
    expect(readlinkSync(lostLink(fx))).toBe(sharedVenv(fx));
  });

  it('to link to a venv whose python no longer runs', async () => {
    const { fx, ctx, plan } = await planned('fix-story');
    const python = join(sharedVenv(fx), 'bin', 'python');
    unlinkSync(python);
    writeFileSync(python, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const result = await applyPlan(plan, ctx);
    expect(result.outcomes[0]).toMatchObject({ status: 'skipped', reason: expect.stringContaining('no longer runs its python') });
    expect(existsSync(lostLink(fx))).toBe(false);
  });

  it('to write through a folder that became a symlink out of the plugin after the plan was made', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mcp-doctor-outside-'));
    dirs.push(outside);
    const { fx, ctx, plan } = await planned('fix-story');
    expect(plan.changes[0]?.fix).toMatchObject({ kind: 'symlink', path: lostLink(fx) });
    const mcp = join(fx.home, '.claude/plugins/cache/story/vault/1.1.0/mcp');
    renameSync(mcp, join(outside, 'mcp'));
    symlinkSync(join(outside, 'mcp'), mcp);
    const before = snapshot(outside);
    const result = await applyPlan(plan, ctx);
    expect(result.outcomes[0]).toMatchObject({ status: 'skipped', reason: expect.stringContaining('is outside the folders mcp-doctor may change') });
    expect(treeDiff(before, snapshot(outside))).toEqual([]);
  });

  it('to chmod a file that was moved outside the plugin after the plan was made', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mcp-doctor-outside-'));
    dirs.push(outside);
    const { fx, ctx, plan } = await planned('not-executable');
    expect(plan.changes[0]?.fix.kind).toBe('chmod');
    const script = join(fx.root, 'mkt/plugins/noexec/server.sh');
    renameSync(script, join(outside, 'server.sh'));
    chmodSync(join(outside, 'server.sh'), 0o644);
    symlinkSync(join(outside, 'server.sh'), script);
    const result = await applyPlan(plan, ctx);
    expect(result.outcomes[0]).toMatchObject({ status: 'skipped', reason: expect.stringContaining('is outside the folders mcp-doctor may change') });
  });
});

describe('the plan offers only what the applier may do', () => {
  it('a fix outside every plugin folder (through a link out, or a user-scope server) is not offered: its hint says how', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mcp-doctor-outside-'));
    dirs.push(outside);
    const { plan } = await planned('not-executable', (fx) => {
      const script = join(fx.root, 'mkt/plugins/noexec/server.sh');
      renameSync(script, join(outside, 'server.sh'));
      chmodSync(join(outside, 'server.sh'), 0o644);
      symlinkSync(join(outside, 'server.sh'), script);
    });
    expect(plan.changes).toEqual([]);
    expect(plan.manual.map((m) => m.code)).toEqual(['command.not-executable']);
  });
});

describe('the checks choose only venvs that run', () => {
  it('a shared venv whose python fails is no candidate: the lost link is not offered, the venv is reported missing', async () => {
    const { plan } = await planned('fix-story', (fx) => {
      const python = join(sharedVenv(fx), 'bin', 'python');
      unlinkSync(python);
      writeFileSync(python, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    });
    expect(plan.changes.map((c) => [c.fix.kind, c.finding.code])).toEqual([['venv-create', 'venv.missing']]);
    expect(plan.changes[0]?.enabled).toBe(false);
  });
});
