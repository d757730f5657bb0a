/**
 * A signaling client for scripts and debugging: joins a relay room, prints every frame it
 * receives with its summary, sends frames from files or standard input. Node only.
 */
import { WebSocket } from 'ws';
import { describeFrame, summarizeFrame, type FrameSummary } from '../analysis/frame.js';
import { requireInteger, requireObject, requireText, SdpscopeError } from '../errors.js';
import { redactText } from '../analysis/redact.js';
import { arrayItemTexts, memberText } from '../input/json-sequence.js';

export interface ClientOptions {
  readonly url: string;
  readonly room?: string;
  readonly token?: string;
  /** Frames to send once joined, in order (JSON text each). */
  readonly send?: readonly string[];
  /** Resolve once this many call frames (not relay notices) have arrived. */
  readonly expect?: number;
  /** Give up after this many ms (reject with TIMEOUT semantics: resolves with `timedOut`). */
  readonly timeoutMs?: number;
  /** TLS for a wss:// relay: a CA to trust (PEM), or accept any certificate (a self-signed one). */
  readonly tls?: { readonly ca?: string; readonly rejectUnauthorized?: boolean };
  /**
   * Called with each frame; a promise it returns pauses reading the connection until it settles
   * (a consumer that cannot keep up, such as a standard output nobody reads, holds the server
   * back instead of growing this process).
   */
  readonly onFrame?: (f: ReceivedFrame) => void | Promise<void>;
  /** Keep every frame received in the result (default true); the CLI counts them instead. */
  readonly keepFrames?: boolean;
  /** The largest frame taken, in bytes (default 16 MiB; the relay's own limit is 1 MiB): larger closes with 1009. */
  readonly maxFrameBytes?: number;
  /** Leaves the room (a close 1000, what the relay says about the last frames heard) when aborted: Ctrl-C. */
  readonly signal?: AbortSignal;
}

export interface ReceivedFrame {
  /** When it arrived (ISO 8601); a /feed record's, the time the record has (the feed replays its last records to a new subscriber). */
  readonly time: string;
  /** A relay notice (joined, peer-joined, room-full, error...) rather than a call frame. */
  readonly notice: boolean;
  readonly text: string;
  /** Was the text JSON? (A JSON `null` frame is JSON.) */
  readonly json: boolean;
  /** The parsed frame; null for text that is not JSON. */
  readonly frame: unknown;
  readonly summary: FrameSummary | null;
  readonly description: string;
}

export interface ClientResult {
  /** The frames received (with `keepFrames`, the default; else empty). */
  readonly received: readonly ReceivedFrame[];
  /** Frames received from the other side (not relay notices), JSON or not. */
  readonly callFrames: number;
  readonly sent: number;
  readonly timedOut: boolean;
  readonly closeCode: number | null;
  /** The relay's error notices (a frame rate-limited, not JSON...) and no-recipients notices: frames it did not forward. */
  readonly refusals: readonly { readonly code: string; readonly message: string }[];
  /** The close reason the server sent, if any. */
  readonly closeReason: string;
  /** What broke the connection after it opened (a protocol error, a frame over maxFrameBytes), if anything did. */
  readonly failure: string | null;
  /** The client left because `signal` was aborted. */
  readonly interrupted: boolean;
  /**
   * Whether the relay read every frame sent: a ping after the last one was answered (a server
   * reads frames and pings in order). False when it closed the connection first (sdpscope's relay
   * stopping: frames after its close are not relayed); null when nothing was sent.
   */
  readonly allRead: boolean | null;
}

/**
 * A record of the relay's /feed (its log's shape: time, room, the sender, the frame; or a relay
 * event) is said as one: its room and sender first, or the event (README walk: a client of /feed
 * printed each record as if a peer had sent it). Empty for a call frame.
 */
/** A record of the relay's /feed: `{time, room, from, to, size, frame, summary}`. */
function isFeedRecord(v: unknown): v is { frame: unknown } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, unknown>)['time'] === 'string' && 'room' in v && 'frame' in v;
}

