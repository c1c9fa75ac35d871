/**
 * `${VAR}` with VAR unset everywhere Claude Code looks (the shell and every settings `env` block) and no default:
 * the server gets the text literally (docs/claude-code-facts.md §7). In author mode that is not the author's mistake
 * but a variable the plugin's users must set, reported as such (Claude Code's validator is silent about variables).
 * `${user_config.KEY}` with no value: Claude Code does not start the server (docs/claude-code-facts.md §6).
 */
import { objectEntries, userConfigRefs } from '../expand/expand-vars.js';
import type { FindingInput } from '../model/types.js';
import { at, defineCheck } from './define-check.js';

export default defineCheck({
  id: 'env-unset',
  subject: 'server',
  codes: ['config.env-unset', 'config.env-required', 'config.user-config-unset', 'config.user-config-undeclared'],
  run(server, c) {
    const doc = c.document(server.source.file);
    if (!doc) return [];
    const out: FindingInput[] = [];
    const author = c.inventory.mode === 'author';
    const seen = new Set<string>();
    for (const { name, pointer } of server.expanded.unsetVars) {
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ code: author ? 'config.env-required' : 'config.env-unset', location: at(doc, pointer), args: { variable: name, field: pointer.join('.') } });
    }
    const plugin = c.plugin(server.plugin);
    const manifest = plugin?.manifest?.value as Record<string, unknown> | null | undefined;
    const declaredOptions = new Map(objectEntries(manifest?.userConfig));
    if (!author) {
      const reported = new Set<string>();
      for (const { key, pointer } of server.expanded.userConfigUnset) {
        // An undeclared key is the undeclared finding's to report; a source tree has no values yet.
        if (!declaredOptions.has(key) || reported.has(key)) continue;
        reported.add(key);
        const decl = declaredOptions.get(key) as Record<string, unknown> | null | undefined;
        // On macOS a sensitive option lives in the keychain: unknown to mcp-doctor, not known to be missing.
        const keychain = decl?.sensitive === true && c.ctx.platform === 'darwin';
        out.push({
          code: 'config.user-config-unset',
          severity: keychain ? 'info' : undefined,
          location: at(doc, pointer),
          args: { key, required: decl?.required === true, keychain, plugin: server.plugin },
        });
      }
    }
    if (server.scope === 'plugin' || server.scope === 'author') {
      // Installed, a plugin with no userConfig block passes the text literally and the server starts
      // (docs/claude-code-facts.md §6): a warning. With a block, Claude Code drops the server; in a source tree the
      // validator rejects it.
      const literal = !author && !manifest?.userConfig;
      for (const { key, pointer } of userConfigRefs(server.config, server.source.pointer ?? [])) {
        if (!declaredOptions.has(key)) out.push({ code: 'config.user-config-undeclared', severity: literal ? 'warning' : undefined, location: at(doc, pointer), args: { key, literal } });
      }
    }
    return out;
  },
});
