/** Writing to stdout/stderr and waiting for the bytes to leave, so a large report is not cut off by the exit. */
export function write(text: string, stream: NodeJS.WriteStream = process.stdout): Promise<void> {
  return new Promise((done) => {
    if (!stream.write(text)) stream.once('drain', () => done());
    else done();
  });
}

/** One line on stderr in mcp-doctor's voice. */
export function say(message: string): Promise<void> {
  return write(`mcp-doctor: ${message}\n`, process.stderr);
}
