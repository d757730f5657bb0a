/** The relay against real ws clients on loopback: protocol, rooms, limits, security, logging. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import { recordsAfterCut, startRelay, type RelayOptions } from '../../src/node/relay/index.js';
import { joinRelay, relayStarter, until } from '../support/relay.js';
import { runClient } from '../../src/node/client.js';
import { readInput } from '../../src/input/read.js';
import { sample } from '../support/corpus.js';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../support/scratch.js';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const dir = scratchDir('sdpscope-relay-');
const { relay, closeAll } = relayStarter();
afterEach(closeAll);
const join_ = joinRelay;

const OFFER = sample('offer.json');
const CANDIDATE = '{"type":"candidate","candidate":"candidate:2789144953 1 udp 2122129151 10.18.117.180 51018 typ host generation 0 ufrag ddSd network-id 3 network-cost 50","sdpMid":"0","sdpMLineIndex":0}';

describe('the seed protocol', () => {
  it('relays each frame once, byte for byte, to the other client, never back', async () => {
    const r = await relay();
    const a = await join_(r.url);
    const b = await join_(r.url);
    a.ws.send(OFFER);
    b.ws.send(CANDIDATE);
    b.ws.send('{"type":"ready"}');
    await until(() => b.got.length === 1 && a.got.length === 2);
    await new Promise((res) => setTimeout(res, 50));
    expect(b.got).toEqual([OFFER]);
    expect(a.got).toEqual([CANDIDATE, '{"type":"ready"}']);
  });

  it('keeps rooms apart', async () => {
    const r = await relay();
    const a1 = await join_(`${r.url}/?room=one`);
    const b1 = await join_(`${r.url}/?room=one`);
    const a2 = await join_(`${r.url}/?room=two`);
    a1.ws.send('{"type":"ready"}');
    await until(() => b1.got.length === 1);
    await new Promise((res) => setTimeout(res, 50));
    expect(a2.got).toEqual([]);
    expect(r.rooms()).toEqual(new Map([['one', ['c1', 'c2']], ['two', ['c3']]]));
  });

  it('tells a third client the room is full and closes it (4001); the log says from where (probe audit: joined records had the address, room-full not)', async () => {
    const details: string[] = [];
    const r = await relay({ onLine: (l) => l.kind === 'event' && l.event === 'room-full' && details.push(l.detail) });
    await join_(r.url);
    await join_(r.url);
    const c = await join_(r.url);
    expect(c.notices).toEqual([{ type: 'relay-notice', event: 'room-full', room: 'default', size: 2 }]);
    await until(() => c.closed() !== null);
    expect(c.closed()!.code).toBe(4001);
    await until(() => details.length > 0, 2000);
    expect(details).toEqual([expect.stringMatching(/^refused a client from 127\.0\.0\.1:\d+: 2 of 2$/)]);
  });

  it('answers invalid JSON with an error notice, forwards nothing, and keeps running', async () => {
    const r = await relay();
    const a = await join_(r.url);
    const b = await join_(r.url);
    a.ws.send('{not json');
    await until(() => a.notices.some((n) => n.event === 'error'));
    expect(a.notices.find((n) => n.event === 'error')).toMatchObject({ code: 'invalid-json' });
    a.ws.send('{"type":"ready"}');
    await until(() => b.got.length === 1);
    expect(b.got).toEqual(['{"type":"ready"}']);
  });
});

describe('as a drop-in for the notes\' server', () => {
  it('with roomSize "unlimited", sends every frame to every other client of the room, however many', async () => {
    const r = await relay({ roomSize: 'unlimited' });
    const clients: Awaited<ReturnType<typeof join_>>[] = [];
    for (let i = 0; i < 4; i++) clients.push(await join_(r.url));
    clients[0]!.ws.send('{"type":"ready"}');
    await until(() => clients.slice(1).every((c) => c.got.length === 1));
    expect(clients.map((c) => c.got)).toEqual([[], ['{"type":"ready"}'], ['{"type":"ready"}'], ['{"type":"ready"}']]);
    expect(clients.flatMap((c) => c.notices.filter((n) => n.event === 'room-full'))).toEqual([]);
  });

  it('reads a binary frame as text, as the notes\' server did: JSON is forwarded (as text, the same bytes) and logged with binary: true', async () => {
    const log = join(dir, 'binary.ndjson');
    const console: string[] = [];
    const r = await relay({ log, onLine: (l) => l.kind === 'frame' && console.push(l.text) });
    const a = await join_(r.url);
    const b = await join_(r.url);
    a.ws.send(Buffer.from(CANDIDATE), { binary: true });
    await until(() => b.got.length === 1);
    expect(b.got).toEqual([CANDIDATE]);
    a.ws.send(Buffer.from('not json'), { binary: true });
    await until(() => a.notices.some((n) => n.code === 'invalid-json'));
    // JSON once read (U+FFFD), but not UTF-8: as a text frame it would cut the recipient (1007; relay audit).
    for (const bytes of [[0x22, 0xff, 0x22], [0x22, 0xed, 0xa0, 0x80, 0x22], [0xff, 0x00, 0x01]]) a.ws.send(Buffer.from(bytes), { binary: true });
    await until(() => a.notices.filter((n) => n.code === 'binary-frame').length === 3);
    a.ws.send(CANDIDATE);
    await until(() => b.got.length === 2);
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
    await r.close();
    const frames = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { binary?: boolean; frame?: unknown; event?: string });
    expect(frames.filter((f) => f.frame !== undefined).map((f) => f.binary)).toEqual([true]);
    // Its console line says how it came.
    expect(console[0]).toMatch(/ \(sent as a binary frame, read as text\)$/);
    expect(console[1]).not.toMatch(/binary/);
    // A binary frame refused as not JSON says it came binary.
    expect(frames.filter((f) => f.event === 'invalid-json').map((f) => (f as { detail?: string }).detail)).toEqual(['"not json" (a binary frame, read as text)']);
    // The refusals only: the frame read as text is no refusal, and has no event of its own (relay audit: two records for one frame).
    expect(frames.filter((f) => f.event === 'binary-frame').map((f) => (f as { detail?: string }).detail)).toEqual(['3 bytes in a binary frame, not UTF-8: not forwarded', '5 bytes in a binary frame, not UTF-8: not forwarded', '3 bytes in a binary frame, not UTF-8: not forwarded']);
  });

  it('refuses a client\'s frame of type "relay-notice": only the relay sends those (a fake peer-left or room-full passed for real; pages audit)', async () => {
    const r = await relay();
    const a = await join_(r.url);
    const b = await join_(r.url);
    a.ws.send(JSON.stringify({ type: 'relay-notice', event: 'room-full', room: 'default', size: 2 }));
    await until(() => a.notices.some((n) => n.code === 'reserved-type'));
    a.ws.send(CANDIDATE);
    await until(() => b.got.length === 1);
    expect(b.got).toEqual([CANDIDATE]);
    expect(b.notices.map((n) => n.event)).not.toContain('room-full');
  });

  it('tells a sender alone in its room that its frame reached nobody (once a second at most)', async () => {
    const r = await relay();
    const a = await join_(r.url);
    a.ws.send('{"type":"ready"}');
    a.ws.send('{"type":"ready"}');
    await until(() => a.notices.some((n) => n.event === 'no-recipients'));
    await new Promise((res) => setTimeout(res, 100));
    expect(a.notices.filter((n) => n.event === 'no-recipients')).toEqual([{ type: 'relay-notice', event: 'no-recipients', room: 'default', message: 'nobody else is in room default: the frame was not delivered' }]);
  });

  it('lists every URL it serves', async () => {
    const pages = join(dir, 'pages');
    mkdirSync(pages, { recursive: true });
    writeFileSync(join(pages, 'index.html'), '<!doctype html>');
    writeFileSync(join(pages, 'inspect.html'), '<!doctype html>');
    const r = await relay({ pageDir: pages });
    expect(r.endpoints.map((e) => [e.kind, e.url])).toEqual([
      ['signaling', `ws://127.0.0.1:${r.port}`],
      ['call-page', `http://127.0.0.1:${r.port}/`],
      ['inspector', `http://127.0.0.1:${r.port}/inspect`],
      ['feed', `ws://127.0.0.1:${r.port}/feed`],
    ]);
    // Pages not built are not offered (relay audit: their URLs were printed, and answered 404).
    const bare = await relay({ pageDir: join(dir, 'no-pages') });
    expect(bare.endpoints.map((e) => e.kind)).toEqual(['signaling', 'feed']);
  });

  it('gives its console lines in the order things happened: a frame before the refusal that followed it', async () => {
    const lines: string[] = [];
    const r = await relay({ onLine: (l) => lines.push(l.kind === 'frame' ? `frame ${l.summary.kind}` : l.event) });
    const a = await join_(r.url);
    const b = await join_(r.url);
    a.ws.send(CANDIDATE);
    a.ws.send('{not json');
    await until(() => b.got.length === 1 && lines.includes('invalid-json'));
    expect(lines.filter((l) => l === 'frame candidate' || l === 'invalid-json')).toEqual(['frame candidate', 'invalid-json']);
  });

  it('refuses bad options with INVALID_OPTION', async () => {
    for (const o of [{ port: 70000 }, { roomSize: 0 }, { maxFramesPerSecond: -1 }, { token: '' }, { heartbeatMs: 1.5 }] as RelayOptions[]) {
      await expect(startRelay({ host: '127.0.0.1', ...o })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    }
    // Library audit: these started a relay (a token of 123 then threw in every request; origins "http://a" let any substring in).
    for (const o of [{ token: 123 }, { token: null }, { origins: 'http://a' }, { origins: [1] }, { keepSecrets: 'yes' }, { feed: 1 }, { log: 5 }]) {
      await expect(startRelay({ host: '127.0.0.1', port: 0, ...o } as unknown as RelayOptions)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    }
    for (const o of [5, 'x', [], null]) await expect(startRelay(o as unknown as RelayOptions)).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('must be an object') });
  });
});

describe('limits', () => {
  it('closes the sender of an oversize frame with 1009, and says 1009 where it says the client left (audit: the log said 1006)', async () => {
    const lines: string[] = [];
    const r = await relay({ maxFrameBytes: 1000, onLine: (l) => l.kind === 'event' && l.event === 'left' && lines.push(l.detail) });
    const a = await join_(r.url);
    const b = await join_(r.url);
    a.ws.send(JSON.stringify({ type: 'x', pad: 'y'.repeat(2000) }));
    await until(() => a.closed() !== null && lines.length > 0);
    expect(a.closed()!.code).toBe(1009);
    expect(b.got).toEqual([]);
    expect(lines).toEqual(['close 1009, sent by the relay (a frame over --max-frame)']);
  });

  it('drops a flood beyond the rate with a notice', async () => {
    const r = await relay({ maxFramesPerSecond: 10 });
    const a = await join_(r.url);
    const b = await join_(r.url);
    for (let i = 0; i < 50; i++) a.ws.send(`{"type":"n","i":${i}}`);
    await until(() => a.notices.some((n) => n.code === 'rate-limited'));
    await new Promise((res) => setTimeout(res, 100));
    expect(b.got.length).toBeGreaterThanOrEqual(10);
    expect(b.got.length).toBeLessThan(15);
  });

  it('cuts a slow consumer instead of buffering without bound', async () => {
    const r = await relay({ maxBufferedBytes: 256 * 1024, maxFrameBytes: 2 * 1024 * 1024, maxFramesPerSecond: 10_000, maxBytesPerSecond: 1 << 30 });
    const a = await join_(r.url);
    const slow = await join_(r.url);
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = JSON.stringify({ type: 'x', pad: 'y'.repeat(1024 * 1024) });
    for (let i = 0; i < 80; i++) a.ws.send(big);
    await until(() => r.rooms().get('default')?.length === 1, 10_000);
    expect(r.rooms().get('default')).toEqual(['c1']);
    // The sender is told why its frames stopped going anywhere (relay/client audit: "nobody else is in room", then peer-left, no reason).
    await until(() => a.notices.some((n) => n.event === 'peer-left'), 5_000);
    const notices = a.notices as { event: string; message?: string; reason?: string }[];
    expect(notices.find((n) => n.event === 'peer-left')).toMatchObject({ id: 'c2', reason: 'slow-consumer' });
    expect(notices.find((n) => n.event === 'no-recipients')?.message).toMatch(/^c2 was cut for falling behind \(more than --max-buffered 262144 bytes queued to it\): the frame was not delivered$/);
  }, 15_000);

  it('drops a client that stops answering pings', async () => {
    const r = await relay({ heartbeatMs: 100 });
    const dead = await join_(r.url, { autoPong: false });
    const alive = await join_(r.url);
    await until(() => dead.closed() !== null, 2000);
    expect(r.rooms().get('default')).toEqual(['c2']);
    expect(alive.closed()).toBeNull();
  });

  it('refuses clients beyond the maximum with HTTP 503', async () => {
    const r = await relay({ maxClients: 1, roomSize: 5 });
    await join_(r.url);
    await expect(runClient({ url: r.url, expect: 0, timeoutMs: 1000 })).rejects.toMatchObject({ code: 'CONNECTION_REFUSED', message: expect.stringContaining('503') });
  });
});

describe('security', () => {
  it('requires the token', async () => {
    const r = await relay({ token: 's3cret' });
    await expect(runClient({ url: r.url, expect: 0, timeoutMs: 1000 })).rejects.toMatchObject({ code: 'CONNECTION_REFUSED', message: expect.stringContaining('401') });
    const ok = await runClient({ url: r.url, token: 's3cret', expect: 0, timeoutMs: 1000 });
    expect(ok.timedOut).toBe(false);
    const bearer = await join_(r.url, { headers: { authorization: 'Bearer s3cret' } });
    expect(bearer.notices[0]).toMatchObject({ event: 'joined' });
    // The scheme name in any case (RFC 9110 §11.1; relay audit: "bearer" got 401).
    const lower = await join_(r.url, { headers: { authorization: 'bearer s3cret' } });
    expect(lower.notices[0]).toMatchObject({ event: 'joined' });
    // One blank or more after the scheme (RFC 9110 §11.4: 1*SP; relay audit: two blanks got 401).
    const spaced = await join_(`${r.url}/?room=spaced`, { headers: { authorization: 'Bearer  s3cret' } });
    expect(spaced.notices[0]).toMatchObject({ event: 'joined' });
  });

  it('refuses origins outside the allow-list with 403', async () => {
    const r = await relay({ origins: ['https://call.example'] });
    await expect(join_(r.url, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const ok = await join_(r.url, { origin: 'https://call.example' });
    expect(ok.notices[0]).toMatchObject({ event: 'joined' });
  });

  it('lets its own pages in with an allow-list, and takes each origin as a browser sends it (operator audit: its call page and inspector got 403)', async () => {
    const r = await relay({ origins: ['https://Call.Example/'] });
    expect((await join_(r.url, { origin: `http://127.0.0.1:${r.port}` })).notices[0]).toMatchObject({ event: 'joined' });
    expect((await join_(r.url, { origin: 'https://call.example' })).notices[0]).toMatchObject({ event: 'joined' });
    const feed = new WebSocket(`${r.url}/feed`, { origin: `http://127.0.0.1:${r.port}` });
    await new Promise((ok, no) => (feed.once('open', ok), feed.once('error', no)));
    feed.close();
    // The origins browsers send for other schemes and for files: taken (change audit: refused).
    const apps = await relay({ origins: ['null', 'capacitor://localhost', 'chrome-extension://abcdef/'] });
    for (const [i, origin] of ['null', 'capacitor://localhost', 'chrome-extension://abcdef'].entries()) expect((await join_(`${apps.url}/?room=app${i}`, { origin })).notices[0]).toMatchObject({ event: 'joined' });
    await expect(join_(apps.url, { origin: 'https://call.example' })).rejects.toThrow(/403/);
    for (const bad of ['*', 'call.example', 'https://call.example/path', 'capacitor://localhost/x', 'https://u:p@call.example', 'https://call.example?x']) {
      await expect(relay({ origins: [bad] })).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('an origin is scheme://host[:port]') });
    }
  });

  it('takes an IPv6 host in brackets, as its banner writes it (operator audit: getaddrinfo ENOTFOUND [::1])', async () => {
    const r = await relay({ host: '[::1]' });
    expect(r.url).toMatch(/^ws:\/\/\[::1\]:\d+$/);
    expect((await join_(r.url)).notices[0]).toMatchObject({ event: 'joined' });
  });

  it('answers GET /healthz with 200 "ok", token or not, pages built or not (operator audit: no liveness check)', async () => {
    const r = await relay({ token: 's3cret', pageDir: join(dir, 'no-pages') });
    const res = await fetch(`http://127.0.0.1:${r.port}/healthz`);
    expect([res.status, await res.text()]).toEqual([200, 'ok\n']);
    const inspect = await fetch(`http://127.0.0.1:${r.port}/inspect`);
    // Said how to open it (relay audit: a bare "Unauthorized").
    expect([inspect.status, await inspect.text()]).toEqual([401, 'Unauthorized: the inspector is behind the relay\'s --token; open it as /inspect?token=<the token>\n']);
  });

  it('serves its pages with headers that keep other sites from framing or sniffing them', async () => {
    const r = await relay({ pageDir: resolve(__dirname, '../../dist/page') });
    const res = await fetch(`http://127.0.0.1:${r.port}/inspect`);
    expect(res.status).toBe(200);
    expect([res.headers.get('x-frame-options'), res.headers.get('content-security-policy'), res.headers.get('x-content-type-options'), res.headers.get('referrer-policy')]).toEqual(['DENY', "frame-ancestors 'none'", 'nosniff', 'no-referrer']);
  });

  it('serves wss and https with a certificate generated here', async () => {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const r = await relay({ tls: { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') } });
    expect(r.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    const a = await join_(r.url, { ca: readFileSync(cert) });
    const b = await join_(r.url, { ca: readFileSync(cert) });
    a.ws.send('{"type":"ready"}');
    await until(() => b.got.length === 1);
  });
});

/** The relay command in a child process, once it listens: its URL, what it printed, and its exit (code and signal). */
async function cliRelay(...args: string[]): Promise<{ child: ReturnType<typeof spawn>; url: string; out: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  const child = spawn(process.execPath, [resolve(__dirname, '../../dist/bin/sdpscope.js'), 'relay', '--port', '0', '--no-color', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
  await until(() => /listening (wss?:\/\/\S+)/.test(out), 5000);
  return { child, url: /listening (wss?:\/\/\S+)/.exec(out)![1]!, out: () => out, exited };
}

describe('the log', () => {
  it('keeps a frame with nothing secret as its own text, numbers as written (1e400 was null, 2^64 rounded); one with a secret is the redacted copy', async () => {
    const log = join(dir, 'numbers.ndjson');
    const r = await relay({ log });
    const a = await join_(r.url);
    const b = await join_(r.url);
    const plain = '{"type":"stats","big":18446744073709551615,"huge":1e400,"exact":0.1000000000000000055511151231257827}';
    a.ws.send(plain);
    a.ws.send('{"type":"turn","credential":"hunter2","n":1e400}');
    await until(() => b.got.length === 2);
    await r.close();
    const text = readFileSync(log, 'utf8');
    expect(text).toContain(`"frame":${plain},"summary"`);
    expect(text).not.toContain('hunter2');
    expect(text).toContain('"credential":"[redacted]"');
  });

  it('a repeated key: the first value, which JSON.parse drops, is not logged or fed as its own text (change audit: the frame\'s own text carried it)', async () => {
    const log = join(dir, 'repeated-key.ndjson');
    const r = await relay({ log });
    const a = await join_(r.url);
    const b = await join_(r.url);
    const feed = new WebSocket(`${r.url}/feed`);
    const fed: string[] = [];
    feed.on('message', (d) => fed.push(d.toString()));
    await new Promise((ok) => feed.once('open', ok));
    a.ws.send('{"type":"offer","token":"s3cretTOKEN","token":null}');
    await until(() => b.got.length === 1 && fed.some((f) => f.includes('"frame"')));
    feed.close();
    await r.close();
    expect(readFileSync(log, 'utf8')).not.toContain('s3cretTOKEN');
    expect(fed.join('\n')).not.toContain('s3cretTOKEN');
    expect(b.got[0]).toBe('{"type":"offer","token":"s3cretTOKEN","token":null}');
  });


  it('writes one line per frame, with sender, recipients, size and summary, secrets redacted', async () => {
    const log = join(dir, 'redact.ndjson');
    const r = await relay({ log });
    const a = await join_(r.url);
    const b = await join_(r.url);
    a.ws.send(OFFER);
    a.ws.send(CANDIDATE);
    const TURN = '{"type":"turn","credential":"hunter2","urls":"turn:203.0.113.1"}';
    a.ws.send(TURN);
    await until(() => b.got.length === 3);
    expect(b.got[0]).toBe(OFFER); // forwarded unaltered
    await r.close();
    const frames = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.frame !== undefined);
    expect(frames.map((f) => [f.from, f.to, f.size, f.summary.kind])).toEqual([
      ['c1', ['c2'], Buffer.byteLength(OFFER), 'description'],
      ['c1', ['c2'], Buffer.byteLength(CANDIDATE), 'candidate'],
      ['c1', ['c2'], Buffer.byteLength(TURN), 'signal'],
    ]);
    const text = readFileSync(log, 'utf8');
    expect(text).not.toContain('kXT7EgT23rvctdmdZUSU0dT1');
    expect(text).toContain('a=ice-pwd:REDACTEDxxxxxxxxxxxxxxxx');
    expect(text).not.toContain('hunter2');
    expect(frames[1].summary).toMatchObject({ kind: 'candidate', type: 'host', protocol: 'udp', address: '10.18.117.180', port: 51018, priority: '126 | 32030 | 1' });
    // The log feeds sdpscope's own readers.
    const back = readInput(text);
    expect(back.descriptions.map((d) => d.type)).toEqual(['offer']);
    expect(back.candidates.filter((c) => !c.inDescription).map((c) => c.source.sender)).toEqual(['c1']);
  });

  it('keeps secrets with keepSecrets', async () => {
    const log = join(dir, 'keep.ndjson');
    const r = await relay({ log, keepSecrets: true });
    const a = await join_(r.url);
    const b = await join_(r.url);
    a.ws.send(OFFER);
    await until(() => b.got.length === 1);
    await r.close();
    expect(readFileSync(log, 'utf8')).toContain('kXT7EgT23rvctdmdZUSU0dT1');
  });

  it('with keepSecrets, logs each frame as received on one line: 500,000 nested arrays, a "__proto__" key, line breaks (relay audit: the first stopped the log)', async () => {
    const log = join(dir, 'keep-deep.ndjson');
    const r = await relay({ log, keepSecrets: true, maxFrameBytes: 2 * 1024 * 1024 });
    const a = await join_(r.url);
    const b = await join_(r.url);
    const deep = `${'['.repeat(500_000)}${']'.repeat(500_000)}`;
    const odd = '{\r\n  "__proto__": {"password": "S"},\n  "n": 1.50\n}';
    for (const f of [deep, odd, '{"type":"ready"}']) a.ws.send(f);
    await until(() => b.got.length === 3);
    await r.close();
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const frames = lines.filter((l) => l.includes('"frame":'));
    expect(frames.length).toBe(3);
    for (const l of lines) expect(() => JSON.parse(l) as unknown).not.toThrow();
    expect(frames[0]).toContain(`"frame":${deep},"summary":`);
    expect(frames[1]).toContain('"frame":{    "__proto__": {"password": "S"},   "n": 1.50 },"summary":');
    expect(lines.some((l) => l.includes('log-failed') || l.includes('"event":"log-'))).toBe(false);
  });

  it('flushes the log on SIGTERM (the CLI)', async () => {
    const log = join(dir, 'sigterm.ndjson');
    const { child, url, exited } = await cliRelay('--host', '127.0.0.1', '--log', log);
    const a = await join_(url);
    const b = await join_(url);
    for (let i = 0; i < 20; i++) a.ws.send(CANDIDATE);
    await until(() => b.got.length === 20);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.frame !== undefined)).toHaveLength(20);
    expect(lines[lines.length - 1]).toMatchObject({ event: 'stopped' });
  });

  it('--origin that is no origin is a usage error of the command, as the README says (README walk: INVALID_OPTION)', () => {
    const r = spawnSync(process.execPath, [resolve(__dirname, '../../dist/bin/sdpscope.js'), 'relay', '--host', '127.0.0.1', '--port', '0', '--origin', '*'], { encoding: 'utf8', timeout: 10_000 });
    expect([r.status, r.stderr]).toEqual([2, expect.stringMatching(/--origin "\*" is not an origin: .*give no --origin.*\[USAGE\]/)]);
  });

  it.each([
    ['127.0.0.999', /--host 127\.0\.0\.999 is no IPv4 address .*\[USAGE\]/],
    ['1.2.3', /--host 1\.2\.3 is no IPv4 address/],
    ['fe80::zz', /--host fe80::zz is no IPv6 address .*\[USAGE\]/],
    ['[::g]', /--host \[::g\] is no IPv6 address/],
  ])('--host %s, no IP address though written as one, is a usage error, not a DNS lookup (getaddrinfo ENOTFOUND)', (host, message) => {
    const r = spawnSync(process.execPath, [resolve(__dirname, '../../dist/bin/sdpscope.js'), 'relay', '--host', host, '--port', '0'], { encoding: 'utf8', timeout: 10_000 });
    expect([r.status, r.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/getaddrinfo/);
  });

  it('an IPv6 loopback with its zone, bracketed or not, listens and is loopback for the banner (change audit: "[::1%lo]" went to DNS); its URLs leave the zone out, which no URL parser takes (relay/client audit)', async () => {
    for (const host of ['[::1%lo]', '::1%lo']) {
      const { child, url, out, exited } = await cliRelay('--host', host);
      expect(url).toMatch(/^ws:\/\/\[::1\]:\d+$/);
      expect(() => new URL(url)).not.toThrow();
      child.kill('SIGTERM');
      expect((await exited).code).toBe(0);
      expect(out()).not.toMatch(/beyond this machine/);
    }
  });

  it('a bracketed IPv6 loopback host is loopback for the banner: no warning (change audit: "[::1] (beyond this machine)")', async () => {
    const { child, url, out, exited } = await cliRelay('--host', '[::1]');
    expect(url).toMatch(/^ws:\/\/\[::1\]:\d+$/);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
    expect(out()).not.toMatch(/beyond this machine/);
  });

  it('a second signal while it stops changes nothing: exit 0, the log flushed (operator audit: Ctrl-C twice, or timeout(1), exited 130 unflushed)', async () => {
    const log = join(dir, 'twice.ndjson');
    const { child, url, exited } = await cliRelay('--host', '127.0.0.1', '--log', log);
    // A client that never answers the close handshake keeps the stop going for 300 ms.
    const raw = new WebSocket(url);
    await new Promise((ok) => raw.once('open', ok));
    (raw as unknown as { _socket: { removeAllListeners(e: string): void } })._socket.removeAllListeners('data');
    child.kill('SIGINT');
    await new Promise((ok) => setTimeout(ok, 50));
    child.kill('SIGINT');
    expect(await exited).toEqual({ code: 0, signal: null });
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event?: string });
    expect(lines[lines.length - 1]).toMatchObject({ event: 'stopped' });
    raw.terminate();
  });
});

