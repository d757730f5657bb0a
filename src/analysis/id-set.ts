/**
 * Which candidates a session has seen, as 53-bit hashes of their ids (see candidateIdHash) in an
 * open-addressed table of doubles: no string is kept per candidate, and the table lives outside
 * the garbage-collected heap's object graph. A session's first `limit` distinct ids are tracked
 * (two ids share a hash with odds of about 1 in 10^9 for a full table).
 */
export class IdSet {
  private slots = new Float64Array(16);
  private count = 0;
  constructor(private readonly limit: number) {}

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = id % slots.length; ; i = (i + 1) & mask) {
      const v = slots[i]!;
      if (v === id) return true;
      if (v === 0) return false;
    }
  }

  /** Adds `id` (non-zero) while fewer than `limit` are tracked; false when it was there or the set is full. */
  add(id: number): boolean {
    if (this.count >= this.limit) return false;
    if (2 * (this.count + 1) > this.slots.length) this.grow();
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = id % slots.length; ; i = (i + 1) & mask) {
      const v = slots[i]!;
      if (v === id) return false;
      if (v === 0) {
        slots[i] = id;
        this.count++;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (const v of old) {
      if (v === 0) continue;
      let i = v % this.slots.length;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = v;
    }
  }
}
