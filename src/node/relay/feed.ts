/**
 * The read-only feed (/feed): every relayed frame's record (redacted) to every subscriber, the
 * last ones replayed to a subscriber that comes late; what a subscriber sends goes nowhere.
 */
import { WebSocket } from 'ws';

export class Feed {
  private readonly subscribers = new Set<WebSocket>();
  private readonly replay: string[] = [];

  constructor(
    private readonly replayCount: number,
    private readonly maxBufferedBytes: number,
  ) {}

  /** A record for everyone subscribed (a subscriber too far behind misses it), kept for replay. */
  publish(record: string): void {
    this.replay.push(record);
    if (this.replay.length > this.replayCount) this.replay.shift();
    for (const ws of this.subscribers) if (ws.readyState === WebSocket.OPEN && ws.bufferedAmount < this.maxBufferedBytes) ws.send(record);
  }

  /** Adds a subscriber and replays the recent records to it; `onIgnored` when it sends something. */
  subscribe(ws: WebSocket, onIgnored: () => void): void {
    this.subscribers.add(ws);
    for (const r of this.replay) ws.send(r);
    ws.on('message', onIgnored);
    ws.on('close', () => this.subscribers.delete(ws));
    ws.on('error', () => this.subscribers.delete(ws));
  }

  close(code: number, reason: string): void {
    for (const ws of this.subscribers) ws.close(code, reason);
  }

  terminate(): void {
    for (const ws of this.subscribers) ws.terminate();
  }
}
