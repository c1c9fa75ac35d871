/**
 * Author mode: a submodule whose URL is a local path (or file://) makes Claude Code's clone of the whole
 * marketplace fail (docs/claude-code-facts.md §16): git's default protocol.file.allow=user refuses it inside
 * `submodule update`, Claude Code retries once and aborts, and no plugin of the marketplace installs.
 */
import { dirname, join } from 'node:path';
import { readGitRepo, submodules } from '../install/git-repo.js';
import type { FindingInput } from '../model/types.js';
import { readText } from '../util/fs-facts.js';
import { defineCheck } from './define-check.js';

/** A URL only this machine can fetch from. A relative URL (../x.git) resolves against the marketplace's own remote. */
const isLocal = (url: string) => url.startsWith('/') || /^file:/i.test(url) || /^[A-Za-z]:[\\/]/.test(url) || url.startsWith('~');

export default defineCheck({
  id: 'install-submodules',
  subject: 'document',
  codes: ['install.submodule-local'],
  async run(doc, c) {
    if (c.inventory.mode !== 'author' || doc.kind !== 'marketplace-manifest') return [];
    const repo = await readGitRepo(dirname(dirname(doc.file)));
    if (!repo) return [];
    const file = join(repo.top, '.gitmodules');
    const lines = ((await readText(file, 256 * 1024)) ?? '').split('\n');
    const out: FindingInput[] = [];
    for (const [path, url] of await submodules(repo)) {
      if (!isLocal(url)) continue;
      const index = lines.findIndex((l) => /^\s*url\s*=/.test(l) && l.includes(url));
      out.push({ code: 'install.submodule-local', location: { file, line: index + 1 || 1, column: 1 }, args: { path, url } });
    }
    return out;
  },
});
