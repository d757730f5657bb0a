/**
 * The seed's call, for real: the relay and two headless Chromium pages in a network namespace
 * this test creates. Both pages load the relay's call page, press Start, and the call must
 * connect with video decoded on both sides. Then sdpscope's readers are checked against what
 * the browsers themselves report (getStats), on the relay's own log.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createNetns, launchChromiumIn, startRelayIn, type Netns } from './netns.js';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/bin/sdpscope.js');
const ARTIFACTS = join(ROOT, 'artifacts', `call-${new Date().toISOString().replace(/[:.]/g, '-')}`);
const PORT = 53378;

let ns: Netns;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  console.log(`e2e artifacts: ${ARTIFACTS}`);
  ns = createNetns('call');
  await startRelayIn(ns, ['--host', '127.0.0.1', '--port', String(PORT), '--log', join(ARTIFACTS, 'relay.ndjson')]);
  browser = await launchChromiumIn(ns, ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  ns?.remove();
});

type Stats = { type: string; [k: string]: unknown }[];
const stats = (p: Page): Promise<Stats> =>
  p.evaluate(async () => {
    const pc = (window as unknown as { sdpscopeCall: { pc: RTCPeerConnection } }).sdpscopeCall.pc;
    const out: { type: string }[] = [];
    (await pc.getStats()).forEach((s: { type: string }) => out.push(JSON.parse(JSON.stringify(s)) as { type: string }));
    return out;
  });

/** Waits until the page's call has decoded a few video frames (its getStats). */
const videoDecoded = (p: Page): Promise<unknown> =>
  p.waitForFunction(async () => {
    const pc = (window as unknown as { sdpscopeCall: { pc: RTCPeerConnection } }).sdpscopeCall.pc;
    let frames = 0;
    (await pc.getStats()).forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames = s.framesDecoded ?? 0;
    });
    return frames > 5;
  }, undefined, { timeout: 30_000, polling: 250 });

describe('a call through the relay between two Chromium pages', () => {
  let a: Page;
  let b: Page;

  it('connects, and video flows both ways', async () => {
    const context = await browser.newContext();
    a = await context.newPage();
    b = await context.newPage();
    const url = `http://127.0.0.1:${PORT}/?room=e2e`;
    await a.goto(url);
    await b.goto(url);
    await a.click('#startButton');
    await a.waitForFunction(() => (window as unknown as { sdpscopeCall: { state: string } }).sdpscopeCall.state === 'ready');
    await b.click('#startButton');
    for (const p of [a, b]) {
      await p.waitForFunction(() => /ICE (connected|completed)/.test((window as unknown as { sdpscopeCall: { state: string } }).sdpscopeCall.state), undefined, { timeout: 30_000 });
    }
    for (const p of [a, b]) await videoDecoded(p);
    await a.screenshot({ path: join(ARTIFACTS, 'caller.png') });
    await b.screenshot({ path: join(ARTIFACTS, 'callee.png') });
  });

  it('the relay logged every frame, and sdp-diff agrees with the browsers\' codecs', async () => {
    const logPath = join(ARTIFACTS, 'relay.ndjson');
    const frames = readFileSync(logPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { frame?: { type?: string } }).filter((l) => l.frame);
    const sentA = await a.evaluate(() => (window as unknown as { sdpscopeCall: { frames: { dir: string }[] } }).sdpscopeCall.frames.filter((f) => f.dir === 'sent').length);
    const sentB = await b.evaluate(() => (window as unknown as { sdpscopeCall: { frames: { dir: string }[] } }).sdpscopeCall.frames.filter((f) => f.dir === 'sent').length);
    expect(frames).toHaveLength(sentA + sentB);
    expect(frames.map((f) => f.frame!.type)).toEqual(expect.arrayContaining(['ready', 'offer', 'answer', 'candidate']));

    let out: string;
    try {
      out = execFileSync(process.execPath, [join(ROOT, 'dist/bin/sdp-diff.js'), '--json', logPath], { encoding: 'utf8' });
    } catch (e) {
      throw new Error(`sdp-diff failed: ${(e as { stdout?: string }).stdout ?? e}`);
    }
    const n = JSON.parse(out) as { media: { kind: string; status: string; codecs: { negotiated: { mimeType: string; offerPayloadType: number; answerPayloadType: number; role: string | null }[] } }[] };
    expect(n.media.map((m) => [m.kind, m.status])).toEqual([['audio', 'accepted'], ['video', 'accepted']]);
    // The codec each browser sends with is in the negotiated list with the same payload type,
    // and it is the first media codec there.
    for (const [page, side] of [[a, 'offer'], [b, 'answer']] as const) {
      const s = await stats(page);
      for (const kind of ['audio', 'video']) {
        const outbound = s.find((x) => x.type === 'outbound-rtp' && x['kind'] === kind)!;
        const codec = s.find((x) => x.type === 'codec' && x['id'] === outbound['codecId'])!;
        const m = n.media.find((x) => x.kind === kind)!;
        const listed = m.codecs.negotiated.find((c) => c.mimeType.toLowerCase() === String(codec['mimeType']).toLowerCase() && (side === 'offer' ? c.answerPayloadType : c.offerPayloadType) === codec['payloadType']);
        expect(listed).toBeDefined();
        expect(m.codecs.negotiated.find((c) => c.role === null)!.mimeType.toLowerCase()).toBe(String(codec['mimeType']).toLowerCase());
      }
    }
  });

  it('sdpscope candidates on the relay log agrees with each browser\'s local candidates', async () => {
    const out = execFileSync(process.execPath, [CLI, 'candidates', '--json', join(ARTIFACTS, 'relay.ndjson')], { encoding: 'utf8' });
    const report = JSON.parse(out) as { candidates: { address: string; port: number; type: string; priority: number; priorityParts: { typePreference: number } }[]; calls: unknown[] };
    for (const page of [a, b]) {
      const local = (await stats(page)).filter((x) => x.type === 'local-candidate');
      for (const c of local) {
        const found = report.candidates.find((r) => r.address === c['address'] && r.port === c['port']);
        expect(found).toBeDefined();
        expect([found!.type, found!.priority]).toEqual([c['candidateType'], c['priority']]);
      }
    }
    expect(report.calls).toHaveLength(1);
  });

  it('the callee reloads its page and presses Start again: the caller, told peer-left, calls again and video flows (it ignored the new "ready" and both waited for good)', async () => {
    await b.reload();
    await a.waitForFunction(() => (window as unknown as { sdpscopeCall: { state: string } }).sdpscopeCall.state === 'peer left: waiting for it to come back', undefined, { timeout: 10_000 });
    await b.click('#startButton');
    for (const p of [a, b]) {
      await p.waitForFunction(() => /ICE (connected|completed)/.test((window as unknown as { sdpscopeCall: { state: string } }).sdpscopeCall.state), undefined, { timeout: 30_000 });
    }
    await videoDecoded(b);
    // The caller's candidate table sets the second call's candidates apart (relay audit: mixed in with the first's).
    expect(await a.textContent('#candidates')).toContain('call 2');
  });
});

