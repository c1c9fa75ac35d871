/** `${VAR}` with VAR unset and no default: Claude Code passes the text literally (reference §5). */
import type { FindingInput } from '../types.js';
import { at, defineCheck } from './define-check.js';

export default defineCheck({
  id: 'env-unset',
  subject: 'server',
  codes: ['config.env-unset', 'config.user-config-unset'],
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
    return out;
  },
});
