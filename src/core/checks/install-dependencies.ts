/**
 * Author mode: a plugin root with a package-lock.json makes every install run `npm ci`, devDependencies and all
 * (core/install/npm-install.ts). Said once per plugin, with what it adds.
 */
import { join } from 'node:path';
import { readText } from '../util/fs-facts.js';
import { defineCheck } from './define-check.js';
import { npmInstallAt } from '../install/npm-install.js';

export default defineCheck({
  id: 'install-dependencies',
  subject: 'plugin',
  codes: ['install.npm-ci'],
  async run(plugin, c) {
    if (c.inventory.mode !== 'author' || plugin.rootKind !== 'source' || !plugin.root || !plugin.rootExists) return [];
    const npm = await npmInstallAt(plugin.root);
    if (!npm || npm.devNames.length === 0) return [];
    // At the devDependencies key of package.json, which is what the author changes.
    const file = join(plugin.root, 'package.json');
    const text = (await readText(file, 1024 * 1024)) ?? '';
    const index = text.search(/"devDependencies"\s*:/);
    const before = index >= 0 ? text.slice(0, index).split('\n') : [];
    const location = index >= 0 ? { file, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 } : { file };
    return [
      {
        code: 'install.npm-ci',
        location,
        args: {
          devCount: npm.devNames.length,
          devNames: npm.devNames.slice(0, 5).join(', ') + (npm.devNames.length > 5 ? ', …' : ''),
          devMegabytes: npm.devBytes === null ? null : Math.max(1, Math.round(npm.devBytes / 1_000_000)),
          packageJson: `${plugin.root}/package.json`,
        },
      },
    ];
  },
});
