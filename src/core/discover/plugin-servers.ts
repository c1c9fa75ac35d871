/**
 * A plugin's MCP servers, gathered the way Claude Code does (docs/claude-code-facts.md §11, §13): `<root>/.mcp.json`
 * first, then plugin.json `mcpServers` (a ./path, an inline map, an array of both, or an .mcpb/.dxt bundle); a later
 * definition of the same name replaces an earlier one. Each server's id is `plugin:<plugin>:<server>`.
 */
import { basename, join } from 'node:path';
import type { DoctorContext } from '../model/context.js';
import { objectEntries } from '../expand/expand-vars.js';
import type { JsonDocument, PluginEntry, ServerEntry } from '../model/types.js';
import type { InventoryBuilder } from './inventory-builder.js';
import type { ManifestView } from './plugin-manifest.js';
import { resolveOptions } from './plugin-options.js';
import { pluginDataDir } from './registries.js';
import { makeServerEntry, serverMapOf, type ServerIdentity } from './server-entries.js';
import { locationOf } from '../json/location.js';

const isBundle = (s: string) => /\.(mcpb|dxt)$/i.test(s) || /^https?:\/\//i.test(s);

export function resolveInRoot(root: string, relative: string): string {
  return join(root, relative.replace(/^\.\//, ''));
}

export interface PluginServerInputs {
  /** The session environment `${VAR}` expands from. */
  env: Record<string, string | undefined>;
  /** pluginConfigs[<id>].options from user and managed settings. */
  options?: Record<string, string>;
  /** pluginSecrets[<id>] from the credentials file. */
  secrets?: Record<string, string>;
  /** Receives every credential value read for this plugin, so the redactor can hide it. */
  onSecret?: (value: string, label: string) => void;
}

export async function collectPluginServers(
  ctx: DoctorContext,
  b: InventoryBuilder,
  plugin: PluginEntry,
  manifest: ManifestView,
  inputs: PluginServerInputs,
): Promise<ServerEntry[]> {
  const { manifestValue, manifestDoc, manifestBase } = manifest;
  const root = plugin.root;
  if (!root || !plugin.rootExists) return [];
  const byName = new Map<string, ServerEntry>();
  const refs = { plugin: plugin.id };

  const userConfigDecl = manifestValue?.userConfig;
  const optionDecls = userConfigDecl && typeof userConfigDecl === 'object' && !Array.isArray(userConfigDecl) ? (userConfigDecl as Record<string, unknown>) : null;
  const options = optionDecls ? resolveOptions(ctx, optionDecls, inputs.options, inputs.secrets) : null;
  for (const s of options?.secretValues ?? []) inputs.onSecret?.(s.value, s.label);
  const expansion = {
    env: inputs.env,
    pluginVars: {
      CLAUDE_PLUGIN_ROOT: root,
      CLAUDE_PLUGIN_DATA: pluginDataDir(ctx, plugin),
      CLAUDE_PROJECT_DIR: ctx.cwd,
    },
    userConfig: options?.values,
  };
  // Claude Code does not start a server whose `${user_config.KEY}` has no value (docs/claude-code-facts.md §6); one
  // whose value may sit in the keychain is not started by mcp-doctor either: a probe with a made-up value would judge
  // nothing.
  const withOptions = (entry: ServerEntry): ServerEntry => {
    const unset = entry.expanded.userConfigUnset.map((u) => u.key);
    if (unset.length === 0 || entry.skipReason) return entry;
    return { ...entry, skipReason: unset.every((k) => options?.keychain.has(k)) ? 'user-config-keychain' : 'user-config-unset' };
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
      byName.set(name, withOptions(makeServerEntry(identity(name), raw, { doc, pointer: [...base, name] }, expansion)));
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
    // A BOM here makes Claude Code drop the whole file; bom-drops.ts marks its servers once all are known.
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
