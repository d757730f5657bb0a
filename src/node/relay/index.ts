/**
 * The signaling relay: a WebSocket server that speaks the seed's protocol (every JSON frame of a
 * client goes, unchanged, to every other client of its room; never back to the sender) and logs
 * every frame — NDJSON with who sent it, to whom, and what it means, secrets redacted — without
 * altering what it forwards. Limits keep bad clients from hurting the others. Node only.
 *
 * The parts, one concern each: options.ts (defaults, checks), http.ts (request targets, token,
 * pages), rooms.ts, rate-limit.ts, log-pipe.ts + log-worker.ts (the logger thread), feed.ts
 * (/feed), protocol.ts (notices, close codes, console lines). This file wires them.
 */
import { accessSync, appendFileSync, closeSync, constants, existsSync, openSync, statSync } from 'node:fs';
import { dirname, join as pathJoin, resolve as resolvePath } from 'node:path';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { isUtf8 } from 'node:buffer';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { redactText } from '../../analysis/redact.js';
import { classifyAddress, isRoutable } from '../../candidate/address.js';
import { SdpscopeError } from '../../errors.js';
import { Feed } from './feed.js';
import { refuse, requestTarget, sameSecret, servePage, tokenOf, type RequestTarget } from './http.js';
import { CLOSE_DEADLINE_MS, LogPipe } from './log-pipe.js';
import type { RelayEvent } from './log-messages.js';
import { MAX_ROOM_NAME, normalOrigin, resolveRelayOptions, type RelayOptions } from './options.js';
import { CLOSE, CLOSE_REASONS, type RelayNotice } from './protocol.js';
import { TokenBucket } from './rate-limit.js';
import { Rooms, type Client } from './rooms.js';

export { RELAY_DEFAULTS, type RelayOptions } from './options.js';
export { CLOSE, type RelayLine, type RelayNotice } from './protocol.js';

/** What the relay serves, each with its URL (on a wildcard host: on the loopback address). */
export interface RelayEndpoint {
  readonly kind: 'signaling' | 'call-page' | 'inspector' | 'feed';
  readonly url: string;
}

export interface Relay {
  readonly url: string;
  /** Every URL it serves: the signaling WebSocket, and (with pages and the feed) the call page, the inspector, the feed. */
  readonly endpoints: readonly RelayEndpoint[];
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** Clients connected now, per room. */
  rooms(): Map<string, string[]>;
  /** Closes every client (1001), stops listening, flushes the log; `reason` goes in the `stopped` record. */
  close(reason?: string): Promise<void>;
  /**
   * Resolves once the relay has stopped: null after close(), or the error that stopped it by
   * itself (LOG_UNWRITABLE, with logFailure "stop").
   */
  readonly stopped: Promise<SdpscopeError | null>;
}

const now = () => new Date().toISOString();

/**
 * At shutdown, clients that have not answered the close handshake within this are cut; the
 * logger then has CLOSE_DEADLINE_MS to finish: a relay stops within a second, whatever it was sent.
 */
const CLIENTS_DEADLINE_MS = 300;
/** Reading frames in one turn of the event loop longer than this, their senders wait for the next turn. */
const BURST_MS = 50;
/** From the signal to the logger stopped: the rest of the second is the process ending. */
const STOP_BUDGET_MS = 700;
/** A TLS handshake not finished within this is dropped (Node's default is 120 s: idle sockets from scanners piled up). */
const TLS_HANDSHAKE_MS = 10_000;

export { MAX_ROOM_NAME } from './options.js';

/**
 * The host of the URLs a relay listening on `host` gives: every interface is reached at loopback
 * (http://[::]:port/ is no secure context, so the call page gets no camera, and browsers refuse
 * it: relay audit), an IPv6 address in brackets.
 */
