/**
 * The fix session and the undo stack, in process on small real trees: appliers own their kind (a kind without
 * a gate is refused), every applied fix is its own journal and undo walks them newest first, damaged journals
 * are named, never skipped, the fix lock, what undo keeps of the user's, and where --fix may write.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext, type DoctorContext } from '../src/core/model/context.js';
import { defineApplier } from '../src/core/fix/define-applier.js';
import { appliers, applierFor } from '../src/core/fix/appliers/index.js';
import { journalDir } from '../src/core/fix/journal.js';
import { listJournals } from '../src/core/fix/journal-list.js';
import { FixLock, lockFile } from '../src/core/fix/lock.js';
import { takeBack, treeManifest } from '../src/core/fix/manifest.js';
import { undoLast, undoPreview } from '../src/core/fix/undo.js';
import { runFixSession } from '../src/core/engine/fix-session.js';
import { runDoctor } from '../src/core/engine/run.js';
import { UsageError } from '../src/core/util/usage-error.js';
import { fixActions } from '../src/cli/fix-actions.js';
import { fixtureHome, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';
import { snapshot, treeDiff } from './helpers/tree.js';

const homes: FixtureHome[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((h) => h.cleanup()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const notOurs = ['home/.cache/mcp-doctor', 'home/.claude/plugins/data'];

async function home(name: string): Promise<{ fx: FixtureHome; ctx: DoctorContext }> {
  const fx = await fixtureHome(name);
  homes.push(fx);
  const ctx = createContext({ env: { PATH: TEST_PATH, ...fx.env, MCP_DOCTOR_LOCK_WAIT_MS: '300' }, cwd: fx.project, homedir: fx.home, managedDir: join(fx.root, 'managed') });
  return { fx, ctx };
}

/** The not-executable fixture with a second server whose script also lacks its exec bit. */
async function twoServers(): Promise<{ fx: FixtureHome; ctx: DoctorContext; scripts: string[] }> {
  const h = await home('not-executable');
  const plugin = join(h.fx.root, 'mkt/plugins/noexec');
  copyFileSync(join(plugin, 'server.sh'), join(plugin, 'second.sh'));
  chmodSync(join(plugin, 'second.sh'), 0o644);
  writeFileSync(join(plugin, '.mcp.json'), JSON.stringify({ mcpServers: { noexec: { command: '${CLAUDE_PLUGIN_ROOT}/server.sh' }, second: { command: '${CLAUDE_PLUGIN_ROOT}/second.sh' } } }));
  return { ...h, scripts: [join(plugin, 'server.sh'), join(plugin, 'second.sh')] };
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('appliers own their kind', () => {
  it('an applier without a declared gate is a programming error, not an ungated fix', () => {
    const { gate: _gate, ...withoutGate } = appliers.chmod;
    expect(() => defineApplier(withoutGate as never)).toThrow(/programming error: the applier for 'chmod' declares no gate/);
    expect(() => defineApplier({ ...appliers.chmod, gate: 'sometimes' } as never)).toThrow(/declares no gate/);
    expect(() => applierFor('teleport' as never)).toThrow(/no applier for fix kind 'teleport'/);
  });

  it('every kind declares its gate, order, key and words', () => {
    const table = Object.values(appliers).map((a) => [a.kind, a.gate, a.order]);
    expect(table).toEqual([
      ['symlink', 'always', 1],
      ['chmod', 'always', 2],
      ['line-endings', 'always', 3],
      ['venv-create', 'rebuild-venvs', 4],
      ['npm-install', 'install-deps', 5],
      ['build', 'build', 6],
    ]);
  });
});

describe('undo is a stack', () => {
  it('two fixes from the live view are two journals; undo reverts the second, then the first, then has nothing', async () => {
    const { fx, ctx, scripts } = await twoServers();
    const before = snapshot(fx.root, notOurs);
    const actions = fixActions(ctx, { version: 'test', probe: false }, {});
    for (const id of ['plugin:noexec:second', 'plugin:noexec:noexec']) {
      const plan = await actions.plan(id);
      expect(plan.changes).toHaveLength(1);
      expect((await actions.apply(plan)).outcomes[0]?.status).toBe('applied');
    }
    expect(scripts.map(mode)).toEqual([0o755, 0o755]);
    const listed = await listJournals(ctx);
    expect(listed.map((l) => l.state)).toEqual(['applied', 'applied']);

    expect((await undoLast(ctx)).outcomes.map((o) => o.status)).toEqual(['undone']);
    expect(scripts.map(mode)).toEqual([0o644, 0o755]);
    expect((await undoLast(ctx)).outcomes.map((o) => o.status)).toEqual(['undone']);
    expect(scripts.map(mode)).toEqual([0o644, 0o644]);
    expect((await listJournals(ctx)).map((l) => l.state)).toEqual(['undone', 'undone']);
    expect(await undoPreview(ctx)).toBeNull();
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
  });

  it('undo <id> reverts an older fix and leaves the newer one', async () => {
    const { ctx, scripts } = await twoServers();
    const actions = fixActions(ctx, { version: 'test', probe: false }, {});
    for (const id of ['plugin:noexec:second', 'plugin:noexec:noexec']) await actions.apply(await actions.plan(id));
    const [newest, older] = await listJournals(ctx);
    expect((await undoLast(ctx, older!.id)).outcomes.map((o) => o.status)).toEqual(['undone']);
    expect(scripts.map(mode)).toEqual([0o755, 0o644]);
    expect((await undoPreview(ctx))?.id).toBe(newest!.id);
    await expect(undoLast(ctx, 'no-such-id')).rejects.toThrow(/no undo journal no-such-id/);
  });
});

describe('a damaged journal is named, never skipped', () => {
  const damage: [string, string, RegExp][] = [
    ['truncated', '{"version":1,"tool":"mcp-doctor","entr', /not valid JSON/],
    ['empty', '', /it is empty/],
    ['an empty object', '{}', /not an mcp-doctor journal/],
    ['entries null', '{"version":1,"tool":"mcp-doctor","createdAt":"x","entries":null}', /"entries" is not a list/],
  ];
  it.each(damage)('%s: undo is a usage error naming the file; the older fix is not reverted instead', async (_name, text, why) => {
    const { ctx, scripts } = await twoServers();
    const actions = fixActions(ctx, { version: 'test', probe: false }, {});
    for (const id of ['plugin:noexec:second', 'plugin:noexec:noexec']) await actions.apply(await actions.plan(id));
    const [newest] = await listJournals(ctx);
    writeFileSync(newest!.file, text);
    const error = await undoLast(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(newest!.file);
    expect((error as Error).message).toMatch(why);
    expect((error as Error).message).toContain('mcp-doctor undo --list');
    expect(scripts.map(mode)).toEqual([0o755, 0o755]);
    expect((await listJournals(ctx)).map((l) => l.state)).toEqual(['damaged', 'applied']);
  });

  it('a fix kind this version does not know is a usage error, not a crash', async () => {
    const { ctx } = await twoServers();
    const actions = fixActions(ctx, { version: 'test', probe: false }, {});
    await actions.apply(await actions.plan('plugin:noexec:noexec'));
    const [j] = await listJournals(ctx);
    const data = JSON.parse(readFileSync(j!.file, 'utf8')) as { entries: { fix: { kind: string } }[] };
    data.entries[0]!.fix.kind = 'teleport';
    writeFileSync(j!.file, JSON.stringify(data));
    await expect(undoLast(ctx)).rejects.toThrow(/holds a fix kind this version does not know: teleport/);
  });
});

describe('the fix lock', () => {
  it('a second holder waits briefly, then refuses with who holds it; a dead holder is stale', async () => {
    const { ctx } = await home('not-executable');
    const first = await FixLock.acquire(ctx, '--fix');
    await expect(FixLock.acquire(ctx, 'undo', 200)).rejects.toThrow(new RegExp(`another mcp-doctor is changing this home \\(pid ${process.pid}, --fix`));
    await first.release();
    // A holder that is gone: a pid that cannot be running (above the kernel's pid_max).
    writeFileSync(lockFile(ctx), JSON.stringify({ pid: 2 ** 22 + 7, start: '1', what: '--fix', since: 'then', children: [] }));
    const taken = await FixLock.acquire(ctx, 'undo', 200);
    await taken.release();
  });

  it('a session whose lock is held changes nothing and says so', async () => {
    const { fx, ctx } = await twoServers();
    const before = snapshot(fx.root, notOurs);
    const held = await FixLock.acquire(ctx, '--fix');
    const run = await runDoctor(ctx, { version: 'test', probe: false });
    await expect(runFixSession(run, ctx, { version: 'test', probe: false }, { gates: {} })).rejects.toThrow(/another mcp-doctor is changing this home/);
    await held.release();
    expect(treeDiff(before, snapshot(fx.root, notOurs))).toEqual([]);
  });
});

describe('undo keeps what the user changed', () => {
  it('a script edited since its chmod keeps its exec bit and its edit', async () => {
    const { ctx, scripts } = await twoServers();
    const actions = fixActions(ctx, { version: 'test', probe: false }, {});
    await actions.apply(await actions.plan('plugin:noexec:noexec'));
    writeFileSync(scripts[0]!, '#!/bin/sh\n# edited by hand\nexec true\n');
    const r = await undoLast(ctx);
    expect(r.outcomes[0]).toMatchObject({ status: 'left', note: expect.stringMatching(/was edited since the fix; its mode is left as it is/) });
    expect(mode(scripts[0]!)).toBe(0o755);
  });

  it('taking back a tree removes what the fix wrote and moves the rest aside into a named folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-doctor-manifest-'));
    dirs.push(dir);
    const venv = join(dir, '.venv');
    mkdirSync(join(venv, 'bin'), { recursive: true });
    writeFileSync(join(venv, 'pyvenv.cfg'), 'home = /usr/bin\n');
    writeFileSync(join(venv, 'bin', 'tool'), '#!/bin/sh\n');
    symlinkSync('/usr/bin/python3', join(venv, 'bin', 'python'));
    const manifest = await treeManifest(venv);
    writeFileSync(join(venv, 'bin', 'tool'), '#!/bin/sh\n# mine now\n');
    mkdirSync(join(venv, 'lib', '__pycache__'), { recursive: true });
    writeFileSync(join(venv, 'lib', 'added.py'), 'x = 1\n');
    writeFileSync(join(venv, 'lib', '__pycache__', 'added.cpython-312.pyc'), 'bytecode');
    const kept = join(dir, 'kept');
    expect((await takeBack(venv, manifest, kept)).sort()).toEqual(['bin/tool', 'lib/added.py']);
    expect(readdirSync(dir).sort()).toEqual(['kept']);
    expect(readFileSync(join(kept, 'bin', 'tool'), 'utf8')).toContain('# mine now');
    expect(readFileSync(join(kept, 'lib', 'added.py'), 'utf8')).toBe('x = 1\n');
  });
});

