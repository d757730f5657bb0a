/**
 * negotiate held to the browsers' own answers to offers of other stacks
 * (test/fixtures/verdicts/foreign-offers.json.gz: each offer given to Chromium 156 and Firefox ESR
 * 153, and the answer each made with createAnswer). Each codec a browser put in its answer is one
 * that sdpscope's codec matching (libwebrtc's rules: names, clock rates, channels, H.264 profiles
 * and packetization modes, VP9 profiles, rtx apt, red) negotiates for that m-line, and nothing
 * about codecs or payload types is said of an answer the browser made itself.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ForeignVerdicts } from '../../src/lab/foreign-verdicts.js';
import { negotiate } from '../../src/negotiation/negotiate.js';
import { parseSdp } from '../../src/sdp/parse.js';

const fixture = JSON.parse(gunzipSync(readFileSync(fileURLToPath(new URL('../fixtures/verdicts/foreign-offers.json.gz', import.meta.url)))).toString('utf8')) as ForeignVerdicts;
const pairs = fixture.cases.flatMap((c) => (['chromium', 'firefox'] as const).flatMap((b) => (c.results[b].answer !== undefined ? [{ id: c.id, browser: b, offer: c.sdp, answer: c.results[b].answer! }] : [])));

describe('the browsers\' answers to offers of other stacks, as negotiate reads them', () => {
  it('the fixture holds at least 150 answers the browsers made', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(150);
  });

  it('every codec of every answer is negotiated, and nothing is said of codecs or payload types', () => {
    const wrong: string[] = [];
    for (const p of pairs) {
      const answer = parseSdp(p.answer);
      const n = negotiate(parseSdp(p.offer), answer);
      for (const m of n.media) {
        const am = answer.media[m.index];
        if (am === undefined || am.port === 0) continue;
        const negotiated = new Set(m.codecs.negotiated.map((x) => x.answerPayloadType));
        for (const c of am.codecs) if (!negotiated.has(c.payloadType)) wrong.push(`${p.id} ${p.browser} m-line ${m.index}: ${c.payloadType} ${c.name} not negotiated`);
      }
      for (const d of n.diagnostics) if (/codec|payload/.test(d.kind)) wrong.push(`${p.id} ${p.browser}: ${d.kind} ${d.message.slice(0, 100)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the check is not idle: an answer codec the offer does not have is said (a control)', () => {
    const p = pairs.find((x) => /a=rtpmap:\d+ VP8\/90000/.test(x.answer))!;
    const answer = parseSdp(p.answer.replace(/a=rtpmap:(\d+) VP8\/90000/, 'a=rtpmap:$1 VP7/90000'));
    expect(negotiate(parseSdp(p.offer), answer).diagnostics.map((d) => d.kind)).toContain('answer-codec-not-offered');
  });
});
