/** `${VAR}` with VAR unset and no default: Claude Code passes the text literally (reference §5). */
import { objectEntries, userConfigRefs } from '../expand/expand-vars.js';
import type { FindingInput } from '../types.js';
import { at, defineCheck } from './define-check.js';

export default defineCheck({
  id: 'env-unset',
  subject: 'server',
  codes: ['config.env-unset', 'config.user-config-unset', 'config.user-config-undeclared'],
  run(server, c) {
    const doc = c.document(server.source.file);
    if (!doc) return [];
    const out: FindingInput[] = [];
    const seen = new Set<string>();
    for (const { name, pointer } of server.expanded.unsetVars) {
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ code: 'config.env-unset', location: at(doc, pointer), args: { variable: name, field: pointer.join('.') } });
    }
    for (const { key, pointer } of server.expanded.userConfigUnset) {
      out.push({ code: 'config.user-config-unset', location: at(doc, pointer), args: { key } });
    }
    if (server.scope === 'plugin' || server.scope === 'author') {
      const manifest = c.plugin(server.plugin)?.manifest?.value as Record<string, unknown> | null | undefined;
      const declared = new Set(objectEntries(manifest?.userConfig).map(([k]) => k));
      for (const { key, pointer } of userConfigRefs(server.config, server.source.pointer ?? [])) {
        if (!declared.has(key)) out.push({ code: 'config.user-config-undeclared', location: at(doc, pointer), args: { key } });
      }
    }
    return out;
  },
});
