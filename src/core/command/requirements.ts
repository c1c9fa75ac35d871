/**
 * Author mode: a program the servers need that this machine lacks (a CI runner without uvx, bun, deno …) is a
 * requirement of the plugin, stated once per program with every server that needs it, not an error per server.
 */
import { installHints } from './launcher-scan.js';
import type { Finding, FindingInput, Location, ServerEntry } from '../model/types.js';

export type RunnerVia = 'command' | 'interpreter' | 'launcher';

/** One server's need for one program; `mergeRequirements` folds them into one finding per program. */
export function runnerRequired(program: string, server: ServerEntry, location: Location, via: RunnerVia): FindingInput {
  return { code: 'command.runner-required', location, args: { program, servers: [server.name], via, installHint: installHints[program] } };
}

/**
 * One `command.runner-required` finding per program: the first one found (its location), listing every server
 * that needs the program. It stays with its plugin when all those servers are in one plugin, else it is the run's.
 */
export function mergeRequirements(findings: Finding[]): Finding[] {
  const byProgram = new Map<string, { first: Finding; servers: string[]; plugins: Set<string | null> }>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.code !== 'command.runner-required') {
      out.push(f);
      continue;
    }
    const program = String(f.args?.program ?? '');
    const names = Array.isArray(f.args?.servers) ? (f.args.servers as string[]) : [];
    const label = (name: string) => (f.plugin ? `${f.plugin}:${name}` : name);
    const seen = byProgram.get(program);
    if (seen) {
      for (const n of names.map(label)) if (!seen.servers.includes(n)) seen.servers.push(n);
      seen.plugins.add(f.plugin);
      continue;
    }
    const entry = { first: f, servers: names.map(label), plugins: new Set([f.plugin]) };
    byProgram.set(program, entry);
    out.push(f);
  }
  return out.map((f) => {
    if (f.code !== 'command.runner-required') return f;
    const e = byProgram.get(String(f.args?.program ?? ''));
    if (!e || e.first !== f) return f;
    const onePlugin = e.plugins.size === 1 ? [...e.plugins][0] ?? null : null;
    // Within one plugin the server names alone are clear; across plugins they keep their plugin.
    // Sorted: servers are checked concurrently, so the order they were found in is not the same twice.
    const servers = (onePlugin ? e.servers.map((n) => n.slice(onePlugin.length + 1)) : e.servers).sort();
    return { ...f, server: null, plugin: onePlugin, args: { ...f.args, servers } };
  });
}
