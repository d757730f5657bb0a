/**
 * `sdpscope parse` against the browsers' own verdicts on offers made by other stacks
 * (test/fixtures/verdicts/foreign-offers.json.gz, made by `npm run verdicts`: the shared
 * corpus's offers and the audits' real samples, each given as it is to a fresh peer connection's
 * setRemoteDescription in Chromium 156 and Firefox ESR 153). An offer a browser refused must have
 * an error in what `sdpscope parse --type offer` says of it (its own diagnostics and an offer's
 * findings); one it took must have none that says that browser refuses it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ForeignVerdicts } from '../../src/lab/foreign-verdicts.js';
import { parseSdp } from '../../src/sdp/parse.js';
import { sideFindings } from '../../src/negotiation/one-side.js';

const fixture = JSON.parse(gunzipSync(readFileSync(fileURLToPath(new URL('../fixtures/verdicts/foreign-offers.json.gz', import.meta.url)))).toString('utf8')) as ForeignVerdicts;

const rows = fixture.cases.flatMap((c) =>
  (['chromium', 'firefox'] as const).map((b) => {
    // As `sdpscope parse --type offer` says it: the description's own findings and an offer's (sideFindings).
    // As the command reads it: a description whose v= alone is lost (a webrtc-internals page copy) is one.
    const d = parseSdp(c.sdp, { fragment: true });
    const errors = [...d.diagnostics, ...sideFindings(d, 'offer')].filter((x) => x.severity === 'error') as readonly { kind: string; rule?: string; browsers?: Record<string, string> }[];
    return { id: c.id, browser: b, verdict: c.results[b].verdict, rejects: c.results[b].verdict.startsWith('rejects'), errors };
  }),
);

describe('offers of other stacks, as the browsers took them', () => {
  it('the fixture holds at least 80 real offers, each with both browsers\' word, some refused', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(80);
    expect(new Set(fixture.cases.map((c) => c.sdp)).size).toBe(fixture.cases.length);
    expect(rows.filter((r) => r.rejects).length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.rejects).length).toBeGreaterThan(100);
  });

  it.each(rows.filter((r) => r.rejects).map((r) => [`${r.id} (${r.browser}: ${r.verdict.slice(0, 100)})`, r] as const))('%s: an error in the offer', (_name, r) => {
    expect(r.errors.map((d) => d.kind)).not.toEqual([]);
  });

  it('no offer a browser took is said to be refused by that browser', () => {
    const wrong = rows.filter((r) => !r.rejects).flatMap((r) => r.errors.filter((d) => d.browsers?.[r.browser] === 'rejects').map((d) => `${r.id} ${r.browser}: ${d.kind} ${d.rule ?? ''}`));
    expect(wrong).toEqual([]);
  });
});
