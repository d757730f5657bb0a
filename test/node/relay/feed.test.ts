/** The read-only feed: a feed whose records stopped for good says so to every subscriber, late ones too. */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { Feed } from '../../../src/node/relay/feed.js';

describe('Feed.end', () => {
  it('closes every subscriber with its code and reason, and a late one after the replay (relay audit: nothing more came, with no notice)', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.once('listening', r));
    const feed = new Feed({ replayCount: 10, replayBytes: 1 << 20, maxBufferedBytes: 1 << 20 }, () => undefined);
    wss.on('connection', (ws) => feed.subscribe(ws, () => undefined));
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const watch = () => {
      const ws = new WebSocket(url);
      const got: string[] = [];
      ws.on('message', (d) => got.push(d.toString()));
      const closed = new Promise<[number, string]>((r) => ws.on('close', (code, reason) => r([code, reason.toString()])));
      return { ws, got, closed, open: new Promise((r) => ws.once('open', r)) };
    };
    try {
      const early = watch();
      await early.open;
      for (let i = 0; i < 100 && feed.size === 0; i++) await new Promise((r) => setTimeout(r, 5));
      feed.publish('{"n":1}');
      feed.end(1011, 'the relay\'s logger stopped: the feed has no more records');
      expect(await early.closed).toEqual([1011, 'the relay\'s logger stopped: the feed has no more records']);
      expect(early.got).toEqual(['{"n":1}']);
      const late = watch();
      expect(await late.closed).toEqual([1011, 'the relay\'s logger stopped: the feed has no more records']);
      expect(late.got).toEqual(['{"n":1}']);
    } finally {
      await new Promise((r) => wss.close(r));
    }
  });
});
