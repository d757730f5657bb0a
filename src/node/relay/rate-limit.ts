/** A token bucket per client: `rate` frames a second, refilled continuously, bursts up to `rate`. */
export class TokenBucket {
  private tokens: number;
  private refilled: number;
  /** When the client was last told it is limited (one notice a second at most). */
  private notified = 0;

  constructor(private readonly rate: number, now = Date.now()) {
    this.tokens = rate;
    this.refilled = now;
  }

  /** Takes a token for one frame; false when there is none (the frame is dropped). */
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.refilled) / 1000) * this.rate);
    this.refilled = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

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
