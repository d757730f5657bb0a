import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
      let talk = '';
      const code = await clientCommand({ ...base(relay.url), send: [join(SAMPLES, 'offer.json'), join(SAMPLES, 'candidates.json')], expect: 0 }, () => undefined, (s) => (talk += s));
      expect(code).toBe(0);
      // Talk goes to stderr: stdout is the frames.
      expect(talk).toContain('sent 5 frames, received 0 frames');
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
      const quiet = () => undefined;
      expect(await clientCommand({ ...base(relay.url), token: 't', expect: 1, timeoutMs: 200 }, quiet, quiet)).toBe(1);
      await expect(clientCommand({ ...base(relay.url), expect: 1, timeoutMs: 200 }, quiet, quiet)).rejects.toMatchObject({ code: 'CONNECTION_REFUSED', message: expect.stringContaining('a token is needed, or this one is wrong (--token)') });
      await expect(clientCommand({ ...base('http://x'), expect: 1 }, quiet, quiet)).rejects.toMatchObject({ code: 'USAGE' });
    } finally {
      await relay.close();
    }
  });

  it('refuses a full room before sending anything, even with --expect 0', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, roomSize: 1 });
    try {
      const quiet = () => undefined;
      const first = clientCommand({ ...base(relay.url), room: 'r', expect: 1, timeoutMs: 2000 }, quiet, quiet);
      await new Promise((r) => setTimeout(r, 100));
      await expect(clientCommand({ ...base(relay.url), room: 'r', send: [join(SAMPLES, 'offer.json')], expect: 0 }, quiet, quiet)).rejects.toMatchObject({ code: 'CONNECTION_REFUSED', message: expect.stringContaining('room r is full (1 client)') });
      expect(await first).toBe(1);
    } finally {
      await relay.close();
    }
  });

  it('frames the relay did not forward make exit 1, said on stderr: rate-limited, and a frame over --max-frame (audit: exit 0, "sent 20 frames")', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, maxFramesPerSecond: 5, maxFrameBytes: 1000 });
    const dir = mkdtempSync(join(tmpdir(), 'sdpscope-client-'));
    try {
      const quiet = () => undefined;
      // A peer in the room, so frames have somewhere to go.
      const peer = clientCommand({ ...base(relay.url), room: 'q', expect: 100, timeoutMs: 4000 }, quiet, quiet);
      await new Promise((r) => setTimeout(r, 100));
      const many = join(dir, 'many.ndjson');
      writeFileSync(many, Array.from({ length: 20 }, (_, i) => JSON.stringify({ type: 'candidate', candidate: `candidate:${i} 1 udp 1 192.0.2.1 ${5000 + i} typ host`, sdpMid: '0' })).join('\n'));
      let talk = '';
      expect(await clientCommand({ ...base(relay.url), room: 'q', send: [many], expect: 0 }, quiet, (t) => (talk += t))).toBe(1);
      expect(talk).toContain('sent 20 frames, received 0 frames');
      expect(talk).toMatch(/the relay did not forward what was sent: more than 5 frames\/s: frames dropped \(rate-limited(, \d+ notices)?\)\n/);
      const big = join(dir, 'big.json');
      writeFileSync(big, JSON.stringify({ type: 'offer', sdp: 'v=0\r\n' + 'a=x\r\n'.repeat(400) }));
      talk = '';
      await new Promise((r) => setTimeout(r, 1100));
      expect(await clientCommand({ ...base(relay.url), room: 'q', send: [big], expect: 0 }, quiet, (t) => (talk += t))).toBe(1);
      expect(talk).toContain('the relay closed the connection (1009): a frame over --max-frame; frames from then on were not forwarded');
      // What the relay took whole still exits 0.
      await new Promise((r) => setTimeout(r, 1100));
      const one = join(dir, 'one.json');
      writeFileSync(one, JSON.stringify({ type: 'candidate', candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ host', sdpMid: '0' }));
      expect(await clientCommand({ ...base(relay.url), room: 'q', send: [one], expect: 0 }, quiet, quiet)).toBe(0);
      await peer;
    } finally {
      await relay.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file of frames with a line that is not JSON, naming the line', () => {
    expect(() => framesOf('{"type":"ready"}\nnot json\n', 'frames.txt')).toThrow(expect.objectContaining({ code: 'INVALID_FRAME', message: expect.stringContaining('frames.txt line 2 is not JSON') }));
  });

  it('reads frames from a JSON value, an array, or NDJSON', () => {
    expect(framesOf(sample('offer.json'))).toHaveLength(1);
    expect(framesOf(sample('candidates.json'))).toHaveLength(4);
    expect(framesOf(sample('call.ndjson'))).toHaveLength(11);
  });
});
