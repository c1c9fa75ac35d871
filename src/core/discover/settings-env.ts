/**
 * The environment a Claude Code session gives its MCP servers (docs/claude-code-facts.md §1): the shell's
 * environment with every settings `env` block merged over it, lowest first: `~/.claude.json` "env" < user
 * settings < project settings < local settings < managed settings. `${VAR}` expansion and each server's
 * inherited environment both read the result. `claude mcp list` leaves the project and local layers out (an
 * interactive session applies them once the folder is trusted), so a value only those layers supply is set in
 * the session the user runs but "missing" in `mcp list`; the origin is kept so a finding can say so.
 */
import type { DoctorContext } from '../model/context.js';
import { objectEntries } from '../expand/expand-vars.js';
import { locationOf } from '../json/location.js';
import type { EnvOrigin, SessionEnv } from '../model/types.js';
import type { InventoryBuilder } from './inventory-builder.js';
import { settingsLayers } from './registries.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export async function readSessionEnv(ctx: DoctorContext, b: InventoryBuilder): Promise<SessionEnv> {
  const layers: { layer: EnvOrigin['layer']; file: string; kind: 'user-state' | 'settings' }[] = [
    { layer: 'global-state', file: ctx.userStateFile, kind: 'user-state' },
    ...settingsLayers(ctx).map((l) => ({ ...l, kind: 'settings' as const })),
  ];
  const values: Record<string, string | undefined> = { ...ctx.env };
  const setBy = new Map<string, EnvOrigin[]>();
  for (const { layer, file, kind } of layers) {
    const r = await b.load(file, kind, {}, kind === 'settings' ? 'settings' : '.claude.json');
    if (r.status !== 'ok' || !isObject(r.doc.value)) continue;
    for (const [key, raw] of objectEntries(r.doc.value.env)) {
      // Settings values are strings; a number or boolean written by hand is what its text says.
      if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') continue;
      values[key] = String(raw);
      const origins = setBy.get(key) ?? [];
      origins.push({ layer, ...locationOf(r.doc, ['env', key]) });
      setBy.set(key, origins);
    }
  }
  const fromSettings: SessionEnv['fromSettings'] = new Map();
  for (const [key, origins] of setBy) {
    const winner = origins.at(-1);
    if (!winner) continue;
    const onlyProjectOrLocal = ctx.env[key] === undefined && origins.every((o) => o.layer === 'project' || o.layer === 'local');
    fromSettings.set(key, { ...winner, onlyProjectOrLocal });
  }
  return { values, fromSettings };
}
