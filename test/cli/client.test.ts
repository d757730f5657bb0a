import { join } from 'node:path';
import { clientCommand, type ClientCommandOptions } from '../../cli/commands/client.js';
import { framesOf } from '../../src/node/client.js';
import { startRelay } from '../../src/node/relay/index.js';
import { sample, SAMPLES } from '../support/corpus.js';

const base = (url: string): ClientCommandOptions => ({ url, send: [], json: false, color: false, insecure: false });

describe('sdpscope client', () => {
  it('waits for --expect frames, printing summaries and notices; the other side sends files', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0 });
    try {
      let out = '';
      const waiting = clientCommand({ ...base(relay.url), expect: 2, timeoutMs: 5000 }, (s) => (out += s));
      await new Promise((r) => setTimeout(r, 100));
      let sent = '';
      const code = await clientCommand({ ...base(relay.url), send: [join(SAMPLES, 'offer.json'), join(SAMPLES, 'candidates.json')], expect: 0 }, (s) => (sent += s));
      expect(code).toBe(0);
      expect(sent).toContain('sent 5, received 0 frames');
      expect(await waiting).toBe(0);
      expect(out).toMatch(/relay: joined room default c1/);
      expect(out).toMatch(/← offer: audio sendrecv opus,red,G722,PCMU,…/);
      expect(out).toMatch(/← candidate: host udp 10\.25\.39\.1:60751 priority 126 \| 32542 \| 1 mid 0/);
    } finally {
      await relay.close();
    }
  });

  it('exits 1 when the expected frames do not come, 2 when the relay refuses', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, token: 't' });
    try {
      expect(await clientCommand({ ...base(relay.url), token: 't', expect: 1, timeoutMs: 200 }, () => undefined)).toBe(1);
      await expect(clientCommand({ ...base(relay.url), expect: 1, timeoutMs: 200 }, () => undefined)).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
      await expect(clientCommand({ ...base('http://x'), expect: 1 }, () => undefined)).rejects.toMatchObject({ code: 'USAGE' });
    } finally {
      await relay.close();
    }
  });

  it('reads frames from a JSON value, an array, or NDJSON', () => {
    expect(framesOf(sample('offer.json'))).toHaveLength(1);
    expect(framesOf(sample('candidates.json'))).toHaveLength(4);
    expect(framesOf(sample('call.ndjson'))).toHaveLength(11);
  });
});