export function urlHost(host: string): string {
  // An IPv6 zone (::1%lo) is left out: no URL parser takes one (Node's and the browsers' refuse
  // ws://[::1%lo]:…; relay/client audit: the banner printed URLs nothing could open).
  return host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host.replace(/%.*$/, '')}]` : host;
}

/**
 * Checks the log can be written, without creating it (a relay that then cannot listen leaves no
 * empty file behind): an existing file is opened for appending and closed again; for a new one,
 * its folder must be writable. Throws LOG_UNWRITABLE with the reason.
 */
function checkWritable(path: string): void {
  try {
    if (existsSync(path)) closeSync(openSync(path, 'a'));
    else {
      const dir = dirname(resolvePath(path));
      if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      accessSync(dir, constants.W_OK | constants.X_OK);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' || code === 'ENOTDIR' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the file system is read-only' : (e as Error).message;
    throw new SdpscopeError('LOG_UNWRITABLE', `cannot write the log ${path}: ${why}`);
  }
}

/** Starts a relay; resolves once it listens. Throws INVALID_OPTION for a bad option. */
export async function startRelay(options: RelayOptions = {}): Promise<Relay> {
  const o = resolveRelayOptions(options);
  // A log that cannot be written is said now, before anyone connects, not found out later.
  if (o.log !== undefined) checkWritable(o.log);
  const clients = new Map<string, Client>();
  const rooms = new Rooms(o.roomSize);
  const feed = o.feed
    ? new Feed({ replayCount: o.feedReplay, replayBytes: o.feedReplayBytes, maxBufferedBytes: o.maxBufferedBytes }, (queued) =>
        event(null, null, 'slow-consumer', `a feed subscriber let ${queued} bytes queue up (limit ${o.maxBufferedBytes}): connection cut`),
      )
    : null;
  let nextId = 1;
  let stopError: SdpscopeError | null = null;
  let markStopped: (e: SdpscopeError | null) => void = () => undefined;
  const stopped = new Promise<SdpscopeError | null>((r) => (markStopped = r));
  // Summaries, redaction and the log are the worker's: this thread checks JSON and forwards.
  const pipe = new LogPipe({
    log: o.log ?? null,
    keepSecrets: o.keepSecrets,
    maxBacklog: o.maxLogBacklog,
    maxBacklogBytes: o.maxLogBacklogBytes,
    budgetMs: o.logBudgetMs,
    onLine: o.onLine,
    onRecord: feed ? (r) => feed.publish(r) : undefined,
    onLoggerStopped: () => feed?.end(CLOSE.internalError, 'the relay\'s logger stopped: the feed has no more records'),
    onLogError: (message) => {
      const e = new SdpscopeError('LOG_UNWRITABLE', `cannot write the log any more: ${message}${o.logFailure === 'stop' ? ': the relay stops (logFailure "continue" relays on without it)' : ': frames are relayed but not logged'}`);
      o.onLogError?.(e);
      if (o.logFailure === 'stop' && o.log !== undefined) {
        stopError = e;
        void close();
      }
    },
  });
  const event = (room: string | null, client: string | null, name: string, detail: string) => pipe.event({ time: now(), room, event: name, client, detail });
  const authorized = (req: IncomingMessage, target: RequestTarget) => o.token === undefined || sameSecret(tokenOf(req, target), o.token);

  const pages = { pageDir: o.pageDir, feed: o.feed, token: o.token };
  const server: HttpServer = o.tls
    ? createHttpsServer({ cert: o.tls.cert, key: o.tls.key, handshakeTimeout: TLS_HANDSHAKE_MS }, (req, res) => servePage(req, res, pages))
    : createHttpServer((req, res) => servePage(req, res, pages));
  // Every TCP connection, whatever became of it: one that never finished its TLS handshake is no
  // HTTP connection, so closeAllConnections() missed it and server.close() waited for Node's 120 s
  // handshake timeout (relay audit: one idle socket held SIGTERM for two minutes).
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxFrameBytes, perMessageDeflate: false });

  // CONNECT (authority-form) is no method of the relay's: without a listener Node closed the
  // socket with no status at all (relay audit).
  server.on('connect', (_req, socket) => refuse(socket, 405, 'Method Not Allowed'));
  server.on('upgrade', (req, socket, head) => {
    const target = requestTarget(req);
    if (!target) {
      event(null, null, 'refused', `unparseable request target from ${req.socket.remoteAddress}`);
      return refuse(socket, 400, 'Bad Request');
    }
    if (!authorized(req, target)) {
      event(null, null, 'refused', `bad or missing token from ${req.socket.remoteAddress}`);
      return refuse(socket, 401, 'Unauthorized');
    }
    // A browser always sends Origin with a WebSocket (RFC 6455 §4.1), and --origin is what keeps
    // other sites' pages out; a client that sends none is not a browser, and could send any
    // (relay audit: sdpscope client and every /feed watcher were locked out).
    // The relay's own pages (the call page, the inspector) always: with --origin they had been
    // refused, and the banner still offered them (operator audit).
    if (o.origins && req.headers.origin !== undefined && !o.origins.includes(normalOrigin(req.headers.origin) ?? req.headers.origin) && !(sameOrigin(req.headers.origin, req.headers.host) && !rebindable(req))) {
      event(null, null, 'refused', `origin ${req.headers.origin} not allowed`);
      return refuse(socket, 403, 'Forbidden');
    }
    // /feed subscribers count too: 150 silent ones held 271 MB under a limit of 2 (relay audit).
    if (clients.size + (feed?.size ?? 0) >= o.maxClients) {
      event(null, null, 'refused', `max clients (${o.maxClients}) reached`);
      return refuse(socket, 503, 'Service Unavailable');
    }
    if (target.path === '/feed') {
      if (!feed) return refuse(socket, 404, 'Not Found');
      // The feed shows every room: without --origin, a browser page may read it only from the
      // relay's own origin (the inspector). Any site the operator visited could read it before,
      // from ws://127.0.0.1 too (relay audit). Calls stay open to every page (the notes' page from a file).
      if (!o.origins && req.headers.origin !== undefined && !(sameOrigin(req.headers.origin, req.headers.host) && !rebindable(req))) {
        event(null, null, 'refused', `a /feed subscriber from the page of another origin (${req.headers.origin.slice(0, 200)}): the feed shows every room; --origin lets a page's origin in`);
        return refuse(socket, 403, 'Forbidden');
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const from = req.socket.remoteAddress;
        event(null, null, 'feed-subscribed', `from ${from}`);
        // Its leaving is logged too (README walk: a subscribed, never a left).
        ws.once('close', (code: number) => event(null, null, 'feed-left', `from ${from} (close ${code})`));
        feed.subscribe(ws, (count, gone) =>
          event(null, null, 'feed-ignored', gone ? `a feed subscriber that left had sent ${count} frames: all dropped` : 'a feed subscriber sent a frame: dropped (the feed is read-only; more are counted when it leaves)'),
        );
      });
      return;
    }
    // Calls connect at "/" (the notes' ws://host:53378, with ?room= and ?token=). Any other path
    // is nobody's: "/feed/" or "/inspect" had joined a room as a peer, taken a seat and been sent
    // the call's frames unredacted (README walk).
    if (target.path !== '/') {
      event(null, null, 'refused', `a WebSocket at ${JSON.stringify(target.path.slice(0, 64))} from ${req.socket.remoteAddress}: calls connect at /, the feed at /feed`);
      return refuse(socket, 404, 'Not Found');
    }
    // A room name is in every console line, log record and notice of its room (15,000
    // characters each grew a blocked console to 403 MB; relay audit).
    if ([...(target.query.get('room') ?? '')].length > MAX_ROOM_NAME) {
      event(null, null, 'refused', `a room name over ${MAX_ROOM_NAME} characters from ${req.socket.remoteAddress}`);
      return refuse(socket, 400, 'Bad Request');
    }
    // Read now: once the upgrade is done, a socket already gone has no address any more.
    const peer = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    wss.handleUpgrade(req, socket, head, (ws) => join(ws, peer, target));
  });

  const notice = (ws: WebSocket, n: RelayNotice) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(n));
  };

  function join(ws: WebSocket, peer: string, target: RequestTarget): void {
    const room = target.query.get('room') || 'default';
    const c: Client = { id: `c${nextId}`, ws, room, alive: true, bucket: new TokenBucket(o.maxFramesPerSecond, Date.now(), o.maxBytesPerSecond, Math.max(o.maxBytesPerSecond, o.maxFrameBytes)) };
    if (!rooms.join(c)) {
      notice(ws, { type: 'relay-notice', event: 'room-full', room, size: o.roomSize as number });
      ws.close(CLOSE.roomFull, 'room full');
      event(room, null, 'room-full', `refused a client from ${peer}: ${rooms.count(room)} of ${o.roomSize}`);
      return;
    }
    nextId++;
    clients.set(c.id, c);
    const peers = [...rooms.others(c)];
    notice(ws, { type: 'relay-notice', event: 'joined', room, id: c.id, peers: peers.map((m) => m.id) });
    for (const m of peers) notice(m.ws, { type: 'relay-notice', event: 'peer-joined', room, id: c.id });
    event(room, c.id, 'joined', `from ${peer} (${rooms.count(room)}/${o.roomSize})`);

    ws.on('pong', () => {
      c.alive = true;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => frame(c, data, isBinary));
    ws.on('close', (code: number, reason: Buffer) => {
      clients.delete(c.id);
      rooms.leave(c);
      // Why, when the relay cut it (relay/client audit: its peer was told "no-recipients" and nothing of why).
      for (const m of rooms.others(c)) notice(m.ws, { type: 'relay-notice', event: 'peer-left', room, id: c.id, ...(c.slow === true ? { reason: 'slow-consumer' as const } : {}) });
      // Cut by ws for a frame it could not take: the code sent (the client saw it), not 1006 (no close frame came back).
      const why = c.cutWith !== undefined ? `close ${c.cutWith}, sent by the relay (${CLOSE_REASONS[c.cutWith]})` : `close ${code}${reason.length ? ' ' + reason.toString() : ''}`;
      event(room, c.id, 'left', why);
      // Frames dropped over the rate limit are not in the log: how many is (relay audit: they appeared nowhere).
      // Which limit each was dropped by (relay audit: "over 5 frames/s or 1048576 bytes/s" said neither).
      if (c.rateDropped) {
        const bytes = c.rateDroppedForBytes ?? 0;
        const frames = c.rateDropped - bytes;
        const over = [frames > 0 ? `${frames} over ${o.maxFramesPerSecond} frames/s` : '', bytes > 0 ? `${bytes} over ${o.maxBytesPerSecond} bytes/s` : ''].filter((x) => x !== '').join(', ');
        event(room, c.id, 'rate-limited', `${c.rateDropped} frame${c.rateDropped === 1 ? '' : 's'} dropped in all (${over}): not relayed, not logged`);
      }
    });
    ws.on('error', (e: Error & { code?: string }) => {
      if (typeof e.code === 'string' && e.code.startsWith('WS_ERR_')) c.cutWith = e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? CLOSE.tooBig : e.code === 'WS_ERR_INVALID_UTF8' ? CLOSE.invalidData : CLOSE.protocolError;
      event(room, c.id, 'error', e.message);
    });
  }

  /** An Origin header naming the host the request was made to (the relay's own pages). */
  const sameOrigin = (origin: string, host: string | undefined): boolean => {
    if (host === undefined) return false;
    try {
      const u = new URL(origin);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.host.toLowerCase() === host.toLowerCase();
    } catch {
      return false;
    }
  };

  /**
   * A page that named this relay by a DNS name while it is reached on an address of this machine or
   * its network (loopback, private): a name any site can point here (DNS rebinding), so its Origin
   * matching its Host proves nothing (change audit). An IP literal or "localhost" cannot be rebound.
   */
  const rebindable = (req: IncomingMessage): boolean => {
    const local = (req.socket.localAddress ?? '').replace(/^::ffff:/i, '');
    if (local !== '' && isRoutable(classifyAddress(local).class)) return false;
    const name = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
    if (name === 'localhost') return false;
    const i = name === '' ? null : classifyAddress(name);
    const c = i === null ? 'invalid' : i.class;
    return c === 'hostname' || c === 'mdns' || c === 'invalid' || c === 'redacted' || i?.family === 'redacted';
  };

  /** A frame's size as received, before it is joined into one buffer. */
  const rawSize = (data: RawData): number => (Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length);

  /** Frames read since the event loop last turned, and the clients paused for it. */
  let burst = 0;
  let turnBegan = 0;
  const pausedForBurst: Client[] = [];
  const endBurst = () => {
    burst = 0;
    for (const p of pausedForBurst.splice(0)) if (closing === null) p.ws.resume();
  };

  function frame(c: Client, data: RawData, isBinary: boolean): void {
    // A flood read in one turn of the event loop (ws reads every frame of what the socket has,
    // and libuv reads a socket many times a turn) held signals and timers: SIGTERM was acted on
    // 0.6 s late, the stop took 1.5 s (relay audit). Past BURST_MS in a turn (looked at every 256
    // frames: a count alone, 512 frames, cost the relay bench a third of its throughput), the
    // sender is paused until the next one.
    if (burst++ === 0) {
      turnBegan = performance.now();
      setImmediate(endBurst);
    } else if ((burst & 255) === 0 && !c.ws.isPaused && performance.now() - turnBegan > BURST_MS) {
      c.ws.pause();
      pausedForBurst.push(c);
    }
    // Once stopping, frames still arriving are not read: the peers are being closed, and parsing
    // a backlog of large frames held the close handshake past the second (relay audit).
    if (closing !== null) {
      lateFrames++;
      // Nothing more read from a client still sending: its backlog had held the stop past the
      // second (relay audit: 100,000 frames on their way, 1.5 s); its close handshake is then cut at 300 ms.
      c.ws.pause();
      return;
    }
    if (!c.bucket.take(Date.now(), rawSize(data))) {
      c.rateDropped = (c.rateDropped ?? 0) + 1;
      if (c.bucket.short === 'bytes') c.rateDroppedForBytes = (c.rateDroppedForBytes ?? 0) + 1;
      if (c.bucket.shouldNotify()) {
        const over = c.bucket.short === 'bytes' ? `${o.maxBytesPerSecond} bytes/s` : `${o.maxFramesPerSecond} frames/s`;
        notice(c.ws, { type: 'relay-notice', event: 'error', code: 'rate-limited', message: `more than ${over}: frames dropped` });
        event(c.room, c.id, 'rate-limited', `over ${over}: dropping`);
      }
      return;
    }
    const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    // A binary frame is read as text, as the notes' server did (JSON.parse of the message): JSON
    // in it is forwarded, as a text frame of the same bytes; anything else is refused below.
    if (isBinary && !isUtf8(buf)) {
      // Forwarded as a text frame, bytes that are not UTF-8 make the recipient's WebSocket fail
      // (1007): one client could cut the other's connection (relay audit). Read, they may still be JSON.
      notice(c.ws, { type: 'relay-notice', event: 'error', code: 'binary-frame', message: 'a binary frame that is not UTF-8: not forwarded (it cannot be a text frame)' });
      event(c.room, c.id, 'binary-frame', `${buf.length} bytes in a binary frame, not UTF-8: not forwarded`);
      return;
    }
    const text = buf.toString('utf8');
    // Read as text: its record says binary: true, its console line so (no event of its own: it is
    // no refusal, and --quiet shows binary-frame as one; relay audit).
    // Only valid JSON is relayed; the logger parses it again, off this thread.
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      notice(c.ws, { type: 'relay-notice', event: 'error', code: 'invalid-json', message: 'frame is not JSON: not forwarded' });
      // Redacted with some context (a secret cut at 120 characters would show its start), then cut.
      event(c.room, c.id, 'invalid-json', JSON.stringify((o.keepSecrets ? text : redactText(text.slice(0, 8192))).slice(0, 120)) + (isBinary ? ' (a binary frame, read as text)' : ''));
      return;
    }
    // Notices are the relay's: a client's frame of that type would pass for one (a fake
    // "peer-left" on the call page, a fake "room-full" that stopped sdpscope client; pages audit).
    if (parsed !== null && typeof parsed === 'object' && (parsed as { type?: unknown }).type === 'relay-notice') {
      notice(c.ws, { type: 'relay-notice', event: 'error', code: 'reserved-type', message: 'a frame of type "relay-notice": only the relay sends those; not forwarded' });
      event(c.room, c.id, 'reserved-type', `a ${isBinary ? 'binary ' : ''}frame of type "relay-notice" from a client: not forwarded`);
      return;
    }
    const to: string[] = [];
    const cut: string[] = [];
    for (const m of rooms.others(c)) {
      if (m.ws.readyState !== WebSocket.OPEN) continue;
      if (m.ws.bufferedAmount > o.maxBufferedBytes) {
        // A close frame would queue behind the backlog it cannot read: cut the connection.
        event(c.room, m.id, 'slow-consumer', `${m.ws.bufferedAmount} bytes queued (limit ${o.maxBufferedBytes}): connection cut`);
        m.slow = true;
        cut.push(m.id);
        m.ws.terminate();
        continue;
      }
      // The bytes as received: the relay never alters a frame.
      m.ws.send(buf, { binary: false });
      to.push(m.id);
    }
    // A peer cut just now for falling behind is said, whatever the warning's rate (relay/client audit: "nobody else is in room" of a room it was cut from).
    if (to.length === 0 && (cut.length > 0 || c.bucket.shouldWarnAlone())) {
      const why = cut.length > 0 ? `${cut.join(', ')} was cut for falling behind (more than --max-buffered ${o.maxBufferedBytes} bytes queued to it)` : `nobody else is in room ${c.room}`;
      notice(c.ws, { type: 'relay-notice', event: 'no-recipients', room: c.room, message: `${why}: the frame was ${o.log !== undefined && pipe.logError === null ? 'logged, ' : ''}not delivered` });
    }
    pipe.frame({ time: Date.now(), room: c.room, from: c.id, to, size: buf.length, text, ...(isBinary ? { binary: true } : {}) });
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
        feed?.heartbeat(() => event(null, null, 'heartbeat-timeout', `a feed subscriber gave no pong within ${o.heartbeatMs} ms: dropped`));
      }, o.heartbeatMs)
    : null;
  heartbeat?.unref();

  let closing: Promise<void> | null = null;
  /** Frames that arrived once the relay was stopping (not relayed, counted in the log). */
  let lateFrames = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => resolve());
    });
  } catch (e) {
    // The logger stopped (it had written nothing: the log is opened at its first record, so no
    // empty file is left), and the error said as the CLI says it (relay audit: Node's raw
    // EADDRINUSE from the library, an empty log file behind, the logger thread left running).
    if (heartbeat) clearInterval(heartbeat);
    await pipe.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new SdpscopeError('ADDRESS_IN_USE', `cannot listen on ${o.host}:${o.port}: the port is in use (another relay? --port 0 takes any free one)`);
    throw new SdpscopeError('LISTEN_FAILED', `cannot listen on ${o.host}:${o.port}: ${(e as Error).message}`);
  }
  const port = (server.address() as AddressInfo).port;
  const host = urlHost(o.host);
  // The address it listens on as a URL (the zone apart: no URL takes one).
  const zone = /%(.*)$/.exec(o.host);
  event(null, null, 'listening', `${o.tls ? 'wss' : 'ws'}://${o.host.includes(':') ? `[${o.host.replace(/%.*$/, '')}]` : o.host}:${port}${zone !== null ? ` (zone ${zone[1]})` : ''}`);

  async function shutdown(reason: string | undefined): Promise<void> {
    const began = performance.now();
    if (heartbeat) clearInterval(heartbeat);
    // From here the log comes first: frames still queued are written without summaries.
    pipe.hurryUp();
    const [code, why] = stopError ? [CLOSE.internalError, 'relay stopped: its log failed'] : [CLOSE.goingAway, 'relay shutting down'];
    for (const c of clients.values()) c.ws.close(code, why);
    feed?.close(code, why);
    // Clients that do not answer the close handshake promptly are cut. Armed before waiting on
    // ws, whose close waits for every client (a silent one held shutdown 30 s: ws's own timeout).
    const cut = setTimeout(() => {
      for (const c of clients.values()) c.ws.terminate();
      feed?.terminate();
      for (const w of wss.clients) w.terminate();
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    }, CLIENTS_DEADLINE_MS);
    await new Promise<void>((r) => wss.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
    clearTimeout(cut);
    pipe.saySkipped();
    const late = lateFrames > 0 ? `${lateFrames} frame${lateFrames === 1 ? '' : 's'} arrived while the relay was stopping: not relayed` : null;
    if (late !== null) event(null, null, 'late-frames', late);
    const stopped = `${reason !== undefined ? `${reason}; ` : ''}${stopError ? 'the log failed' : pipe.logError !== null ? 'the log had failed: frames since then were relayed, not logged' : o.log !== undefined ? 'log flushed' : 'no log'}`;
    event(null, null, 'stopped', stopped);
    // The worker writes everything it was sent, then ends the log (within CLOSE_DEADLINE_MS).
    // What is left of the second for the logger (600 ms at most; 100 at least).
    const unlogged = await pipe.close(Math.max(100, STOP_BUDGET_MS - (performance.now() - began)));
    const unwritten = pipe.eventsNotWritten;
    if (unlogged > 0 || unwritten.length > 0) {
      // The events queued behind the frames the cut left (clients leaving, late frames, "stopped")
      // were cut with them: those events and what was not logged are said, in the log and on the
      // console (relay audit: a log under load ended without its "stopped", and the console without
      // any of them; the clients' "left" were counted nowhere).
      const logged = o.log !== undefined && !stopError;
      const records = recordsAfterCut(unwritten, unlogged, logged, now());
      if (logged) {
        try {
          appendFileSync(o.log!, records.map((r) => JSON.stringify(r) + '\n').join(''), { mode: 0o600 });
        } catch {
          /* the log is what failed: nothing more can be said in it */
        }
      }
      for (const r of records) o.onLine?.({ kind: 'event', ...r });
    }
    markStopped(stopError);
  }

  function close(reason?: string): Promise<void> {
    // Idempotent: a second call waits for the first.
    closing ??= shutdown(reason);
    return closing;
  }

  const ws = `${o.tls ? 'wss' : 'ws'}://${host}:${port}`;
  const http = `${o.tls ? 'https' : 'http'}://${host}:${port}`;
  const endpoints: RelayEndpoint[] = [{ kind: 'signaling', url: ws }];
  // Pages not built (npm run build makes them) are not offered (relay audit: their URLs were printed, and answered 404).
  const calls = o.pageDir !== undefined && existsSync(pathJoin(o.pageDir, 'index.html'));
  const inspector = o.feed && o.pageDir !== undefined && existsSync(pathJoin(o.pageDir, 'inspect.html'));
  if (calls) endpoints.push({ kind: 'call-page', url: `${http}/` });
  if (inspector) endpoints.push({ kind: 'inspector', url: `${http}/inspect` });
  if (o.feed) endpoints.push({ kind: 'feed', url: `${ws}/feed` });
  return {
    url: ws,
    endpoints,
    port,
    rooms: () => rooms.snapshot(),
    close,
    stopped,
  };
}

/**
 * What the relay says after its logger was stopped: the events the logger did not write, at their
 * times, then, where frames were cut (`unlogged`), a `log-cut` line and "stopped" (last), both at
 * `cutAt`, since the relay stopped once its log was cut. In time order: the log-cut line had come
 * first, dated after the events behind it, and a cut log's times went backwards. `logged`: there
 * is a log to say the cut in (the console has no frames to count).
 */
export function recordsAfterCut(unwritten: readonly RelayEvent[], unlogged: number, logged: boolean, cutAt: string): RelayEvent[] {
  const last = unlogged > 0 ? unwritten.find((e) => e.event === 'stopped') : undefined;
  return [
    ...unwritten.filter((e) => e !== last),
    ...(logged && unlogged > 0 ? [{ time: cutAt, room: null, event: 'log-cut', client: null, detail: `${unlogged} frames relayed but not logged: the logger did not finish within ${CLOSE_DEADLINE_MS} ms of shutdown` }] : []),
    ...(last !== undefined ? [{ ...last, time: cutAt, detail: last.detail.replace(/log flushed$/, 'log cut short') }] : []),
  ];
}
