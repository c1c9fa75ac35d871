/**
 * What turns a server off for this project although its plugin is enabled (docs/claude-code-facts.md §4):
 * - `disabledMcpServers` in `~/.claude.json` projects[<dir>] (exact keys: `plugin:<p>:<s>`, or the server's
 *   name for user, local and project servers): "⊘ Disabled for this project", not started.
 * - `disabledMcpjsonServers` in any settings layer (or the legacy key in projects[<dir>]): the project server
 *   is left out of the list entirely, trusted folder or not; it wins over every approval.
 * - A project `.mcp.json` server needs approval (`enabledMcpjsonServers` or `enableAllProjectMcpServers`):
 *   from user (and managed) settings it always counts; from project or local settings, or the legacy keys in
 *   projects[<dir>] that Claude Code moves into `.claude/settings.local.json`, only when that exact folder has
 *   `hasTrustDialogAccepted` (a parent's trust does not count). Without it: "⏸ Pending approval", not started,
 *   and `disabledMcpServers` does not apply to it.
 */
import type { DoctorContext } from '../model/context.js';
import { locationOf } from '../json/location.js';
import type { JsonDocument, Location, ServerEntry } from '../model/types.js';
import type { InventoryBuilder } from './inventory-builder.js';
import { settingsLayers } from './registries.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** A list as written (indexes stay those of the file, for the finding's location). */
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

interface ApprovalSource {
  /** Where the keys sit, for the finding. */
  label: string;
  doc: JsonDocument;
  base: (string | number)[];
  /** User and managed settings count without the trust dialog; project, local and legacy keys need it. */
  needsTrust: boolean;
  enabled: unknown[];
  disabled: unknown[];
  enableAll: boolean;
}

async function approvalSources(ctx: DoctorContext, b: InventoryBuilder, project: Record<string, unknown> | null, stateDoc: JsonDocument | null): Promise<ApprovalSource[]> {
  const out: ApprovalSource[] = [];
  const read = (label: string, doc: JsonDocument, base: (string | number)[], value: Record<string, unknown>, needsTrust: boolean) =>
    out.push({
      label,
      doc,
      base,
      needsTrust,
      enabled: list(value.enabledMcpjsonServers),
      disabled: list(value.disabledMcpjsonServers),
      enableAll: value.enableAllProjectMcpServers === true,
    });
  for (const { layer, file } of settingsLayers(ctx)) {
    const r = await b.load(file, 'settings', {}, 'settings');
    if (r.status === 'ok' && isObject(r.doc.value)) read(file, r.doc, [], r.doc.value, layer === 'project' || layer === 'local');
  }
  if (project && stateDoc) read(ctx.userStateFile, stateDoc, ['projects', ctx.cwd], project, true);
  return out;
}

export async function applyProjectSwitches(ctx: DoctorContext, b: InventoryBuilder, servers: ServerEntry[]): Promise<void> {
  const state = await b.load(ctx.userStateFile, 'user-state', {}, '.claude.json');
  const stateDoc = state.status === 'ok' ? state.doc : null;
  const projects = stateDoc && isObject(stateDoc.value) && isObject(stateDoc.value.projects) ? stateDoc.value.projects : null;
  const project = projects && Object.prototype.hasOwnProperty.call(projects, ctx.cwd) && isObject(projects[ctx.cwd]) ? (projects[ctx.cwd] as Record<string, unknown>) : null;
  const trusted = project?.hasTrustDialogAccepted === true;
  const disabledKeys = list(project?.disabledMcpServers);
  const sources = await approvalSources(ctx, b, project, stateDoc);
  const where = (s: ApprovalSource, key: string, index?: number): Location => locationOf(s.doc, index === undefined ? [...s.base, key] : [...s.base, key, index]);

  for (const server of servers) {
    if (!server.enabled) continue;
    const refs = { server: server.id, plugin: server.plugin };
    if (server.scope === 'project') {
      const hidden = sources.find((s) => s.disabled.includes(server.name));
      if (hidden) {
        server.enabled = false;
        server.inactive = 'mcpjson-disabled';
        b.add({ code: 'server.mcpjson-disabled', location: where(hidden, 'disabledMcpjsonServers', hidden.disabled.indexOf(server.name)), args: { name: server.name, file: hidden.label } }, refs);
        continue;
      }
      const approves = (s: ApprovalSource) => s.enableAll || s.enabled.includes(server.name);
      const counted = sources.find((s) => approves(s) && (!s.needsTrust || trusted));
      if (!counted) {
        const untrusted = sources.find(approves);
        server.enabled = false;
        server.inactive = 'pending-approval';
        b.add(
          {
            code: 'server.pending-approval',
            // An approval that does not count is a setup that does not do what its author meant: worth a warning.
            severity: untrusted ? 'warning' : undefined,
            location: untrusted ? where(untrusted, untrusted.enableAll ? 'enableAllProjectMcpServers' : 'enabledMcpjsonServers') : server.source,
            args: { name: server.name, project: ctx.cwd, untrustedApproval: untrusted?.label ?? null, stateFile: ctx.userStateFile },
          },
          refs,
        );
        continue;
      }
    }
    const index = disabledKeys.indexOf(server.id);
    if (index >= 0 && stateDoc) {
      server.enabled = false;
      server.inactive = 'disabled-for-project';
      b.add({ code: 'server.disabled-for-project', location: locationOf(stateDoc, ['projects', ctx.cwd, 'disabledMcpServers', index]), args: { key: server.id, project: ctx.cwd } }, refs);
    }
  }
}
