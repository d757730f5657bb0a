/**
 * The relay's settings: every limit with its documented default (spread under the caller's
 * options, as ws does), checked once at start so that a bad value fails fast with a clear message.
 */
import { SdpscopeError } from '../../errors.js';
import type { RelayLine } from './protocol.js';

/** Every limit and setting, with its default. */
/** The longest room name (`?room=`, decoded) a client may join; a longer one is refused with 400. */
export const MAX_ROOM_NAME = 128;

export const RELAY_DEFAULTS = {
  /** Every interface, as the notes' server, so that two machines can call; bind 127.0.0.1 to stay local. */
  host: '0.0.0.0',
  /** The notes' port. */
  port: 53378,
  /** Clients in one room: 2, a 1:1 call; "unlimited": every frame to every other client of the room, as the notes' server did. */
  roomSize: 2 as number | 'unlimited',
  /** Clients connected at once; more are refused with HTTP 503. */
  maxClients: 1000,
  /** Largest frame in bytes; a larger one closes its sender with 1009. */
  maxFrameBytes: 1024 * 1024,
  /** Frames a client may send per second (token bucket); excess frames are dropped with a notice. */
  maxFramesPerSecond: 100,
  /**
   * Bytes a client may send per second (a token bucket holding at least one largest frame):
   * excess frames are dropped with a notice. The sender is throttled, not its peers: 100 frames of
   * 1 MiB at once had filled each receiver's 4 MiB queue and cut it (relay audit).
   */
  maxBytesPerSecond: 1024 * 1024,
  /** Bytes queued towards one client; a slower consumer is cut. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** Ping interval; a client that did not answer the previous ping is dropped. 0 disables. */
  heartbeatMs: 30_000,
  /** Keep ice-pwd, credential, password... in the log (default: redacted). */
  keepSecrets: false,
  /** Frames waiting for the logger; past it, frames are relayed but not logged (counted, reported). */
  maxLogBacklog: 100_000,
  /** Bytes of frames waiting for the logger; past it, as past maxLogBacklog. */
  maxLogBacklogBytes: 64 * 1024 * 1024,
  /**
   * A frame that waited longer than this for the logger (ms) is logged without its summary, so that
   * the log keeps up; the log says when that starts and ends. Summaries are linear in the frame.
   */
  logBudgetMs: 2000,
  /**
   * When the log cannot be written any more (a full disk, an I/O error): "stop" closes every client
   * (1011) and stops the relay with LOG_FAILED; "continue" relays on without a log. Said on the
   * console (stderr for the CLI) either way.
   */
  logFailure: 'stop' as 'stop' | 'continue',
  /** Serve the read-only feed of relayed frames (redacted) at /feed and the inspector at /inspect. */
  feed: true,
  /** Records the feed replays to a new subscriber. */
  feedReplay: 1000,
  /**
   * Characters of records the feed keeps for replay (the oldest go first); at most maxBufferedBytes.
   * Unset: 2 MiB, or half of maxBufferedBytes when that is less than 4 MiB.
   */
  feedReplayBytes: 2 * 1024 * 1024,
} as const;

export interface RelayOptions {
  readonly host?: string;
  readonly port?: number;
  readonly roomSize?: number | 'unlimited';
  readonly maxClients?: number;
  readonly maxFrameBytes?: number;
  readonly maxFramesPerSecond?: number;
  readonly maxBytesPerSecond?: number;
  readonly maxBufferedBytes?: number;
  readonly heartbeatMs?: number;
  readonly keepSecrets?: boolean;
  readonly maxLogBacklog?: number;
  readonly maxLogBacklogBytes?: number;
  readonly logBudgetMs?: number;
  readonly logFailure?: 'stop' | 'continue';
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
  readonly feed?: boolean;
  readonly feedReplay?: number;
  readonly feedReplayBytes?: number;
  /** One readable line per event (the console). */
  readonly onLine?: (line: RelayLine) => void;
  /**
   * The log could not be written (once). With logFailure "stop" the relay is stopping: `stopped`
   * resolves with the error.
   */
  readonly onLogError?: (error: SdpscopeError) => void;
}

/** The options with every default filled in, checked. */
export type ResolvedRelayOptions = RelayOptions & Required<Pick<RelayOptions, keyof typeof RELAY_DEFAULTS>>;

/** Integer options and the least value each accepts. */
const MINIMUM: Readonly<Partial<Record<keyof typeof RELAY_DEFAULTS, number>>> = {
  port: 0,
  maxClients: 1,
  maxFrameBytes: 1,
  maxFramesPerSecond: 1,
  maxBytesPerSecond: 1,
  maxBufferedBytes: 1,
  heartbeatMs: 0,
  maxLogBacklog: 1,
  maxLogBacklogBytes: 1,
  logBudgetMs: 0,
  feedReplay: 0,
  feedReplayBytes: 0,
};

