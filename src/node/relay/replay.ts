/**
 * The feed's replay (/feed): the newest records, at most `count` of them and `bytes` of text, in
 * order. Kept by the logger thread, which makes the records, so that the relay's thread is sent
 * records only while someone reads the feed.
 */
export class Replay {
  /** Oldest first, from `head` on (a queue without shift()'s copying). */
  private records: string[] = [];
  private head = 0;
  private bytes = 0;

  constructor(
    private readonly count: number,
    private readonly maxBytes: number,
  ) {}

  /** Size now, in characters (records are JSON text: bytes, for ASCII). */
  get size(): number {
    return this.bytes;
  }

  keep(record: string): void {
    if (this.count === 0 || record.length > this.maxBytes) return;
    this.records.push(record);
    this.bytes += record.length;
    while (this.records.length - this.head > this.count || this.bytes > this.maxBytes) {
      this.bytes -= this.records[this.head]!.length;
      this.records[this.head++] = '';
    }
    if (this.head > 1024 && this.head * 2 > this.records.length) {
      this.records = this.records.slice(this.head);
      this.head = 0;
    }
  }

  /** The records kept, oldest first. */
  all(): string[] {
    return this.records.slice(this.head);
  }
}
