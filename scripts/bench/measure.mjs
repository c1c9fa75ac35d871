/**
 * Shared by the probe benchmarks: a throwaway installed home holding given servers, and a run of the built
 * CLI that measures wall time and the doctor's OWN peak memory (VmHWM from /proc, polled; /usr/bin/time would
 * count the largest server instead, since the doctor waits for them).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const here = dirname(new URL(import.meta.url).pathname);
export const repo = join(here, '..', '..');
export const cli = join(repo, 'dist', 'cli', 'main.js');
export const fixture = join(repo, 'fixtures', 'servers', 'mcp_fixture.py');
// The interpreter itself, not a version-manager shim (a pyenv shim is a bash script that costs more CPU
// than the server); both sides of a comparison use the same one.
export const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim() || 'python3';

/** A home with one directory marketplace and one plugin holding the given servers (an array, named s0, s1, …). */
export function makeHome(servers) {
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

function peakKb(pid) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) || 0;
  } catch {
    return 0;
  }
}

/** Runs `node args…` in the home's project folder; resolves with wall ms, the process's own peak RSS (KiB) and stdout. */
export function run(args, root, extraEnv = {}) {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, { cwd: join(root, 'project'), env: { PATH: process.env.PATH, HOME: join(root, 'home'), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    let peak = 0;
    const poll = setInterval(() => (peak = Math.max(peak, peakKb(child.pid))), 10);
    child.stdout.on('data', (c) => {
      peak = Math.max(peak, peakKb(child.pid));
      out.push(c);
    });
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ ms: performance.now() - t, peakKb: peak, stdout: Buffer.concat(out).toString('utf8'), stderr: err, code });
    });
  });
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
