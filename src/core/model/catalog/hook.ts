/**
 * Catalog codes hook.*: a plugin's hooks (hooks/hooks.json, inline `hooks` in plugin.json) as Claude Code parses
 * them, and what a hook's command needs on disk. Hooks are not rows: these findings concern the plugin.
 */
import { commandCodes } from './command.js';
import type { Evidence } from '../evidence.js';
import { entry, s, q, type CatalogEntry } from './words.js';

/** "Hook SessionStart (hooks/hooks.json): " — which hook a command finding is about. */
const which = (a: Evidence) => `Hook ${s(a.event)}${a.matcher ? `:${s(a.matcher)}` : ''}`;
/** What is wrong with a hook entry, from the facts discover/plugin-hooks.ts found. */
function hookProblem(a: Evidence): string {
  switch (a.mistake) {
    case 'guards-outside-hooks':
      return 'it declares PreToolUse/PermissionRequest hooks at its top level, outside the "hooks" object';
    case 'guards-under-unknown-event':
      return `${s(a.found)} is not a hook event, but it holds PreToolUse/PermissionRequest hooks`;
    case 'matchers-not-array':
      return `must be an array of matchers; found ${s(a.found)}`;
    case 'matcher-not-object':
      return `a matcher must be an object; found ${s(a.found)}`;
    case 'matcher-not-string':
      return `Invalid hook matcher (matcher: expected string, received ${s(a.found)})`;
    case 'hooks-not-array':
      return `"hooks" must be an array of hook entries; found ${s(a.found)}`;
    case 'entry-not-object':
      return `a hook entry must be an object; found ${s(a.found)}`;
    case 'no-type':
      return 'the hook entry has no "type"';
    case 'type-not-string':
      return `"type" must be a string; found ${s(a.found)}`;
    case 'unknown-type':
      return `unknown hook type ${s(a.found)}`;
    case 'no-command':
      return 'a command hook needs a "command" string';
    default:
      return 'the entry does not validate';
  }
}

/** What to write instead. */
function hookFix(a: Evidence): string {
  switch (a.mistake) {
    case 'guards-outside-hooks':
      return 'Wrap the event map: {"hooks": {"PreToolUse": [ … ]}}.';
    case 'guards-under-unknown-event':
      return 'Move the entries under a hook event, or remove them.';
    case 'unknown-type':
    case 'no-type':
    case 'type-not-string':
      return 'Give the entry a "type": "command", "prompt", "agent", "http" or "mcp_tool".';
    case 'no-command':
      return 'Give the command hook its "command" line.';
    default:
      return 'Fix the entry (a "matcher" is a string such as "Write|Edit", "hooks" a list of entries) or remove it.';
  }
}

/** Claude Code reports a broken hook command only when the hook fires: say so once, in the hint. */
const whenItFires = (shows = '`/bin/sh: … not found`, exit 127') => ` Nothing in Claude Code reports this before the hook fires (${shows}).`;

