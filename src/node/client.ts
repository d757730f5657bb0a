/**
 * A signaling client for scripts and debugging: joins a relay room, prints every frame it
 * receives with its summary, sends frames from files or standard input. Node only.
 */
import { WebSocket } from 'ws';
import { describeFrame, summarizeFrame, type FrameSummary } from '../analysis/frame.js';
import { requireText, SdpscopeError } from '../errors.js';

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
  readonly onFrame?: (f: ReceivedFrame) => void;
}

export interface ReceivedFrame {
  readonly time: string;
  /** A relay notice (joined, peer-joined, room-full, error...) rather than a call frame. */
  readonly notice: boolean;
  readonly text: string;
  readonly frame: unknown;
  readonly summary: FrameSummary | null;
  readonly description: string;
}

export interface ClientResult {
  readonly received: readonly ReceivedFrame[];
  readonly sent: number;
  readonly timedOut: boolean;
  readonly closeCode: number | null;
  /** The relay's error notices (a frame rate-limited, not JSON...): frames it did not forward. */
  readonly refusals: readonly { readonly code: string; readonly message: string }[];
}

/**
 * The frames in a text: one JSON value (an array gives one frame per element), or NDJSON, one
 * frame a line. A line that is not JSON is refused with its number (INVALID_FRAME): the relay
 * would refuse it too, and a half-sent file is worse than none.
 */
export function framesOf(text: string, name = 'the input'): string[] {
  requireText(text, 'framesOf');
  const t = text.trim();
  if (t === '') return [];
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) ? v.map((x) => JSON.stringify(x)) : [JSON.stringify(v)];
  } catch {
    /* not one value: NDJSON */
  }
  const out: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = raw.trim();
    if (l === '') return;
    try {
      JSON.parse(l);
    } catch {
      throw new SdpscopeError('INVALID_FRAME', `${name} line ${i + 1} is not JSON: ${JSON.stringify(l.slice(0, 60))}${l.length > 60 ? '…' : ''} (frames are a JSON value, an array of them, or one per line)`);
    }
    out.push(l);
  });
  return out;
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
function connectError(url: string, e: Error & { code?: string }): SdpscopeError {
  const tls = url.startsWith('wss:');
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
    : status === 400 ? ': the relay did not understand the request'
    : '';
  return new SdpscopeError('CONNECTION_REFUSED', `${url}: the relay answered HTTP ${status ?? '?'} ${text ?? ''}`.trim() + why);
}

export function runClient(o: ClientOptions): Promise<ClientResult> {
  const url = new URL(o.url);
  if (o.room !== undefined) url.searchParams.set('room', o.room);
  if (o.token !== undefined) url.searchParams.set('token', o.token);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ...(o.tls?.ca !== undefined ? { ca: o.tls.ca } : {}), ...(o.tls?.rejectUnauthorized !== undefined ? { rejectUnauthorized: o.tls.rejectUnauthorized } : {}) });
    const received: ReceivedFrame[] = [];
    let calls = 0;
    let sent = 0;
    let done = false;
    let joined = false;
    let joinTimer: ReturnType<typeof setTimeout> | null = null;
    let closeTimer: ReturnType<typeof setTimeout> | null = null;
    const refusals: { code: string; message: string }[] = [];
    let leaving = false;
    const settle = (timedOut: boolean, closeCode: number | null) => {
      if (done) return;
      done = true;
      for (const t of [timer, joinTimer, closeTimer]) if (t) clearTimeout(t);
      resolve({ received, sent, timedOut, closeCode, refusals });
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
      if (ws.readyState === WebSocket.OPEN) ws.close(1000);
      // Still connecting (the time ran out first): nothing to say goodbye to; a later open must not keep the process alive.
      else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      settle(timedOut, closeCode);
    };
    const fail = (e: SdpscopeError) => {
      if (done) return;
      done = true;
      for (const t of [timer, joinTimer, closeTimer]) if (t) clearTimeout(t);
      ws.terminate();
      reject(e);
    };
    const timer = o.timeoutMs !== undefined ? setTimeout(() => finish(true, null), o.timeoutMs) : null;
    /** In the room: send the frames, and with nothing to wait for, end once they are out. */
    const start = () => {
      if (joined || done) return;
      joined = true;
      if (joinTimer) clearTimeout(joinTimer);
      for (const f of o.send ?? []) {
        ws.send(f);
        sent++;
      }
      // The close frame goes after the frames queued before it.
      if (o.expect === 0) finish(false, null);
    };
    ws.on('unexpected-response', (_req, res) => fail(refusal(o.url, res.statusCode, res.statusMessage)));
    ws.on('error', (e: Error) => fail(connectError(o.url, e)));
    // Frames go once the relay said this client joined its room (not into a full room).
    ws.on('open', () => {
      joinTimer = setTimeout(start, JOIN_WAIT_MS);
    });
    ws.on('message', (data) => {
      if (done) return;
      const text = data.toString();
      let frame: unknown = null;
      try {
        frame = JSON.parse(text);
      } catch {
        frame = null;
      }
      const notice = frame !== null && typeof frame === 'object' && (frame as { type?: unknown }).type === 'relay-notice';
      const summary = frame !== null && !notice ? summarizeFrame(frame) : null;
      const n = notice ? (frame as { event: string }) : null;
      if (n?.event === 'error') refusals.push({ code: String((n as { code?: unknown }).code ?? ''), message: String((n as { message?: unknown }).message ?? '') });
      const r: ReceivedFrame = {
        time: new Date().toISOString(),
        notice,
        text,
        frame,
        summary,
        description: n ? `relay: ${n.event}${'room' in n ? ` room ${String((n as { room: string }).room)}` : ''}${'id' in n ? ` ${String((n as { id: string }).id)}` : ''}${'message' in n ? `: ${String((n as { message: string }).message)}` : ''}` : summary ? describeFrame(summary) : `not JSON: ${text.slice(0, 80)}`,
      };
      received.push(r);
      o.onFrame?.(r);
      if (n?.event === 'joined') start();
      else if (n?.event === 'room-full') {
        const { room, size } = n as { room?: string; size?: number };
        fail(new SdpscopeError('CONNECTION_REFUSED', `room ${room ?? '?'} is full (${size ?? '?'} client${size === 1 ? '' : 's'}): another room (--room), or a relay with a larger --room-size`));
      }
      if (!notice && o.expect !== undefined && o.expect > 0 && ++calls >= o.expect) finish(false, null);
    });
    ws.on('close', (code) => settle(false, leaving && code === 1000 ? null : code));
  });
}
