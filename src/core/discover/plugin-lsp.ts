/**
 * A plugin's LSP servers, gathered as Claude Code does (docs/claude-code-facts.md §17): `<root>/.lsp.json` first, then plugin.json
 * `lspServers` (a ./path to a file, an inline `{name: config}` map, or an array of both); a later definition of a
 * name replaces an earlier one. Each is a row of kind 'lsp', id `plugin:<plugin>:<name>` (Claude Code's own key).
 * A file that is missing or does not parse is Claude Code's lsp-config-invalid / "Failed to read/parse LSP config":
 * an error of the plugin that shows only in a session; the plugin's MCP servers still load.
 */
import { join } from 'node:path';
import { objectEntries, type ExpansionInput } from '../expand/expand-vars.js';
import { readJsonDocument } from '../json/read-json.js';
import { locationOf } from '../json/location.js';
import type { Evidence, JsonDocument, PluginEntry, ServerEntry } from '../model/types.js';
import type { InventoryBuilder } from './inventory-builder.js';
import type { ManifestView } from './plugin-manifest.js';
import { makeServerEntry, type ServerIdentity } from './server-entries.js';

export interface LspInputs {
  identity(name: string): ServerIdentity;
  expansion: ExpansionInput;
  /** Marks a server that needs a plugin option with no value (as for MCP servers). */
  withOptions(entry: ServerEntry): ServerEntry;
}

export async function collectPluginLspServers(b: InventoryBuilder, plugin: PluginEntry, manifest: ManifestView, inputs: LspInputs): Promise<ServerEntry[]> {
  const root = plugin.root;
  if (!root || !plugin.rootExists) return [];
  const byName = new Map<string, ServerEntry>();
  const refs = { plugin: plugin.id };

  const addFromMap = (doc: JsonDocument, map: Record<string, unknown>, base: (string | number)[], fromFile = false) => {
    // A config file is validated whole: one invalid entry and Claude Code loads none of the file's servers
    // ("LSP config validation failed for .lsp.json", session only). Inline entries are the manifest's (lsp-entries).
    const invalid = fromFile ? objectEntries(map).filter(([, raw]) => lspEntryProblems(raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null).length > 0).map(([n]) => n) : [];
    for (const [name, raw] of objectEntries(map)) {
      const made = makeServerEntry(inputs.identity(name), raw, { doc, pointer: [...base, name] }, inputs.expansion);
      const entry: ServerEntry = { ...inputs.withOptions(made), kind: 'lsp' };
      // LSP servers speak stdio unless they say "socket"; `type` means nothing to them.
      entry.transport = 'stdio';
      if (made.config.transport === 'socket' && !entry.skipReason) entry.skipReason = 'unsupported-transport';
      if (invalid.length > 0) {
        entry.skipReason = 'file-dropped';
        const config = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
        const problems = lspEntryProblems(config);
        // A valid entry is dropped with the file: it names the entries that are not.
        const found: (LspProblem | { mistake: 'file-dropped'; field: string })[] = problems.length > 0 ? problems : [{ mistake: 'file-dropped', field: '' }];
        for (const p of found) {
          const args = { name, mistake: p.mistake, field: p.field || null, value: 'value' in p ? p.value : undefined, others: p.mistake === 'file-dropped' ? invalid : undefined };
          b.add({ code: 'lsp.config-invalid', location: locationOf(doc, p.field ? [...base, name, p.field] : [...base, name]), args }, { plugin: plugin.id, server: entry.id });
        }
      }
      byName.set(name, entry);
    }
  };

  const addFromFile = async (relative: string, from: { doc: JsonDocument; pointer: (string | number)[] } | null) => {
    const file = join(root, relative.replace(/^\.\//, ''));
    const r = await readJsonDocument(file, 'plugin-lsp-config', 'LSP config');
    const where = from ? locationOf(from.doc, from.pointer) : { file, line: 1, column: 1 };
    const field = from ? from.pointer.join('.') : '.lsp.json';
    if (r.status === 'absent') {
      // The default .lsp.json is optional; a file the manifest names is not.
      if (from) b.add({ code: 'lsp.config-unreadable', location: where, args: { field, path: relative } }, refs);
      return;
    }
    if (r.status === 'invalid') {
      const first = r.findings[0];
      b.add({ code: 'lsp.config-unreadable', location: first?.location ?? where, args: { field, path: relative, error: String((first?.args as Evidence | undefined)?.error ?? first?.code ?? 'unreadable') } }, refs);
      return;
    }
    b.documents.set(file, r.doc);
    const value = r.doc.value;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      b.add({ code: 'lsp.config-unreadable', location: { file, pointer: [], line: 1, column: 1 }, args: { field, path: relative, error: 'the file is not an object of LSP servers' } }, refs);
      return;
    }
    addFromMap(r.doc, value as Record<string, unknown>, [], true);
  };

  await addFromFile('./.lsp.json', null);
  const { manifestValue, manifestDoc, manifestBase } = manifest;
  const declared = manifestValue?.lspServers;
  const handleSpec = async (spec: unknown, pointer: (string | number)[]) => {
    if (!manifestDoc) return;
    if (typeof spec === 'string') {
      // Other strings fail the manifest schema (the schema check reports them).
      if (spec.startsWith('./')) await addFromFile(spec, { doc: manifestDoc, pointer });
    } else if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
      addFromMap(manifestDoc, spec as Record<string, unknown>, pointer);
    }
  };
  if (Array.isArray(declared)) {
    for (let i = 0; i < declared.length; i++) await handleSpec(declared[i], [...manifestBase, 'lspServers', i]);
  } else if (declared !== undefined) {
    await handleSpec(declared, [...manifestBase, 'lspServers']);
  }
  return [...byName.values()];
}

