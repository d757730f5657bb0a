/**
 * The signaling relay: a WebSocket server that speaks the seed's protocol (every JSON frame of a
 * client goes, unchanged, to every other client of its room; never back to the sender) and logs
 * every frame — NDJSON with who sent it, to whom, and what it means, secrets redacted — without
 * altering what it forwards. Limits keep bad clients from hurting the others. Node only.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { FrameSummary } from '../analysis/frame.js';
import { redactText } from '../analysis/redact.js';
import { DIST } from './paths.js';
import type { LoggedFrame, LogWorkerData, LogWorkerMessage } from './relay-log-worker.js';

/** Every limit and setting, with its default (spread under the caller's options). */
export const RELAY_DEFAULTS = {
  /** The seed binds 0.0.0.0 so that two machines can call; bind 127.0.0.1 to stay local. */
  host: '0.0.0.0',
  /** The seed's port. */
  port: 53378,
  /** Clients in one room: 2, a 1:1 call like the seed's. */
  roomSize: 2,
  /** Clients connected at once; more are refused with HTTP 503. */
  maxClients: 1000,
  /** Largest frame in bytes; a larger one closes its sender with 1009. */
  maxFrameBytes: 1024 * 1024,
  /** Frames a client may send per second (token bucket); excess frames are dropped with a notice. */
  maxFramesPerSecond: 100,
  /** Bytes queued towards one client; a slower consumer is closed with 1013. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** Ping interval; a client that did not answer the previous ping is dropped. 0 disables. */
  heartbeatMs: 30_000,
  /** Keep ice-pwd, credential, password... in the log (default: redacted). */
  keepSecrets: false,
  /** Frames waiting for the logger; past it, frames are relayed but not logged (counted, reported). */
  maxLogBacklog: 100_000,
} as const;

export interface RelayOptions {
  readonly host?: string;
  readonly port?: number;
  readonly roomSize?: number;
  readonly maxClients?: number;
  readonly maxFrameBytes?: number;
  readonly maxFramesPerSecond?: number;
  readonly maxBufferedBytes?: number;
  readonly heartbeatMs?: number;
  readonly keepSecrets?: boolean;
  readonly maxLogBacklog?: number;
  /** NDJSON log file, one line per frame (appended). */
  readonly log?: string;
  /** Clients must present it: `?token=`, or `Authorization: Bearer …`. */
  readonly token?: string;
  /** PEM certificate and key (contents): serve https and wss. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Allowed Origin headers; others are refused with 403. Absent: any origin. */
  readonly origins?: readonly string[];
  /** Folder of the pages (index.html and call.js, inspect.html and inspect.js); absent: no pages. */
  readonly pageDir?: string;
  /** Serve the read-only feed of relayed frames (redacted) at /feed and the inspector at /inspect. Default true. */
  readonly feed?: boolean;
  /** Records the feed replays to a new subscriber (default 1000). */
  readonly feedReplay?: number;
  /** One readable line per event (the console). */
  readonly onLine?: (line: RelayLine) => void;
}

/** What the console shows: a frame relayed, or an event of the relay. */
export type RelayLine =
  | { readonly kind: 'frame'; readonly time: string; readonly room: string; readonly from: string; readonly to: readonly string[]; readonly size: number; readonly summary: FrameSummary; readonly text: string }
  | { readonly kind: 'event'; readonly time: string; readonly room: string | null; readonly client: string | null; readonly event: string; readonly detail: string };

/** The notices the relay sends; their own type never collides with call frames. */
export type RelayNotice =
  | { readonly type: 'relay-notice'; readonly event: 'joined'; readonly room: string; readonly id: string; readonly peers: readonly string[] }
  | { readonly type: 'relay-notice'; readonly event: 'peer-joined' | 'peer-left'; readonly room: string; readonly id: string }
  | { readonly type: 'relay-notice'; readonly event: 'room-full'; readonly room: string; readonly size: number }
  | { readonly type: 'relay-notice'; readonly event: 'error'; readonly code: 'invalid-json' | 'binary-frame' | 'rate-limited'; readonly message: string };

/** Close codes the relay uses (a slow consumer or a dead client is cut, with no close frame). */
export const CLOSE = { normal: 1000, goingAway: 1001, tooBig: 1009, roomFull: 4001 } as const;

