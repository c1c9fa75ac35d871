/**
 * The line of a crash's output that names the error, rather than its footer: a Node crash ends with
 * "Node.js v20.20.2", npm with "npm error A complete log of this run…", pip with a hint. The last line that
 * matches an error pattern wins; when none does, the last line.
 */
const errorPattern =
  /\b(?:[A-Z][A-Za-z]*(?:Error|Exception)|ERR_[A-Z_]+|E[A-Z]{3,}(?=\b|:)|E\d{3}\b|error:|Error:|fatal:|FATAL|panic:|Traceback|No such file|[Nn]ot [Ff]ound|is not in (?:this|the npm) registry|cannot|can't|could not|Could not|failed|refused|denied|ECONNREFUSED)/;
const footer = /^(?:Node\.js v\d|npm (?:error|ERR!) (?:A complete log|Log files|\s*$)|\s*at\s|\}$|\s*code: '|\[notice\]|hint:)/;

export function errorLine(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.trim() && !footer.test(line) && errorPattern.test(line)) return line.trim();
  }
  return [...lines].reverse().find((l) => l.trim() && !footer.test(l))?.trim() ?? lines.at(-1);
}