/**
 * A /feed record's own time (ISO 8601, as the relay wrote it), or null: the feed replays its last
 * records to a new subscriber, and the time they arrive is not when they happened (relay/client
 * audit: a record of 12:01:32.212 shown at 12:01:35.249).
 */
function recordTime(v: unknown): string | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || !('room' in v)) return null;
  const t = (v as Record<string, unknown>)['time'];
  if (typeof t !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/.test(t)) return null;
  const ms = Date.parse(t);
  if (!Number.isFinite(ms)) return null;
  // A date that does not exist (02-30) is no record's: Date.parse rolls it over (audit of the change).
  const iso = new Date(ms).toISOString();
  return iso.slice(0, 19) === t.slice(0, 19) ? iso : null;
}

function feedPrefix(v: unknown): string {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return '';
  const r = v as Record<string, unknown>;
  if (typeof r['time'] !== 'string' || !('room' in r)) return '';
  if (typeof r['event'] === 'string') return `[relay ${fieldText(r['event'])}${r['room'] !== null ? ` room ${fieldText(r['room'])}` : ''}${typeof r['detail'] === 'string' ? `: ${fieldText(r['detail'])}` : ''}] `;
  if (!('frame' in r) && !('binary' in r)) return '';
  // A frame the relay forwarded to nobody (its "to" empty) is said so (relay/client audit: not shown).
  const nobody = Array.isArray(r['to']) && r['to'].length === 0 ? ' → nobody' : '';
  return `[room ${fieldText(r['room'])} · ${fieldText(r['from'] ?? r['client'] ?? '?')}${nobody}] `;
}

/** A value from the wire as text: a notice's fields can be anything (an object there crashed the client, audit). */
function fieldText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return Array.isArray(v) ? '(a list)' : v === undefined ? '' : '(an object)';
}

/**
 * The frames in a text: one JSON value (an array gives one frame per element), or NDJSON, one
 * frame a line. A line that is not JSON is refused with its number (INVALID_FRAME): the relay
 * would refuse it too, and a half-sent file is worse than none.
 */
export function framesOf(text: string, name = 'the input', notes?: string[]): string[] {
  requireText(text, 'framesOf');
  const t = text.trim();
  if (t === '') return [];
  // The relay's own log (or /feed) records, replayed: each record's frame is what was sent, and a
  // record of an event (joined, left) is no frame (probe audit: the records went out as frames).
  let records = 0;
  let events = 0;
  // A value written again as JSON: one nested deeper than the call stack goes is said, not a
  // RangeError (README walk: exit 70 on 5,000 nested arrays, which the relay itself takes).
  const written = (v: unknown, what: 'frame' | 'record'): string => {
    try {
      return JSON.stringify(v);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // What to do depends on where it was (audit of the change: "give it whole, alone" of a frame that was).
      throw new SdpscopeError('INVALID_FRAME', what === 'record'
        ? `${name} holds a relay log record whose frame is nested too deep to write again as JSON: it cannot be replayed (its frame, alone in a file, is sent as written)`
        : `${name} is a JSON list of frames, one of them nested too deep to write again as JSON: put each frame on a line of its own (a line is sent as written)`);
    }
  };
  const frameOf = (v: unknown, line: string | null): string | null => {
    if (isFeedRecord(v)) {
      records++;
      // The frame as the record holds it, its numbers as written (audit of the change: written again).
      return (line !== null ? memberText(line, 'frame') : null) ?? written(v.frame, 'record');
    }
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, unknown>)['time'] === 'string' && 'room' in v && typeof (v as Record<string, unknown>)['event'] === 'string') {
      events++;
      return null;
    }
    return line ?? written(v, 'frame');
  };
  const said = (out: string[]): string[] => {
    if (records + events > 0) notes?.push(`${name}: ${records} relay log record${records === 1 ? '' : 's'} read as the frame${records === 1 ? ' it' : 's they'} logged${events > 0 ? `, ${events} event record${events === 1 ? '' : 's'} (joined, left…) skipped` : ''}; secrets the log redacted stay redacted (an offer's ice-pwd: it will not connect)`);
    return out;
  };
  try {
    const v = JSON.parse(t) as unknown;
    // Each frame as written, not parsed and written again (client audit: 12345678901234567890
    // went out as 12345678901234567000, 1e400 as null); a relay log record's frame is its own.
    if (!Array.isArray(v)) return said([frameOf(v, t)].filter((x): x is string => x !== null));
    // An empty list sends nothing: said, not a silent "sent 0 frames" (relay/client audit).
    if (v.length === 0) notes?.push(`${name} is an empty list: no frame to send`);
    const items = arrayItemTexts(t);
    return said(v.map((x, k) => frameOf(x, items.length === v.length ? items[k]! : null)).filter((x): x is string => x !== null));
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    /* not one value: NDJSON */
  }
  const out: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = raw.trim();
    if (l === '') return;
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch {
      throw new SdpscopeError('INVALID_FRAME', `${name} line ${i + 1} is not JSON: ${JSON.stringify(l.slice(0, 60))}${l.length > 60 ? '…' : ''} (frames are a JSON value, an array of them, or one per line)`);
    }
    const f = frameOf(v, l);
    if (f !== null) out.push(f);
  });
  return said(out);
}

