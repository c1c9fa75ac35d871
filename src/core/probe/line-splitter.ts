/**
 * Splits a byte stream into lines as MCP stdio framing does (one message per `\n`, one trailing `\r`
 * dropped). A line longer than `maxLine` is cut and flagged, so an unterminated flood cannot grow memory.
 */
export class LineSplitter {
  private pending = '';
  private overflow = false;

  constructor(
    private readonly onLine: (line: string, truncated: boolean) => void,
    private readonly maxLine = 4 * 1024 * 1024,
  ) {}

  push(chunk: Buffer): void {
    let text = this.pending + chunk.toString('utf8');
    let nl: number;
    while ((nl = text.indexOf('\n')) !== -1) {
      const line = text.slice(0, nl).replace(/\r$/, '');
      text = text.slice(nl + 1);
      this.onLine(line, this.overflow);
      this.overflow = false;
    }
    if (text.length > this.maxLine) {
      this.overflow = true;
      text = text.slice(0, this.maxLine);
    }
    this.pending = text;
  }

  /** What was printed without a final newline (a reply Claude Code would wait for forever). */
  rest(): string {
    return this.pending;
  }
}