export const hookCodes = {
  'hook.invalid-json': entry({
    args: ['error', 'file'],
    title: 'hooks.json is not valid JSON',
    severity: 'error',
    fixable: false,
    effect: 'plugin-error',
    explain:
      'Claude Code reads hooks/hooks.json (and a hooks file plugin.json names) with a strict JSON parser. When it does ' +
      'not parse, `claude plugin list` shows "✘ failed to load / Hook load failed: JSON Parse error …" ' +
      '(hook-load-failed) and /plugin counts 1 error. None of the plugin\'s hooks run; its MCP servers, commands and ' +
      'agents still load.',
    message: (a) => `${s(a.file) || 'hooks.json'} does not parse: ${s(a.error)}; none of this plugin's hooks run.`,
    hint: () => 'Fix the syntax at the line and column shown (no trailing commas, no comments).',
  }),
  'hook.no-wrapper': entry({
    args: ['events', 'file'],
    title: 'hooks.json lacks its "hooks" wrapper',
    severity: 'error',
    fixable: false,
    effect: 'plugin-error',
    explain:
      'A hooks file must be {"hooks": {<Event>: [matchers]}} (or carry "modules"). A bare event map at the top of the ' +
      'file fails with "hooks.json must have `hooks` (the hook matchers) or `modules` (hooks modules), or both": ' +
      '`claude plugin list` shows "✘ failed to load" (hook-load-failed), /plugin counts 1 error, no hook of the ' +
      'plugin runs; the rest of the plugin loads. Inline hooks in plugin.json are the other way round: the bare map.',
    message: (a) => `${s(a.file) || 'hooks.json'} has no "hooks" (or "modules") key${a.events ? `; its top level holds events (${s(a.events)})` : ''}; none of this plugin's hooks run.`,
    hint: () => 'Wrap the event map: {"hooks": {"SessionStart": [ … ]}}.',
  }),
  'hook.not-an-event-map': entry({
    args: ['found', 'where'],
    title: 'Hooks are not an event map: Claude Code refuses the plugin',
    severity: 'error',
    fixable: false,
    effect: 'refuses-plugin',
    explain:
      'The hooks value must be an object mapping event names to matcher arrays. When it is an array of matchers or ' +
      'a single matcher, Claude Code cannot tell which PreToolUse/PermissionRequest guards it holds and refuses the ' +
      'whole plugin ("hooks.json declares … outside the \\"hooks\\" object"; generic-error): its MCP servers never ' +
      'start. A real plugin ships this.',
    message: (a) => `${s(a.where) || 'hooks'} is ${s(a.found)}, not an object of events; Claude Code refuses the whole plugin and its MCP servers never start.`,
    hint: () => 'Make it {"<Event>": [{"matcher": "…", "hooks": [{"type": "command", "command": "…"}]}]}.',
  }),
  'hook.unknown-event': entry({
    args: ['event', 'suggestion', 'where', 'wrapped'],
    title: 'Unknown hook event: the entry is ignored',
    severity: 'warning',
    fixable: false,
    explain:
      'Claude Code knows a fixed list of hook events (SessionStart, PreToolUse, …). An entry under any other key is ' +
      'dropped with a debug-log warning only ("unknown hook event; entry ignored"), so the hook silently never runs. ' +
      'A common case: plugin.json `"hooks": {"hooks": {…}}`, the hooks.json shape inlined; inline hooks are the bare map.',
    message: (a) =>
      a.wrapped
        ? `${s(a.where)}: inline hooks in plugin.json are the bare event map, so "hooks" is read as an event name and everything under it is ignored.`
        : `${s(a.where)}: ${q(a.event)} is not a hook event; the entry is ignored${a.suggestion ? ` (did you mean ${q(a.suggestion)}?)` : ''}.`,
    hint: (a) => (a.wrapped ? 'Drop the inner "hooks" level: "hooks": {"SessionStart": [ … ]}.' : a.suggestion ? `Rename it to ${q(a.suggestion)}.` : 'Use one of Claude Code\'s hook events, or remove the entry.'),
  }),
  'hook.guard-unloadable': entry({
    args: ['found', 'mistake', 'where'],
    title: 'A PreToolUse/PermissionRequest hook cannot be loaded: Claude Code refuses the plugin',
    severity: 'error',
    fixable: false,
    effect: 'refuses-plugin',
    explain:
      'A PreToolUse, PermissionRequest or PreSkillShellCommand hook may be what guards the permissions beside it, so ' +
      'when one of its entries does not validate (a matcher that is not a string, hooks that are not an array, an ' +
      'entry without a known "type") Claude Code refuses the whole plugin (generic-error): `claude plugin list` shows ' +
      '"✘ failed to load", and its MCP servers never start. On any other event only that entry is ignored.',
    message: (a) => `${s(a.where)}: ${hookProblem(a)}; Claude Code refuses the whole plugin, its MCP servers included.`,
    hint: (a) => hookFix(a),
  }),
  'hook.entry-ignored': entry({
    args: ['found', 'mistake', 'where'],
    title: 'Hook entry does not validate: it is ignored',
    severity: 'warning',
    fixable: false,
    explain:
      'On events other than PreToolUse/PermissionRequest, Claude Code drops a hook entry that does not validate (a ' +
      'matcher that is not a string, hooks that are not an array, an entry without a known "type") with a debug-log ' +
      'warning only; the rest of the plugin\'s hooks run.',
    message: (a) => `${s(a.where)}: ${hookProblem(a)}; the entry is ignored.`,
    hint: (a) => hookFix(a),
  }),
  'hook.script-missing': entry({
    args: ['command', 'event', 'fixHint', 'interpreter', 'linkTarget', 'matcher', 'missing', 'missingKind', 'onPath', 'path', 'searched'],
    title: 'Hook script does not exist',
    severity: 'error',
    fixable: false,
    // Nothing changes in what loads: the hook fails when it fires.
    effect: 'none',
    explain:
      'The hook\'s command names a script that is not there. /bin/sh fails with "not found" (exit 127) each time the ' +
      'hook fires; a PreToolUse hook then gives no verdict ("The check may not have run"). No Claude Code command ' +
      'reports it earlier.',
    message: (a) => `${which(a)}: ${a.interpreter ? commandCodes['command.script-missing'].message(a) : commandCodes['command.not-found'].message(a)}`,
    hint: (a) => `${s(a.fixHint) || 'Fix the path, or add the script.'}${whenItFires()}`,
  }),
  'hook.command-not-found': entry({
    args: ['command', 'event', 'fixHint', 'linkTarget', 'matcher', 'missing', 'missingKind', 'onPath', 'path', 'searched'],
    title: 'Hook program is not on PATH',
    severity: 'error',
    fixable: false,
    // Nothing changes in what loads: the hook fails when it fires.
    effect: 'none',
    explain:
      'The program the hook\'s command starts is on no PATH folder of the session. /bin/sh fails with "not found" ' +
      '(exit 127) each time the hook fires. No Claude Code command reports it earlier.',
    message: (a) => `${which(a)}: ${commandCodes['command.not-found'].message(a)}`,
    hint: (a) => `${commandCodes['command.not-found'].hint(a)}${whenItFires()}`,
  }),
  'hook.not-executable': entry({
    args: ['event', 'isDirectory', 'matcher', 'mode', 'path'],
    fixes: ['chmod'],
    title: 'Hook script is not executable',
    severity: 'error',
    fixable: true,
    // Nothing changes in what loads: the hook fails when it fires.
    effect: 'none',
    explain:
      'The hook runs the script directly, but it has no execute bit: /bin/sh fails with "Permission denied" (exit 126) ' +
      'each time the hook fires. No Claude Code command reports it earlier. --fix adds the execute bit.',
    message: (a) => `${which(a)}: ${commandCodes['command.not-executable'].message(a)}`,
    hint: (a) => `${commandCodes['command.not-executable'].hint(a)}${whenItFires('`Permission denied`, exit 126')}`,
  }),
  'hook.bad-interpreter': entry({
    args: ['crlf', 'event', 'fixHint', 'interpreter', 'matcher', 'path', 'shebang', 'viaEnv'],
    fixes: ['line-endings'],
    title: 'Hook script\'s interpreter cannot start',
    severity: 'error',
    fixable: true,
    // Nothing changes in what loads: the hook fails when it fires.
    effect: 'none',
    explain:
      'The hook script\'s #! line names an interpreter that is missing, or ends in a carriage return (CRLF line endings), ' +
      'so the kernel looks for "bash\\r". The hook fails each time it fires. --fix rewrites CRLF line endings to LF.',
    message: (a) => `${which(a)}: ${commandCodes['command.bad-interpreter'].message(a)}`,
    hint: (a) => `${commandCodes['command.bad-interpreter'].hint(a)}${whenItFires()}`,
  }),
} satisfies Record<string, CatalogEntry>;
