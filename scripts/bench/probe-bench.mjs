/**
 * Probe benchmark: N installed servers that each take 1 s to start; the full `mcp-doctor --json` run
 * against the floor (scripts/bench/floor.mjs). Also: k hanging servers among them cost one timeout, and
 * peak memory with a server that writes 40 MB of stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const here = dirname(new URL(import.meta.url).pathname);
const repo = join(here, '..', '..');
const cli = join(repo, 'dist', 'cli', 'main.js');
const fixture = join(repo, 'fixtures', 'servers', 'mcp_fixture.py');
// The interpreter itself, not a version-manager shim (a pyenv shim is a bash script that costs more CPU
// than the server); both sides of the comparison use the same one.
const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim() || 'python3';

/** A home with one directory marketplace and one plugin holding the given servers. */
function makeHome(servers) {
  const root = mkdtempSync(join(tmpdir(), 'mcp-doctor-probe-bench-'));
  const w = (rel, obj) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), JSON.stringify(obj, null, 2));
  };
  w('home/.claude/plugins/known_marketplaces.json', { bench: { source: { source: 'directory', path: `${root}/mkt` }, installLocation: `${root}/mkt` } });
  w('home/.claude/plugins/installed_plugins.json', { version: 2, plugins: { 'bench@bench': [{ scope: 'user', installPath: `${root}/cache`, version: '1.0.0' }] } });
  w('home/.claude/settings.json', { enabledPlugins: { 'bench@bench': true } });
  w('mkt/.claude-plugin/marketplace.json', { name: 'bench', owner: { name: 'bench' }, plugins: [{ name: 'bench', source: './plugins/bench' }] });
  w('mkt/plugins/bench/.claude-plugin/plugin.json', { name: 'bench', version: '1.0.0' });
  w('mkt/plugins/bench/.mcp.json', { mcpServers: Object.fromEntries(servers.map((s, i) => [`s${i}`, s])) });
  w('servers.json', servers);
  mkdirSync(join(root, 'project'), { recursive: true });
  return root;
}

function run(args, root, extraEnv = {}) {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    cwd: join(root, 'project'),
    env: { PATH: process.env.PATH, HOME: join(root, 'home'), ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { ms: performance.now() - t, peakKb: Number(r.stderr.trim().split('\n').at(-1)) || 0, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function probeBench({ n = 20, runs = 5 } = {}) {
  // Distinct args: Claude Code (and mcp-doctor) start only one of several servers with the same command line.
  const slow = Array.from({ length: n }, (_, i) => ({ command: python, args: [fixture, 'ok', '--delay', '1', '--name', `s${i}`] }));
  const root = makeHome(slow);
  const floor = [];
  const doctor = [];
  let answered = 0;
  for (let i = 0; i < runs; i++) {
    floor.push(run([join(here, 'floor.mjs'), join(root, 'servers.json')], root).ms);
    const d = run([cli, '--json'], root);
    doctor.push(d.ms);
    answered = JSON.parse(d.stdout).servers.filter((s) => s.probe?.outcome === 'answered').length;
  }
  rmSync(root, { recursive: true, force: true });

  const k = 4;
  const hang = makeHome([...slow.slice(0, n - k), ...Array.from({ length: k }, (_, i) => ({ command: python, args: [fixture, 'hang', '--name', `h${i}`] }))]);
  const hangRun = run([cli, '--json', '--timeout', '2s'], hang);
  rmSync(hang, { recursive: true, force: true });

  const flood = makeHome([{ command: python, args: [fixture, 'flood-stderr'] }]);
  const quiet = makeHome([{ command: python, args: [fixture, 'ok'] }]);
  const floodRun = run([cli, '--json'], flood);
  const quietRun = run([cli, '--json'], quiet);
  rmSync(flood, { recursive: true, force: true });
  rmSync(quiet, { recursive: true, force: true });

  const f = median(floor);
  const d = median(doctor);
  return { n, runs, answered, floorMs: f, doctorMs: d, ratio: d / f, k, hangMs: hangRun.ms, floodKb: floodRun.peakKb, quietKb: quietRun.peakKb };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = probeBench();
  console.log(`probe: ${r.n} servers (${python}) that each take 1 s to start, ${r.runs} runs each (median)`);
  console.log(`  floor (start all, wait for every initialize answer): ${(r.floorMs / 1000).toFixed(2)} s`);
  console.log(`  mcp-doctor --json (discover, check, probe, report):  ${(r.doctorMs / 1000).toFixed(2)} s, ${r.answered}/${r.n} answered`);
  console.log(`  ratio: ${r.ratio.toFixed(2)}x the floor (goal: within 1.3x; claude mcp list measured 5.5x)`);
  console.log(`  ${r.k} hanging servers among ${r.n}, --timeout 2s: ${(r.hangMs / 1000).toFixed(2)} s in total (one timeout, not ${r.k})`);
  console.log(`  peak RSS: ${(r.quietKb / 1024).toFixed(0)} MiB with a quiet server, ${(r.floodKb / 1024).toFixed(0)} MiB with one writing 40 MB of stderr`);
}
