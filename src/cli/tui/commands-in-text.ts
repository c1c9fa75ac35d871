/**
 * A fix's words and the commands inside them, apart: "Build it: go build -o ~/…/bin/geo-mcp. Plugin
 * authors: …" becomes the prose and the command, so the detail view shows the command alone on its own
 * line (never wrapped, so it can be copied) and the prose wrapped around it. The commands are the ones the
 * finding's evidence holds (the command as started, a build command, a corrected entry): the catalog puts
 * exactly those strings in its hints.
 */
import type { ReportFinding } from '../../core/model/types.js';
import { tildeHome } from './shorten.js';

const commandKeys = ['commandLine', 'buildCommand', 'createCommand', 'corrected'] as const;

/**
 * A command the catalog writes into a hint without an evidence field of its own: a path-led command after
 * "…: " ("Install it into that interpreter: /usr/bin/python3 -m pip install x (or …)"), or a shell command
 * in parentheses ("(ln -s … …)"), up to " (", ")", "; " or the sentence's end.
 */
const inlineCommand = /(?:: ((?:'[^']+'|~?\/[^\s']+) [^()]*?)|\(((?:ln|sed|chmod|npm|pip3?|uv|go|cargo) [^()]*?))(?= \(|\)|; |\.(?: |$)|$)/g;

export interface SplitHint {
  /** The hint in order: its words and, between them, each command alone. */
  parts: ({ text: string } | { command: string })[];
  commands: string[];
}

export function splitHint(f: Pick<ReportFinding, 'hint' | 'evidence'>, home?: string): SplitHint {
  const hint = tildeHome(f.hint, home);
  const found: { at: number; command: string }[] = [];
  for (const key of commandKeys) {
    const value = f.evidence[key];
    if (typeof value !== 'string' || !value.trim()) continue;
    const command = tildeHome(value, home);
    const at = hint.indexOf(command);
    if (at !== -1 && !found.some((x) => x.command === command)) found.push({ at, command });
  }
  for (const m of hint.matchAll(inlineCommand)) {
    const command = (m[1] ?? m[2] ?? '').trim();
    const at = hint.indexOf(command, m.index);
    if (command && !found.some((x) => at < x.at + x.command.length && x.at < at + command.length)) found.push({ at, command });
  }
  found.sort((x, y) => x.at - y.at);
  const parts: SplitHint['parts'] = [];
  let from = 0;
  for (const { at, command } of found) {
    const before = hint.slice(from, at).replace(/^[.;,)]\s*/, '').replace(/\(\s*$/, '').trim();
    if (before) parts.push({ text: before });
    parts.push({ command });
    from = at + command.length;
  }
  const rest = hint.slice(from).replace(/^[.;,)]+\s*/, '').trim();
  if (rest) parts.push({ text: rest });
  return { parts, commands: found.map((x) => x.command) };
}
