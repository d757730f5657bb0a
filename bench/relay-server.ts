/**
 * One server of the relay benchmark, in its own process:
 *   node relay-server.js sdpscope|bare PORT [LOG]
 * (PORT 0: any free port) prints "ready <port>" when listening and "rss <bytes>" every 200 ms.
 * - sdpscope: startRelay with full logging (NDJSON file with summaries), rooms of 2;
 * - bare: a plain ws forwarder (rooms of 2, forward to the other member; no parsing, no log);
 * - flood: as defaults, with the rate limits lifted (the stop under a flood);
 * - defaults: startRelay with its default limits and a log (the hostile-load figures); on SIGTERM
 *   it closes and exits, printing "closed <ms>" (time from the signal to the log flushed).
 */
import { WebSocket, WebSocketServer } from 'ws';
import { startRelay } from '../src/node/relay/index.js';

async function main(): Promise<void> {
  const [which, port, log] = process.argv.slice(2);
  if (which === 'bare') {
    const rooms = new Map<string, Set<WebSocket>>();
    const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(port), perMessageDeflate: false });
    wss.on('connection', (ws, req) => {
      const room = new URL(req.url ?? '/', 'http://x').searchParams.get('room') ?? 'default';
      const members = rooms.get(room) ?? new Set();
      members.add(ws);
      rooms.set(room, members);
      ws.on('message', (data) => {
        for (const m of members) if (m !== ws && m.readyState === WebSocket.OPEN) m.send(data, { binary: false });
      });
      ws.on('close', () => members.delete(ws));
    });
    await new Promise((r) => wss.on('listening', r));
    process.stdout.write(`ready ${(wss.address() as { port: number }).port}\n`);
  } else if (which === 'defaults' || which === 'flood') {
    // flood: the rate limits lifted, so that one client can send as fast as the socket takes.
    const relay = await startRelay({ host: '127.0.0.1', port: Number(port), ...(log ? { log } : {}), ...(which === 'flood' ? { maxFramesPerSecond: 1_000_000, maxBytesPerSecond: Number.MAX_SAFE_INTEGER } : {}) });
    process.stdout.write(`ready ${relay.port}\n`);
    process.once('SIGTERM', () => {
      const t0 = performance.now();
      void relay.close().then(() => {
        process.stdout.write(`closed ${(performance.now() - t0).toFixed(0)}\n`);
        process.exit(0);
      });
    });
  } else {
    const relay = await startRelay({ host: '127.0.0.1', port: Number(port), ...(log ? { log } : {}), maxFramesPerSecond: 1_000_000, maxBytesPerSecond: Number.MAX_SAFE_INTEGER, maxClients: 100_000, heartbeatMs: 0 });
    process.stdout.write(`ready ${relay.port}\n`);
  }
  setInterval(() => process.stdout.write(`rss ${process.memoryUsage().rss}\n`), 200);
}

void main();
