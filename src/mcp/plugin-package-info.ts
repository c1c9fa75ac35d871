/**
 * package-info.ts as the plugin's bundle sees it (scripts/build-plugin.mjs puts this module in its place):
 * the installed plugin has no package.json to walk up to, so the root is the bundle's own folder
 * (plugins/mcp-doctor/dist, where the build also copies the report schema) and the version is the one the
 * bundle was built with.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const MCP_DOCTOR_VERSION: string;

export const packageRoot = dirname(fileURLToPath(import.meta.url));
export const version = typeof MCP_DOCTOR_VERSION === 'string' ? MCP_DOCTOR_VERSION : '0.0.0-dev';

export function fixturesDir(): string {
  return join(packageRoot, 'fixtures');
}