/** The keys of Claude Code's LSP entry schema, a strict object: any other key fails it. */
const LSP_KEYS_LIST = ['command', 'args', 'extensionToLanguage', 'transport', 'env', 'initializationOptions', 'settings', 'workspaceFolder', 'startupTimeout', 'shutdownTimeout', 'requestTimeout', 'restartOnCrash', 'maxRestarts', 'diagnostics'];
const LSP_KEYS = new Set(LSP_KEYS_LIST);

/** What Claude Code's LSP entry schema refuses in an entry (facts; the catalog words them). */
export type LspMistake =
  | 'not-object'
  | 'no-command'
  | 'command-spaces'
  | 'no-extension-map'
  | 'extension-map-not-object'
  | 'extension-map-empty'
  | 'args-not-strings'
  | 'bad-transport'
  | 'unknown-key';

export interface LspProblem {
  mistake: LspMistake;
  /** The key it is about ('' for the entry itself). */
  field: string;
  /** The offending value, as JSON text, when there is one. */
  value?: string;
}

/** What Claude Code's LSP entry schema refuses; empty when the entry is valid. */
export function lspEntryProblems(config: Record<string, unknown> | null): LspProblem[] {
  if (!config) return [{ mistake: 'not-object', field: '' }];
  const out: LspProblem[] = [];
  const command = config.command;
  if (typeof command !== 'string' || command.length === 0) out.push({ mistake: 'no-command', field: 'command' });
  else if (command.includes(' ') && !command.startsWith('/')) out.push({ mistake: 'command-spaces', field: 'command', value: JSON.stringify(command) });
  const map = config.extensionToLanguage;
  if (map === undefined) out.push({ mistake: 'no-extension-map', field: 'extensionToLanguage' });
  else if (!map || typeof map !== 'object' || Array.isArray(map)) out.push({ mistake: 'extension-map-not-object', field: 'extensionToLanguage' });
  else if (Object.keys(map).length === 0) out.push({ mistake: 'extension-map-empty', field: 'extensionToLanguage' });
  if (config.args !== undefined && !(Array.isArray(config.args) && config.args.every((a) => typeof a === 'string'))) out.push({ mistake: 'args-not-strings', field: 'args' });
  if (config.transport !== undefined && config.transport !== 'stdio' && config.transport !== 'socket') {
    out.push({ mistake: 'bad-transport', field: 'transport', value: JSON.stringify(config.transport) });
  }
  for (const key of Object.keys(config)) if (!LSP_KEYS.has(key)) out.push({ mistake: 'unknown-key', field: key, value: JSON.stringify(key) });
  return out;
}

/** The same problem as the manifest schema check words its findings: what was expected, what was found. */
export function lspProblemAsSchema(p: LspProblem): { expected: string; found: string } {
  switch (p.mistake) {
    case 'unknown-key':
      return { expected: `one of the keys ${LSP_KEYS_LIST.join(', ')}`, found: p.value ?? p.field };
    case 'no-command':
    case 'no-extension-map':
      return { expected: `a "${p.field}" field`, found: 'none' };
    case 'command-spaces':
      return { expected: 'a program name without spaces (arguments go in "args")', found: p.value ?? '' };
    case 'extension-map-empty':
      return { expected: 'at least one extension mapping', found: '{}' };
    case 'args-not-strings':
      return { expected: 'a list of strings', found: 'another shape' };
    case 'bad-transport':
      return { expected: 'one of "stdio", "socket"', found: p.value ?? '' };
    default:
      return { expected: 'an object', found: 'another shape' };
  }
}

/** The extensions an LSP entry maps, for the "starts only when a … file is touched" wording. */
export function lspExtensions(config: Record<string, unknown>): string[] {
  const map = config.extensionToLanguage;
  return map && typeof map === 'object' && !Array.isArray(map) ? Object.keys(map) : [];
}
