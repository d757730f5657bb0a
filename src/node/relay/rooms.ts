/** Rooms: who is in which, bounded by the room size; the relay's routing table. */
import type { WebSocket } from 'ws';
import type { TokenBucket } from './rate-limit.js';

export interface Client {
  readonly id: string;
  readonly ws: WebSocket;
  readonly room: string;
  readonly bucket: TokenBucket;
  /** Answered the last ping (heartbeat). */
  alive: boolean;
  /** The close code ws sent when it cut this client for a frame it could not take (CLOSE tooBig, invalidData, protocolError), or undefined. */
  cutWith?: number;
  /** Cut for falling behind (--max-buffered): its peers are told why it left. */
  slow?: boolean;
  /** Frames dropped over the rate limit (counted in the log when the client leaves). */
  rateDropped?: number;
  /** Of those, the ones dropped for bytes (over --max-bytes-rate); the rest were over --max-rate. */
  rateDroppedForBytes?: number;
}

export class Rooms {
  private readonly rooms = new Map<string, Set<Client>>();

  private readonly size: number;

  constructor(size: number | 'unlimited') {
    this.size = size === 'unlimited' ? Infinity : size;
  }

  /** How many are in `room`. */
  count(room: string): number {
    return this.rooms.get(room)?.size ?? 0;
  }

  /** Adds a client, or returns false when its room is full. */
  join(c: Client): boolean {
    const members = this.rooms.get(c.room) ?? new Set<Client>();
    if (members.size >= this.size) return false;
    members.add(c);
    this.rooms.set(c.room, members);
    return true;
  }

  leave(c: Client): void {
    const members = this.rooms.get(c.room);
    if (!members) return;
    members.delete(c);
    if (members.size === 0) this.rooms.delete(c.room);
  }

  /** The other members of a client's room. */
  *others(c: Client): Iterable<Client> {
    for (const m of this.rooms.get(c.room) ?? []) if (m !== c) yield m;
  }

  /** Clients per room, by id. */
  snapshot(): Map<string, string[]> {
    return new Map([...this.rooms].map(([k, v]) => [k, [...v].map((c) => c.id)]));
  }
}