describe('where --fix may write is decided by real paths', () => {
  const installPath = (fx: FixtureHome) => JSON.parse(readFileSync(join(fx.home, '.claude/plugins/installed_plugins.json'), 'utf8')) as { plugins: Record<string, { installPath: string }[]> };
  const rewrite = (fx: FixtureHome, to: (p: string) => string) => {
    const file = join(fx.home, '.claude/plugins/installed_plugins.json');
    const data = installPath(fx);
    for (const installs of Object.values(data.plugins)) for (const i of installs) i.installPath = to(i.installPath);
    writeFileSync(file, JSON.stringify(data));
  };
  it.each([
    ['written with ..', (fx: FixtureHome) => rewrite(fx, (p) => `${p}/../${p.split('/').at(-1)}`), 'dotdot'],
    ['equal to HOME', (fx: FixtureHome) => rewrite(fx, () => fx.home), 'home'],
    ['a link that leads out of the cache', (fx: FixtureHome) => {
      const outside = mkdtempSync(join(tmpdir(), 'mcp-doctor-outside-'));
      dirs.push(outside);
      rewrite(fx, (p) => {
        const link = `${p}-link`;
        copyDir(p, join(outside, 'copy'));
        symlinkSync(join(outside, 'copy'), link);
        return link;
      });
    }, 'outside-cache'],
  ])('an installPath %s is a finding, and no fix is offered there', async (_name, change, why) => {
    const { fx, ctx } = await home('fix-story');
    change(fx);
    const run = await runDoctor(ctx, { version: 'test', probe: false });
    const outside = run.findings.filter((f) => f.code === 'registry.install-outside');
    expect(outside.map((f) => f.args?.why)).toContain(why);
    const result = await runFixSession(run, ctx, { version: 'test', probe: false }, { gates: {}, dryRun: true });
    expect(result.plan.changes).toEqual([]);
  });
});

function copyDir(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) copyDir(join(from, e.name), join(to, e.name));
    else if (e.isSymbolicLink()) symlinkSync(readlinkSync(join(from, e.name)), join(to, e.name));
    else copyFileSync(join(from, e.name), join(to, e.name));
  }
}

// The journal folder is per cache home; these tests never touch the machine's own.
it('journals live under the test home', async () => {
  const { fx, ctx } = await home('healthy');
  expect(journalDir(ctx).startsWith(fx.home)).toBe(true);
});
