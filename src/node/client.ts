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
}

/** The frames in a text: a JSON value (an array gives one frame per element) or NDJSON lines. */
export function framesOf(text: string): string[] {
  requireText(text, 'framesOf');
  const t = text.trim();
  if (t === '') return [];
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) ? v.map((x) => JSON.stringify(x)) : [JSON.stringify(v)];
  } catch {
    return t.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  }
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
    const finish = (timedOut: boolean, closeCode: number | null) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      if (ws.readyState === WebSocket.OPEN) ws.close(1000);
      resolve({ received, sent, timedOut, closeCode });
    };
    const timer = o.timeoutMs !== undefined ? setTimeout(() => finish(true, null), o.timeoutMs) : null;
    ws.on('unexpected-response', (_req, res) => {
      done = true;
      if (timer) clearTimeout(timer);
      reject(new SdpscopeError('CONNECTION_REFUSED', `${o.url}: the relay answered HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim()));
    });
    ws.on('error', (e: Error) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      reject(new SdpscopeError('CONNECTION_REFUSED', `${o.url}: ${e.message}`));
    });
    ws.on('open', () => {
      for (const f of o.send ?? []) {
        ws.send(f);
        sent++;
      }
      if (o.expect === 0) finish(false, null);
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
      if (!notice && o.expect !== undefined && ++calls >= o.expect) finish(false, null);
    });
    ws.on('close', (code) => finish(false, code));
  });
}