interface Client {
  readonly id: string;
  readonly ws: WebSocket;
  readonly room: string;
  alive: boolean;
  tokens: number;
  refilled: number;
  notifiedLimit: number;
}

export interface Relay {
  readonly url: string;
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** Clients connected now, per room. */
  rooms(): Map<string, string[]>;
  /** Closes every client (1001), stops listening, flushes the log. */
  close(): Promise<void>;
}

const now = () => new Date().toISOString();

function tokenOf(req: IncomingMessage): string | null {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = url.searchParams.get('token');
  if (q !== null) return q;
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : null;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
  socket.destroy();
}

const PAGE_FILES: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/call.js': ['call.js', 'text/javascript; charset=utf-8'],
  '/inspect': ['inspect.html', 'text/html; charset=utf-8'],
  '/inspect.js': ['inspect.js', 'text/javascript; charset=utf-8'],
};
/** The inspector page (its data comes from /feed, also behind the token): behind the token when one is set. */
const PROTECTED = new Set(['/inspect']);

/** The logger worker's compiled file (from the TypeScript sources under the tests: the built one, which `npm test` builds first). */
const WORKER_FILE = join(DIST, 'src/node/relay-log-worker.js');

/** Starts a relay; resolves once it listens. */
export async function startRelay(options: RelayOptions = {}): Promise<Relay> {
  const o = { feed: true, feedReplay: 1000, ...RELAY_DEFAULTS, ...options };
  const clients = new Map<string, Client>();
  /** Read-only subscribers of /feed, and the recent records replayed to a new one. */
  const feeds = new Set<WebSocket>();
  const replay: string[] = [];
  const rooms = new Map<string, Set<Client>>();
  let nextId = 1;
  const line = (l: RelayLine) => o.onLine?.(l);
  // Summaries, redaction and the log are the worker's: this thread checks JSON and forwards.
  const worker = o.log || o.onLine || o.feed ? new Worker(WORKER_FILE, { workerData: { log: o.log ?? null, keepSecrets: o.keepSecrets, lines: o.onLine !== undefined, feed: o.feed } satisfies LogWorkerData }) : null;
  // Frames go to the worker in batches, once per turn of the event loop.
  let batch: LoggedFrame[] = [];
  const flushBatch = () => {
    if (batch.length === 0) return;
    worker?.postMessage({ kind: 'frames', frames: batch } satisfies LogWorkerMessage);
    batch = [];
  };
  const toWorker = (m: LogWorkerMessage) => {
    flushBatch();
    worker?.postMessage(m);
  };
  const logFrame = (f: LoggedFrame) => {
    if (!worker) return;
    // Memory stays bounded when frames come faster than the logger writes them.
    if (backlog >= o.maxLogBacklog) {
      skipped++;
      return;
    }
    if (batch.length === 0) setImmediate(flushBatch);
    batch.push(f);
    backlog++;
  };
  let backlog = 0;
  let skipped = 0;
  worker?.on('message', (m: { kind: string; line?: RelayLine; n?: number; record?: string }) => {
    if (m.kind === 'line' && m.line) line(m.line);
    else if (m.kind === 'record' && m.record !== undefined) {
      replay.push(m.record);
      if (replay.length > o.feedReplay) replay.shift();
      for (const f of feeds) if (f.readyState === WebSocket.OPEN && f.bufferedAmount < o.maxBufferedBytes) f.send(m.record);
    }
    else if (m.kind === 'ack') {
      backlog -= m.n!;
      if (skipped > 0 && backlog < o.maxLogBacklog / 2) {
        event(null, null, 'log-skipped', `${skipped} frames relayed but not logged: the logger fell behind`);
        skipped = 0;
      }
    }
  });
  let workerFailed = false;
  worker?.on('error', (e: Error) => {
    // Logging must never stop relaying: report it once and go on without a log.
    workerFailed = true;
    line({ kind: 'event', time: now(), room: null, client: null, event: 'log-error', detail: e.message });
  });
  worker?.unref();
  const event = (room: string | null, client: string | null, name: string, detail: string) => {
    const time = now();
    line({ kind: 'event', time, room, client, event: name, detail });
    toWorker({ kind: 'event', record: { time, room, event: name, client, detail } });
  };

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = PAGE_FILES[path];
    if (PROTECTED.has(path) && (!o.feed || (o.token !== undefined && tokenOf(req) !== o.token))) {
      res.writeHead(o.feed ? 401 : 404, { 'content-type': 'text/plain' }).end(o.feed ? 'Unauthorized\n' : 'not found\n');
      return;
    }
    if (!file || !o.pageDir) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    try {
      const body = readFileSync(join(o.pageDir, file[0]));
      res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('page not built\n');
    }
  };
  const server: HttpServer = o.tls ? createHttpsServer({ cert: o.tls.cert, key: o.tls.key }, serve) : createHttpServer(serve);
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxFrameBytes, perMessageDeflate: false });

  server.on('upgrade', (req, socket, head) => {
    if (o.token !== undefined && tokenOf(req) !== o.token) {
      event(null, null, 'refused', `bad or missing token from ${req.socket.remoteAddress}`);
      return refuse(socket, 401, 'Unauthorized');
    }
    if (o.origins && !o.origins.includes(req.headers.origin ?? '')) {
      event(null, null, 'refused', `origin ${req.headers.origin ?? '(none)'} not allowed`);
      return refuse(socket, 403, 'Forbidden');
    }
    if (clients.size >= o.maxClients) {
      event(null, null, 'refused', `max clients (${o.maxClients}) reached`);
      return refuse(socket, 503, 'Service Unavailable');
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/feed') {
      if (!o.feed) return refuse(socket, 404, 'Not Found');
      wss.handleUpgrade(req, socket, head, (ws) => subscribe(ws, req));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => join_(ws, req));
  });

  /** A read-only feed subscriber: it gets every record (redacted); what it sends goes nowhere. */
  function subscribe(ws: WebSocket, req: IncomingMessage): void {
    feeds.add(ws);
    event(null, null, 'feed-subscribed', `from ${req.socket.remoteAddress}`);
    for (const r of replay) ws.send(r);
    ws.on('message', () => event(null, null, 'feed-ignored', 'a feed subscriber sent a frame: dropped (the feed is read-only)'));
    ws.on('close', () => feeds.delete(ws));
    ws.on('error', () => feeds.delete(ws));
  }

  const notice = (ws: WebSocket, n: RelayNotice) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(n));
  };

  function join_(ws: WebSocket, req: IncomingMessage): void {
    const room = new URL(req.url ?? '/', 'http://x').searchParams.get('room') || 'default';
    const members = rooms.get(room) ?? new Set<Client>();
    if (members.size >= o.roomSize) {
      notice(ws, { type: 'relay-notice', event: 'room-full', room, size: o.roomSize });
      ws.close(CLOSE.roomFull, 'room full');
      event(room, null, 'room-full', `refused a client: ${members.size} of ${o.roomSize}`);
      return;
    }
    const c: Client = { id: `c${nextId++}`, ws, room, alive: true, tokens: o.maxFramesPerSecond, refilled: Date.now(), notifiedLimit: 0 };
    clients.set(c.id, c);
    members.add(c);
    rooms.set(room, members);
    notice(ws, { type: 'relay-notice', event: 'joined', room, id: c.id, peers: [...members].filter((m) => m !== c).map((m) => m.id) });
    for (const m of members) if (m !== c) notice(m.ws, { type: 'relay-notice', event: 'peer-joined', room, id: c.id });
    event(room, c.id, 'joined', `from ${req.socket.remoteAddress}:${req.socket.remotePort} (${members.size}/${o.roomSize})`);

    ws.on('pong', () => {
      c.alive = true;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => frame(c, data, isBinary));
    ws.on('close', (code: number, reason: Buffer) => {
      clients.delete(c.id);
      members.delete(c);
      if (members.size === 0) rooms.delete(room);
      for (const m of members) notice(m.ws, { type: 'relay-notice', event: 'peer-left', room, id: c.id });
      event(room, c.id, 'left', `close ${code}${reason.length ? ' ' + reason.toString() : ''}`);
    });
    ws.on('error', (e: Error) => event(room, c.id, 'error', e.message));
  }

  function frame(c: Client, data: RawData, isBinary: boolean): void {
    // Token bucket: maxFramesPerSecond, refilled continuously.
    const t = Date.now();
    c.tokens = Math.min(o.maxFramesPerSecond, c.tokens + ((t - c.refilled) / 1000) * o.maxFramesPerSecond);
    c.refilled = t;
    if (c.tokens < 1) {
      if (t - c.notifiedLimit > 1000) {
        c.notifiedLimit = t;
        notice(c.ws, { type: 'relay-notice', event: 'error', code: 'rate-limited', message: `more than ${o.maxFramesPerSecond} frames/s: frames dropped` });
        event(c.room, c.id, 'rate-limited', `over ${o.maxFramesPerSecond} frames/s: dropping`);
      }
      return;
    }
    c.tokens -= 1;
    const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (isBinary) {
      notice(c.ws, { type: 'relay-notice', event: 'error', code: 'binary-frame', message: 'frames are JSON text' });
      event(c.room, c.id, 'binary-frame', `${buf.length} bytes dropped`);
      return;
    }
    const text = buf.toString('utf8');
    // Only valid JSON is relayed; the logger parses it again, off this thread.
    try {
      JSON.parse(text);
    } catch {
      notice(c.ws, { type: 'relay-notice', event: 'error', code: 'invalid-json', message: 'frame is not JSON: not forwarded' });
      event(c.room, c.id, 'invalid-json', JSON.stringify((o.keepSecrets ? text : redactText(text)).slice(0, 120)));
      return;
    }
    const to: string[] = [];
    for (const m of rooms.get(c.room) ?? []) {
      if (m === c || m.ws.readyState !== WebSocket.OPEN) continue;
      if (m.ws.bufferedAmount > o.maxBufferedBytes) {
        // A close frame would queue behind the backlog it cannot read: cut the connection.
        event(c.room, m.id, 'slow-consumer', `${m.ws.bufferedAmount} bytes queued (limit ${o.maxBufferedBytes}): connection cut`);
        m.ws.terminate();
        continue;
      }
      // The bytes as received: the relay never alters a frame.
      m.ws.send(buf, { binary: false });
      to.push(m.id);
    }
    logFrame({ time: Date.now(), room: c.room, from: c.id, to, size: buf.length, text });
  }

  // Too big: ws closes the sender with 1009 by itself (maxPayload); the close is logged above.
  const heartbeat = o.heartbeatMs > 0
    ? setInterval(() => {
        for (const c of clients.values()) {
          if (!c.alive) {
            event(c.room, c.id, 'heartbeat-timeout', `no pong within ${o.heartbeatMs} ms: dropped`);
            c.ws.terminate();
            continue;
          }
          c.alive = false;
          c.ws.ping();
        }
      }, o.heartbeatMs)
    : null;
  heartbeat?.unref();

  let closing: Promise<void> | null = null;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = o.host === '0.0.0.0' ? '127.0.0.1' : o.host.includes(':') ? `[${o.host}]` : o.host;
  event(null, null, 'listening', `${o.tls ? 'wss' : 'ws'}://${o.host}:${port}`);

  return {
    url: `${o.tls ? 'wss' : 'ws'}://${host}:${port}`,
    port,
    rooms: () => new Map([...rooms].map(([k, v]) => [k, [...v].map((c) => c.id)])),
    close() {
      // Idempotent: a second call waits for the first.
      closing ??= shutdown();
      return closing;
    },
  };

  async function shutdown(): Promise<void> {
    if (heartbeat) clearInterval(heartbeat);
    for (const c of clients.values()) c.ws.close(CLOSE.goingAway, 'relay shutting down');
    for (const f of feeds) f.close(CLOSE.goingAway, 'relay shutting down');
    await new Promise<void>((r) => wss.close(() => r()));
    // Clients that do not answer the close handshake promptly are cut.
    const cut = setTimeout(() => {
      for (const c of clients.values()) c.ws.terminate();
      for (const f of feeds) f.terminate();
      server.closeAllConnections();
    }, 500);
    await new Promise<void>((r) => server.close(() => r()));
    clearTimeout(cut);
    event(null, null, 'stopped', 'log flushed');
    if (worker && !workerFailed) {
      // The worker writes everything it was sent, then ends the log.
      worker.ref();
      await new Promise<void>((r) => {
        worker.on('message', (m: { kind: string }) => m.kind === 'closed' && r());
        worker.once('error', () => r());
        worker.once('exit', () => r());
        worker.postMessage({ kind: 'close' } satisfies LogWorkerMessage);
      });
    }
    await worker?.terminate();
  }
}
