/** The licenses of the npm packages a bundle holds (it ships their code), as one text: for dist/ and the plugin. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The npm packages a bundle's metafile names, by folder. */
export function bundledPackages(metafile, root) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!m) continue;
    const dir = join(root, input.slice(0, input.indexOf(m[1]) + m[1].length));
    if (packages.has(dir)) continue;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(dir).find((n) => /^(licen[cs]e|copying)(\.|$)/i.test(n));
    packages.set(dir, { name: pkg.name, version: pkg.version, license: pkg.license ?? 'see below', text: licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : null });
  }
  return packages;
}

export function noticesText(metafile, root, intro) {
  const body = [...bundledPackages(metafile, root).values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => `${p.name}@${p.version} (${p.license})\n${p.text ? '\n' + p.text + '\n' : ''}`)
    .join('\n' + '-'.repeat(72) + '\n\n');
  return `${intro}\n\n${body}`;
}
