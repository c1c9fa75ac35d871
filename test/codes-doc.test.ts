/** docs/codes.md is generated from the catalog: one section (and anchor) per code, the one SARIF's helpUri names. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCodes } from '../src/core/model/catalog.js';
import { codeAnchor, codeHelpUri, codeRuleName, CODES_DOC_PATH, renderCodesDoc } from '../src/core/model/catalog/code-docs.js';

const file = join(import.meta.dirname, '..', CODES_DOC_PATH);

describe('docs/codes.md', () => {
  it('is the catalog, as generated', () => {
    if (process.env.UPDATE_CODES_DOC === '1') writeFileSync(file, renderCodesDoc());
    expect(readFileSync(file, 'utf8'), 'run UPDATE_CODES_DOC=1 npx vitest run test/codes-doc.test.ts').toBe(renderCodesDoc());
  });

  it('has one anchor per code, unique, and each help URI points at it', () => {
    const text = readFileSync(file, 'utf8');
    const anchors = [...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
    expect(anchors).toEqual(allCodes.map(codeAnchor));
    expect(new Set(anchors).size).toBe(allCodes.length);
    for (const code of allCodes) expect(codeHelpUri(code).endsWith(`/${CODES_DOC_PATH}#${codeAnchor(code)}`)).toBe(true);
  });

  it.each([
    ['command.not-found', 'CommandNotFound'],
    ['install.link-dropped', 'InstallLinkDropped'],
    ['probe.spawn-failed', 'ProbeSpawnFailed'],
  ] as const)('rule name of %s is %s', (code, name) => {
    expect(codeRuleName(code)).toBe(name);
  });

  it('rule names are unique', () => {
    expect(new Set(allCodes.map(codeRuleName)).size).toBe(allCodes.length);
  });
});