/** How long to wait for the relay's "joined" notice before taking it for a plain server (the notes' one sends none). */
const JOIN_WAIT_MS = 1000;
/**
 * Leaving, the client waits this long for the relay's close: the relay answers each frame before
 * the close that follows it, so a notice about the last frames (rate-limited, not JSON) arrives
 * first. A relay that does not answer is left after it.
 */
const CLOSE_WAIT_MS = 2000;

/** Why a connection failed, in words, from ws's error. */
function connectError(url: string, e: Error & { code?: string }, handshake: { ms: number; fromTimeout: boolean }): SdpscopeError {
  const tls = url.startsWith('wss:');
  if (/handshake has timed out/i.test(e.message)) return new SdpscopeError('CONNECTION_REFUSED', `${url}: no answer to the WebSocket upgrade within ${handshake.ms} ms (${handshake.fromTimeout ? '--timeout' : 'not a relay, or one that hangs'})`);
  if (e.code === 'EPROTO' || /wrong version number|ssl3_get_record/i.test(e.message)) {
    return new SdpscopeError('CONNECTION_REFUSED', `${url}: ${tls ? 'the relay does not speak TLS on this port: use ws://' : 'TLS error'}`);
  }
  if (e.code === 'ECONNREFUSED') return new SdpscopeError('CONNECTION_REFUSED', `${url}: nothing listens there (is the relay running? sdpscope relay)`);
  if (e.code === 'ECONNRESET' || /socket hang up/i.test(e.message)) return new SdpscopeError('CONNECTION_REFUSED', `${url}: the connection was closed at once${tls ? '' : ' (a TLS relay? use wss://)'}`);
  if (/self[- ]signed|unable to verify|certificate/i.test(e.message)) return new SdpscopeError('CONNECTION_REFUSED', `${url}: the relay's certificate is not trusted (--insecure for a self-signed one)`);
  return new SdpscopeError('CONNECTION_REFUSED', `${url}: ${e.message.split('\n')[0]}`);
}

