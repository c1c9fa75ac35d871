/** Claude Code's three expansion passes, case by case (docs/claude-code-facts.md §7). */
import { describe, expect, it } from 'vitest';
import { expandString } from '../src/core/expand/expand-vars.js';

const env = { HOME: '/home/u', EMPTY: '', FX: 'fx-value' };
const pluginVars = { CLAUDE_PLUGIN_ROOT: '/plug', CLAUDE_PLUGIN_DATA: '/data', CLAUDE_PROJECT_DIR: '/proj' };

const cases: [input: string, plugin: boolean, value: string, unset: string[]][] = [
  ['${CLAUDE_PLUGIN_ROOT}/bin/x', true, '/plug/bin/x', []],
  ['${CLAUDE_PLUGIN_DATA}:${CLAUDE_PROJECT_DIR}', true, '/data:/proj', []],
  // Outside plugins the plugin tokens are ordinary variables (unset here): Claude Code warns about them.
  ['${CLAUDE_PLUGIN_ROOT}/bin/x', false, '${CLAUDE_PLUGIN_ROOT}/bin/x', ['CLAUDE_PLUGIN_ROOT']],
  ['$CLAUDE_PLUGIN_ROOT/x', true, '$CLAUDE_PLUGIN_ROOT/x', []],
  ['~/bin/server', true, '~/bin/server', []],
  ['$HOME/x', true, '$HOME/x', []],
  ['${HOME}/x', true, '/home/u/x', []],
  ['${FX:-d}', true, 'fx-value', []],
  ['${EMPTY:-d}', true, '', []],
  ['${MISSING:-d}', true, 'd', []],
  ['${MISSING:-}', true, '', []],
  ['${MISSING}', true, '${MISSING}', ['MISSING']],
  ['a ${MISSING} b ${OTHER_MISSING}', true, 'a ${MISSING} b ${OTHER_MISSING}', ['MISSING', 'OTHER_MISSING']],
  // Nested defaults parse as Claude Code's regex does: pass 1 first, then `[^}]*` stops at the first brace.
  ['${DEV_PATH:-${CLAUDE_PLUGIN_ROOT}}', true, '/plug', []],
  ['${A:-${B}}', true, '${B}', []],
  ['${9BAD}', true, '${9BAD}', []],
  ['${user_config.TOKEN}', true, '${user_config.TOKEN}', []],
];

describe('expandString', () => {
  it.each(cases)('%s (plugin: %s) → %s', (input, plugin, value, unset) => {
    const r = expandString(input, { env, ...(plugin ? { pluginVars } : {}) });
    expect(r.value).toBe(value);
    expect(r.unset).toEqual(unset);
  });

  it('replaces ${user_config.KEY} only when the manifest declares userConfig, and records unset keys', () => {
    expect(expandString('${user_config.A}/${user_config.B}', { env, pluginVars, userConfig: { A: 'a', B: undefined } })).toEqual({
      value: 'a/${user_config.B}',
      unset: [],
      userConfigUnset: ['B'],
    });
  });
});