describe('a client of /feed', () => {
  it('says each record as a record: its room and sender first (README walk: printed as if a peer had sent it)', async () => {
    const r = await relay();
    const seen: string[] = [];
    // Watches for 1.5 s (bounded), meanwhile two peers join and one sends the notes' offer.
    const watching = runClient({ url: `${r.url}/feed`, expect: 1000, timeoutMs: 1500, onFrame: (f) => void seen.push(f.description) }).catch(() => undefined);
    await new Promise((done) => setTimeout(done, 200));
    const a = await joinRelay(`${r.url}/?room=r1`);
    const b = await joinRelay(`${r.url}/?room=r1`);
    a.ws.send(JSON.stringify({ type: 'offer', sdp: (JSON.parse(sample('offer.json')) as { offer: { sdp: string } }).offer.sdp }));
    await until(() => b.got.length === 1);
    await watching;
    a.ws.close();
    b.ws.close();
    expect(seen).toEqual([expect.stringMatching(/^\[room r1 · c\d+\] offer: audio sendrecv opus/)]);
  });
});

describe('the read-only feed (/feed) and the inspector (/inspect)', () => {
  const feedOf = async (url: string) => {
    const ws = new WebSocket(url);
    const got: { room: string; from: string; frame: unknown; summary: { kind: string } }[] = [];
    ws.on('message', (d) => got.push(JSON.parse(d.toString())));
    await new Promise((r, j) => {
      ws.once('open', r);
      ws.once('error', j);
    });
    return { ws, got };
  };

  it('takes a browser page\'s subscription only from the relay\'s own origin unless --origin names it (relay audit: any site the operator visited could read every room); calls stay open to any page', async () => {
    const r = await relay();
    const opened = (origin?: string) => new Promise<string>((ok) => {
      const ws = new WebSocket(`${r.url}/feed`, origin === undefined ? {} : { origin });
      ws.once('open', () => (ws.close(), ok('open')));
      ws.once('error', (e) => ok(e.message));
    });
    expect(await opened('https://evil.example')).toMatch(/403/);
    expect(await opened('null')).toMatch(/403/);
    expect(await opened(`http://127.0.0.1:${r.port}`)).toBe('open');
    expect(await opened()).toBe('open');
    // A call from any page (the notes' page opened from a file sends Origin: null).
    expect((await join_(r.url, { origin: 'null' })).notices[0]).toMatchObject({ event: 'joined' });
    // DNS rebinding: a page of evil.example whose name now points here sends a matching Host; on a loopback address that is no proof (change audit).
    const rebound = await new Promise<string>((ok) => {
      const ws = new WebSocket(`${r.url}/feed`, { origin: `http://evil.example:${r.port}`, headers: { host: `evil.example:${r.port}` } });
      ws.once('open', () => (ws.close(), ok('open')));
      ws.once('error', (e) => ok(e.message));
    });
    expect(rebound).toMatch(/403/);
    expect(await new Promise<string>((ok) => {
      const ws = new WebSocket(`${r.url}/feed`, { origin: `http://localhost:${r.port}`, headers: { host: `localhost:${r.port}` } });
      ws.once('open', () => (ws.close(), ok('open')));
      ws.once('error', (e) => ok(e.message));
    })).toBe('open');
    const listed = await relay({ origins: ['https://dash.example'] });
    const ws = new WebSocket(`${listed.url}/feed`, { origin: 'https://dash.example' });
    await new Promise((ok, no) => (ws.once('open', ok), ws.once('error', no)));
    ws.close();
  });

  it('streams every relayed frame, redacted even with keepSecrets, and replays them to a late subscriber', async () => {
    const r = await relay({ keepSecrets: true });
    const early = await feedOf(`${r.url}/feed`);
    const a = await join_(r.url);
    const b = await join_(r.url);
    a.ws.send(OFFER);
    b.ws.send(CANDIDATE);
    await until(() => early.got.length === 2);
    expect(early.got.map((x) => [x.room, x.from, x.summary.kind])).toEqual([['default', 'c1', 'description'], ['default', 'c2', 'candidate']]);
    expect(JSON.stringify(early.got)).not.toContain('kXT7EgT23rvctdmdZUSU0dT1');
    const late = await feedOf(`${r.url}/feed`);
    await until(() => late.got.length === 2);
  });

  it('is read-only: what a subscriber sends reaches no room', async () => {
    const r = await relay();
    const a = await join_(r.url);
    const b = await join_(r.url);
    const feed = await feedOf(`${r.url}/feed`);
    feed.ws.send(CANDIDATE);
    await new Promise((res) => setTimeout(res, 100));
    expect([a.got, b.got]).toEqual([[], []]);
  });

  it('counts its subscribers against maxClients, pings them, and logs what one sends once, then counted (relay audit: 150 silent subscribers under a limit of 2, never dropped; a line a frame sent)', async () => {
    const log = join(dir, 'feed-limits.ndjson');
    const r = await relay({ log, maxClients: 3, heartbeatMs: 150 });
    const feed = await feedOf(`${r.url}/feed`);
    const silent = new WebSocket(`${r.url}/feed`, { autoPong: false });
    await new Promise((res) => silent.once('open', res));
    await join_(r.url);
    // Three of three: a fourth, subscriber or client, is refused.
    await expect(feedOf(`${r.url}/feed`)).rejects.toThrow(/503/);
    await expect(runClient({ url: r.url, expect: 0, timeoutMs: 1000 })).rejects.toMatchObject({ message: expect.stringContaining('503') });
    // The one that gives no pong is dropped; the one that does stays.
    const closed = new Promise((res) => silent.once('close', res));
    await closed;
    expect(feed.ws.readyState).toBe(WebSocket.OPEN);
    for (let i = 0; i < 500; i++) feed.ws.send('{}');
    await new Promise((res) => setTimeout(res, 200));
    feed.ws.close();
    await until(() => r.rooms().get('default')?.length === 1);
    await new Promise((res) => setTimeout(res, 100));
    await r.close();
    const all = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event?: string; detail?: string });
    // Each subscriber's leaving is logged (README walk: subscribed, never left).
    expect(all.filter((e) => e.event === 'feed-subscribed').length).toBe(all.filter((e) => e.event === 'feed-left').length);
    expect(all.filter((e) => e.event === 'feed-left').map((e) => e.detail)).toEqual([expect.stringMatching(/^from \S+ \(close 1006\)$/), expect.stringMatching(/^from \S+ \(close 1005\)$/)]);
    const events = all.filter((e) => e.event === 'feed-ignored' || e.event === 'heartbeat-timeout');
    expect(events.map((e) => [e.event, e.detail])).toEqual([
      ['heartbeat-timeout', 'a feed subscriber gave no pong within 150 ms: dropped'],
      ['feed-ignored', 'a feed subscriber sent a frame: dropped (the feed is read-only; more are counted when it leaves)'],
      ['feed-ignored', 'a feed subscriber that left had sent 500 frames: all dropped'],
    ]);
  });

  it('counts what a subscriber sent when the relay cuts it too (audit of the change: only when it left by itself)', async () => {
    const log = join(dir, 'feed-cut.ndjson');
    const r = await relay({ log, heartbeatMs: 150 });
    const silent = new WebSocket(`${r.url}/feed`, { autoPong: false });
    await new Promise((res) => silent.once('open', res));
    for (let i = 0; i < 3; i++) silent.send('{}');
    await new Promise((res) => silent.once('close', res));
    await new Promise((res) => setTimeout(res, 100));
    await r.close();
    const details = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event?: string; detail?: string }).filter((e) => e.event === 'feed-ignored').map((e) => e.detail);
    expect(details).toContain('a feed subscriber that left had sent 3 frames: all dropped');
  });

  it('is behind the token, like the inspector page', async () => {
    const r = await relay({ token: 't', pageDir: resolve(__dirname, '../../dist/page') });
    await expect(feedOf(`${r.url}/feed`)).rejects.toThrow(/401/);
    await feedOf(`${r.url}/feed?token=t`);
    const http = r.url.replace('ws://', 'http://');
    expect((await fetch(`${http}/inspect`)).status).toBe(401);
    const page = await fetch(`${http}/inspect?token=t`);
    expect([page.status, (await page.text()).includes('sdpscope inspector')]).toEqual([200, true]);
  });
});

