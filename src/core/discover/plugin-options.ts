/**
 * The values of a plugin's `userConfig` options, resolved as Claude Code does (docs/claude-code-facts.md §6):
 * `.credentials.json` `pluginSecrets` (where Claude Code keeps sensitive options on Linux) over
 * `pluginConfigs[<id>].options` of user and managed settings, over the manifest's `default`. A declared
 * option that is not required and has none of these expands to the empty string; a required one (or a key
 * the manifest does not declare) has no value, and Claude Code does not start the servers that use it.
 * On macOS sensitive options live in the keychain, which mcp-doctor does not read: their value is unknown.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DoctorContext } from '../model/context.js';
import { objectEntries } from '../expand/expand-vars.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Where Claude Code keeps credentials on Linux (and Windows): `<config dir>/.credentials.json`. */
export function credentialsFile(ctx: DoctorContext): string {
  return join(ctx.configDir, '.credentials.json');
}

/**
 * `pluginSecrets` from the credentials file, per plugin id. Nothing else in that file is read, a file that does
 * not parse is treated as absent (a parse message could quote a token), and no value ever leaves as text:
 * callers register each one with the redactor.
 */
export async function readPluginSecrets(ctx: DoctorContext): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  const file = credentialsFile(ctx);
  let value: unknown;
  try {
    const st = await stat(file);
    if (!st.isFile() || st.size > 1024 * 1024) return out;
    value = JSON.parse((await readFile(file, 'utf8')).replace(/^\ufeff/, ''));
  } catch {
    return out;
  }
  if (!isObject(value)) return out;
  for (const [id, entries] of objectEntries(value.pluginSecrets)) {
    const secrets: Record<string, string> = {};
    for (const [key, v] of objectEntries(entries)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') secrets[key] = String(v);
    }
    out.set(id, secrets);
  }
  return out;
}

export interface ResolvedOptions {
  /** Option → value for `${user_config.KEY}`; undefined when Claude Code has none (or mcp-doctor cannot see it). */
  values: Record<string, string | undefined>;
  /** Options whose value may be in the OS keychain (sensitive, on macOS, none visible). */
  keychain: Set<string>;
  /** Values that are credentials (sensitive options, anything from the credentials file). */
  secretValues: { value: string; label: string }[];
}

export function resolveOptions(
  ctx: DoctorContext,
  declared: Record<string, unknown>,
  options: Record<string, string> | undefined,
  secrets: Record<string, string> | undefined,
): ResolvedOptions {
  const out: ResolvedOptions = { values: {}, keychain: new Set(), secretValues: [] };
  for (const [key, decl] of objectEntries(declared)) {
    const d = isObject(decl) ? decl : {};
    const sensitive = d.sensitive === true;
    const fallback = d.default === undefined || d.default === null ? undefined : String(d.default);
    const secret = secrets?.[key];
    const value = secret ?? options?.[key] ?? fallback;
    if (value !== undefined) {
      out.values[key] = value;
      if (secret !== undefined || sensitive) out.secretValues.push({ value, label: `user_config.${key}` });
      continue;
    }
    if (sensitive && ctx.platform === 'darwin') {
      out.keychain.add(key);
      out.values[key] = undefined;
      continue;
    }
    out.values[key] = d.required === true ? undefined : '';
  }
  // A secret stored for a key the manifest no longer declares is still a credential.
  for (const [key, value] of Object.entries(secrets ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(out.values, key)) out.secretValues.push({ value, label: `user_config.${key}` });
  }
  return out;
}
