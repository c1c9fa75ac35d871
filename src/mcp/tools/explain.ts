/** `explain`: a finding code's catalog entry, the text `mcp-doctor explain <code>` prints. */
import { catalog, isCode } from '../../core/model/catalog.js';
import { explainCode } from '../../render/explain.js';
import { unknownCodeMessage } from '../../core/engine/unknown-code.js';
import { defineTool, errorResult, textResult } from './define-tool.js';

export const explainTool = defineTool({
  name: 'explain',
  title: 'Explain a finding code',
  description: "What a finding code of diagnose means (e.g. venv.link-lost): its title, severity, whether `mcp-doctor --fix` repairs it, and the long explanation.",
  inputSchema: {
    type: 'object',
    properties: { code: { type: 'string', minLength: 1, maxLength: 100, description: 'A finding code, as diagnose reports it (family.name, e.g. command.not-found).' } },
    required: ['code'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    required: ['code', 'title', 'severity', 'fixable', 'fixOption', 'explanation'],
    additionalProperties: false,
    properties: {
      code: { type: 'string' },
      title: { type: 'string' },
      severity: { enum: ['error', 'warning', 'info'] },
      fixable: { type: 'boolean', description: 'whether mcp-doctor --fix can repair it' },
      fixOption: { type: ['string', 'null'], description: 'the option --fix needs for it, if any' },
      explanation: { type: 'string' },
    },
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async run(args) {
    const code = args.code as string;
    if (!isCode(code)) return errorResult(`explain: ${unknownCodeMessage(code) ?? `'${code}' is not a finding code`}`);
    const e = catalog[code];
    return textResult(explainCode(code).text, { code, title: e.title, severity: e.severity, fixable: e.fixable, fixOption: e.fixOption ?? null, explanation: e.explain });
  },
});
