/**
 * A plugin's hooks as Claude Code reads them (docs/claude-code-facts.md §16): the default
 * `hooks/hooks.json` plus what plugin.json `hooks` names (a ./path, an inline event map, or an array of both; the
 * default file named again is loaded once). A hooks *file* is `{"hooks": {<Event>: [matcher…]}, "modules": …}`; inline
 * hooks are the bare event map. What Claude Code refuses or drops becomes findings; every valid `command` hook is
 * kept for the command checks. Read once per plugin (memoized): the shape check and the command check share it.
 */
import { join } from 'node:path';
import { editDistance } from '../util/edit-distance.js';
import { readJsonDocument } from '../json/read-json.js';
import { locationOf } from '../json/location.js';
import type { Evidence, FindingInput, JsonDocument, Location, PluginEntry } from '../model/types.js';

/** Claude Code's hook events (its bundle's list). */
export const HOOK_EVENTS = [
  'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PostToolBatch', 'Notification', 'UserPromptSubmit', 'UserPromptExpansion',
  'SessionStart', 'SessionEnd', 'Stop', 'StopFailure', 'SubagentStart', 'SubagentStop', 'PreCompact', 'PostCompact',
  'PreModelSwitch', 'PostModelSwitch', 'PermissionRequest', 'PermissionDenied', 'Setup', 'TeammateIdle', 'TaskCreated',
  'TaskCompleted', 'Elicitation', 'ElicitationResult', 'ConfigChange', 'WorktreeCreate', 'WorktreeRemove', 'InstructionsLoaded',
  'CwdChanged', 'FileChanged', 'DirectoryAdded', 'MessageDisplay', 'PreSkillShellCommand',
] as const;
const events = new Set<string>(HOOK_EVENTS);
/** Events whose broken entry refuses the whole plugin: they may guard the permissions beside them. */
const GUARDS = new Set(['PreToolUse', 'PermissionRequest', 'PreSkillShellCommand']);
/** Hook entry types (bundle: command, prompt, agent, http, mcp_tool). */
const HOOK_TYPES = new Set(['command', 'prompt', 'agent', 'http', 'mcp_tool']);

/** What makes a hook entry fail to load (the catalog words it: hook.guard-unloadable, hook.entry-ignored). */
export type HookMistake =
  | 'guards-outside-hooks'
  | 'guards-under-unknown-event'
  | 'matchers-not-array'
  | 'matcher-not-object'
  | 'matcher-not-string'
  | 'hooks-not-array'
  | 'entry-not-object'
  | 'no-type'
  | 'type-not-string'
  | 'unknown-type'
  | 'no-command';

export interface HookCommand {
  event: string;
  matcher: string | null;
  /** The command line as written (before `${CLAUDE_PLUGIN_ROOT}` is substituted). */
  command: string;
  location: Location;
}

export interface PluginHooks {
  /** Whether the plugin declares any hook at all (for the same-name rule). */
  any: boolean;
  findings: FindingInput[];
  commands: HookCommand[];
}

const cache = new WeakMap<PluginEntry, Promise<PluginHooks>>();

export function pluginHooks(plugin: PluginEntry): Promise<PluginHooks> {
  let pending = cache.get(plugin);
  if (!pending) {
    pending = read(plugin);
    cache.set(plugin, pending);
  }
  return pending;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const shapeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);
/** A matcher object (Claude Code's `Zje`): what belongs inside an event's array, found where an event map was expected. */
const looksLikeMatcher = (v: unknown) => isObject(v) && (('matcher' in v) || (Array.isArray(v.hooks) && v.hooks.length > 0));
/** Holds PreToolUse/PermissionRequest hooks somewhere (bounded depth, like the bundle's `Prt`). */
function holdsGuards(v: unknown, depth = 3): boolean {
  if (!v || typeof v !== 'object' || depth < 0) return false;
  if (Array.isArray(v)) return v.some((x) => holdsGuards(x, depth - 1));
  return Object.entries(v).some(([k, x]) => (GUARDS.has(k) && x !== null && !(Array.isArray(x) && x.length === 0)) || holdsGuards(x, depth - 1));
}

