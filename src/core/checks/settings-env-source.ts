/**
 * A `${VAR}` whose value only project or local settings supply: a trusted interactive session sets it, while
 * `claude mcp list` does not (docs/claude-code-facts.md §1), so Claude Code's own list warns "Missing environment
 * variables" for a server that works in the session. Said once per variable, so the two verdicts do not look
 * contradictory.
 */
import { envRefs } from '../expand/expand-vars.js';
import type { FindingInput } from '../model/types.js';
import { at, defineCheck } from './define-check.js';

export default defineCheck({
  id: 'settings-env-source',
  subject: 'server',
  codes: ['config.env-session-only'],
  run(server, c) {
    const doc = c.document(server.source.file);
    if (!doc || c.inventory.mode !== 'installed') return [];
    const out: FindingInput[] = [];
    const seen = new Set<string>();
    for (const { name, pointer } of envRefs(server.config, server.source.pointer ?? [])) {
      const origin = c.inventory.sessionEnv.fromSettings.get(name);
      if (!origin?.onlyProjectOrLocal || seen.has(name)) continue;
      seen.add(name);
      out.push({ code: 'config.env-session-only', location: at(doc, pointer), args: { variable: name, file: origin.file, layer: origin.layer } });
    }
    return out;
  },
});
