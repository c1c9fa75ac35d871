/**
 * The line of a crash's output that names the error, rather than its footer: a Node crash ends with
 * "Node.js v20.20.2", npm with "npm error A complete log of this run…", pip with a hint, a launcher with the
 * install command for what it requires. The last line that matches an error pattern wins; when none does, the
 * last line that is not a footer.
 */
const errorPattern =
  /\b(?:[A-Z][A-Za-z]*(?:Error|Exception)|ERR_[A-Z_]+|E[A-Z]{3,}(?=\b|:)|E\d{3}\b|error:|Error:|fatal:|FATAL|panic:|Traceback|No such file|[Nn]ot [Ff]ound|is not in (?:this|the npm) registry|cannot|can't|could not|Could not|failed|refused|denied|ECONNREFUSED|[Rr]equire[sd](?!\s*\()|not installed|[Mm]issing)/;
/**
 * Lines that follow the error without naming it: runtime footers, stack frames, and the install hint a
 * launcher prints after "requires uv" ("Install: curl … | sh"), which names the remedy, not the blocker.
 */
const footer =
  /^(?:Node\.js v\d|npm (?:error|ERR!) (?:A complete log|Log files|\s*$)|\s*at\s|\}$|\s*code: '|\[notice\]|hint:|\s*(?:Install(?:ation)?|To install(?: it)?|Get it|Download)\s*(?:with|from|via|using)?\s*:|\s*(?:curl|wget|brew install|pipx? install|npm i(?:nstall)? -g)\s)/i;

export function errorLine(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.trim() && !footer.test(line) && errorPattern.test(line)) return line.trim();
  }
  return [...lines].reverse().find((l) => l.trim() && !footer.test(l))?.trim() ?? lines.at(-1);
}
