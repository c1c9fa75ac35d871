/**
 * The mcp-doctor plugin's own copy of the doctor: one file, plugins/mcp-doctor/dist/mcp-doctor.mjs (entry
 * src/mcp/plugin-main.ts: the MCP server and the SessionStart checks), plus the report schema its fix_plan
 * tool declares. Claude Code installs a plugin as a copy of its folder alone, so everything it runs must be
 * inside it: no npm name, no npx, nothing downloaded. Committed, so a marketplace clone has it;
 * test/plugin-bundle.test.ts fails when the committed copy differs from a fresh build.
 *
 * `buildPlugin({ write: false })` returns the files instead of writing them (the freshness test).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
export const pluginDist = join(root, 'plugins', 'mcp-doctor', 'dist');
export const bundleFile = 'mcp-doctor.mjs';
export const schemaFile = join('schemas', 'report.schema.json');

export async function buildPlugin({ write = true } = {}) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/mcp/plugin-main.ts'],
    outfile: join(pluginDist, bundleFile),
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { MCP_DOCTOR_VERSION: JSON.stringify(version) },
    banner: {
      js: `// mcp-doctor ${version}, bundled for the mcp-doctor Claude Code plugin by scripts/build-plugin.mjs (do not edit; npm run build).\nimport { createRequire as __mcpDoctorRequire } from 'node:module'; const require = __mcpDoctorRequire(import.meta.url);`,
    },
    plugins: [
      {
        name: 'plugin-package-info',
        setup(b) {
          // The installed plugin has no package.json above it: its root is the bundle's folder.
          b.onResolve({ filter: /\/package-info\.js$/ }, () => ({ path: join(root, 'src', 'mcp', 'plugin-package-info.ts') }));
        },
      },
    ],
  });
  const files = new Map([
    [bundleFile, Buffer.from(result.outputFiles[0].contents)],
    [schemaFile, readFileSync(join(root, 'schemas', 'report.schema.json'))],
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
