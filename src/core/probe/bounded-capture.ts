/**
 * Keeps the head and the tail of a stream and counts the rest, so a server that writes 40 MB of stderr
 * leaves the doctor's memory flat while the report still shows how it started and how it ended.
 */
export class BoundedCapture {
  private head = '';
  private tail = '';
  bytes = 0;

  constructor(
    private readonly headLimit = 16 * 1024,
    private readonly tailLimit = 16 * 1024,
  ) {}

  push(chunk: Buffer | string): void {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    // Once the head is full only the last bytes matter: decode just those, so a flood allocates nothing big.
    const full = this.head.length >= this.headLimit;
    const source = full && typeof chunk !== 'string' && chunk.length > this.tailLimit ? chunk.subarray(chunk.length - this.tailLimit) : chunk;
    const text = typeof source === 'string' ? source : source.toString('utf8');
    let rest = text;
    if (this.head.length < this.headLimit) {
      const room = this.headLimit - this.head.length;
      this.head += text.slice(0, room);
      if (text.length <= room) return;
      rest = text.slice(room);
    }
    this.tail = (this.tail + rest.slice(-this.tailLimit)).slice(-this.tailLimit);
  }

  /** Everything kept, with a marker where the middle was dropped. */
  text(): string {
    if (!this.tail) return this.head;
    const kept = Buffer.byteLength(this.head) + Buffer.byteLength(this.tail);
    const dropped = this.bytes - kept;
    return dropped > 0 ? `${this.head}\n… ${dropped} bytes not kept …\n${this.tail}` : this.head + this.tail;
  }

  /** The last `n` non-empty lines (what a crash usually ends with). */
  lastLines(n: number): string[] {
    const source = this.tail || this.head;
    return source.split(/\r?\n/).map((l) => l.trimEnd()).filter(Boolean).slice(-n);
  }
}
