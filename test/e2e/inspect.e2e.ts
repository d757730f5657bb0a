/**
 * The inspector in headless Chromium, in a network namespace this test creates: frames sent
 * through the relay by `sdpscope client` (the seed's samples) appear in the page with the
 * right values, computed in the browser; the page never shows a secret; the offline paste
 * works. Screenshots are kept as artifacts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { createNetns, launchChromiumIn, startRelayIn, type Netns } from './netns.js';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/bin/sdpscope.js');
const ARTIFACTS = join(ROOT, 'artifacts', `inspect-${new Date().toISOString().replace(/[:.]/g, '-')}`);
const PORT = 53379;
const TOKEN = 'e2e-token';

let ns: Netns;
let browser: Browser;

const exited = (c: ReturnType<Netns['spawn']>) => new Promise<number | null>((res) => c.on('exit', (code) => res(code)));

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  console.log(`e2e artifacts: ${ARTIFACTS}`);
  ns = createNetns('inspect');
  await startRelayIn(ns, ['--host', '127.0.0.1', '--port', String(PORT), '--token', TOKEN]);
  browser = await launchChromiumIn(ns, []);
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  ns?.remove();
});

describe('the inspector', () => {
  it('shows frames sent through the relay, with tables computed in the browser and no secret', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
    await page.goto(`http://127.0.0.1:${PORT}/inspect?token=${TOKEN}`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'live');
    const url = `ws://127.0.0.1:${PORT}`;
    const waiter = ns.spawn(process.execPath, [CLI, 'client', url, '--token', TOKEN, '--expect', '6', '--timeout', '20000', '--no-color']);
    const waiterExit = exited(waiter);
    await new Promise((r) => setTimeout(r, 500));
    const sender = ns.spawn(process.execPath, [CLI, 'client', url, '--token', TOKEN, '--expect', '0', '--send', join(ROOT, 'samples/offer.json'), '--send', join(ROOT, 'samples/answer.json'), '--send', join(ROOT, 'samples/candidates.json'), '--no-color']);
    const senderExit = exited(sender);
    expect(await senderExit).toBe(0);
    expect(await waiterExit).toBe(0);
    await page.waitForFunction(() => (document.querySelector('section[data-room="default"]')?.textContent ?? '').includes('219.142.117.143'), undefined, { timeout: 20_000 });
    const text = (await page.textContent('section[data-room="default"]'))!;
    expect(text).toContain('Timeline (6 frames)');
    expect(text).toContain('Negotiation');
    expect(text).toContain('VP8 96/96');
    expect(text).toContain('100 | 32542 | 1');
    expect(text).toContain('NAT mapping');
    expect(await page.content()).not.toContain('kXT7EgT23rvctdmdZUSU0dT1');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-live.png'), fullPage: true });
  });

  it('opened by a DNS name that points at the relay\'s loopback address (DNS rebinding, as a hostile site would): the feed is refused and the page says why and what to open instead', async () => {
    const mapped = await launchChromiumIn(ns, ['--host-resolver-rules=MAP relay.example 127.0.0.1']);
    try {
      const page = await mapped.newPage();
      await page.goto(`http://relay.example:${PORT}/inspect?token=${TOKEN}`);
      await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('feed closed'), undefined, { timeout: 10_000 });
      expect(await page.textContent('#status')).toMatch(new RegExp(`^feed closed \\(1006\\): the relay refused it\\? a missing or wrong \\?token=, or this page's address: .* \\(http://127\\.0\\.0\\.1:${PORT}/inspect\\), or from an origin its --origin names; connecting again in 1 s$`));
    } finally {
      await mapped.close();
    }
  });

  it('analyses pasted text offline (/inspect?offline opens the panel)', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
    await page.goto(`http://127.0.0.1:${PORT}/inspect?token=${TOKEN}&offline`);
    expect(await page.evaluate(() => (document.getElementById('offline') as HTMLDetailsElement).open)).toBe(true);
    await page.fill('#paste', readFileSync(join(ROOT, 'samples/call.ndjson'), 'utf8'));
    await page.click('#analyse');
    const text = (await page.textContent('#offlineView'))!;
    expect(text).toContain('Negotiation');
    expect(text).toContain('opus 111/111');
    expect(text).toContain('Candidates of N/KY');
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-offline.png'), fullPage: true });
  });
});

describe('the inspector\'s offline panel, as people use it', () => {
  const offline = async (text: string) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`http://127.0.0.1:${PORT}/inspect?token=${TOKEN}&offline`);
    await page.fill('#paste', text);
    await page.click('#analyse');
    return page;
  };

  it('says so when the pasted text holds nothing it reads', async () => {
    const page = await offline('hello, this is not an SDP\n{"foo": 1');
    expect(await page.textContent('#empty')).toContain('Nothing found: no SDP and no ICE candidate in this text');
    expect(await page.textContent('#offlineView')).toContain('Input problems');
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-garbage.png'), fullPage: true });
  });

  it('reads a dropped stats dump (gzip, as Chrome downloads it): the same verdicts as sdpscope ice, and plots of the pairs', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`http://127.0.0.1:${PORT}/inspect?token=${TOKEN}&offline`);
    const gz = readFileSync(join(ROOT, 'samples/lab-lost-mid-call.webrtc_internals_dump.gz'));
    // What a drop does: the file's bytes, inflated in the page (DecompressionStream), then read.
    await page.evaluate(async (bytes) => {
      await (window as unknown as { sdpscopeInspector: { analyseBytes(b: Uint8Array): Promise<void> } }).sdpscopeInspector.analyseBytes(new Uint8Array(bytes));
    }, [...gz]);
    const cli = JSON.parse(spawnSync(process.execPath, [CLI, 'ice', '--json', join(ROOT, 'samples/lab-lost-mid-call.webrtc_internals_dump.gz')], { encoding: 'utf8' }).stdout) as { peerConnections: { id: string; verdict: { code: string; message: string } }[] };
    const verdicts = await page.$$eval('section.ice', (sections) => sections.map((x) => [x.getAttribute('data-pc'), x.querySelector('.verdict')!.textContent]));
    expect(verdicts).toEqual(cli.peerConnections.map((p) => [p.id, `${p.verdict.code}: ${p.verdict.message}`]));
    expect(await page.$$eval('svg.plot path[data-series="RTT (ms)"]', (paths) => paths.length)).toBeGreaterThan(0);
    expect(await page.textContent('#offlineView')).not.toContain('lab-secret');
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-dump.png'), fullPage: true });
  });

  it('reads an offer and an answer pasted as two pretty-printed JSON objects, with no false invalid-json', async () => {
    const pretty = (f: string) => JSON.stringify(JSON.parse(readFileSync(join(ROOT, 'samples', f), 'utf8')), null, 2);
    const page = await offline(`${pretty('offer.json')}\n${pretty('answer.json')}\n`);
    const text = (await page.textContent('#offlineView'))!;
    expect(text).toContain('Negotiation');
    expect(text).not.toContain('invalid-json');
    expect(text).not.toContain('Input problems');
  });

  it('fits a 1280 px window with a codec-heavy negotiation: wide tables scroll inside their panel', async () => {
    const sdp = (f: string) => JSON.stringify({ type: f.includes('offer') ? 'offer' : 'answer', sdp: readFileSync(join(ROOT, 'samples', f), 'utf8') });
    const page = await offline(`${sdp('chromium156-recvonly-offer.sdp')}\n${sdp('chromium156-answer.sdp')}\n`);
    expect(await page.textContent('#offlineView')).toContain('Negotiation');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-1280.png'), fullPage: true });
    expect(width).toBeLessThanOrEqual(1280);
  });
});

/** Sends frames into a room with `sdpscope client` from a file (NDJSON), in the namespace. */
async function sendFrames(room: string, frames: readonly unknown[]): Promise<number | null> {
  const file = join(ARTIFACTS, `frames-${room.replace(/[^a-z0-9]/gi, '_')}-${Date.now()}.ndjson`);
  writeFileSync(file, frames.map((f) => JSON.stringify(f)).join('\n'));
  return exited(ns.spawn(process.execPath, [CLI, 'client', `ws://127.0.0.1:${PORT}`, '--token', TOKEN, '--room', room, '--send', file, '--expect', '0', '--no-color']));
}

