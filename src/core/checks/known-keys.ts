/**
 * The keys Claude Code reads, per object kind (docs/claude-code-facts.md §11–13). Anything else is stripped at load.
 */
import { editDistance } from '../util/edit-distance.js';
export const pluginKeys = [
  '$schema', 'name', 'displayName', 'version', 'description', 'homepage', 'repository', 'license', 'author',
  'keywords', 'defaultEnabled', 'dependencies', 'metadata', 'engines', 'network', 'hooks', 'commands', 'agents',
  'skills', 'outputStyles', 'themes', 'workflows', 'mcpServers', 'lspServers', 'monitors', 'channels', 'userConfig',
  'settings', 'types', 'binaries', 'experimental',
];

/** Keys that belong in a marketplace entry, harmless but unused in plugin.json. */
export const marketplaceEntryOnlyKeys = ['source', 'strict', 'category', 'tags', 'relevance', 'headers', 'headersHelper'];

export const marketplaceKeys = [
  '$schema', 'name', 'owner', 'plugins', 'version', 'description', 'metadata', 'forceRemoveDeletedPlugins',
  'allowCrossMarketplaceDependenciesOn', 'renames',
];

export const marketplaceMetadataKeys = ['pluginRoot', 'version', 'description'];

export const stdioServerKeys = ['type', 'command', 'args', 'env', 'timeout', 'alwaysLoad', 'bareElicitationCapability'];
export const remoteServerKeys = ['type', 'url', 'headers', 'headersHelper', 'oauth', 'timeout', 'tools', 'alwaysLoad', 'displayName', 'toolPermissions'];

/** Words people write for a key Claude Code spells otherwise. */
const aliases: Record<string, string> = {
  environment: 'env',
  enviroment: 'env',
  envs: 'env',
  envvars: 'env',
  env_vars: 'env',
  arguments: 'args',
  argv: 'args',
  cmd: 'command',
  transport: 'type',
  endpoint: 'url',
  serverurl: 'url',
  mcp_servers: 'mcpServers',
  mcpservers: 'mcpServers',
  mcp: 'mcpServers',
  servers: 'mcpServers',
  lsp_servers: 'lspServers',
  output_styles: 'outputStyles',
  slash_commands: 'commands',
  default_enabled: 'defaultEnabled',
  user_config: 'userConfig',
};

const normalize = (k: string) => k.toLowerCase().replace(/[-_\s]/g, '');

/** The known key the author most likely meant, or undefined when nothing is close. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const alias = aliases[key.toLowerCase()];
  if (alias && known.includes(alias)) return alias;
  const n = normalize(key);
  const exact = known.find((k) => normalize(k) === n);
  if (exact) return exact;
  const prefix = known.find((k) => k.length >= 3 && n.startsWith(normalize(k)));
  if (prefix) return prefix;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of known) {
    const d = editDistance(n, normalize(k));
    if (d < bestScore) {
      bestScore = d;
      best = k;
    }
  }
  return best !== undefined && bestScore <= Math.max(1, Math.floor(key.length / 4)) ? best : undefined;
}
