/**
 * The read-only feed (/feed): every relayed frame's record (redacted) to every subscriber, the
 * last ones replayed to a subscriber that comes late; what a subscriber sends goes nowhere. The
 * replay is the logger thread's (replay.ts: bounded in records and bytes); a subscriber gets it
 * first, then every record made after it. A subscriber that lets more than `maxBufferedBytes`
 * queue up is cut, as a slow peer is.
 */
import { WebSocket } from 'ws';

export interface FeedLimits {
  readonly maxBufferedBytes: number;
}

/** Where the feed's replay comes from: the logger thread keeps it (replay.ts); `ask` asks for it, `gone` says a subscriber left. */
export interface ReplaySource {
  /** Asks for the replay of subscriber `id`: {@link Feed.replayed} gets it. */
  ask(id: number): void;
  /** A subscriber that asked has gone. */
  gone(): void;
}

export class Feed {
  /** Subscribers that have their replay: they get every record from here on. */
  private readonly subscribers = new Set<WebSocket>();
  /** Subscribers waiting for their replay, by id: records published meanwhile are in it. */
  private readonly waiting = new Map<number, WebSocket>();
  private nextId = 0;
  /** Subscribers that have not answered the last ping (the heartbeat drops them at the next). */
  private readonly silent = new Set<WebSocket>();

  constructor(
    private readonly limits: FeedLimits,
    private readonly source: ReplaySource,
    /** A subscriber was cut for reading too slowly. */
    private readonly onSlow: (queued: number) => void,
  ) {}

  /** A record for everyone subscribed (a subscriber too far behind is cut). */
  publish(record: string): void {
    for (const ws of this.subscribers) this.send(ws, record);
  }

  private send(ws: WebSocket, record: string): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > this.limits.maxBufferedBytes) {
      // A close frame would queue behind what it cannot read: cut the connection (it leaves
      // the set when it closes, where what it sent is counted).
      this.onSlow(ws.bufferedAmount);
      ws.terminate();
      return;
    }
    ws.send(record);
  }

  /** The replay of subscriber `id` came: sent, and the subscriber gets every record from here on. */
  replayed(id: number, records: readonly string[]): void {
    const ws = this.waiting.get(id);
    if (ws === undefined) return;
    this.waiting.delete(id);
    if (ws.readyState !== WebSocket.OPEN) return;
    this.subscribers.add(ws);
    for (const r of records) ws.send(r);
  }

  /** Subscribers now (they count against the relay's client limit). */
  get size(): number {
    return this.subscribers.size + this.waiting.size;
  }

  /**
   * Adds a subscriber and replays the recent records to it. What it sends is dropped: `onIgnored`
   * at its first frame, and once it has gone with how many it sent in all (a subscriber sending
   * 50,000 frames made as many log lines).
   */
  subscribe(ws: WebSocket, onIgnored: (count: number, gone: boolean) => void): void {
    const id = ++this.nextId;
    this.waiting.set(id, ws);
    this.source.ask(id);
    let ignored = 0;
    ws.on('message', () => {
      if (++ignored === 1) onIgnored(1, false);
    });
    ws.on('pong', () => this.silent.delete(ws));
    let left = false;
    const gone = () => {
      if (left) return;
      left = true;
      this.subscribers.delete(ws);
      this.waiting.delete(id);
      this.silent.delete(ws);
      this.source.gone();
      if (ignored > 1) onIgnored(ignored, true);
    };
    ws.on('close', gone);
    ws.on('error', gone);
  }

  /** Every subscriber, waiting or not. */
  private all(): WebSocket[] {
    return [...this.subscribers, ...this.waiting.values()];
  }

  /** One heartbeat: subscribers that did not answer the last ping are cut (`onDead`), the others pinged. */
  heartbeat(onDead: () => void): void {
    for (const ws of this.all()) {
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

  close(code: number, reason: string): void {
    for (const ws of this.all()) ws.close(code, reason);
  }

  terminate(): void {
    for (const ws of this.all()) ws.terminate();
  }
}
