/**
 * Starts servers through a bounded pool. Two limits apply:
 * - file descriptors: each stdio server holds three pipe ends (six with --discover, which starts a second
 *   copy), so a container with a limit of 256 cannot start 60 servers at once; the pool leaves room for the
 *   doctor's own files;
 * - cores: starting a process is CPU work (an interpreter boots, an npx resolves). Beyond a few dozen
 *   starts per core, more at once finish no sooner, they only stretch each server's own start-up time
 *   until healthy servers look slow (600 at once: 452 false slow-starts).
 * Each server's time is measured from its own spawn, so waiting in the queue costs it nothing. Hanging
 * servers in flight together cost one timeout.
 *
 * If the system still refuses (EMFILE, EAGAIN), the pool shrinks to what is in flight and tries the server
 * again when a slot frees; that shortage is the doctor's, never the server's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { isResourceError } from './resource-error.js';

/** Per server in flight: three pipe ends, one spare for a socket or a /proc read. */
const FDS_PER_PROCESS = 4;
/** Descriptors kept for the doctor itself: module loading, file reads of the checks, sockets. */
const FDS_RESERVED = 48;
/** Concurrent starts per core. */
const STARTS_PER_CORE = 24;
/** Attempts at a server refused for lack of resources while nothing else was in flight. */
const LONE_ATTEMPTS = 10;

export interface PoolSize {
  slots: number;
  /** Slots to keep free while the doctor opens `extraFiles` files of its own (0 when descriptors are plenty). */
  heldForExtraFiles: number;
  /** The soft limit on open files, when it could be read. */
  descriptorLimit: number | null;
  cores: number;
}

/** The soft "Max open files" limit: /proc/self/limits on Linux, `ulimit -n` elsewhere. */
export function descriptorLimit(platform: NodeJS.Platform = process.platform): number | null {
  if (platform === 'win32') return null;
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    if (soft) return soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    /* not Linux */
  }
  const r = spawnSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8', timeout: 2_000 });
  const out = r.stdout?.trim();
  if (!out) return null;
  return out === 'unlimited' ? Infinity : Number(out) || null;
}

function descriptorsInUse(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return 16;
  }
}

export function poolSize(opts: { discover: boolean; platform?: NodeJS.Platform; extraFiles?: number }): PoolSize {
  const cores = availableParallelism();
  const limit = descriptorLimit(opts.platform);
  const perServer = FDS_PER_PROCESS * (opts.discover ? 2 : 1);
  const bySpeed = cores * STARTS_PER_CORE;
  const free = limit === null || limit === Infinity ? Infinity : limit - descriptorsInUse() - FDS_RESERVED;
  const slots = Math.max(1, Math.min(bySpeed, Math.floor(free / perServer)));
  const slotsMeanwhile = Math.max(1, Math.min(bySpeed, Math.floor((free - (opts.extraFiles ?? 0)) / perServer)));
  return { slots, heldForExtraFiles: Math.max(0, slots - slotsMeanwhile), descriptorLimit: limit === Infinity ? null : limit, cores };
}

interface Job<T> {
  task: () => Promise<T>;
  onStart?: () => void;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
  loneFailures: number;
  started: boolean;
}

export class SpawnPool {
  private readonly queue: Job<unknown>[] = [];
  private active = 0;

  constructor(private limit: number) {}

  /** Runs `task` when a slot is free; `onStart` is called the first time it starts. */
  run<T>(task: () => Promise<T>, onStart?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ task, onStart, resolve, reject, loneFailures: 0, started: false } as Job<unknown>);
      this.pump();
    });
  }

  get size(): number {
    return this.limit;
  }

  /** Starts nothing more: every job still waiting is rejected with `reason` (the run it belongs to failed). */
  stop(reason: unknown): void {
    for (const job of this.queue.splice(0)) job.reject(reason);
    this.limit = 0;
  }

  /** Keeps `slots` of the pool free until `done` settles (the doctor's own burst of open files). */
  holdWhile(done: Promise<unknown>, slots: number): void {
    const held = Math.min(slots, this.limit - 1);
    if (held <= 0) return;
    this.limit -= held;
    const release = () => {
      this.limit += held;
      this.pump();
    };
    done.then(release, release);
  }

  private pump(): void {
    while (this.active < this.limit && this.queue.length > 0) {
      const job = this.queue.shift() as Job<unknown>;
      this.start(job);
    }
  }

  private start(job: Job<unknown>): void {
    this.active += 1;
    if (!job.started) {
      job.started = true;
      job.onStart?.();
    }
    job.task().then(
      (value) => {
        this.active -= 1;
        job.resolve(value);
        this.pump();
      },
      (error: unknown) => {
        this.active -= 1;
        if (!isResourceError(error)) {
          job.reject(error);
          this.pump();
          return;
        }
        // What is in flight now is what the system bears: shrink to it and retry when a slot frees.
        this.limit = Math.max(1, this.active);
        if (this.active > 0) {
          this.queue.unshift(job);
          return;
        }
        job.loneFailures += 1;
        if (job.loneFailures >= LONE_ATTEMPTS) {
          job.reject(error);
          this.pump();
          return;
        }
        // Nothing of ours is in flight: the shortage is someone else's. Wait a little and try again.
        setTimeout(() => {
          this.queue.unshift(job);
          this.pump();
        }, 100 * job.loneFailures);
      },
    );
  }
}