describe('hostile frames (pages audit of 2026-12-05)', () => {
  it('the inspector: a frame cannot claim another sender, look-alike room names are told apart, a 45,000 m-line offer is 200 rows, not a frozen page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
    await page.goto(`http://127.0.0.1:${PORT}/inspect?token=${TOKEN}`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'live');
    let sdp = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n';
    while (sdp.length < 900_000) sdp += 'm=audio 9 RTP/AVP 0\r\n';
    await sendFrames('big\u200b', [{ type: 'offer', from: 'someone-else', sdp }]);
    await page.waitForFunction(() => (document.querySelector('section[data-room="big\u200b"]')?.textContent ?? '').includes('more rows'), undefined, { timeout: 30_000 });
    const text = (await page.textContent('section[data-room="big\u200b"]'))!;
    expect(text).toContain('Room "big\\u200b"');
    expect(text).toMatch(/… and \d+ more rows/);
    expect(text).not.toContain('someone-else');
    expect(await page.evaluate(() => document.querySelectorAll('section[data-room="big\u200b"] tr').length)).toBeLessThan(500);
    const started = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - started).toBeLessThan(1000);
    // A bidi override in a frame's type, a codec and a candidate is shown as an escape: it turned the
    // text after it around ("10.0.0.1" read "1.0.0.01"; lab audit), where only room names were escaped.
    const offer = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:\u202eabc\r\na=rtpmap:111 op\u202eus/48000/2\r\n';
    await sendFrames('bidi', [{ type: 'offer', sdp: offer }, { type: 'candidate', candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\u202eabc', sdpMid: '0' }, { type: '\u202eevil\u200b' }]);
    await page.waitForFunction(() => (document.querySelector('section[data-room="bidi"]')?.textContent ?? '').includes('evil'), undefined, { timeout: 10_000 });
    const shown = (await page.textContent('section[data-room="bidi"]'))!;
    expect(shown).not.toMatch(/[\u202e\u200b]/);
    expect(shown).toContain('op\\u202eus');
    expect(shown).toContain('\\u202eevil\\u200b');
  });

  it('the call page: a bad offer is said and leaves no connection behind; a fake relay notice is refused; a line feed stays in its line', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/?token=${TOKEN}&room=hostile&media=data&iceServers=${encodeURIComponent('[{"urls":"stun:127.0.0.1:9"}]')}`);
    await page.click('#startButton');
    await page.waitForFunction(() => (window as unknown as { sdpscopeCall: { state: string } }).sdpscopeCall.state === 'ready');
    expect(await sendFrames('hostile', [{ type: 'relay-notice', event: 'peer-left' }, { type: 'bye\n00:00:00.000 ← relay: forged' }, { type: 'offer', sdp: 'v=0\r\nbogus\r\n' }])).toBe(1);
    await page.waitForFunction(() => (document.getElementById('error')?.textContent ?? '').includes('the offer could not be applied'), undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { sdpscopeCall: { pc: unknown } }).sdpscopeCall.pc)).toBeNull();
    const log = (await page.textContent('#frames'))!;
    // One peer-left: the real one, when the sender left; its fake, sent first, was refused by the relay.
    expect(log.split('\n').filter((l) => l.includes('peer-left'))).toHaveLength(1);
    expect(log.indexOf('peer-left')).toBeGreaterThan(log.indexOf('the offer could not be applied'));
    expect(log).toContain('bye\\n00:00:00.000');
    expect(log.split('\n').filter((l) => l.includes('forged'))).toHaveLength(1);
    // The servers a link chose are said in the log (they had been applied unseen).
    expect(log).toContain("ICE servers (from the link's ?iceServers=): stun:127.0.0.1:9");
  });

  it('the call page: ICE servers that are not JSON or not a list are said, and the call uses none (it had been a console message)', async () => {
    for (const [servers, said] of [['[{urls:', 'ICE servers: not JSON'], ['{"urls":"stun:x"}', 'ICE servers: expected [{"urls"'], ['[{"urls":"turn:127.0.0.1:9"}]', 'ICE servers refused by the browser']] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`http://127.0.0.1:${PORT}/?token=${TOKEN}&room=badservers&media=data&iceServers=${encodeURIComponent(servers)}`);
      await page.click('#startButton');
      await page.waitForFunction(() => (window as unknown as { sdpscopeCall: { state: string } }).sdpscopeCall.state === 'ready');
      expect(await sendFrames('badservers', [{ type: 'offer', sdp: 'v=0\r\nbogus\r\n' }])).toBe(0);
      await page.waitForFunction((s) => (document.getElementById('frames')?.textContent ?? '').includes(s), said, { timeout: 10_000 });
      await page.close();
    }
  });
});