async function read(plugin: PluginEntry): Promise<PluginHooks> {
  const out: PluginHooks = { any: false, findings: [], commands: [] };
  const root = plugin.root;
  if (!root || !plugin.rootExists) return out;
  const seen = new Set<string>();
  const fromFile = async (relative: string) => {
    const file = join(root, relative.replace(/^\.\//, ''));
    if (seen.has(file)) return; // the default file named again: "loaded once"
    seen.add(file);
    const r = await readJsonDocument(file, 'plugin-hooks', 'hooks.json');
    // A path that is missing is component-paths' finding (path-not-found); the default file is optional.
    if (r.status === 'absent') return;
    out.any = true;
    if (r.status === 'invalid') {
      const first = r.findings[0];
      out.findings.push({ code: 'hook.invalid-json', location: first?.location ?? { file }, args: { file: relative, error: String((first?.args as Evidence | undefined)?.error ?? 'unreadable') } });
      return;
    }
    const value = r.doc.value;
    if (!isObject(value) || (!('hooks' in value) && !('modules' in value))) {
      const topEvents = isObject(value) ? Object.keys(value).filter((k) => events.has(k)) : [];
      if (isObject(value) && Object.entries(value).some(([k, x]) => k !== 'hooks' && holdsGuards({ [k]: x }))) {
        out.findings.push({
          code: 'hook.guard-unloadable',
          location: locationOf(r.doc, []),
          args: { where: relative, mistake: 'guards-outside-hooks' },
        });
      } else {
        out.findings.push({ code: 'hook.no-wrapper', location: locationOf(r.doc, []), args: { file: relative, events: topEvents.join(', ') || null } });
      }
      return;
    }
    if ('hooks' in value) eventMap(r.doc, value.hooks, ['hooks'], false, out);
  };

  await fromFile('./hooks/hooks.json');
  const doc = plugin.manifest;
  const manifest = doc && isObject(doc.value) ? doc.value : null;
  const declared = manifest?.hooks;
  const spec = async (v: unknown, pointer: (string | number)[]) => {
    if (typeof v === 'string') {
      if (v.startsWith('./') && v.endsWith('.json')) await fromFile(v);
    } else if (doc && v !== undefined) {
      out.any = true;
      eventMap(doc, v, pointer, true, out);
    }
  };
  if (Array.isArray(declared) && !declared.some(looksLikeMatcher)) {
    for (let i = 0; i < declared.length; i++) await spec(declared[i], ['hooks', i]);
  } else if (declared !== undefined) {
    await spec(declared, ['hooks']);
  }
  return out;
}

/** An event map: `{<Event>: [{matcher?, hooks: [{type, command, …}]}]}` (bundle `I5e`/`N4s`). */
function eventMap(doc: JsonDocument, value: unknown, base: (string | number)[], inline: boolean, out: PluginHooks): void {
  const where = (p: (string | number)[]) => p.join('.');
  if (Array.isArray(value) || looksLikeMatcher(value)) {
    out.findings.push({ code: 'hook.not-an-event-map', location: locationOf(doc, base), args: { where: where(base), found: Array.isArray(value) ? 'an array of matchers' : 'a single matcher' } });
    return;
  }
  if (!isObject(value)) return; // another shape fails the manifest schema (reported there)
  for (const [event, matchers] of Object.entries(value)) {
    const pointer = [...base, event];
    if (!events.has(event)) {
      if (holdsGuards(matchers)) {
        out.findings.push({ code: 'hook.guard-unloadable', location: locationOf(doc, pointer), args: { where: where(pointer), mistake: 'guards-under-unknown-event', found: JSON.stringify(event) } });
        continue;
      }
      const suggestion = HOOK_EVENTS.map((e) => [e, editDistance(event.toLowerCase(), e.toLowerCase())] as const).filter(([, d]) => d <= 2).sort((a, b) => a[1] - b[1])[0]?.[0];
      out.findings.push({ code: 'hook.unknown-event', location: locationOf(doc, pointer), args: { where: where(pointer), event, wrapped: inline && event === 'hooks' && isObject(matchers), suggestion: suggestion ?? null } });
      continue;
    }
    const guard = GUARDS.has(event);
    // What is wrong is a fact (HookMistake), worded by the catalog (hook.ts).
    const bad = (p: (string | number)[], mistake: HookMistake, found?: string) =>
      out.findings.push({ code: guard ? 'hook.guard-unloadable' : 'hook.entry-ignored', location: locationOf(doc, p), args: { where: where(p), mistake, found } });
    if (!Array.isArray(matchers)) {
      if (guard ? matchers !== null : true) bad(pointer, 'matchers-not-array', shapeOf(matchers));
      continue;
    }
    matchers.forEach((m, i) => {
      const mp = [...pointer, i];
      if (!isObject(m)) return bad(mp, 'matcher-not-object', shapeOf(m));
      if (m.matcher !== undefined && typeof m.matcher !== 'string') return bad([...mp, 'matcher'], 'matcher-not-string', typeof m.matcher);
      if (!Array.isArray(m.hooks)) return bad([...mp, 'hooks'], 'hooks-not-array', shapeOf(m.hooks));
      m.hooks.forEach((h, j) => {
        const hp = [...mp, 'hooks', j];
        if (!isObject(h)) return bad(hp, 'entry-not-object', shapeOf(h));
        if (typeof h.type !== 'string') return (h.type === undefined ? bad(hp, 'no-type') : bad(hp, 'type-not-string', shapeOf(h.type)));
        if (!HOOK_TYPES.has(h.type)) return bad([...hp, 'type'], 'unknown-type', JSON.stringify(h.type));
        if (h.type !== 'command') return;
        if (typeof h.command !== 'string' || h.command.length === 0) return bad([...hp, 'command'], 'no-command');
        out.commands.push({ event, matcher: typeof m.matcher === 'string' && m.matcher !== '' ? m.matcher : null, command: h.command, location: locationOf(doc, [...hp, 'command']) });
      });
    });
  }
}
