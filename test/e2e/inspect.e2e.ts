/**
 * The inspector in headless Chromium, in a network namespace this test creates: frames sent
 * through the relay by `sdpscope client` (the seed's samples) appear in the page with the
 * right values, computed in the browser; the page never shows a secret; the offline paste
 * works. Screenshots are kept as artifacts.
 */
import { mkdirSync, readFileSync } from 'node:fs';
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
    const page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
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
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-live.png'), fullPage: true });
  });

  it('analyses pasted text offline', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
    await page.goto(`http://127.0.0.1:${PORT}/inspect?token=${TOKEN}&offline`);
    await page.click('#offline summary');
    await page.fill('#paste', readFileSync(join(ROOT, 'samples/call.ndjson'), 'utf8'));
    await page.click('#analyse');
    const text = (await page.textContent('#offlineView'))!;
    expect(text).toContain('Negotiation');
    expect(text).toContain('opus 111/111');
    expect(text).toContain('Candidates of N/KY');
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-offline.png'), fullPage: true });
  });
});