describe('recordsAfterCut: what a relay says once its logger was cut', () => {
  const ev = (event: string, time: string, detail = event) => ({ time, room: null, event, client: null, detail });
  const unwritten = [ev('left', '2026-12-07T10:00:00.100Z'), ev('log-skipped', '2026-12-07T10:00:00.200Z'), ev('stopped', '2026-12-07T10:00:00.300Z', 'SIGTERM; log flushed')];

  it('cut: the events at their times, then log-cut and "stopped" (last, log cut short) at the cut, times never going backwards', () => {
    const r = recordsAfterCut(unwritten, 12, true, '2026-12-07T10:00:00.900Z');
    expect(r.map((e) => [e.event, e.time])).toEqual([
      ['left', '2026-12-07T10:00:00.100Z'],
      ['log-skipped', '2026-12-07T10:00:00.200Z'],
      ['log-cut', '2026-12-07T10:00:00.900Z'],
      ['stopped', '2026-12-07T10:00:00.900Z'],
    ]);
    expect(r[2]!.detail).toMatch(/^12 frames relayed but not logged/);
    expect(r[3]!.detail).toBe('SIGTERM; log cut short');
  });

  it('no log to say it in: the events, and "stopped" at the cut, no log-cut line', () => {
    expect(recordsAfterCut(unwritten, 12, false, '2026-12-07T10:00:00.900Z').map((e) => e.event)).toEqual(['left', 'log-skipped', 'stopped']);
  });

  it('no frame cut (events only): the events as they were, unchanged', () => {
    expect(recordsAfterCut(unwritten, 0, true, '2026-12-07T10:00:00.900Z')).toEqual(unwritten);
  });
});
