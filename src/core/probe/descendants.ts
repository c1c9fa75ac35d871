/**
 * Which processes each probed server started, so helpers that left its process group (`setsid()`, a
 * double fork into the background) are killed too, and a server that leaves processes behind is reported.
 *
 * Linux only (it reads /proc). A process belongs to a server when its parent does (pid + start time, so a
 * reused pid is never confused with the one seen before), or when its environment carries the server's
 * marker (`MCP_DOCTOR_PROBE`, set in the server's env): the marker finds a daemon even after the process
 * that forked it exited and it was reparented to init. The table is refreshed every 200 ms while servers
 * run, and on demand; only processes started after the doctor are looked at, each once (a process caught
 * in the middle of a fork a few times).
 *
 * Not found: a helper that both drops the marker from its environment and detaches between two refreshes.
 */
import { onKillAll } from '../util/live-processes.js';
import { isSameLiveProcess, listPids, procAvailable, readStat, environValue, type ProcStat } from './proc-stat.js';

export const MARKER_VARIABLE = 'MCP_DOCTOR_PROBE';

/** A process a server left outside its process group. */
export interface Stray {
  pid: number;
  command: string;
}

interface Member {
  pid: number;
  starttime: number;
}

interface Watched {
  leader: number;
  members: Map<number, Member>;
}

const REFRESH_MS = 200;
/** Looks at a new process without a marker before it is filed as not ours. */
const UNSURE_LOOKS = 4;

class ProcessTable {
  private readonly selfStart = readStat('self')?.starttime ?? 0;
  /** Every pid looked at: which server owns it (null: none), with the start time it had then. */
  private readonly seen = new Map<number, { starttime: number; owner: string | null }>();
  /** New processes that showed no marker yet, by pid: looked at again, a few times (see refresh). */
  private readonly unsure = new Map<number, { starttime: number; looks: number }>();
  private readonly watched = new Map<string, Watched>();
  private timer: NodeJS.Timeout | null = null;

  watch(marker: string, leader: number): void {
    const w: Watched = { leader, members: new Map() };
    const st = readStat(leader);
    if (st) {
      w.members.set(leader, { pid: leader, starttime: st.starttime });
      this.seen.set(leader, { starttime: st.starttime, owner: marker });
    }
    this.watched.set(marker, w);
    if (!this.timer) {
      this.timer = setInterval(() => this.refresh(), REFRESH_MS);
      this.timer.unref();
    }
  }

  unwatch(marker: string): void {
    this.watched.delete(marker);
    if (this.watched.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** Looks at every process started since the last refresh and files it under its server. */
  refresh(): void {
    if (this.watched.size === 0) return;
    const fresh: ProcStat[] = [];
    const present = new Set<number>();
    for (const pid of listPids()) {
      present.add(pid);
      // Filed pids are not read again: a pid leaves the table as soon as a refresh misses it, and the
      // kernel hands out pids in a cycle of 32,768 or more, so no pid is reused between two refreshes.
      if (this.seen.has(pid)) continue;
      const st = readStat(pid);
      if (!st) continue;
      if (st.starttime < this.selfStart) this.seen.set(pid, { starttime: st.starttime, owner: null });
      else fresh.push(st);
    }
    for (const pid of this.seen.keys()) if (!present.has(pid)) this.seen.delete(pid);
    for (const pid of this.unsure.keys()) if (!present.has(pid)) this.unsure.delete(pid);
    // Parents start before their children: file them first, so a child can follow its parent.
    fresh.sort((a, b) => a.starttime - b.starttime);
    for (const st of fresh) {
      const parent = this.seen.get(st.ppid);
      let owner = parent?.owner ?? null;
      if (owner === null) {
        const marker = environValue(st.pid, MARKER_VARIABLE);
        if (marker !== null && this.watched.has(marker)) owner = marker;
      }
      if (owner === null) {
        // A process caught in the middle of a fork can show an empty environment: look again next time
        // before filing it as someone else's.
        const unsure = this.unsure.get(st.pid);
        const looks = unsure?.starttime === st.starttime ? unsure.looks + 1 : 1;
        if (looks < UNSURE_LOOKS) {
          this.unsure.set(st.pid, { starttime: st.starttime, looks });
          continue;
        }
        this.unsure.delete(st.pid);
      }
      this.seen.set(st.pid, { starttime: st.starttime, owner });
      if (owner !== null) this.watched.get(owner)?.members.set(st.pid, { pid: st.pid, starttime: st.starttime });
    }
  }

  /** The server's processes alive now, the leader excluded; `outsideGroup` keeps those a group kill misses. */
  alive(marker: string, outsideGroup: boolean): (ProcStat & Member)[] {
    this.refresh();
    const w = this.watched.get(marker);
    if (!w) return [];
    const out: (ProcStat & Member)[] = [];
    for (const m of w.members.values()) {
      if (m.pid === w.leader) continue;
      const st = readStat(m.pid);
      if (!st || st.starttime !== m.starttime || st.state === 'Z' || st.state === 'X') continue;
      if (outsideGroup && st.pgrp === w.leader) continue;
      out.push({ ...st, starttime: m.starttime });
    }
    return out;
  }

  /** For an interrupt: every live process of every watched server (the group kill takes the rest). */
  allMembers(): Member[] {
    this.refresh();
    return [...this.watched.values()].flatMap((w) => [...w.members.values()]);
  }
}

let table: ProcessTable | null = null;
let serial = 0;

function processTable(): ProcessTable | null {
  if (!procAvailable) return null;
  if (!table) {
    const t = new ProcessTable();
    table = t;
    // On Ctrl-C or kill, the doctor's signal handler kills these along with the process groups.
    onKillAll(() => {
      for (const m of t.allMembers()) {
        try {
          if (isSameLiveProcess(m.pid, m.starttime)) process.kill(m.pid, 'SIGKILL');
        } catch {
          /* gone meanwhile */
        }
      }
    });
  }
  return table;
}

/** A fresh marker value for one server process (set as MCP_DOCTOR_PROBE in its environment). */
export function newMarker(): string {
  serial += 1;
  return `${process.pid}.${serial}`;
}

/** Watches one spawned server; every method is a no-op where /proc is not available. */
export class DescendantWatch {
  private readonly table = processTable();

  constructor(
    private readonly marker: string,
    leader: number | undefined,
  ) {
    if (leader !== undefined) this.table?.watch(marker, leader);
  }

  /** Whether descendants can be seen at all on this system. */
  get supported(): boolean {
    return this.table !== null;
  }

  /** Processes of this server still alive besides the one that was spawned. */
  others(): Stray[] {
    return (this.table?.alive(this.marker, false) ?? []).map((p) => ({ pid: p.pid, command: p.comm }));
  }

  /** Kills the processes that escaped the server's process group and are still alive; returns them. */
  killEscaped(): Stray[] {
    const escaped = this.table?.alive(this.marker, true) ?? [];
    for (const p of escaped) {
      if (!isSameLiveProcess(p.pid, p.starttime)) continue;
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        /* gone meanwhile */
      }
    }
    return escaped.map((p) => ({ pid: p.pid, command: p.comm }));
  }

  stop(): void {
    this.table?.unwatch(this.marker);
  }
}