/** What an HTTP refusal of the upgrade means. */
function refusal(url: string, status: number | undefined, text: string | undefined): SdpscopeError {
  const why = status === 401 ? ': a token is needed, or this one is wrong (--token)'
    : status === 403 ? ': this origin is not allowed (the relay\'s --origin)'
    : status === 503 ? ': the relay has as many clients as it takes (its --max-clients)'
    : status === 400 ? ': the relay did not understand the request (a room name over 128 characters, or a bad % escape in the URL?)'
    : status === 404 ? ': no WebSocket at that path (an sdpscope relay takes calls at / and its feed at /feed)'
    : '';
  // Any other answer to an upgrade (200 above all) is a server that does not speak WebSocket there (probe audit: "the relay answered HTTP 200 OK").
  if (why === '') return new SdpscopeError('CONNECTION_REFUSED', `${url}: answered the WebSocket upgrade with HTTP ${status ?? '?'} ${text ?? ''}`.trim() + ': not a WebSocket server (a web server on that port? the relay\'s port is 53378 unless --port said otherwise)');
  return new SdpscopeError('CONNECTION_REFUSED', `${url}: the relay answered HTTP ${status ?? '?'} ${text ?? ''}`.trim() + why);
}

/** The URL shown in messages: a token or password in it redacted. */
const shownUrl = (url: string) => redactText(url);

/**
 * A relay URL checked: ws:// or wss://, a host, a port in range, no fragment (a WebSocket URL has
 * none, RFC 6455 §3). Throws `code`: USAGE for the command line (audit: these were "internal
 * error"), INVALID_ARGUMENT for a library call.
 */
export function relayUrl(text: string, code: 'USAGE' | 'INVALID_ARGUMENT' = 'USAGE'): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // A port out of range is said as such (probe audit: "not a URL" for ws://127.0.0.1:99999).
    const port = /^wss?:\/\/(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)(?:[/?#]|$)/i.exec(text.trim())?.[1];
    if (port !== undefined && Number(port) > 65535) throw new SdpscopeError(code, `${shownUrl(text)}: port ${port} is out of range (1 to 65535)`);
    throw new SdpscopeError(code, `${shownUrl(text)}: not a URL (a relay URL is ws://host:port or wss://host:port)`);
  }
  if (url.port === '0') throw new SdpscopeError(code, `${shownUrl(text)}: port 0 is no port to connect to (1 to 65535)`);
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new SdpscopeError(code, `${shownUrl(text)}: a relay URL starts with ws:// or wss://`);
  if (url.hostname === '') throw new SdpscopeError(code, `${shownUrl(text)}: a relay URL names a host`);
  if (url.hash !== '') throw new SdpscopeError(code, `${shownUrl(text)}: a WebSocket URL has no #fragment (RFC 6455 §3)`);
  return url;
}

const HANDSHAKE_MS = 10_000;

export function runClient(o: ClientOptions): Promise<ClientResult> {
  // A bad argument is a rejected promise, as probe's and the browser stub's (library audit: thrown synchronously).
  try {
    checkClientOptions(o);
    return runChecked(o);
  } catch (e) {
    return Promise.reject(e);
  }
}

