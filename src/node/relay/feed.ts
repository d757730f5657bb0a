/**
 * The read-only feed (/feed): every relayed frame's record (redacted) to every subscriber, the
 * last ones replayed to a subscriber that comes late; what a subscriber sends goes nowhere.
 * Memory is bounded in bytes: the replay keeps at most `replayBytes` of the newest records (and
 * at most `replayCount` of them), and a subscriber that lets more than `maxBufferedBytes` queue up
 * is cut, as a slow peer is.
 */
import { WebSocket } from 'ws';

export interface FeedLimits {
  readonly replayCount: number;
  readonly replayBytes: number;
  readonly maxBufferedBytes: number;
}

export class Feed {
  private readonly subscribers = new Set<WebSocket>();
  /** Subscribers that have not answered the last ping (the heartbeat drops them at the next). */
  private readonly silent = new Set<WebSocket>();
  /** The replay, oldest first, from `head` on (a queue without shift()'s copying). */
  private replay: string[] = [];
  private head = 0;
  private replayBytes = 0;
  /** Why the feed has no more records (its source, the logger thread, stopped), or null. */
  private ended: { code: number; reason: string } | null = null;

  constructor(
    private readonly limits: FeedLimits,
    /** A subscriber was cut for reading too slowly. */
    private readonly onSlow: (queued: number) => void,
  ) {}

  /** Size of the replay now, in characters (records are JSON text: bytes, for ASCII). */
  get replaySize(): number {
    return this.replayBytes;
  }

  /** A record for everyone subscribed (a subscriber too far behind is cut), kept for replay. */
  publish(record: string): void {
    this.keep(record);
    for (const ws of this.subscribers) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount > this.limits.maxBufferedBytes) {
        // A close frame would queue behind what it cannot read: cut the connection (it leaves
        // the set when it closes, where what it sent is counted).
        this.onSlow(ws.bufferedAmount);
        ws.terminate();
        continue;
      }
      ws.send(record);
    }
  }

  private keep(record: string): void {
    if (this.limits.replayCount === 0 || record.length > this.limits.replayBytes) return;
    this.replay.push(record);
    this.replayBytes += record.length;
    while (this.replay.length - this.head > this.limits.replayCount || this.replayBytes > this.limits.replayBytes) {
      this.replayBytes -= this.replay[this.head]!.length;
      this.replay[this.head++] = '';
    }
    if (this.head > 1024 && this.head * 2 > this.replay.length) {
      this.replay = this.replay.slice(this.head);
      this.head = 0;
    }
  }

  /** Subscribers now (they count against the relay's client limit). */
  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Adds a subscriber and replays the recent records to it. What it sends is dropped: `onIgnored`
   * at its first frame, and once it has gone with how many it sent in all (a subscriber sending
   * 50,000 frames made as many log lines).
   */
  subscribe(ws: WebSocket, onIgnored: (count: number, gone: boolean) => void): void {
    this.subscribers.add(ws);
    for (let i = this.head; i < this.replay.length; i++) ws.send(this.replay[i]!);
    if (this.ended !== null) ws.close(this.ended.code, this.ended.reason);
    let ignored = 0;
    ws.on('message', () => {
      if (++ignored === 1) onIgnored(1, false);
    });
    ws.on('pong', () => this.silent.delete(ws));
    const gone = () => {
      if (!this.subscribers.delete(ws)) return;
      this.silent.delete(ws);
      if (ignored > 1) onIgnored(ignored, true);
    };
    ws.on('close', gone);
    ws.on('error', gone);
  }

  /** One heartbeat: subscribers that did not answer the last ping are cut (`onDead`), the others pinged. */
  heartbeat(onDead: () => void): void {
    for (const ws of this.subscribers) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (this.silent.has(ws)) {
        onDead();
        ws.terminate();
        continue;
      }
      this.silent.add(ws);
      ws.ping();
    }
  }

  /**
   * The records stopped coming for good (the logger thread that makes them stopped): every
   * subscriber is closed with `code` and `reason`, and one who comes later gets the replay, then
   * the same close (relay audit: subscribers got nothing more, with no notice).
   */
  end(code: number, reason: string): void {
    this.ended = { code, reason };
    this.close(code, reason);
  }

  close(code: number, reason: string): void {
    for (const ws of this.subscribers) ws.close(code, reason);
  }

  terminate(): void {
    for (const ws of this.subscribers) ws.terminate();
  }
}
