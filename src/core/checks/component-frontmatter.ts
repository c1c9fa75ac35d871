/**
 * Commands, agents, skills and output styles: YAML frontmatter that does not parse (Claude Code loads the component
 * with every field dropped, a debug-log warning only), and a skill without a description (a slash command only, not
 * offered to the model). The files are those Claude Code loads: the default folders, or the paths plugin.json names
 * (skills: in addition to skills/).
 */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathFacts, readText } from '../util/fs-facts.js';
import { readFrontmatter, scalar } from '../util/frontmatter.js';
import type { FindingInput, PluginEntry } from '../model/types.js';
import { defineCheck } from './define-check.js';

type Kind = 'command' | 'agent' | 'skill' | 'output style';
const MAX_FILES = 500;

/** Markdown files under a folder (bounded depth and count), or the file itself. */
async function markdownFiles(path: string, depth = 3, out: string[] = []): Promise<string[]> {
  const facts = await pathFacts(path);
  if (facts.isFile) {
    if (path.endsWith('.md')) out.push(path);
    return out;
  }
  if (!facts.isDir || depth < 0 || out.length >= MAX_FILES) return out;
  let names: string[];
  try {
    names = (await readdir(path)).sort();
  } catch {
    return out;
  }
  for (const name of names) if (!name.startsWith('.')) await markdownFiles(join(path, name), depth - 1, out);
  return out;
}

function declaredPaths(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (value && typeof value === 'object') return Object.values(value).map((v) => (v as { source?: unknown })?.source).filter((v): v is string => typeof v === 'string');
  return [];
}

async function componentFiles(plugin: PluginEntry, root: string): Promise<[Kind, string][]> {
  const manifest = plugin.manifest?.value && typeof plugin.manifest.value === 'object' ? (plugin.manifest.value as Record<string, unknown>) : {};
  const inRoot = (p: string) => join(root, p.replace(/^\.\//, ''));
  const safe = (p: string) => p.startsWith('./') && !/(^|\/)\.\.(\/|$)/.test(p);
  const out: [Kind, string][] = [];
  const add = async (kind: Kind, key: string, fallback: string, always = false) => {
    const declared = declaredPaths(manifest[key]).filter(safe);
    const places = declared.length > 0 && !always ? declared : [fallback, ...(always ? declared : [])];
    for (const p of places) for (const f of await markdownFiles(inRoot(p))) out.push([kind, f]);
  };
  await add('command', 'commands', './commands');
  await add('agent', 'agents', './agents');
  await add('skill', 'skills', './skills', true);
  await add('output style', 'outputStyles', './output-styles');
  return out;
}

export default defineCheck({
  id: 'component-frontmatter',
  subject: 'plugin',
  codes: ['component.frontmatter-invalid', 'component.skill-no-description'],
  async run(plugin) {
    const root = plugin.root;
    if (!root || !plugin.rootExists) return [];
    const out: FindingInput[] = [];
    const seen = new Set<string>();
    for (const [kind, file] of await componentFiles(plugin, root)) {
      if (seen.has(file)) continue;
      seen.add(file);
      const isSkill = kind === 'skill';
      if (isSkill && !file.endsWith('/SKILL.md')) continue;
      const text = await readText(file, 256 * 1024);
      if (text === null) continue;
      const fm = readFrontmatter(text);
      if (fm?.error) {
        out.push({
          code: 'component.frontmatter-invalid',
          location: { file, line: fm.error.line, column: 1 },
          args: { kind, file: relative(root, file), line: fm.error.line, mistake: fm.error.mistake, found: fm.error.found },
        });
        continue;
      }
      if (isSkill && (!fm || !scalar(fm.keys.get('description')))) {
        const skill = relative(join(root, 'skills'), join(file, '..'));
        out.push({ code: 'component.skill-no-description', location: { file, line: 1, column: 1 }, args: { skill: skill.startsWith('..') ? relative(root, join(file, '..')) : skill, noFrontmatter: !fm } });
      }
    }
    return out;
  },
});
