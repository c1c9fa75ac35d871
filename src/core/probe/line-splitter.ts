/**
 * Splits a byte stream into lines as MCP stdio framing does (one message per `\n`, one trailing `\r`
 * dropped). Works on bytes and searches only the new chunk, so a 5 MB reply arriving in 64 KB pieces costs
 * one copy, not one per piece. A line longer than `maxLine` is not kept: its bytes are counted and only its
 * two ends are remembered (enough to say what it was and which request it answered), so an unterminated
 * flood of any size leaves memory flat.
 */

/** A line over the limit: its size and its two ends. */
export interface OversizeLine {
  bytes: number;
  head: string;
  tail: string;
}

/** What was printed after the last newline: its size and how it starts. */
export interface Unterminated {
  bytes: number;
  start: string;
}

/** No real server sends a message this big (Claude Code accepts a 5.5 MB tools/list with 2,500 tools). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

const ENDS = 256;

export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** Bytes of the current line once it went over the limit (0 while it is within it). */
  private oversize = 0;
  private oversizeHead: Buffer = Buffer.alloc(0);
  private oversizeTail: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOversize: (line: OversizeLine) => void = () => {},
    private readonly maxLine = MAX_MESSAGE_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) {
        if (start < chunk.length) this.append(chunk.subarray(start));
        return;
      }
      this.append(chunk.subarray(start, nl));
      this.endLine();
      start = nl + 1;
    }
  }

  private append(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.oversize > 0) {
      this.oversize += piece.length;
      this.oversizeTail = lastBytes(Buffer.concat([this.oversizeTail, lastBytes(piece, ENDS)]), ENDS);
      return;
    }
    if (this.partBytes + piece.length <= this.maxLine) {
      // Copied: a subarray would keep the whole 64 KB chunk alive for a few bytes of line.
      this.parts.push(Buffer.from(piece));
      this.partBytes += piece.length;
      return;
    }
    this.oversizeHead = firstBytes([...this.parts, piece], ENDS);
    this.oversizeTail = lastBytes(piece, ENDS);
    this.oversize = this.partBytes + piece.length;
    this.parts = [];
    this.partBytes = 0;
  }

  private endLine(): void {
    if (this.oversize > 0) {
      const line = { bytes: this.oversize, head: this.oversizeHead.toString('utf8'), tail: this.oversizeTail.toString('utf8') };
      this.oversize = 0;
      this.oversizeHead = this.oversizeTail = Buffer.alloc(0);
      this.onOversize(line);
      return;
    }
    const text = (this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts)).toString('utf8');
    this.parts = [];
    this.partBytes = 0;
    this.onLine(text.endsWith('\r') ? text.slice(0, -1) : text);
  }

  /** What was printed without a final newline (a reply Claude Code would wait for forever), if anything. */
  rest(): Unterminated | undefined {
    const bytes = this.oversize || this.partBytes;
    if (bytes === 0) return undefined;
    const head = this.oversize ? this.oversizeHead : firstBytes(this.parts, ENDS);
    const start = head.toString('utf8').trim();
    return start || bytes > head.length ? { bytes, start } : undefined;
  }

  /** The whole unterminated text, when it is within the limit (to check whether it was a reply). */
  restText(): string | undefined {
    return this.oversize || this.partBytes === 0 ? undefined : Buffer.concat(this.parts).toString('utf8');
  }
}

function firstBytes(parts: Buffer[], n: number): Buffer {
  const out: Buffer[] = [];
  let have = 0;
  for (const p of parts) {
    if (have >= n) break;
    out.push(p.subarray(0, n - have));
    have += Math.min(p.length, n - have);
  }
  return Buffer.concat(out);
}

function lastBytes(buffer: Buffer, n: number): Buffer {
  return buffer.length <= n ? buffer : buffer.subarray(buffer.length - n);
}