describe('?videoCodecs= on the call page (relay audit)', () => {
  const callIn = async (room: string, codecs: string): Promise<{ caller: Page; callee: Page }> => {
    const context = await browser.newContext();
    const a = await context.newPage();
    const b = await context.newPage();
    const url = `http://127.0.0.1:${PORT}/?room=${room}&videoCodecs=${codecs}`;
    await a.goto(url);
    await b.goto(url);
    await a.click('#startButton');
    await a.waitForFunction(() => (window as unknown as { sdpscopeCall: { state: string } }).sdpscopeCall.state === 'ready');
    await b.click('#startButton');
    return { caller: a, callee: b };
  };
  it('h264,vp9: the offer lists H264 first, then VP9, as given (it listed VP9 first, as the browser does), and the call connects', async () => {
    const { caller, callee } = await callIn('codecs', 'h264,vp9');
    for (const p of [caller, callee]) {
      await p.waitForFunction(() => /ICE (connected|completed)/.test((window as unknown as { sdpscopeCall: { state: string } }).sdpscopeCall.state), undefined, { timeout: 30_000 });
    }
    const offers = await Promise.all([caller, callee].map((p) => p.evaluate(() => {
      const pc = (window as unknown as { sdpscopeCall: { pc: RTCPeerConnection } }).sdpscopeCall.pc;
      return pc.localDescription?.type === 'offer' ? pc.localDescription.sdp : null;
    })));
    const offer = offers.find((o) => o !== null)!;
    const video = offer.split(/^m=/m).find((m) => m.startsWith('video'))!;
    const names = video.split('\n')[0]!.trim().split(' ').slice(3).map((pt) => new RegExp(`^a=rtpmap:${pt} ([^/]+)/`, 'm').exec(video)?.[1]).filter((n) => n !== 'rtx');
    expect([...new Set(names)]).toEqual(['H264', 'VP9']);
  });
  it('a name the browser has no codec for (NOPE): the caller says so, with the codecs it has (it showed the browser\'s "non RTX, RED, FEC" error)', async () => {
    const { caller, callee } = await callIn('nope', 'NOPE');
    const said = async (p: Page) => (await p.textContent('#error')) ?? '';
    await caller.waitForFunction(() => (document.getElementById('error')?.textContent ?? '') !== '', undefined, { timeout: 10_000 }).catch(() => undefined);
    const texts = [await said(caller), await said(callee)];
    expect(texts.some((t) => /the call could not start: \?videoCodecs= names nope, which this browser has no codec for \(it has .*VP8.*\)/.test(t))).toBe(true);
  });
  it('only what carries a codec (red,rtx), with a blank after the comma: said, not the browser\'s own error', async () => {
    const { caller, callee } = await callIn('carriers', 'red,%20rtx');
    await caller.waitForFunction(() => (document.getElementById('error')?.textContent ?? '') !== '', undefined, { timeout: 10_000 }).catch(() => undefined);
    const texts = [(await caller.textContent('#error')) ?? '', (await callee.textContent('#error')) ?? ''];
    expect(texts.some((t) => /\?videoCodecs= names no video codec, only what carries one \(rtx, red, ulpfec, flexfec\): name one of .*VP8/.test(t))).toBe(true);
  });
});

describe('the call page before Start (relay audit)', () => {
  it('an offer that arrives before Start is said on the page, not dropped without a word', async () => {
    const context = await browser.newContext();
    const a = await context.newPage();
    await a.goto(`http://127.0.0.1:${PORT}/?room=early`);
    const b = await context.newPage();
    await b.goto(`http://127.0.0.1:${PORT}/inspect`).catch(() => undefined);
    await b.evaluate(async (port) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/?room=early`);
      await new Promise((r) => ws.addEventListener('open', r));
      ws.send(JSON.stringify({ type: 'offer', sdp: 'v=0\r\n' }));
    }, PORT);
    await a.waitForFunction(() => (document.getElementById('error')?.textContent ?? '') !== '', undefined, { timeout: 10_000 });
    expect(await a.textContent('#error')).toBe('an offer arrived before Start was pressed: not answered (press Start, and have the peer call again)');
  });
});

