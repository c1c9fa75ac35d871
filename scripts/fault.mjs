#!/usr/bin/env node
/**
 * `npm run fault [runs]`: the fault-injection suite (test/fix-faults.test.ts) with many runs per kind (default
 * 30): SIGKILL at random moments of `--fix --yes` and inside its apply phase (strace-slowed when strace is
 * there), then undo; full and read-only filesystems when run as root. Prints, per kind, the runs and the
 * differences, leftover programs and stray files found; exits non-zero when any was found.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const runs = process.argv[2] ?? '30';
const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/fix-faults.test.ts'], {
  cwd: root,
  env: { ...process.env, FAULT_RUNS: runs },
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
const out = `${r.stdout}${r.stderr}`;
const summary = out.slice(out.indexOf('fault injection:')).split('\n').filter((l) => l === 'fault injection:' || /^ {2}\S.*: \d+ runs/.test(l));
process.stdout.write(`${summary.join('\n')}\n`);
if (r.status !== 0) process.stdout.write(`\nfailures:\n${out.split('\n').filter((l) => /FAIL|run \d+ \(killed|AssertionError/.test(l)).join('\n')}\n`);
process.exit(r.status ?? 1);