/**
 * An allowed origin as browsers serialize one (RFC 6454 §6.2): http and https ones by the URL rules
 * (host in lower case, no default port), any other scheme a browser sends (an extension's
 * `chrome-extension://…`, Capacitor's `capacitor://localhost`, Electron's `app://…`) in lower case,
 * and `null` (a page from a file, a sandboxed frame). A trailing "/" is taken; a path, a query,
 * user info, a bare host or `*` is refused (operator audit: each started a relay that refused
 * every browser; change audit: the other schemes and `null` had been refused too).
 */
export function normalOrigin(x: string): string | null {
  const t = x.trim();
  if (t === 'null') return 'null';
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#@\s]+)\/?$/i.exec(t);
  if (m === null) return null;
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return `${scheme}://${m[2]!.toLowerCase()}`;
  try {
    return new URL(`${scheme}://${m[2]}`).origin;
  } catch {
    return null;
  }
}

function originOf(x: string): string {
  const o = normalOrigin(x);
  if (o !== null) return o;
  const why = x.trim() === '*' ? 'is not one (to let every page call, give no origin; /feed then takes only the relay\'s own pages)' : 'is not one';
  throw new SdpscopeError('INVALID_OPTION', `relay origin ${JSON.stringify(x.slice(0, 200))} ${why}: an origin is scheme://host[:port] as a browser sends it (https://app.example), or null`);
}

/** Fills the defaults in and checks every value; throws INVALID_OPTION with the option's name. */
export function resolveRelayOptions(options: RelayOptions): ResolvedRelayOptions {
  // Not an object: refused (startRelay(5) started a relay on every interface with the defaults; library audit).
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new SdpscopeError('INVALID_OPTION', `relay options must be an object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  const o = { ...RELAY_DEFAULTS, ...options } as ResolvedRelayOptions;
  if (options.feedReplayBytes === undefined && typeof o.maxBufferedBytes === 'number') {
    (o as { feedReplayBytes: number }).feedReplayBytes = Math.min(RELAY_DEFAULTS.feedReplayBytes, Math.floor(o.maxBufferedBytes / 2));
  }
  for (const [name, min] of Object.entries(MINIMUM) as [keyof typeof RELAY_DEFAULTS, number][]) {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
      throw new SdpscopeError('INVALID_OPTION', `relay option ${name} must be an integer >= ${min}, got ${String(v)}`);
    }
  }
  if (o.roomSize !== 'unlimited' && (!Number.isSafeInteger(o.roomSize) || o.roomSize < 1)) throw new SdpscopeError('INVALID_OPTION', `relay option roomSize must be an integer >= 1 or "unlimited", got ${String(o.roomSize)}`);
  if (o.port > 65535) throw new SdpscopeError('INVALID_OPTION', `relay option port must be 0..65535, got ${o.port}`);
  if (typeof o.host !== 'string' || o.host.trim() === '') throw new SdpscopeError('INVALID_OPTION', 'relay option host is empty: give an address to bind (0.0.0.0 for every interface, 127.0.0.1 to stay local)');
  if (o.token !== undefined && typeof o.token !== 'string') throw new SdpscopeError('INVALID_OPTION', `relay option token must be a string, got ${o.token === null ? 'null' : typeof o.token}`);
  if (o.token === '') throw new SdpscopeError('INVALID_OPTION', 'relay option token is empty: give a token, or none');
  // A string would be searched as one (String.includes): any part of it, and no Origin at all, got in.
  if (o.origins !== undefined && !(Array.isArray(o.origins) && o.origins.every((x) => typeof x === 'string'))) throw new SdpscopeError('INVALID_OPTION', 'relay option origins must be an array of strings (the Origin headers allowed)');
  // Each an origin as a browser sends it (operator audit: "https://App.Example/", "app2.example"
  // and "*" were taken, and every browser then refused with 403).
  if (o.origins !== undefined) (o as { origins: readonly string[] }).origins = o.origins.map(originOf);
  // A bracketed IPv6 address, as the banner writes it ("[::1]"), is the address (operator audit: getaddrinfo ENOTFOUND).
  if (typeof o.host === 'string' && /^\[[0-9a-fA-F:.]+(?:%[\w.-]{1,64})?\]$/.test(o.host.trim())) (o as { host: string }).host = o.host.trim().slice(1, -1);
  for (const name of ['keepSecrets', 'feed'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'boolean') throw new SdpscopeError('INVALID_OPTION', `relay option ${name} must be true or false, got ${String(o[name])}`);
  }
  for (const name of ['log', 'pageDir'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'string') throw new SdpscopeError('INVALID_OPTION', `relay option ${name} must be a path (a string)`);
  }
  if (o.feedReplayBytes > o.maxBufferedBytes) throw new SdpscopeError('INVALID_OPTION', `relay option feedReplayBytes (${o.feedReplayBytes}) must not exceed maxBufferedBytes (${o.maxBufferedBytes}): a late subscriber would be cut by its own replay`);
  if (o.logFailure !== 'stop' && o.logFailure !== 'continue') throw new SdpscopeError('INVALID_OPTION', `relay option logFailure must be "stop" or "continue", got ${String(o.logFailure)}`);
  if (o.tls && (!o.tls.cert || !o.tls.key)) throw new SdpscopeError('INVALID_OPTION', 'relay option tls needs both cert and key');
  return o;
}
