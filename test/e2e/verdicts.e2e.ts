/**
 * The browser verdicts sdpscope's rules are held to (test/fixtures/verdicts/*.json), asked of
 * Chromium again on every run, in a network namespace this test creates: each answer, munged
 * as the fixture says, given to setRemoteDescription after the matching offer.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { createNetns, launchChromiumIn, type Netns } from './netns.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
let ns: Netns;
let browser: Browser;

beforeAll(async () => {
  ns = createNetns('verdicts');
  browser = await launchChromiumIn(ns, []);
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  ns?.remove();
});

describe('Chromium still gives the verdicts of the fixtures', () => {
  it('a=fingerprint', async () => {
    const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/verdicts/fingerprint.json'), 'utf8')) as { browser: string; cases: Record<string, string> };
    const page = await browser.newPage();
    await page.goto('about:blank');
    const verdicts = await page.evaluate(async (values: string[]) => {
      const out: Record<string, string> = {};
      for (const value of values) {
        const offerer = new RTCPeerConnection();
        offerer.createDataChannel('x');
        const answerer = new RTCPeerConnection();
        await offerer.setLocalDescription();
        await answerer.setRemoteDescription(offerer.localDescription!);
        await answerer.setLocalDescription();
        const sdp = answerer.localDescription!.sdp.replace(/a=fingerprint:[^\r\n]+/, `a=fingerprint:${value}`);
        out[value] = await offerer.setRemoteDescription({ type: 'answer', sdp }).then(
          () => 'accepts',
          (e: Error) => `rejects: ${e.message.replace(/^Failed to execute 'setRemoteDescription' on 'RTCPeerConnection': /, '')}`,
        );
        offerer.close();
        answerer.close();
      }
      return out;
    }, Object.keys(fixture.cases));
    // A case saved as plain "rejects" holds for any reason; the others for the same text.
    for (const [value, verdict] of Object.entries(fixture.cases)) {
      if (verdict === 'rejects') expect(verdicts[value]).toMatch(/^rejects/);
      else expect([value, verdicts[value]]).toEqual([value, verdict]);
    }
  });
});
