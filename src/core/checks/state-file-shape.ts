/**
 * Claude Code's own state and settings files of the wrong shape: `settings.json`, `~/.claude.json`,
 * `installed_plugins.json` and `known_marketplaces.json` written by hand as an array, `enabledPlugins` as a
 * list, `"true"` in quotes, an install record that is a number. Claude Code then ignores what is there (a plugin
 * stays off, a registry reads as empty) without a word; each of these is a located finding instead.
 */
import type { Evidence } from '../model/evidence.js';
import { objectEntries } from '../expand/expand-vars.js';
import type { FindingInput, JsonDocument } from '../model/types.js';
import { at, defineCheck } from './define-check.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}` : `a ${typeof v}`);

type Shape = (doc: JsonDocument, out: FindingInput[]) => void;

function wrong(doc: JsonDocument, out: FindingInput[], pointer: (string | number)[], expected: string, found: unknown, extra: Evidence = {}): void {
  out.push({ code: 'config.schema', location: at(doc, pointer), args: { field: pointer.length ? pointer.join('.') : '(root)', expected, found: typeName(found), ...extra } });
}

/** An optional key that, when present, must be an object (a map). */
function mapAt(doc: JsonDocument, out: FindingInput[], value: Record<string, unknown>, key: string, expected: string): Record<string, unknown> | null {
  if (!Object.prototype.hasOwnProperty.call(value, key) || value[key] === undefined) return null;
  const v = value[key];
  if (isObject(v)) return v;
  wrong(doc, out, [key], expected, v);
  return null;
}

function listAt(doc: JsonDocument, out: FindingInput[], value: Record<string, unknown>, base: (string | number)[], key: string): void {
  if (!Object.prototype.hasOwnProperty.call(value, key)) return;
  const v = value[key];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return;
  wrong(doc, out, [...base, key], 'a list of server names', v);
}

const settings: Shape = (doc, out) => {
  const v = doc.value as Record<string, unknown>;
  const enabled = mapAt(doc, out, v, 'enabledPlugins', 'an object such as {"plugin@marketplace": true}');
  for (const [id, value] of objectEntries(enabled)) {
    if (typeof value === 'boolean' || (Array.isArray(value) && value.every((x) => typeof x === 'string'))) continue;
    const quoted = value === 'true' || value === 'false';
    wrong(doc, out, ['enabledPlugins', id], 'true or false', value, { mistake: quoted ? 'quoted-boolean' : 'enable-boolean', key: id, suggested: String(value) });
  }
  mapAt(doc, out, v, 'env', 'an object of variables');
  mapAt(doc, out, v, 'pluginConfigs', 'an object keyed by plugin@marketplace');
  listAt(doc, out, v, [], 'enabledMcpjsonServers');
  listAt(doc, out, v, [], 'disabledMcpjsonServers');
};

const userState = (cwd: string): Shape => (doc, out) => {
  const v = doc.value as Record<string, unknown>;
  mapAt(doc, out, v, 'mcpServers', 'an object of MCP servers');
  mapAt(doc, out, v, 'env', 'an object of variables');
  const projects = mapAt(doc, out, v, 'projects', 'an object keyed by project folder');
  if (!projects || !Object.prototype.hasOwnProperty.call(projects, cwd)) return;
  const project = projects[cwd];
  if (!isObject(project)) {
    wrong(doc, out, ['projects', cwd], 'an object (this project\'s settings)', project);
    return;
  }
  if (project.mcpServers !== undefined && !isObject(project.mcpServers)) wrong(doc, out, ['projects', cwd, 'mcpServers'], 'an object of MCP servers', project.mcpServers);
  for (const key of ['disabledMcpServers', 'enabledMcpjsonServers', 'disabledMcpjsonServers']) listAt(doc, out, project, ['projects', cwd], key);
};

const installedPlugins: Shape = (doc, out) => {
  const v = doc.value as Record<string, unknown>;
  const plugins = mapAt(doc, out, v, 'plugins', 'an object keyed by plugin@marketplace');
  for (const [id, raw] of objectEntries(plugins)) {
    const installs = Array.isArray(raw) ? raw.map((r, i) => [r, ['plugins', id, i]] as const) : isObject(raw) ? [[raw, ['plugins', id]] as const] : null;
    if (!installs) {
      wrong(doc, out, ['plugins', id], 'a list of install records', raw);
      continue;
    }
    for (const [install, pointer] of installs) {
      if (!isObject(install)) wrong(doc, out, [...pointer], 'an install record ({"installPath": …, "version": …})', install);
      else if (typeof install.installPath !== 'string') wrong(doc, out, [...pointer, 'installPath'], 'the path of the installed copy', install.installPath);
    }
  }
};

const knownMarketplaces: Shape = (doc, out) => {
  for (const [name, raw] of objectEntries(doc.value)) {
    if (!isObject(raw)) {
      wrong(doc, out, [name], 'a marketplace record ({"source": …, "installLocation": …})', raw);
      continue;
    }
    if (!isObject(raw.source)) wrong(doc, out, [name, 'source'], 'an object such as {"source": "github", "repo": "owner/name"}', raw.source);
    if (raw.installLocation !== undefined && typeof raw.installLocation !== 'string') wrong(doc, out, [name, 'installLocation'], 'a folder path', raw.installLocation);
  }
};

export default defineCheck({
  id: 'state-file-shape',
  subject: 'document',
  codes: ['config.schema'],
  run(doc, c) {
    const shape: Shape | undefined =
      doc.kind === 'settings'
        ? settings
        : doc.kind === 'user-state'
          ? userState(c.ctx.cwd)
          : doc.kind === 'installed-plugins'
            ? installedPlugins
            : doc.kind === 'known-marketplaces'
              ? knownMarketplaces
              : undefined;
    if (!shape) return [];
    const out: FindingInput[] = [];
    if (!isObject(doc.value)) {
      wrong(doc, out, [], 'an object', doc.value, { mistake: 'state-not-object' });
      return out;
    }
    shape(doc, out);
    return out;
  },
});