function checkClientOptions(o: ClientOptions): void {
  requireObject(o, 'runClient: the options', 'url');
  if (typeof o.url !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', 'runClient: url must be a string (ws://host:port)');
  // A timer's range (-1 threw RangeError from Node; library audit).
  if (o.timeoutMs !== undefined) requireInteger(o.timeoutMs, 'runClient: timeoutMs', 1, 2 ** 31 - 1);
  if (o.expect !== undefined) requireInteger(o.expect, 'runClient: expect', 0, Number.MAX_SAFE_INTEGER);
}

/** runClient, its options checked. */
function runChecked(o: ClientOptions): Promise<ClientResult> {
  const url = relayUrl(o.url, 'INVALID_ARGUMENT');
  if (o.room !== undefined) url.searchParams.set('room', o.room);
  if (o.token !== undefined) url.searchParams.set('token', o.token);
  const shown = shownUrl(o.url);
  // The upgrade is answered within this, or the relay cannot be reached (audit: a server that never answered held the client for ever).
  const handshakeMs = Math.min(HANDSHAKE_MS, o.timeoutMs ?? HANDSHAKE_MS);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      handshakeTimeout: handshakeMs,
      maxPayload: o.maxFrameBytes ?? 16 * 1024 * 1024,
      ...(o.tls?.ca !== undefined ? { ca: o.tls.ca } : {}),
      ...(o.tls?.rejectUnauthorized !== undefined ? { rejectUnauthorized: o.tls.rejectUnauthorized } : {}),
    });
    const received: ReceivedFrame[] = [];
    const keep = o.keepFrames !== false;
    let calls = 0;
    let sent = 0;
    let done = false;
    let opened = false;
    let failure: string | null = null;
    let closeReason = '';
    let interrupted = false;
    let expectMet = false;
    let joined = false;
    let joinTimer: ReturnType<typeof setTimeout> | null = null;
    let closeTimer: ReturnType<typeof setTimeout> | null = null;
    const refusals: { code: string; message: string }[] = [];
    let leaving = false;
    /** The ping after the last frame sent was answered. */
    let allRead = false;
    const settle = (timedOut: boolean, closeCode: number | null) => {
      if (done) return;
      done = true;
      for (const t of [timer, joinTimer, closeTimer]) if (t) clearTimeout(t);
      o.signal?.removeEventListener('abort', onAbort);
      resolve({ received, callFrames: calls, sent, timedOut, closeCode, refusals, closeReason, failure, interrupted, allRead: sent === 0 ? null : allRead });
    };
    const finish = (timedOut: boolean, closeCode: number | null) => {
      if (done) return;
      if (ws.readyState === WebSocket.OPEN && !timedOut) {
        // Done: say goodbye, and hear what the relay says about the last frames before its close.
        if (leaving) return;
        leaving = true;
        if (timer) clearTimeout(timer);
        if (joinTimer) clearTimeout(joinTimer);
        ws.close(1000);
        closeTimer = setTimeout(() => {
          ws.terminate();
          settle(false, null);
        }, CLOSE_WAIT_MS);
        return;
      }
      if (ws.readyState === WebSocket.OPEN) {
        ws.close(1000);
        // ws waits 30 s for the server's close (audit: a timeout exited 30 s late): a moment, then cut.
        setTimeout(() => ws.terminate(), 300);
      }
      // Still connecting (the time ran out first): the relay cannot be reached (audit: exit 0 with --timeout).
      else if (ws.readyState === WebSocket.CONNECTING) return fail(new SdpscopeError('CONNECTION_REFUSED', `${shown}: no answer to the WebSocket upgrade within ${o.timeoutMs} ms (--timeout)`));
      settle(timedOut, closeCode);
    };
    const abortWith = (e: unknown) => {
      if (done) return;
      done = true;
      for (const t of [timer, joinTimer, closeTimer]) if (t) clearTimeout(t);
      o.signal?.removeEventListener('abort', onAbort);
      ws.terminate();
      reject(e);
    };
    const fail = (e: SdpscopeError) => abortWith(e);
    const timer = o.timeoutMs !== undefined ? setTimeout(() => finish(true, null), o.timeoutMs) : null;
    const onAbort = () => {
      interrupted = true;
      if (ws.readyState === WebSocket.CONNECTING) return fail(new SdpscopeError('CONNECTION_REFUSED', `${shown}: interrupted before the relay answered`));
      finish(false, null);
    };
    if (o.signal?.aborted) onAbort();
    else o.signal?.addEventListener('abort', onAbort);
    /** In the room: send the frames, and with nothing to wait for, end once they are out. */
    const start = () => {
      if (joined || done) return;
      joined = true;
      if (joinTimer) clearTimeout(joinTimer);
      for (const f of o.send ?? []) {
        ws.send(f);
        sent++;
      }
      // Its answer says the relay read them all (relay audit: a relay that stopped while 100,000
      // frames were on their way relayed half, and the client exited 0).
      if (sent > 0) {
        ws.once('pong', () => (allRead = true));
        ws.ping();
      }
      // The close frame goes after the frames queued before it; an --expect met while joining ends now the frames are out.
      if (o.expect === 0 || expectMet) finish(false, null);
    };
    ws.on('unexpected-response', (_req, res) => fail(refusal(shown, res.statusCode, res.statusMessage)));
    ws.on('error', (e: Error) => {
      // Once open, an error is the connection breaking (a protocol error, a frame over maxPayload): what arrived still counts (audit: exit 2, no summary).
      if (opened) failure = e.message;
      else fail(connectError(shown, e, { ms: handshakeMs, fromTimeout: o.timeoutMs !== undefined && o.timeoutMs <= HANDSHAKE_MS }));
    });
    // Frames go once the relay said this client joined its room (not into a full room).
    ws.on('open', () => {
      opened = true;
      joinTimer = setTimeout(start, JOIN_WAIT_MS);
    });
    ws.on('message', (data) => {
      if (done) return;
      const text = data.toString();
      let frame: unknown = null;
      let json = true;
      try {
        frame = JSON.parse(text);
      } catch {
        json = false;
      }
      const notice = frame !== null && typeof frame === 'object' && (frame as { type?: unknown }).type === 'relay-notice';
      // A /feed record: its frame is what is summarised (relay audit: the whole record was, so ready and bye printed as "(no type)").
      const summary = json && !notice ? summarizeFrame(isFeedRecord(frame) ? frame.frame : frame) : null;
      const n = notice ? (frame as Record<string, unknown>) : null;
      const event = n ? fieldText(n['event']) : '';
      if (event === 'error' || event === 'no-recipients') refusals.push({ code: event === 'error' ? fieldText(n!['code']) : 'no-recipients', message: fieldText(n!['message']) });
      const r: ReceivedFrame = {
        time: recordTime(frame) ?? new Date().toISOString(),
        notice,
        text,
        json,
        frame,
        summary,
        description: n
          ? `relay: ${event}${'room' in n ? ` room ${fieldText(n['room'])}` : ''}${'id' in n ? ` ${fieldText(n['id'])}` : ''}${n['reason'] === 'slow-consumer' ? ' (cut by the relay for falling behind)' : ''}${'message' in n ? `: ${fieldText(n['message'])}` : ''}`
          : summary ? `${feedPrefix(frame)}${describeFrame(summary)}` : `not JSON: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`,
      };
      if (keep) received.push(r);
      // What the caller's onFrame throws, or the promise it returns rejects with, ends the client with that error (audit of the change: an unhandled rejection ended the process).
      let pending: void | Promise<void>;
      try {
        pending = o.onFrame?.(r);
      } catch (e) {
        return abortWith(e);
      }
      if (pending) {
        // The consumer is behind: read no more until it has caught up.
        ws.pause();
        pending.then(() => ws.resume(), abortWith);
      }
      if (event === 'joined') start();
      else if (event === 'room-full') {
        const size = n!['size'];
        fail(new SdpscopeError('CONNECTION_REFUSED', `room ${'room' in n! ? fieldText(n!['room']) : '?'} is full (${fieldText(size ?? '?')} client${size === 1 ? '' : 's'}): another room (--room), or a relay with a larger --room-size`));
      }
      if (notice) return;
      // Counted as printed, also while leaving (audit of the change: 11 printed, "received 1"), a
      // frame that is not JSON too (relay audit: 5 printed, 3 of them not JSON, "received 2").
      calls++;
      if (leaving) return;
      // A server without join notices (the notes' one): a call frame says the client is in.
      if (!joined) start();
      if (o.expect !== undefined && o.expect > 0 && calls >= o.expect) {
        if (joined) finish(false, null);
        else expectMet = true;
      }
    });
    ws.on('close', (code, reason) => {
      closeReason = reason.toString();
      // No close frame while this client was not leaving: the relay was killed, crashed, or the
      // network dropped; a broken connection, not a close (probe audit: exit 0 for a killed relay).
      if (code === 1006 && !leaving && opened && failure === null) failure = 'the relay went away without closing the connection (1006: no close frame; killed, crashed, or the network dropped)';
      settle(false, leaving && code === 1000 ? null : code);
    });
  });
}
