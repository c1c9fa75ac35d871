/**
 * The live view in a real terminal (tmux): the built CLI on the live-view fixture home, where one server
 * ("slow") does not start until the test opens its gate, so the list is on screen while it is still being
 * probed however fast the machine is. Every fixture process records its pid; none may outlive the doctor.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliPath, fixtureHome, runCli, TEST_PATH, type FixtureHome } from './helpers/run-cli.js';
import { recordedPids, survivors } from './helpers/processes.js';
import { sh, Terminal } from './helpers/tmux.js';

let fx: FixtureHome;
let work: string;
let term: Terminal | undefined;

beforeEach(async () => {
  fx = await fixtureHome('live-view');
  work = mkdtempSync(join(tmpdir(), 'mcp-doctor-live-'));
});

afterEach(async () => {
  term?.close();
  term = undefined;
  await fx.cleanup();
  rmSync(work, { recursive: true, force: true });
});

const gate = () => join(work, 'gate');
const exitFile = () => join(work, 'exit-code');

/**
 * The doctor in tmux with a clean environment; its exit code goes to a file. The shell stays a while
 * afterwards: when a pane's last process exits, tmux may drop output that arrived just before.
 */
function start(args: string[], o: { width?: number; height?: number; env?: Record<string, string>; redirect?: string } = {}): Terminal {
  const env = { PATH: TEST_PATH, ...fx.env, TERM: 'xterm-256color', LIVE_GATE: gate(), ...o.env };
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${sh(v)}`);
  const command = `cd ${sh(fx.project)} && env -i ${assignments.join(' ')} ${sh(process.execPath)} ${sh(cliPath)} ${args.map(sh).join(' ')}${o.redirect ? ` > ${sh(o.redirect)}` : ''}; echo $? > ${sh(exitFile())}; sleep 60`;
  term = new Terminal({ width: o.width ?? 100, height: o.height ?? 30, command });
  return term;
}

/** MCP_DOCTOR_CAPTURE=<dir> keeps the screens (the README's capture comes from here). */
function keep(name: string, screen: string): void {
  const dir = process.env.MCP_DOCTOR_CAPTURE;
  if (dir) writeFileSync(join(dir, `${name}.txt`), screen + '\n');
}

const selectedLine = (screen: string) => screen.split('\n').find((l) => l.startsWith('❯')) ?? '';
const line = (screen: string, name: string) => screen.split('\n').find((l) => new RegExp(`[✔⚠✘○⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏-] ${name}\\b`).test(l)) ?? '';

describe('live view (tmux)', () => {
  it('shows the list while probing, then the verdicts; keys select a failed server and open its detail; q exits 1', async () => {
    const pids = mkdtempSync(join(work, 'pids-'));
    const t = start([], { env: { FIXTURE_PID_DIR: pids } });

    // Every server is listed from the first frames; the gated one is still starting while others are done.
    const probing = await t.waitFor((s) => /starting…/.test(line(s, 'slow')) && /1 pending/.test(s), 'slow still starting, the others done');
    keep('probing', probing);
    expect(probing).toMatch(/fx {2}directory ~\/code\/fx-marketplace/);
    expect(probing).toMatch(/live 0\.1\.0/);
    expect(line(probing, 'crash')).toMatch(/✘ crash/);
    expect(line(probing, 'dormant')).toMatch(/○ dormant\s+disabled in ~\/\.claude\/settings\.json/);

    writeFileSync(gate(), '');
    const done = await t.waitFor((s) => /done in \d/.test(s), 'the run to finish');
    keep('done', done);
    expect(line(done, 'slow')).toMatch(/✔ slow\s+answered in \d+ ms · fixture-ok 1\.2\.3 · 2 tools/);
    expect(line(done, 'banner')).toMatch(/⚠ banner\s+The server printed 1 non-JSON-RPC line/);
    expect(line(done, 'crash')).toMatch(/✘ crash\s+'\/usr\/bin\/python3' cannot import 'mcp_doctor_fixture_missing_module'/);
    expect(done).toMatch(/✔ 2 ok\s+⚠ 1 with warnings\s+✘ 2 failing\s+○ 1 disabled/);
    // The run ended: the selection went to the first failing server.
    expect(selectedLine(done)).toMatch(/✘ crash/);

    t.keys('j');
    const moved = await t.waitFor((s) => /✘ exit/.test(selectedLine(s)), 'the selection on exit');
    expect(selectedLine(moved)).toMatch(/exited \(exit code 3\): fatal: environment variable API_KEY is empty or unset/);

    t.keys('Enter');
    const detail = await t.waitFor((s) => s.includes('Root cause'), 'the detail view');
    keep('detail', detail);
    const rows = detail.split('\n');
    // Root cause first, then its fix, then the evidence with the stderr line that names the error, picked out.
    expect(rows.findIndex((l) => l.includes('Root cause'))).toBeLessThan(rows.findIndex((l) => l.trim() === 'Fix'));
    expect(detail).toMatch(/exited \(exit code 3\): fatal: environment variable API_KEY is empty or unset; refusing to start/);
    expect(detail).toMatch(/^ {4}~\/code\/fx-marketplace\/plugins\/live\/\.mcp\.json:11:5$/m);
    expect(detail).toMatch(/^ {4}\$ python3 ~\/code\/fx-marketplace\/plugins\/live\/servers\/mcp_fixture\.py exit$/m);
    expect(detail).toMatch(/▶ fatal: environment variable API_KEY is empty or unset; refusing to start/);
    expect(detail).toMatch(/exit code 3 · crashed after \d+ ms/);

    t.keys('q');
    expect(await t.waitForFile(exitFile())).toBe('1');
    // Back on the normal screen, the verdict stays.
    const after = await t.waitFor((s) => s.includes('mcp-doctor: 6 MCP servers'), 'the summary after the view closed');
    expect(after).toMatch(/✘ crash\s+'\/usr\/bin\/python3' cannot import/);
    expect(await survivors(pids)).toEqual([]);
  });

  it('Ctrl-C while a server is still starting stops it and exits 130', async () => {
    const pids = mkdtempSync(join(work, 'pids-'));
    const t = start([], { env: { FIXTURE_PID_DIR: pids } });
    await t.waitFor((s) => /starting…/.test(line(s, 'slow')), 'slow still starting');
    expect(recordedPids(pids)).toBeGreaterThan(0);
    t.keys('C-c');
    expect(await t.waitForFile(exitFile())).toBe('130');
    expect(await survivors(pids)).toEqual([]);
    // The terminal is given back: the alternate screen is gone.
    expect(t.screen()).not.toContain('mcp-doctor 0.1.0');
  });

  it('q before the run ends cancels it like Ctrl-C, after printing what was found: every server stopped, exit 130', async () => {
    const pids = mkdtempSync(join(work, 'pids-'));
    const t = start([], { env: { FIXTURE_PID_DIR: pids } });
    await t.waitFor((s) => /starting…/.test(line(s, 'slow')) && /1 pending/.test(s), 'slow still starting, the others done');
    // Esc closes panels and never quits.
    t.keys('Escape');
    await new Promise((r) => setTimeout(r, 300));
    expect(t.screen()).toMatch(/starting…/);
    t.keys('q');
    expect(await t.waitForFile(exitFile())).toBe('130');
    const partial = await t.waitFor((s) => s.includes('stopped before every server was checked'), 'the note');
    // The partial verdict: what the servers that were done showed, and which one was not checked.
    expect(partial).toMatch(/✘ crash\s+'\/usr\/bin\/python3' cannot import/);
    expect(partial).toMatch(/1 of 6 not checked \(slow\)/);
    expect(await survivors(pids)).toEqual([]);
  });

  it('closing the terminal window while servers start stops them too', async () => {
    const pids = mkdtempSync(join(work, 'pids-'));
    const t = start([], { env: { FIXTURE_PID_DIR: pids } });
    await t.waitFor((s) => /starting…/.test(line(s, 'slow')), 'slow still starting');
    expect(recordedPids(pids)).toBeGreaterThan(0);
    t.close();
    // No SIGHUP may arrive first: the terminal just goes away. Give the doctor a moment to notice.
    const deadline = Date.now() + 10_000;
    let left = await survivors(pids);
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      left = await survivors(pids);
    }
    expect(left).toEqual([]);
  });

  it('closing the terminal window after the run still removes the demo home (no SIGHUP comes first)', async () => {
    const tmp = mkdtempSync(join(work, 'tmp-'));
    const t = start(['--demo', '--no-probe'], { env: { TMPDIR: tmp } });
    await t.waitFor((s) => /done in \d/.test(s), 'the demo run to finish');
    expect(readdirSync(tmp).filter((n) => n.startsWith('mcp-doctor-demo-'))).toHaveLength(1);
    t.close();
    const deadline = Date.now() + 10_000;
    while (readdirSync(tmp).some((n) => n.startsWith('mcp-doctor-demo-')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(tmp).filter((n) => n.startsWith('mcp-doctor-demo-'))).toEqual([]);
  });

  it('fits 80×24, lays out again after a resize, and scrolls a list taller than the screen', async () => {
    writeFileSync(gate(), '');
    const t = start([], { width: 120, height: 40 });
    await t.waitFor((s) => /done in \d/.test(s), 'the run to finish');
    t.resize(80, 24);
    const small = await t.waitFor((s) => s.split('\n')[2]?.trim().length === 80, 'the rule at 80 columns');
    const rows = small.split('\n');
    expect(rows.filter((l) => l.startsWith('mcp-doctor 0.1.0'))).toHaveLength(1);
    expect(rows.every((l) => [...l].length <= 80)).toBe(true);
    expect(rows[22]).toMatch(/↑↓ move/);
    // A list taller than the screen scrolls with the selection, and says where it is.
    t.resize(80, 12);
    t.keys('G');
    // (A key can be read before the resize signal: wait for the frame drawn at the new size.)
    const end = await t.waitFor((s) => /❯ .*○ dormant/.test(s) && /3–9 of 9\s*$/m.test(s), 'the last server selected at 80×12');
    expect(end.split('\n')[0]).toMatch(/^mcp-doctor 0\.1\.0/);
    expect(end).not.toMatch(/fx {2}directory/);
    t.keys('g');
    const first = await t.waitFor((s) => /❯ .*⚠ banner/.test(s) && /1–7 of 9\s*$/m.test(s), 'the first server selected');
    expect(first).toMatch(/fx {2}directory/);
    t.resize(80, 24);
    t.keys('Enter');
    await t.waitFor((s) => s.includes('Root cause'), 'the detail view');
    t.keys('G');
    const bottom = await t.waitFor((s) => /Fix\s*$/m.test(s) || /\d+–\d+ of (\d+)/.test(s), 'the end of the detail');
    expect(bottom.split('\n').filter((l) => l.startsWith('mcp-doctor 0.1.0'))).toHaveLength(1);
    t.keys('q');
    expect(await t.waitForFile(exitFile())).toBe('1');
  });

  it('draws a progress line on stderr when stdout is a file, and erases it', async () => {
    const out = join(work, 'report.txt');
    const t = start(['--timeout', '60s'], { redirect: out });
    const progress = await t.waitFor((s) => /probing 4\/5 servers…/.test(s), 'the progress line');
    expect(progress.split('\n').filter((l) => l.includes('probing'))).toHaveLength(1);
    writeFileSync(gate(), '');
    expect(await t.waitForFile(exitFile())).toBe('1');
    expect(t.screen()).not.toMatch(/probing|servers…/);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(out, 'utf8')).toContain('6 MCP servers in 2 plugins');
  });
});

/**
 * A home as people live in it: 118 servers whose command is missing, one that writes 40 MB of one
 * repeated 16 KB line on stderr, a plugin whose MCP servers file is missing and an install whose files are
 * gone (plugin-level problems, no server row of their own).
 */
describe('live view on a crowded home with a flooding server (tmux)', () => {
  let big: FixtureHome;
  let out: string;
  let bigTerm: Terminal | undefined;
  beforeEach(async () => {
    big = await fixtureHome('live-flood');
    out = mkdtempSync(join(tmpdir(), 'mcp-doctor-flood-'));
    const servers = Object.fromEntries(Array.from({ length: 118 }, (_, i) => [`s${String(i).padStart(3, '0')}`, { command: `\${CLAUDE_PLUGIN_ROOT}/bin/s${i}` }]));
    writeFileSync(join(big.home, 'code', 'fz-marketplace', 'plugins', 'many', '.mcp.json'), JSON.stringify({ mcpServers: servers }));
  });
  afterEach(async () => {
    bigTerm?.close();
    bigTerm = undefined;
    await big.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  const selected = (screen: string) => screen.split('\n').find((l) => l.startsWith('❯')) ?? '';
  const position = (screen: string) => /(\d+)–(\d+) of (\d+)\s*$/m.exec(screen)?.slice(1).map(Number) ?? [];

  it('every problem row is reachable by keys at 80×24 and 200×60, and the flood is bounded in every view', async () => {
    const code = join(out, 'exit-code');
    const env = { PATH: TEST_PATH, ...big.env, TERM: 'xterm-256color' };
    const assignments = Object.entries(env).map(([k, v]) => `${k}=${sh(v)}`);
    bigTerm = new Terminal({ width: 80, height: 24, command: `cd ${sh(big.project)} && env -i ${assignments.join(' ')} ${sh(process.execPath)} ${sh(cliPath)}; echo $? > ${sh(code)}; sleep 60` });
    const t = bigTerm;
    const done = await t.waitFor((s) => /done in \d/.test(s), 'the run to finish');
    // Plugin-level problems count in the header, beside the servers.
    expect(done).toMatch(/✘ 119 failing\s+✘ 2 plugin\/file problems/);

    // PgDn moves by a screen of rows, and every problem row is met on the way down.
    t.keys('g');
    await t.waitFor((s) => /❯ .*s000/.test(s), 'the first server');
    const met = new Set<string>();
    let previous = selected(t.screen());
    for (let i = 0; i < 12 && !/nofile/.test(previous); i++) {
      t.keys('PageDown');
      // Each press is seen on its own: wait for the selection it moved (however slow the machine).
      const screen = await t.waitFor((s) => selected(s) !== previous, `page ${i + 1}`);
      previous = selected(screen);
      met.add(previous.replace(/^❯\s+[✘⚠✔○]\s+/, '').split(/\s+/)[0] ?? '');
      expect(screen.split('\n').every((l) => [...l].length <= 80)).toBe(true);
    }
    expect([...met], [...met].join(" ")).toContain("nofile");
    // The steps are screens: no jump skips more than a screen of servers.
    const numbers = [...met].filter((n) => /^s\d+$/.test(n)).map((n) => Number(n.slice(1))).sort((a, b) => a - b);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]! - numbers[i - 1]!).toBeLessThanOrEqual(19);

    // G reaches the last row; the list ends on screen.
    t.keys('G');
    const last = await t.waitFor((s) => /❯ .*nofile/.test(s), 'the last row selected');
    const [, end, total] = position(last);
    expect(end).toBe(total);
    // The install whose files are gone is a row too, one up.
    t.keys('k');
    await t.waitFor((s) => /❯ .*ghost/.test(s), 'the ghost install selected');
    t.keys('j');

    // A plugin's row opens its detail; Esc closes it and does not quit.
    t.keys('Enter');
    const plugin = await t.waitFor((s) => s.includes('Root cause'), "the plugin's detail");
    expect(plugin).toMatch(/plugin nofile@fz/);
    expect(plugin).toMatch(/mcpServers points to '\.\/servers\.json', which does not exist/);
    expect(plugin).toMatch(/~\/…\/nofile\/|nofile\/\.claude-plugin/);
    t.keys('Escape');
    await t.waitFor((s) => /❯ .*nofile/.test(s), 'the list again');

    // The flooding server: its row is one line, its detail shorter than two screens, no run of the same line.
    t.keys('k', 'k');
    const flood = await t.waitFor((s) => /❯ .*flood/.test(s), 'flood selected');
    expect(selected(flood)).toMatch(/exited \(exit code 1\): x+/);
    t.keys('Enter');
    const detail = await t.waitFor((s) => s.includes('Root cause') && /1–\d+ of \d+/.test(s), "flood's detail");
    expect(position(detail)[2]).toBeLessThan(44);
    expect(detail).toMatch(/line of 16 KB; 40 MB on stderr/);
    const rows = detail.split('\n');
    const fix = rows.findIndex((l) => l.trim() === 'Fix');
    expect(fix).toBeGreaterThan(rows.findIndex((l) => l.trim() === 'Root cause'));
    expect(rows[fix + 2]).toMatch(/^\s+\$ sh ~\/code\/fz-marketplace\/plugins\/noisy\/flood\.sh$/);
    t.keys('Escape');
    // Each key after Esc waits for the screen to show it: an Esc and a key read together are Alt+key.
    await t.waitFor((s) => !s.includes('Root cause'), 'the detail closed');

    // At 200×60 too, G reaches the last row.
    t.resize(200, 60);
    await t.waitFor((s) => s.split('\n')[2]?.trim().length === 200, 'the rule at 200 columns');
    t.keys('g');
    await t.waitFor((s) => s.split('\n')[2]?.trim().length === 200 && /❯ .*s000/.test(s), 'the first row at 200 columns');
    t.keys('G');
    const wide = await t.waitFor((s) => /❯ .*nofile/.test(s), 'the last row at 200×60');
    expect(position(wide)[1]).toBe(position(wide)[2]);

    // The exit verdict is a summary that fits the screen, the verdict and the next step on it.
    t.keys('q');
    expect(await t.waitForFile(code)).toBe('1');
    const verdict = await t.waitFor((s) => s.includes('mcp-doctor: 119 MCP servers'), 'the exit verdict');
    expect(verdict).toMatch(/… and \d+ more/);
    expect(verdict).toMatch(/Next: 121 to do by hand/);
    expect(verdict).not.toMatch(/x{200}/);
  });

  it('the text report keeps the flood to one short line', () => {
    const r = runCli(['--format', 'text', '--plugin', 'noisy'], { cwd: big.project, env: big.env });
    const lines = r.stdout.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(220);
    expect(r.stdout).toMatch(/stderr says: x+ … \[line of 16 KB; 40 MB on stderr\]/);
    expect(lines.at(-2)).toMatch(/^Next: 1 to do by hand/);
  });
});
