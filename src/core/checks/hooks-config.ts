/**
 * A plugin's hooks as Claude Code parses them: hooks.json that does not parse or lacks its "hooks" wrapper
 * (hook-load-failed), hooks that are not an event map or a PreToolUse/PermissionRequest entry that cannot load
 * (the whole plugin refused), unknown events and other broken entries (silently ignored).
 */
import { pluginHooks } from '../discover/plugin-hooks.js';
import { defineCheck } from './define-check.js';

export default defineCheck({
  id: 'hooks-config',
  subject: 'plugin',
  codes: ['hook.invalid-json', 'hook.no-wrapper', 'hook.not-an-event-map', 'hook.unknown-event', 'hook.guard-unloadable', 'hook.entry-ignored'],
  async run(plugin) {
    return (await pluginHooks(plugin)).findings;
  },
});
