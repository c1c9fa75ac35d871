/** Fixture servers record their pids in $FIXTURE_PID_DIR; these tell which of them still run. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    // A zombie is dead, just not yet reaped by its parent.
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The recorded fixture processes still alive after a short grace (init may need a moment to reap). */
export async function survivors(pidDir: string): Promise<string[]> {
  const pids = readdirSync(pidDir).map(Number);
  let left = pids.filter(alive);
  for (let i = 0; i < 20 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = left.filter(alive);
  }
  return left.map((p) => `${p} ${readFileSync(join(pidDir, String(p)), 'utf8').trim()}`);
}

export function recordedPids(pidDir: string): number {
  return readdirSync(pidDir).length;
}
