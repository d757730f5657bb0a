import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type AddressInfo } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { until } from '../support/relay.js';
import { join } from 'node:path';
import { clientCommand, type ClientCommandOptions } from '../../cli/commands/client.js';
import { framesOf, runClient } from '../../src/node/client.js';
import { startRelay } from '../../src/node/relay/index.js';
import { sample, SAMPLES } from '../support/corpus.js';
import { scratchDir } from '../support/scratch.js';

const base = (url: string): ClientCommandOptions => ({ url, send: [], json: false, color: false, insecure: false });

describe('sdpscope client', () => {
  it('waits for --expect frames, printing summaries and notices; the other side sends files', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0 });
    try {
      let out = '';
      const waiting = clientCommand({ ...base(relay.url), expect: 5, timeoutMs: 5000 }, (s) => (out += s));
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

  it('sends each frame as written and prints it as received: numbers past 2^53, 1e400 and 1.0 kept, a single value\'s blanks too (client audit: …7000, null and 1)', async () => {
    const big = '{"type":"x","big":12345678901234567890,"f":1e400,"s":1.0}';
    expect(framesOf(`${big}\n`)).toEqual([big]);
    expect(framesOf(`[ ${big} ,\n {"type":"y","n":[1.50, 2e0]} ]`)).toEqual([big, '{"type":"y","n":[1.50, 2e0]}']);
    expect(framesOf('{\n  "type": "z",\n  "n": 1.0\n}')).toEqual(['{\n  "type": "z",\n  "n": 1.0\n}']);
    expect(framesOf('["a", "b,]", {"c":"]"}]')).toEqual(['"a"', '"b,]"', '{"c":"]"}']);
    // A relay log record's frame, replayed: as the record holds it (audit of the change: written again).
    const record = `{"time":"2026-12-07T10:00:00.000Z","room":"r1","from":"c1","to":["c2"],"size":1,"frame":${big},"summary":{"kind":"signal","type":"x"}}`;
    expect(framesOf(`${record}\n`)).toEqual([big]);
    expect(framesOf(`${record}\n${record}\n`)).toEqual([big, big]);
    expect(framesOf(`[${record}]`)).toEqual([big]);
    const notes: string[] = [];
    expect(framesOf(' [ ] ', 'standard input', notes)).toEqual([]);
    expect(notes).toEqual(['standard input is an empty list: no frame to send']);
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, roomSize: 3 });
    const dir = scratchDir('sdpscope-client-');
    try {
      const quiet = () => undefined;
      let printed = '';
      let kept = '';
      const peer = clientCommand({ ...base(relay.url), room: 'n', json: true, expect: 2, timeoutMs: 4000 }, (t) => (printed += t), quiet);
      const keeper = clientCommand({ ...base(relay.url), room: 'n', json: true, keepSecrets: true, expect: 2, timeoutMs: 4000 }, (t) => (kept += t), quiet);
      await new Promise((r) => setTimeout(r, 200));
      const file = join(dir, 'num.json');
      writeFileSync(file, `[${big}, {"type":"offer","password":"P1","n":12345678901234567890}]`);
      expect(await clientCommand({ ...base(relay.url), room: 'n', send: [file], expect: 0 }, quiet, quiet)).toBe(0);
      expect(await peer).toBe(0);
      expect(await keeper).toBe(0);
      const lines = printed.trim().split('\n').filter((l) => !l.includes('"notice":true'));
      expect(lines[0]).toContain(`"frame":${big}`);
      // A redacted frame is written again (its secret gone); kept, it is as sent.
      expect(lines[1]).toContain('"password":"[redacted]"');
      expect(lines[1]).not.toContain('P1');
      expect(kept).toContain('"frame":{"type":"offer","password":"P1","n":12345678901234567890}');
      for (const l of [...lines, ...kept.trim().split('\n')]) expect(() => JSON.parse(l)).not.toThrow();
    } finally {
      await relay.close();
      rmSync(dir, { recursive: true, force: true });
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
    const dir = scratchDir('sdpscope-client-');
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

  it('a relay that stops while the frames are on their way (frames after its close not relayed): exit 1, said; one that read them all before stopping: exit 0 (relay audit: exit 0 with half dropped)', async () => {
    const dir = scratchDir('sdpscope-client-');
    const quiet = () => undefined;
    try {
      const many = join(dir, 'many.ndjson');
      writeFileSync(many, Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ type: 'candidate', candidate: `candidate:${i} 1 udp 1 192.0.2.1 ${5000 + (i % 60000)} typ host`, sdpMid: '0' })).join('\n'));
      const events: string[] = [];
      const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, maxFramesPerSecond: 1_000_000, maxBytesPerSecond: Number.MAX_SAFE_INTEGER, onLine: (l) => void (l.kind === 'event' && events.push(l.event)) });
      const peer = clientCommand({ ...base(relay.url), room: 's', timeoutMs: 20_000 }, quiet, quiet);
      await new Promise((r) => setTimeout(r, 100));
      let talk = '';
      const sender = clientCommand({ ...base(relay.url), room: 's', send: [many] }, quiet, (t) => (talk += t));
      // Stopped once the sender is in, its 30,000 frames on the way.
      await until(() => events.filter((e) => e === 'joined').length === 2);
      await relay.close();
      expect(await sender).toBe(1);
      expect(events).toContain('late-frames');
      expect(talk).toMatch(/the relay stopped \(1001 "relay shutting down"\) before it had read every frame sent: those it had not read were not relayed/);
      await peer;
      // A relay that read every frame, then stopped: no such finding.
      const again = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0 });
      const one = join(dir, 'one.json');
      writeFileSync(one, JSON.stringify({ type: 'candidate', candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ host', sdpMid: '0' }));
      const other = clientCommand({ ...base(again.url), room: 't', timeoutMs: 5000 }, quiet, quiet);
      await new Promise((r) => setTimeout(r, 100));
      talk = '';
      const stays = clientCommand({ ...base(again.url), room: 't', send: [one] }, quiet, (t) => (talk += t));
      await new Promise((r) => setTimeout(r, 300));
      await again.close();
      expect(await stays).toBe(0);
      expect(talk).not.toContain('before it had read');
      await other;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a server that closes (1000) once it has read the frames is no failure: it answers no ping after its close (audit of the change: a false exit 1)', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.once('listening', r));
    wss.on('connection', (ws) => {
      let n = 0;
      ws.on('message', () => void (++n === 2 && ws.close(1000, 'done')));
    });
    const dir = scratchDir('sdpscope-client-');
    try {
      const two = join(dir, 'two.ndjson');
      writeFileSync(two, '{"type":"ready"}\n{"type":"bye"}\n');
      let talk = '';
      expect(await clientCommand({ ...base(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`), send: [two] }, () => undefined, (t) => (talk += t))).toBe(0);
      expect(talk).not.toContain('before it had read');
    } finally {
      await new Promise((r) => wss.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file of frames with a line that is not JSON, naming the line', () => {
    expect(() => framesOf('{"type":"ready"}\nnot json\n', 'frames.txt')).toThrow(expect.objectContaining({ code: 'INVALID_FRAME', message: expect.stringContaining('frames.txt line 2 is not JSON') }));
  });

  it('a frame nested deeper than the call stack: sent as written, alone or in a list (README walk: exit 70)', () => {
    const deep = `{"type":"x","a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expect(framesOf(deep)).toEqual([deep]);
    expect(framesOf(`${deep}\n{"type":"y"}\n`)).toEqual([deep, '{"type":"y"}']);
    // In a list too: each item is sent as written, nothing is written again (client audit).
    expect(framesOf(`[${deep}]`, 'd.json')).toEqual([deep]);
    const record = `{"time":"2026-12-06T10:00:00.000Z","room":"r","from":"c1","to":["c2"],"size":1,"frame":${deep}}`;
    // A relay log record's deep frame: its text cut out of the record, sent as it is.
    expect(framesOf(record, 'log.ndjson')).toEqual([deep]);
  });

  it('reads frames from a JSON value, an array, or NDJSON', () => {
    expect(framesOf(sample('offer.json'))).toHaveLength(1);
    expect(framesOf(sample('candidates.json'))).toHaveLength(4);
    expect(framesOf(sample('call.ndjson'))).toHaveLength(11);
  });

  it('a relay log replayed: each record\'s frame is sent, event records skipped, and that is said (probe audit: the records went out as frames)', () => {
    const log = [
      JSON.stringify({ time: '2026-12-06T01:14:50.706Z', room: 'r1', event: 'joined', client: 'c2', detail: 'from 127.0.0.1:55834 (1/2)' }),
      JSON.stringify({ time: '2026-12-06T01:14:51.717Z', room: 'r1', from: 'c3', to: ['c2'], size: 60, frame: { type: 'candidate', candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host' } }),
      JSON.stringify({ type: 'bye' }),
    ].join('\n');
    const notes: string[] = [];
    expect(framesOf(log, 'r1.ndjson', notes)).toEqual(['{"type":"candidate","candidate":"candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host"}', '{"type":"bye"}']);
    expect(notes).toEqual(['r1.ndjson: 1 relay log record read as the frame it logged, 1 event record (joined, left…) skipped; secrets the log redacted stay redacted (an offer\'s ice-pwd: it will not connect)']);
    // Frames of the notes' shape are sent as they are, and nothing is said.
    const none: string[] = [];
    expect(framesOf(sample('call.ndjson'), 'call.ndjson', none)).toHaveLength(11);
    expect(none).toEqual([]);
  });
});

/** A WebSocket server on loopback that does what a test tells it (a hostile or a plain one). */
async function fakeServer(onConnection: (ws: WebSocket, frames: string[]) => void) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  const frames: string[] = [];
  wss.on('connection', (ws) => {
    ws.on('message', (d) => frames.push(d.toString()));
    onConnection(ws, frames);
  });
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, frames, close: () => new Promise((r) => (wss.clients.forEach((c) => c.terminate()), wss.close(r))) };
}
const joinedNotice = JSON.stringify({ type: 'relay-notice', event: 'joined', room: 'default', id: 'c1', peers: [] });

describe('sdpscope client against a hostile or broken server (audit of 2026-12-05)', () => {
  const servers: { close: () => Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  const server = async (f: (ws: WebSocket, frames: string[]) => void) => {
    const s = await fakeServer(f);
    servers.push(s);
    return s;
  };
  const run = async (o: Partial<ClientCommandOptions> & { url: string }) => {
    let out = '';
    let talk = '';
    let code: number | string;
    try {
      code = await clientCommand({ ...base(o.url), ...o }, (t) => (out += t), (t) => (talk += t));
    } catch (e) {
      code = (e as { code: string }).code;
      talk += (e as Error).message;
    }
    return { code, out, talk };
  };

  it('notice fields of the wrong type (an object with toString: 1 crashed it with a stack trace)', async () => {
    const s = await server((ws) => {
      ws.send(JSON.stringify({ type: 'relay-notice', event: { toString: 1 }, room: [1], message: { a: 1 } }));
      ws.send(JSON.stringify({ type: 'relay-notice', event: 'error', code: { toString: 1 }, message: 5 }));
      ws.send('{"type":"answer","sdp":"v=0\\r\\n"}');
    });
    const r = await run({ url: s.url, expect: 1, timeoutMs: 2000 });
    expect(r.out).toContain('relay: (an object) room (a list): (an object)');
    // Nothing was sent: the server's own error, not a refusal of this client's frames (relay/client audit).
    expect(r.talk).toContain('the relay said (this client sent nothing): 5 ((an object))');
    expect(r.talk).not.toContain('did not forward');
    expect(r.code).toBe(1);
  });

  it('--expect N when the connection closes first, and frames not sent because it did: exit 1, said (they were exit 0)', async () => {
    const s = await server((ws) => ws.close(1000));
    const a = await run({ url: s.url, expect: 1 });
    expect(a).toMatchObject({ code: 1, talk: expect.stringContaining('expected 1 frame, got 0: the connection closed (1000) first') });
    const b = await run({ url: s.url, send: [join(SAMPLES, 'offer.json')] });
    expect(b).toMatchObject({ code: 1, talk: expect.stringContaining('1 frame not sent: the connection ended first') });
    expect(b.talk).toContain('sent 0 of 1 frame, received 0 frames');
  });

  it('a plain server (no join notice) whose greeting meets --expect: the frames are still sent (they were dropped)', async () => {
    const s = await server((ws) => ws.send('{"type":"ready"}'));
    const r = await run({ url: s.url, send: [join(SAMPLES, 'offer.json')], expect: 1, timeoutMs: 3000 });
    expect(r.code).toBe(0);
    await until(() => s.frames.length === 1);
    expect(JSON.parse(s.frames[0]!)).toMatchObject({ type: 'offer' });
  });

  it('a server that never answers the upgrade: cannot be reached within --timeout (exit 2), not "sent" (it was exit 0, or hung)', async () => {
    const tcp = createServer(() => undefined);
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    try {
      const started = Date.now();
      const r = await run({ url: `ws://127.0.0.1:${(tcp.address() as AddressInfo).port}`, send: [join(SAMPLES, 'offer.json')], timeoutMs: 500 });
      expect(r).toMatchObject({ code: 'CONNECTION_REFUSED', talk: expect.stringMatching(/no answer to the WebSocket upgrade within 500 ms/) });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      tcp.close();
    }
  });

  it('bad relay URLs are usage errors, not "internal error"; a token in the URL is not printed', async () => {
    for (const url of ['ws://', 'ws://[::1', 'ws://127.0.0.1:99999', 'ws://127.0.0.1:1/#frag', 'http://x']) expect((await run({ url })).code).toBe('USAGE');
    const r = await run({ url: 'ws://127.0.0.1:1/?token=S3CRET-TOKEN', expect: 1 });
    expect(r.code).toBe('CONNECTION_REFUSED');
    expect(r.talk).not.toContain('S3CRET');
    expect(r.talk).toContain('token=[redacted]');
  });

  it('a room or token in the URL and another as an option is a usage error, not the option silently (probe audit)', async () => {
    expect(await run({ url: 'ws://127.0.0.1:1/?room=q1', room: 'q2' })).toMatchObject({ code: 'USAGE', talk: 'the URL names room "q1" and --room "q2": give one' });
    expect(await run({ url: 'ws://127.0.0.1:1/?token=SECRET-A', token: 'SECRET-B' })).toMatchObject({ code: 'USAGE', talk: 'the URL has a token and --token another: give one' });
  });

  it('a port out of range or 0 is said so; a web server answering the upgrade with 200 is "not a WebSocket server", not "the relay" (probe audit)', async () => {
    expect(await run({ url: 'ws://127.0.0.1:99999' })).toMatchObject({ code: 'USAGE', talk: 'ws://127.0.0.1:99999: port 99999 is out of range (1 to 65535)' });
    expect(await run({ url: 'ws://127.0.0.1:0' })).toMatchObject({ code: 'USAGE', talk: 'ws://127.0.0.1:0: port 0 is no port to connect to (1 to 65535)' });
    const web = createHttpServer((_req, res) => res.end('hello'));
    await new Promise<void>((done) => web.listen(0, '127.0.0.1', done));
    try {
      const url = `ws://127.0.0.1:${(web.address() as AddressInfo).port}`;
      const r = await run({ url });
      expect(r.code).toBe('CONNECTION_REFUSED');
      expect(r.talk).toBe(`${url}: answered the WebSocket upgrade with HTTP 200 OK: not a WebSocket server (a web server on that port? the relay's port is 53378 unless --port said otherwise)`);
    } finally {
      await new Promise((done) => web.close(done));
    }
  });

  it('what the server sends stays on its line (a line feed forged output lines) and is cut at 300 characters', async () => {
    const s = await server((ws) => {
      ws.send(JSON.stringify({ type: 'relay-notice', event: 'peer-joined', room: 'r\n00:00:00.000 ← answer: forged', id: 'x' }));
      ws.send(JSON.stringify({ type: 'x'.repeat(5000) }));
      ws.close(1000);
    });
    const r = await run({ url: s.url });
    expect(r.out.split('\n').filter((l) => l !== '')).toHaveLength(2);
    expect(r.out).toContain('room r\\n00:00:00.000 ← answer: forged');
    expect(Math.max(...r.out.split('\n').map((l) => l.length))).toBeLessThan(320);
  });

  it('frames that are not JSON count as received and toward --expect, as printed; a long one ends in … (relay audit: 5 printed, "received 2"; 80 characters, no mark)', async () => {
    const s = await server((ws) => {
      ws.send('{"type":"answer","sdp":"v=0\\r\\n"}');
      ws.send('hello');
      ws.send('x'.repeat(5000));
    });
    const r = await run({ url: s.url, expect: 3, timeoutMs: 3000 });
    expect(r.code).toBe(0);
    expect(r.talk).toContain('received 3 frames');
    const long = r.out.split('\n').find((l) => l.includes('not JSON: xxx'))!;
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(320);
  });

  it('secrets are redacted in what it prints (as in the relay\'s log), kept with --keep-secrets; text that is not JSON keeps its text', async () => {
    const frame = { type: 'offer', sdp: 'v=0\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n', iceServers: [{ urls: 'turn:u:PASSWD1@h', credential: 'C1' }] };
    const s = await server((ws) => {
      ws.send(JSON.stringify(frame));
      ws.send('not json {"password":"P2"}');
      ws.send('null');
      ws.close(1000);
    });
    const r = await run({ url: s.url, json: true });
    for (const secret of ['abcdefghijklmnopqrstuvwx', 'PASSWD1', 'C1', 'P2']) expect(r.out).not.toContain(secret);
    const [first, second, third] = r.out.trim().split('\n').map((l) => JSON.parse(l) as { frame: unknown; text?: string });
    expect(first!.frame).toMatchObject({ iceServers: [{ credential: '[redacted]' }] });
    expect(second).toMatchObject({ frame: null, text: 'not json {"password":"[redacted]"}' });
    expect(third).toEqual(expect.objectContaining({ frame: null }));
    expect(third).not.toHaveProperty('text');
    const kept = await run({ url: s.url, json: true, keepSecrets: true });
    expect(kept.out).toContain('abcdefghijklmnopqrstuvwx');
  });

  it('a close with a reason from another server shows that reason (1011 was called "its log could not be written")', async () => {
    const s = await server((ws) => {
      ws.send(joinedNotice);
      setTimeout(() => ws.close(1011, 'database down'), 50);
    });
    const r = await run({ url: s.url });
    expect(r.code).toBe(1);
    expect(r.talk).toContain('the relay closed the connection (1011): "database down"');
    expect(r.talk).not.toContain('log');
  });

  it('frames that come while leaving are counted and said, not printed: --expect 1 prints one (audit of the change: 11 printed, "received 1"; relay/client audit: printed past N); 400 control characters make a line of 300, not 1,814', async () => {
    const s = await server((ws) => {
      ws.send(joinedNotice);
      for (let i = 0; i < 5; i++) ws.send(JSON.stringify({ type: i === 0 ? '\u0001'.repeat(400) : 'ready' }));
    });
    const r = await run({ url: s.url, expect: 1, timeoutMs: 3000 });
    const printed = r.out.split('\n').filter((l) => l.includes('← ')).length;
    expect(printed).toBe(1);
    expect(r.talk).toMatch(/received (1 frame|(\d+) frames \((\d+) after the 1 expected, not printed\))/);
    expect(Math.max(...r.out.split('\n').map((l) => l.length))).toBeLessThan(320);
  });

  it('a library onFrame that throws or rejects ends runClient with its error (it was an unhandled rejection)', async () => {
    const s = await server((ws) => {
      ws.send(joinedNotice);
      ws.send('{"type":"ready"}');
    });
    await expect(runClient({ url: s.url, timeoutMs: 2000, onFrame: async () => Promise.reject(new Error('consumer failed')) })).rejects.toThrow('consumer failed');
    await expect(runClient({ url: s.url, timeoutMs: 2000, onFrame: () => { throw new Error('sync failure'); } })).rejects.toThrow('sync failure');
    await expect(Promise.resolve().then(() => runClient({ url: 'ws://' }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('a frame that reached nobody (no-recipients) is exit 1, said on stderr', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0 });
    try {
      const r = await run({ url: relay.url, room: 'alone', send: [join(SAMPLES, 'offer.json')], expect: 0 });
      expect(r.code).toBe(1);
      expect(r.talk).toMatch(/the relay did not forward what was sent: nobody else is in room alone: the frame was not delivered \(no-recipients\)/);
    } finally {
      await relay.close();
    }
  });

  it('a frame over the client\'s own limit breaks the connection: said, with what had arrived (it was exit 2 with no summary)', async () => {
    const s = await server((ws) => {
      ws.send(joinedNotice);
      ws.send('{"type":"ready"}');
      ws.send(JSON.stringify({ type: 'offer', sdp: 'x'.repeat(17 * 1024 * 1024) }));
    });
    const r = await run({ url: s.url, expect: 2, timeoutMs: 5000 });
    expect(r.code).toBe(1);
    expect(r.talk).toContain('received 1 frame');
    expect(r.talk).toMatch(/the connection broke: Max payload size exceeded/);
  });
});

describe('sdpscope client, the process', () => {
  it('Ctrl-C (SIGINT) leaves the room with a close 1000, says what was sent and received, exits 130 (it was cut: 1006, no summary)', async () => {
    const events: string[] = [];
    const watch = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, onLine: (l) => l.kind === 'event' && events.push(`${l.event} ${l.detail}`) });
    try {
      const bin = fileURLToPath(new URL('../../dist/bin/sdpscope.js', import.meta.url));
      const child = spawn(process.execPath, [bin, 'client', watch.url, '--room', 'sig', '--no-color'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      await until(() => out.includes('relay: joined room sig'), 5000);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(err).toContain('sent 0 frames, received 0 frames');
      await until(() => events.some((e) => e.startsWith('left ')), 2000);
      expect(events.find((e) => e.startsWith('left '))).toMatch(/close 1000/);
    } finally {
      await watch.close();
    }
  });
});

describe('sdpscope client: what it prints and takes (relay/client audit of 2026-12-07)', () => {
  const bin = fileURLToPath(new URL('../../dist/bin/sdpscope.js', import.meta.url));
  const run = (args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((done) => {
      const child = spawn(process.execPath, [bin, 'client', '--no-color', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => done({ code, out, err }));
    });

  it('a URL after "--" is the URL (a marker of the argument reader had leaked into a usage error)', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0 });
    try {
      const r = await run(['--expect', '0', '--', relay.url]);
      expect([r.code, r.err]).toEqual([0, expect.stringContaining('sent 0 frames, received 0 frames')]);
      expect(r.err).not.toMatch(/lit:/);
    } finally {
      await relay.close();
    }
  }, 15_000);

  it('--expect N prints N call frames: those that come while it leaves (a burst of candidates) are counted, not printed', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0 });
    try {
      const child = spawn(process.execPath, [bin, 'client', '--no-color', '--room', 'burst', '--expect', '1', '--json', '--timeout', '10000', relay.url], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      // The burst goes once the client is in the room (its joined notice printed), not after a guessed delay.
      const joined = new Promise<void>((ok) => child.stdout.on('data', (d: Buffer) => ((out += d.toString()), out.includes('"notice":true') && ok())));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const closed = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
      await joined;
      const frames = Array.from({ length: 5 }, (_, k) => JSON.stringify({ type: 'candidate', candidate: `candidate:${k} 1 udp 2122260223 10.0.0.1 ${5000 + k} typ host`, sdpMid: '0' }));
      const peer = new WebSocket(`${relay.url}/?room=burst`);
      await new Promise((r) => peer.once('open', r));
      for (const f of frames) peer.send(f);
      const code = await closed;
      peer.close();
      expect(code).toBe(0);
      const printed = out.trim().split('\n').map((l) => JSON.parse(l) as { notice: boolean; frame: { candidate?: string } });
      expect(printed.filter((l) => !l.notice).map((l) => l.frame.candidate)).toEqual([expect.stringMatching(/^candidate:0 /)]);
      // What came after the first is said on stderr, when any came before it left.
      expect(err).toMatch(/received \d+ frames?( \(\d+ after the 1 expected, not printed\))?/);
    } finally {
      await relay.close();
    }
  }, 20_000);

  it('a room of other characters is given to jq with --arg, shell-quoted (audit of the change: its quote had been dropped, another room)', async () => {
    const r = await run(['--room', "r'1 x", 'ws://127.0.0.1:9/feed']);
    expect(r.err).toContain(`jq -c --arg room 'r'\\''1 x' 'select(.frame.room == $room)'`);
  }, 15_000);

  it('--room, or ?room=, on the feed is a usage error: the feed is every room\'s (it had been ignored, every room printed)', async () => {
    for (const args of [['--room', 'r1', 'ws://127.0.0.1:9/feed'], ['ws://127.0.0.1:9/feed?room=r1']]) {
      const r = await run(args);
      expect([r.code, r.err]).toEqual([2, expect.stringMatching(/\/feed is the relay's feed of every room: it takes no room; pick one's records from its JSON \(--json \| jq -c 'select\(\.frame\.room == "r1"\)'\)/)]);
    }
  }, 15_000);
});

describe('sdpscope client: --timeout bounds standard input too', () => {
  it('--send - from a pipe that never ends: exit 2 after --timeout, said (relay audit: it waited for the pipe)', async () => {
    const bin = fileURLToPath(new URL('../../dist/bin/sdpscope.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'client', 'ws://127.0.0.1:9', '--send', '-', '--expect', '1', '--timeout', '300', '--no-color'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdin.write('{"type":"ready"}\n');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    child.stdin.destroy();
    expect(code).toBe(2);
    expect(err).toBe('sdpscope: standard input (--send -) did not end within --timeout (300 ms): the frames to send are read whole before the client connects [FILE_UNREADABLE]\n');
  });
});

describe('sdpscope client when the relay dies', () => {
  it('the relay process killed (SIGKILL: no close frame, 1006) is a broken connection, exit 1, said in words (probe audit: exit 0)', async () => {
    const bin = fileURLToPath(new URL('../../dist/bin/sdpscope.js', import.meta.url));
    const relay = spawn(process.execPath, [bin, 'relay', '--host', '127.0.0.1', '--port', '0', '--no-color'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      let banner = '';
      relay.stdout.on('data', (d: Buffer) => (banner += d.toString()));
      await until(() => /ws:\/\/127\.0\.0\.1:\d+/.test(banner), 5000);
      const url = /ws:\/\/127\.0\.0\.1:\d+/.exec(banner)![0];
      let out = '';
      let talk = '';
      const running = clientCommand({ ...base(url), room: 'dies' }, (t) => (out += t), (t) => (talk += t));
      await until(() => out.includes('relay: joined room dies'), 5000);
      relay.kill('SIGKILL');
      expect(await running).toBe(1);
      expect(talk).toContain('closed 1006');
      expect(talk).toContain('the connection broke: the relay went away without closing the connection (1006: no close frame; killed, crashed, or the network dropped)');
    } finally {
      relay.kill('SIGKILL');
    }
  });
});

describe('sdpscope client: the relay/client audit of 2026-12-05', () => {
  it('a /feed watcher says each record\'s frame: ready and bye by their type, not "(no type)"', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0 });
    try {
      let out = '';
      const watcher = clientCommand({ ...base(`${relay.url}/feed`), expect: 2, timeoutMs: 5000 }, (s) => (out += s), () => undefined);
      await new Promise((r) => setTimeout(r, 100));
      const peer = clientCommand({ ...base(relay.url), room: 'fr', expect: 2, timeoutMs: 3000 }, () => undefined, () => undefined);
      await new Promise((r) => setTimeout(r, 100));
      const file = join(scratchDir('sdpscope-feed-'), 'call.ndjson');
      writeFileSync(file, '{"type":"ready"}\n{"type":"bye"}\n');
      expect(await clientCommand({ ...base(relay.url), room: 'fr', send: [file], expect: 0 }, () => undefined, () => undefined)).toBe(0);
      expect(await watcher).toBe(0);
      await peer;
      expect(out).toMatch(/\[room fr · c\d+\] ready/);
      expect(out).toMatch(/\[room fr · c\d+\] bye/);
      expect(out).not.toContain('(no type)');
    } finally {
      await relay.close();
    }
  });

  it('a late /feed watcher shows the replayed records at their own times, and a frame that reached nobody as such (relay/client audit: the arrival time, no sign)', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0 });
    try {
      const quiet = () => undefined;
      const file = join(scratchDir('sdpscope-feed-'), 'ready.ndjson');
      writeFileSync(file, '{"type":"ready"}\n');
      // Alone in its room: the relay forwards it to nobody (exit 1: no-recipients).
      expect(await clientCommand({ ...base(relay.url), room: 'alone', send: [file], expect: 0 }, quiet, quiet)).toBe(1);
      const sentAt = Date.now();
      await new Promise((r) => setTimeout(r, 1100));
      let out = '';
      let json = '';
      await clientCommand({ ...base(`${relay.url}/feed`), expect: 1, timeoutMs: 3000 }, (s) => (out += s), quiet);
      await clientCommand({ ...base(`${relay.url}/feed`), json: true, expect: 1, timeoutMs: 3000 }, (s) => (json += s), quiet);
      const line = out.split('\n').find((l) => l.includes('ready'))!;
      expect(line).toContain('[room alone · c1 → nobody] ready');
      const shown = line.slice(0, 12);
      const record = json.split('\n').filter((l) => l.includes('"ready"')).map((l) => JSON.parse(l) as { time: string; frame: { time: string } })[0]!;
      expect(record.time).toBe(record.frame.time);
      expect(Math.abs(Date.parse(record.time) - sentAt)).toBeLessThan(1000);
      expect(shown).toBe(new Date(record.time).toISOString().slice(11, 23));
    } finally {
      await relay.close();
    }
  });

  it('--send to the read-only /feed is a usage error (sent, dropped, exit 0 before)', async () => {
    await expect(clientCommand({ ...base('ws://127.0.0.1:1/feed'), send: [join(SAMPLES, 'offer.json')] }, () => undefined, () => undefined)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('read-only feed') });
  });

  it('--send takes one file: a URL after it is the URL (it was read as a second file)', () => {
    const bin = fileURLToPath(new URL('../../dist/bin/sdpscope.js', import.meta.url));
    return new Promise<void>((done) => {
      const c = spawn(process.execPath, [bin, 'client', '--send', join(SAMPLES, 'offer.json'), 'ws://127.0.0.1:1', '--expect', '0', '--timeout', '500'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      c.stderr.on('data', (d: Buffer) => (err += d.toString()));
      c.on('exit', (code) => {
        expect(code).toBe(2);
        expect(err).toContain('[CONNECTION_REFUSED]');
        expect(err).not.toContain('FILE_NOT_FOUND');
        done();
      });
    });
  });
});
