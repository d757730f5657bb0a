/** Relays on loopback and real ws clients for the relay's tests: started, joined, waited for, closed. */
import { WebSocket } from 'ws';
import { startRelay, type Relay, type RelayOptions } from '../../src/node/relay/index.js';

/** Relays started by a test file; `closeAll` in its afterEach. */
export function relayStarter() {
  const started: Relay[] = [];
  return {
    async relay(o: RelayOptions = {}): Promise<Relay> {
      const r = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, ...o });
      started.push(r);
      return r;
    },
    closeAll: () => Promise.all(started.splice(0).map((r) => r.close())),
  };
}

/** A client that records what it receives (call frames and relay notices apart); resolves once joined. */
export async function joinRelay(url: string, opts: ConstructorParameters<typeof WebSocket>[2] = {}) {
  const ws = new WebSocket(url, opts);
  const got: string[] = [];
  const notices: { event: string; code?: string }[] = [];
  let closed: { code: number; reason: string } | null = null;
  ws.on('message', (d) => {
    const t = d.toString();
    const f = JSON.parse(t) as { type?: string; event: string; code?: string };
    if (f.type === 'relay-notice') notices.push(f);
    else got.push(t);
  });
  ws.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
  await new Promise<void>((res, rej) => {
    let failed = false;
    ws.once('error', (e) => {
      failed = true;
      rej(e);
    });
    const check = () => {
      if (failed) return;
      if (notices.some((n) => n.event === 'joined' || n.event === 'room-full')) res();
      else setTimeout(check, 5);
    };
    check();
  });
  return { ws, got, notices, closed: () => closed };
}

/** Waits until `cond` holds, polling every 10 ms; throws after `ms`. */
export async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
