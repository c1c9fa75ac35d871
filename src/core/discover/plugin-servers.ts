/**
 * A plugin's MCP servers, gathered the way Claude Code does (reference §2, §4): `<root>/.mcp.json` first,
 * then plugin.json `mcpServers` (a ./path, an inline map, an array of both, or an .mcpb/.dxt bundle);
 * a later definition of the same name replaces an earlier one. Each server's id is `plugin:<plugin>:<server>`.
 */
import { basename, join } from 'node:path';
import type { DoctorContext } from '../context.js';
import { objectEntries } from '../expand/expand-vars.js';
import type { JsonDocument, PluginEntry, ServerEntry } from '../types.js';
import type { InventoryBuilder } from './inventory-builder.js';
import type { ManifestView } from './plugin-manifest.js';
import { pluginsDir, sanitizeSegment } from './registries.js';
import { makeServerEntry, serverMapOf, type ServerIdentity } from './server-entries.js';
import { locationOf } from '../json/location.js';

const isBundle = (s: string) => /\.(mcpb|dxt)$/i.test(s) || /^https?:\/\//i.test(s);

export function resolveInRoot(root: string, relative: string): string {
  return join(root, relative.replace(/^\.\//, ''));
}

export async function collectPluginServers(
  ctx: DoctorContext,
  b: InventoryBuilder,
  plugin: PluginEntry,
  manifest: ManifestView,
  options: Record<string, string> | undefined,
): Promise<ServerEntry[]> {
  const { manifestValue, manifestDoc, manifestBase } = manifest;
  const root = plugin.root;
  if (!root || !plugin.rootExists) return [];
  const byName = new Map<string, ServerEntry>();
  const refs = { plugin: plugin.id };

  const userConfigDecl = manifestValue?.userConfig;
  let userConfig: Record<string, string | undefined> | undefined;
  if (userConfigDecl && typeof userConfigDecl === 'object' && !Array.isArray(userConfigDecl)) {
    userConfig = {};
    for (const [key, decl] of objectEntries(userConfigDecl)) {
      const fallback = decl && typeof decl === 'object' ? (decl as Record<string, unknown>).default : undefined;
      userConfig[key] = options?.[key] ?? (fallback === undefined || fallback === null ? undefined : String(fallback));
    }
  }
  const expansion = {
    env: ctx.env,
    pluginVars: {
      CLAUDE_PLUGIN_ROOT: root,
      CLAUDE_PLUGIN_DATA: join(pluginsDir(ctx), 'data', sanitizeSegment(plugin.id)),
      CLAUDE_PROJECT_DIR: ctx.cwd,
    },
    userConfig,
  };
  const identity = (name: string): ServerIdentity => ({
    id: `plugin:${plugin.name}:${name}`,
    name,
    scope: plugin.rootKind === 'source' ? 'author' : 'plugin',
    plugin: plugin.id,
    pluginName: plugin.name,
    marketplace: plugin.marketplace,
    root,
    enabled: plugin.enabled,
  });

  const addFromMap = (doc: JsonDocument, map: Record<string, unknown>, base: (string | number)[]) => {
    for (const [name, raw] of objectEntries(map)) {
      const entry = makeServerEntry(identity(name), raw, { doc, pointer: [...base, name] }, expansion);
      byName.set(name, entry);
    }
  };

  const addFromFile = async (relative: string, from: { doc: JsonDocument; pointer: (string | number)[] } | null) => {
    const file = resolveInRoot(root, relative);
    const r = await b.load(file, 'plugin-mcp-config', refs, 'MCP config');
    if (r.status === 'absent') {
      if (from) {
        b.add(
          {
            code: 'config.missing-file',
            location: locationOf(from.doc, from.pointer),
            args: {
              field: from.pointer.join('.'),
              path: relative,
              fixHint: 'Claude Code skips a missing MCP servers file without a message, so none of its servers load. Fix the path.',
            },
          },
          refs,
        );
      }
      return;
    }
    if (r.status !== 'ok') return;
    const found = serverMapOf(r.doc.value);
    if (!found) {
      b.add(
        {
          code: 'config.schema',
          location: { file, pointer: [], line: 1, column: 1 },
          args: { field: '(root)', expected: 'an object of MCP servers', found: Array.isArray(r.doc.value) ? 'array' : typeof r.doc.value },
        },
        refs,
      );
      return;
    }
    addFromMap(r.doc, found.map, found.pointer);
  };

  const addBundle = (spec: string, pointer: (string | number)[]) => {
    if (!manifestDoc) return;
    const name = basename(spec).replace(/\.(mcpb|dxt)$/i, '') || 'bundle';
    const entry: ServerEntry = {
      ...identity(name),
      transport: 'mcpb',
      source: locationOf(manifestDoc, pointer),
      config: {},
      expanded: { args: [], env: {}, headers: {}, unsetVars: [], userConfigUnset: [] },
      skipReason: 'bundle',
    };
    byName.set(name, entry);
    b.add({ code: 'server.bundle-not-checked', location: entry.source, args: { bundle: spec } }, { plugin: plugin.id, server: entry.id });
  };

  await addFromFile('./.mcp.json', null);

  const declared = manifestValue?.mcpServers;
  const handleSpec = async (spec: unknown, pointer: (string | number)[]) => {
    if (!manifestDoc) return;
    if (typeof spec === 'string') {
      if (isBundle(spec)) addBundle(spec, pointer);
      else if (spec.startsWith('./')) await addFromFile(spec, { doc: manifestDoc, pointer });
      // Other strings fail the manifest schema (reported by the schema check); Claude Code loads nothing.
    } else if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
      addFromMap(manifestDoc, spec as Record<string, unknown>, pointer);
    }
  };
  if (Array.isArray(declared)) {
    for (let i = 0; i < declared.length; i++) await handleSpec(declared[i], [...manifestBase, 'mcpServers', i]);
  } else if (declared !== undefined) {
    await handleSpec(declared, [...manifestBase, 'mcpServers']);
  }
  return [...byName.values()];
}
