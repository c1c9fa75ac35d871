import { safeLine } from '../core/util/safe-text.js';

/** Writing to stdout/stderr and waiting for the bytes to leave, so a large report is not cut off by the exit. */
export function write(text: string, stream: NodeJS.WriteStream = process.stdout): Promise<void> {
  return new Promise((done) => {
    if (!stream.write(text)) stream.once('drain', () => done());
    else done();
  });
}

/**
 * A message on stderr in mcp-doctor's voice. It can quote what a user or a pull request wrote (a code in a
 * settings file, a server name): each line is made terminal-safe, so no escape sequence or `::command::`
 * line of theirs reaches a terminal or a CI log as its own line.
 */
export function say(message: string): Promise<void> {
  // Our own continuation lines are indented; any other line break came from quoted text and is shown as \n.
  const lines = message.split(/\n(?=  )/).map((line, i) => (i === 0 ? `mcp-doctor: ${safeLine(line)}` : safeLine(line)));
  return write(lines.join('\n') + '\n', process.stderr);
}
