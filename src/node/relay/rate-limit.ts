/**
 * A token bucket per client: `rate` frames a second, refilled continuously, bursts up to `rate`;
 * and bytes: `byteRate` a second, bursts up to `byteBurst` (at least the largest frame). A frame
 * takes one of the first and its size of the second, or is dropped whole.
 */
export class TokenBucket {
  private tokens: number;
  private bytes: number;
  private refilled: number;
  /** When the client was last told it is limited (one notice a second at most). */
  private notified = 0;

  constructor(private readonly rate: number, now = Date.now(), private readonly byteRate = Infinity, private readonly byteBurst = Infinity) {
    this.tokens = rate;
    this.bytes = byteBurst;
    this.refilled = now;
  }

  /** Takes a token for one frame of `size` bytes; false when there is none (the frame is dropped): "frames" or "bytes" says which ran out. */
  take(now = Date.now(), size = 0): boolean {
    const s = (now - this.refilled) / 1000;
    this.tokens = Math.min(this.rate, this.tokens + s * this.rate);
    if (this.byteRate !== Infinity) this.bytes = Math.min(this.byteBurst, this.bytes + s * this.byteRate);
    this.refilled = now;
    this.short = this.tokens < 1 ? 'frames' : size > this.bytes ? 'bytes' : null;
    if (this.short !== null) return false;
    this.tokens -= 1;
    if (this.byteRate !== Infinity) this.bytes -= size;
    return true;
  }

  /** What the last refused take() lacked. */
  short: 'frames' | 'bytes' | null = null;

  private warnedAlone = 0;

  /** True at most once a second: time to tell the client its frames reach nobody. */
  shouldWarnAlone(now = Date.now()): boolean {
    if (now - this.warnedAlone <= 1000) return false;
    this.warnedAlone = now;
    return true;
  }

  /** True at most once a second while frames are dropped: time to tell the client. */
  shouldNotify(now = Date.now()): boolean {
    if (now - this.notified <= 1000) return false;
    this.notified = now;
    return true;
  }
}
