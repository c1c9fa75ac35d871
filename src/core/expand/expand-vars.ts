/**
 * Variable expansion exactly as Claude Code does it for MCP server entries (docs/claude-code-facts.md §7):
 *   1. plugin servers only: the literal tokens ${CLAUDE_PLUGIN_ROOT}, ${CLAUDE_PLUGIN_DATA}, ${CLAUDE_PROJECT_DIR};
 *   2. plugin servers with a userConfig: ${user_config.KEY};
 *   3. ${VAR} and ${VAR:-default} from the environment; the default applies only when VAR is *unset*
 *      (an empty VAR stays empty), an unset VAR without default stays literal. `$VAR` and `~` are never expanded.
 * Expanded fields: stdio command, args[i], env values; remote url, header values, headersHelper.
 */
import { objectEntries } from '../util/object-entries.js';
import type { ExpandedServer, ServerConfig } from '../model/types.js';

export interface ExpansionInput {
  env: Record<string, string | undefined>;
  /** Present for plugin servers: the values of pass 1. */
  pluginVars?: { CLAUDE_PLUGIN_ROOT: string; CLAUDE_PLUGIN_DATA: string; CLAUDE_PROJECT_DIR: string };
  /** Present when the plugin manifest declares userConfig: values known for its keys. */
  userConfig?: Record<string, string | undefined>;
}

export interface ExpandedString {
  value: string;
  unset: string[];
  userConfigUnset: string[];
}

const pluginToken = /\$\{(CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA|CLAUDE_PROJECT_DIR)\}/g;
const userConfigToken = /\$\{user_config\.([A-Za-z0-9_.-]+)\}/g;
// The same expression Claude Code uses; note `[^}]*` makes nested defaults ${A:-${B}} parse as Claude Code does.
const envToken = /\$\{([A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?)\}/g;

export function expandString(input: string, opts: ExpansionInput): ExpandedString {
  const unset: string[] = [];
  const userConfigUnset: string[] = [];
  let value = input;
  if (opts.pluginVars) {
    const vars = opts.pluginVars;
    value = value.replace(pluginToken, (_m, name: keyof typeof vars) => vars[name]);
  }
  if (opts.userConfig) {
    const known = opts.userConfig;
    value = value.replace(userConfigToken, (m, key: string) => {
      const v = Object.prototype.hasOwnProperty.call(known, key) ? known[key] : undefined;
      if (v === undefined) {
        userConfigUnset.push(key);
        return m;
      }
      return v;
    });
  }
  value = value.replace(envToken, (m, body: string) => {
    const sep = body.indexOf(':-');
    const name = sep === -1 ? body : body.slice(0, sep);
    const fallback = sep === -1 ? undefined : body.slice(sep + 2);
    const fromEnv = Object.prototype.hasOwnProperty.call(opts.env, name) ? opts.env[name] : undefined;
    if (fromEnv !== undefined) return fromEnv;
    if (fallback !== undefined) return fallback;
    unset.push(name);
    return m;
  });
  return { value, unset, userConfigUnset };
}

export type ServerExpansion = ExpandedServer;

/** Expands one entry; `base` is the entry's pointer in its document, so unset variables can be located. */
export function expandServer(config: ServerConfig, opts: ExpansionInput, base: (string | number)[]): ServerExpansion {
  const out: ServerExpansion = { args: [], env: {}, headers: {}, unsetVars: [], userConfigUnset: [] };
  const take = (raw: unknown, pointer: (string | number)[]): string | undefined => {
    if (typeof raw !== 'string') return undefined;
    const r = expandString(raw, opts);
    for (const name of r.unset) out.unsetVars.push({ name, pointer });
    for (const key of r.userConfigUnset) out.userConfigUnset.push({ key, pointer });
    return r.value;
  };
  const command = take(config.command, [...base, 'command']);
  if (command !== undefined) out.command = command;
  if (Array.isArray(config.args)) {
    config.args.forEach((a, i) => {
      const v = take(a, [...base, 'args', i]);
      if (v !== undefined) out.args.push(v);
    });
  }
  for (const [key, raw] of objectEntries(config.env)) {
    const v = take(raw, [...base, 'env', key]);
    if (v !== undefined) out.env[key] = v;
  }
  const url = take(config.url, [...base, 'url']);
  if (url !== undefined) out.url = url;
  for (const [key, raw] of objectEntries(config.headers)) {
    const v = take(raw, [...base, 'headers', key]);
    if (v !== undefined) out.headers[key] = v;
  }
  take(config.headersHelper, [...base, 'headersHelper']);
  return out;
}

/** Every `${user_config.KEY}` in the fields Claude Code expands, with where it sits. */
export function userConfigRefs(config: ServerConfig, base: (string | number)[]): { key: string; pointer: (string | number)[] }[] {
  return tokenRefs(config, base, userConfigToken).map(({ name, pointer }) => ({ key: name, pointer }));
}

/** Every `${VAR}` / `${VAR:-default}` (VAR only) in the fields Claude Code expands, with where it sits. */
export function envRefs(config: ServerConfig, base: (string | number)[]): { name: string; pointer: (string | number)[] }[] {
  return tokenRefs(config, base, envToken).map(({ name, pointer }) => ({ name: name.split(':-')[0] ?? name, pointer }));
}

function tokenRefs(config: ServerConfig, base: (string | number)[], token: RegExp): { name: string; pointer: (string | number)[] }[] {
  const out: { name: string; pointer: (string | number)[] }[] = [];
  const scan = (raw: unknown, pointer: (string | number)[]) => {
    if (typeof raw !== 'string') return;
    for (const m of raw.matchAll(token)) out.push({ name: m[1] ?? '', pointer });
  };
  scan(config.command, [...base, 'command']);
  if (Array.isArray(config.args)) config.args.forEach((a, i) => scan(a, [...base, 'args', i]));
  for (const [k, v] of objectEntries(config.env)) scan(v, [...base, 'env', k]);
  scan(config.url, [...base, 'url']);
  for (const [k, v] of objectEntries(config.headers)) scan(v, [...base, 'headers', k]);
  scan(config.headersHelper, [...base, 'headersHelper']);
  return out;
}

export { objectEntries };
