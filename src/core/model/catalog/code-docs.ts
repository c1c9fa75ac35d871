/**
 * The public page of every finding code, `docs/codes.md`, generated from the catalog (a test keeps the file in
 * step), and the address of each code's section: SARIF rules point their `helpUri` there, so code scanning and
 * Azure DevOps link a result to its explanation.
 */
import { allCodes, catalog, type Code } from '../catalog.js';

/** Where the project's documentation lives (package.json `homepage`'s repository). */
export const PROJECT_URL = 'https://github.com/mcp-doctor/mcp-doctor';
export const CODES_DOC_PATH = 'docs/codes.md';

/** The anchor of a code's section: `command.not-found` → `command-not-found`. */
export function codeAnchor(code: Code): string {
  return code.replace(/[^a-z0-9-]/g, '-');
}

export function codeHelpUri(code: Code): string {
  return `${PROJECT_URL}/blob/main/${CODES_DOC_PATH}#${codeAnchor(code)}`;
}

/** A code as a SARIF rule name: PascalCase, as SARIF's own rule names are (`command.not-found` → `CommandNotFound`). */
export function codeRuleName(code: Code): string {
  return code
    .split(/[.-]/)
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : ''))
    .join('');
}

export function renderCodesDoc(): string {
  const lines = [
    '# Finding codes',
    '',
    '<!-- Generated from src/core/catalog (test/codes-doc.test.ts keeps it in step; UPDATE_CODES_DOC=1 rewrites it). -->',
    '',
    'Every finding mcp-doctor reports has one of these codes. `mcp-doctor explain <code>` prints the same text, and',
    '`mcp-doctor explain --json` all of it as data. Codes are stable: new ones are added, none is renamed.',
    '',
    '| code | severity | title |',
    '|---|---|---|',
    ...allCodes.map((c) => `| [\`${c}\`](#${codeAnchor(c)}) | ${catalog[c].severity} | ${catalog[c].title} |`),
    '',
  ];
  for (const code of allCodes) {
    const e = catalog[code];
    lines.push(`<a id="${codeAnchor(code)}"></a>`, '', `## \`${code}\``, '', `**${e.title}**. Severity: ${e.severity}.${e.fixable ? ` Repaired by \`mcp-doctor --fix${e.fixOption ? ' ' + e.fixOption : ''}\`.` : ''}`, '');
    // The explanation may hold an indented example (a launcher): keep it as a code block.
    const [prose, ...rest] = e.explain.split('\n');
    lines.push(prose ?? '', '');
    const example = rest.filter((l) => l.startsWith('  '));
    const after = rest.filter((l) => !l.startsWith('  '));
    const intro = rest.length > 0 && !rest[0]!.startsWith('  ') ? rest[0]! : null;
    if (intro) lines.push(intro, '');
    if (example.length > 0) lines.push('```sh', ...example.map((l) => l.slice(2)), '```', '');
    for (const l of after.slice(intro ? 1 : 0)) lines.push(l, '');
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
