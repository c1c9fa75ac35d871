/**
 * The mcp-doctor plugin's own copy of the doctor: one file, plugins/mcp-doctor/dist/mcp-doctor.mjs (entry
 * src/mcp/plugin-main.ts: the MCP server and the SessionStart checks). Claude Code installs a plugin as a copy of its folder alone, so everything it runs must be
 * inside it: no npm name, no npx, nothing downloaded. Committed, so a marketplace clone has it;
 * test/plugin-bundle.test.ts fails when the committed copy differs from a fresh build.
 *
 * `buildPlugin({ write: false })` returns the files instead of writing them (the freshness test).
 */
import { nodeBundleOptions } from './bundle-options.mjs';
import { noticesText } from './notices.mjs';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
export const pluginDist = join(root, 'plugins', 'mcp-doctor', 'dist');
export const bundleFile = 'mcp-doctor.mjs';
export const noticesFile = 'THIRD-PARTY-NOTICES.txt';

export async function buildPlugin({ write = true } = {}) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/mcp/plugin-main.ts'],
    outfile: join(pluginDist, bundleFile),
    ...nodeBundleOptions,
    write: false,
    define: { MCP_DOCTOR_VERSION: JSON.stringify(version) },
    banner: {
      js: `// mcp-doctor ${version}, bundled for the mcp-doctor Claude Code plugin by scripts/build-plugin.mjs (do not edit; npm run build).\nimport { createRequire as __mcpDoctorRequire } from 'node:module'; const require = __mcpDoctorRequire(import.meta.url);`,
    },
    plugins: [
      {
        name: 'no-package-info',
        setup(b) {
          // The installed plugin has no package.json above it to read a version or a root from.
          b.onResolve({ filter: /\/package-info\.js$/ }, (a) => ({ errors: [{ text: `${a.importer} imports package-info, which an installed plugin cannot use` }] }));
        },
      },
    ],
  });
  const files = new Map([
    [bundleFile, Buffer.from(result.outputFiles[0].contents)],
    [noticesFile, Buffer.from(notices(result.metafile))],
  ]);
  if (write) {
    for (const [name, bytes] of files) {
      mkdirSync(dirname(join(pluginDist, name)), { recursive: true });
      writeFileSync(join(pluginDist, name), bytes);
    }
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) await buildPlugin();

/** The licenses of the packages the bundle holds (it ships their code). */
function notices(metafile) {
  return noticesText(metafile, root, "The mcp-doctor plugin's bundle (mcp-doctor.mjs) holds these packages; their licenses follow.");
}
