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
        const found = problems.length > 0 ? problems : [{ problem: `another entry of this file (${invalid.join(', ')}) does not validate, and Claude Code drops the whole file`, field: '' }];
        for (const p of found) {
          b.add({ code: 'lsp.config-invalid', location: locationOf(doc, p.field ? [...base, name, p.field] : [...base, name]), args: { name, problem: p.problem, fixHint: 'fixHint' in p ? p.fixHint : undefined } }, { plugin: plugin.id, server: entry.id });
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
const LSP_KEYS = new Set(['command', 'args', 'extensionToLanguage', 'transport', 'env', 'initializationOptions', 'settings', 'workspaceFolder', 'startupTimeout', 'shutdownTimeout', 'requestTimeout', 'restartOnCrash', 'maxRestarts', 'diagnostics']);

/** What Claude Code's LSP entry schema refuses, in words; empty when the entry is valid. */
export function lspEntryProblems(config: Record<string, unknown> | null): { problem: string; field: string; fixHint?: string }[] {
  if (!config) return [{ problem: 'the entry is not an object', field: '' }];
  const out: { problem: string; field: string; fixHint?: string }[] = [];
  const command = config.command;
  if (typeof command !== 'string' || command.length === 0) out.push({ problem: 'it has no "command"', field: 'command', fixHint: 'Give the program as "command" and its arguments in "args".' });
  else if (command.includes(' ') && !command.startsWith('/')) {
    out.push({ problem: `"command" ${JSON.stringify(command)} contains spaces (Command should not contain spaces. Use args array for arguments.)`, field: 'command', fixHint: 'Put the arguments in "args".' });
  }
  const map = config.extensionToLanguage;
  if (map === undefined) out.push({ problem: 'it has no "extensionToLanguage"', field: 'extensionToLanguage' });
  else if (!map || typeof map !== 'object' || Array.isArray(map)) out.push({ problem: '"extensionToLanguage" is not an object', field: 'extensionToLanguage' });
  else if (Object.keys(map).length === 0) out.push({ problem: '"extensionToLanguage" is empty (it must have at least one mapping)', field: 'extensionToLanguage' });
  if (config.args !== undefined && !(Array.isArray(config.args) && config.args.every((a) => typeof a === 'string'))) {
    out.push({ problem: '"args" is not a list of strings', field: 'args', fixHint: 'Make "args" a list of strings.' });
  }
  if (config.transport !== undefined && config.transport !== 'stdio' && config.transport !== 'socket') {
    out.push({ problem: `"transport" is ${JSON.stringify(config.transport)}, not "stdio" or "socket"`, field: 'transport', fixHint: 'Use "transport": "stdio" (the default).' });
  }
  for (const key of Object.keys(config)) {
    if (!LSP_KEYS.has(key)) out.push({ problem: `unrecognized key ${JSON.stringify(key)}`, field: key, fixHint: `Remove ${JSON.stringify(key)}: Claude Code's LSP schema allows ${[...LSP_KEYS].join(', ')}.` });
  }
  return out;
}

/** The extensions an LSP entry maps, for the "starts only when a … file is touched" wording. */
export function lspExtensions(config: Record<string, unknown>): string[] {
  const map = config.extensionToLanguage;
  return map && typeof map === 'object' && !Array.isArray(map) ? Object.keys(map) : [];
}