describe('the call page', () => {
  it('answers an offer in the notes\' nested shape, {type, offer: {type, sdp}}: `sdpscope client --send samples/offer.json --expect 1` gets its answer (relay audit: "no sdp string")', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/?token=${TOKEN}&room=nested&media=data`);
    await page.click('#startButton');
    await page.waitForFunction(() => (window as unknown as { sdpscopeCall: { state: string } }).sdpscopeCall.state === 'ready');
    const client = ns.spawn(process.execPath, [CLI, 'client', `ws://127.0.0.1:${PORT}`, '--token', TOKEN, '--room', 'nested', '--send', join(ROOT, 'samples/offer.json'), '--expect', '1', '--timeout', '15000', '--no-color']);
    expect(await exited(client)).toBe(0);
    const sent = await page.evaluate(() => (window as unknown as { sdpscopeCall: { frames: { dir: string; frame: { type?: string; sdp?: string } }[] } }).sdpscopeCall.frames.filter((f) => f.dir === 'sent' && f.frame.type === 'answer'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.frame.sdp).toMatch(/^v=0\r\n/);
    await page.close();
  });

  it('says on the page why it cannot start when there is no camera', async () => {
    // A browser with no fake devices: getUserMedia has nothing to open.
    const bare = await launchChromiumIn(ns, []);
    try {
      const page = await bare.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`http://127.0.0.1:${PORT}/?token=${TOKEN}`);
      await page.click('#startButton');
      await page.waitForFunction(() => (document.getElementById('error')?.textContent ?? '') !== '', undefined, { timeout: 10_000 });
      const error = (await page.textContent('#error'))!;
      expect(error).toMatch(/^cannot start: .+ \(.+\)$/);
      expect(await page.textContent('#state')).toBe('no media');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      await page.screenshot({ path: join(ARTIFACTS, 'call-no-camera.png'), fullPage: true });
    } finally {
      await bare.close();
    }
  });

  it('says on the page why the relay refused it (a wrong token), and Start does not pretend to send (lab audit: "reload the page", then "→ ready")', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/?token=wrong`);
    await page.waitForFunction(() => (document.getElementById('error')?.textContent ?? '') !== '', undefined, { timeout: 10_000 });
    expect(await page.textContent('#error')).toMatch(/^the relay refused this page \(1006\): a missing or wrong \?token=/);
    await page.click('#startButton');
    await page.waitForFunction(() => (document.getElementById('error')?.textContent ?? '').startsWith('cannot start: the relay refused'), undefined, { timeout: 10_000 });
    expect(await page.textContent('#frames')).not.toContain('→ ready');
    await page.close();
  });
});
