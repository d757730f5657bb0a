/**
 * cli/render/description-json.ts: a session-level value past 256 characters is written whole where
 * the input has it and in its marked short form in each m-section's views, in `parse --json` and
 * `sdp-diff --json`; a description without one is written as the model is (the same object).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { descriptionForJson, reportForJson } from '../../cli/render/description-json.js';
import { parseText } from '../../cli/commands/parse.js';
import { diffTexts } from '../../cli/commands/diff.js';
import { negotiate, parseSdp } from '../../src/index.js';
import { markedShortForm } from '../../src/input/session-ufrag.js';
import { sample } from '../support/corpus.js';

const long = (c: string, n: number) => c.repeat(n);
/** Three m-lines under a session-level ufrag, pwd and fingerprint of `n` characters each. */
const sdp = (n: number) =>
  [
    'v=0', 'o=- 1 2 IN IP4 0.0.0.0', 's=-', 't=0 0',
    `a=ice-ufrag:${long('u', n)}`, `a=ice-pwd:${long('p', n)}`, `a=fingerprint:sha-256 ${long('A', n)}`, 'a=setup:actpass',
    ...[0, 1, 2].flatMap((i) => [`m=audio 9 UDP/TLS/RTP/SAVPF 111`, 'c=IN IP4 0.0.0.0', `a=mid:${i}`, 'a=rtpmap:111 opus/48000/2', 'a=rtcp-mux']),
    '',
  ].join('\r\n');

describe('descriptionForJson', () => {
  it('leaves a description whose session values are all within 256 characters as it is (the same object)', () => {
    for (const d of [parseSdp(sdp(256)), parseSdp(JSON.parse(sample('offer.json')).offer.sdp)]) expect(descriptionForJson(d)).toBe(d);
  });

  it('writes each m-section\'s inherited ufrag, pwd and fingerprint in the marked short form, the session and all lines whole', () => {
    const d = parseSdp(sdp(300));
    const j = JSON.parse(JSON.stringify(descriptionForJson(d)));
    expect(j.iceUfrag).toBe(long('u', 300));
    expect(j.icePwd).toBe(long('p', 300));
    expect(JSON.stringify(j.lines)).toBe(JSON.stringify(d.lines));
    for (const [i, m] of (j.media as { ice: { ufrag: string; pwd: string; source: string }; fingerprints: { value: string }[]; lines: unknown }[]).entries()) {
      expect(m.ice).toEqual({ ufrag: markedShortForm(long('u', 300)), pwd: markedShortForm(long('p', 300)), options: [], source: 'session' });
      expect(m.ice.ufrag).toMatch(/^u{32}…\(300 characters, #[0-9a-f]{8}\)$/);
      expect(m.fingerprints.map((f) => f.value)).toEqual([markedShortForm(long('A', 300))]);
      expect(JSON.stringify(m.lines)).toBe(JSON.stringify(d.media[i]!.lines));
    }
    // Everything else as the model has it.
    const strip = (x: Record<string, unknown>) => ({ ...x, media: (x.media as Record<string, unknown>[]).map(({ ice: _i, fingerprints: _f, ...rest }) => rest) });
    expect(strip(j)).toEqual(strip(JSON.parse(JSON.stringify(d))));
  });

  it('a value an m-section writes itself stays whole there, though the session has it too (change audit)', () => {
    const d = parseSdp(sdp(300).replace('a=mid:2\r\n', `a=mid:2\r\na=ice-pwd:${long('p', 300)}\r\n`));
    const media = JSON.parse(JSON.stringify(descriptionForJson(d))).media as { ice: { pwd: string } }[];
    expect(media.map((m) => m.ice.pwd.length)).toEqual([markedShortForm(long('p', 300)).length, markedShortForm(long('p', 300)).length, 300]);
  });
  it('two values that differ have short forms that differ', () => {
    expect(markedShortForm(long('u', 300) + 'a')).not.toBe(markedShortForm(long('u', 300) + 'b'));
  });
});

describe('reportForJson', () => {
  it('is the report itself with no long session value, and shortens the negotiation\'s copies with one', () => {
    const small = parseSdp(sdp(40));
    const n = negotiate(small, small);
    expect(reportForJson(n, [small, small])).toBe(n);
    const big = parseSdp(sdp(300));
    const text = JSON.stringify(reportForJson(negotiate(big, big), [big, big]));
    expect(text).not.toContain(long('u', 257));
    expect(text).toContain(markedShortForm(long('u', 300)));
  });
});

describe('the 853 KB SDP whose 842 KB session ufrag 330 m-lines inherit (fuzz seed 20261205, 20261213)', () => {
  const text = gunzipSync(readFileSync(new URL('../fixtures/fuzz/uncaught-sdp-diff-two-files--session-ufrag-every-m-line.txt.gz', import.meta.url))).toString('utf8');

  it('parse --json writes the ufrag whole once, at the session, and a few MB in all (it wrote 280 MB)', async () => {
    let out = '';
    await parseText(text, 'input', { json: true, color: false }, (s) => void (out += s));
    expect(out.length).toBeLessThan(5_000_000);
    const d = JSON.parse(out).descriptions[0].description;
    expect(d.iceUfrag.length).toBeGreaterThan(800_000);
    expect(d.media.length).toBeGreaterThan(250);
    for (const m of d.media) expect(m.ice.ufrag).toBe(markedShortForm(d.iceUfrag));
  });

  it('sdp-diff --json writes its report (it was OUTPUT_TOO_LARGE after 1.2 GB)', () => {
    let out = '';
    diffTexts([text, text], ['a', 'b'], { json: true, color: false }, (s) => void (out += s));
    expect(out.length).toBeLessThan(5_000_000);
    expect(out).toMatch(/"ufrag": "u{32}…\(\d+ characters, #[0-9a-f]{8}\)"/);
  });
});
