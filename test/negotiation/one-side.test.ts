/**
 * sideFindings: what one description breaks of the offer/answer rules once its type is known,
 * held to the browsers' verdicts (test/fixtures/verdicts/mutations.json.gz: real Chromium and
 * Firefox descriptions, each changed in one place and given back to the browser) and to a real
 * thread's gateway offer that Firefox refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { MutationVerdicts } from '../../src/lab/sdp-verdicts.js';
import { sideFindings, untypedFindings } from '../../src/negotiation/one-side.js';
import { negotiate } from '../../src/negotiation/negotiate.js';
import { parseSdp } from '../../src/sdp/parse.js';
import { readInput } from '../../src/input/read.js';
import { SdpscopeError } from '../../src/errors.js';

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
const fixture = JSON.parse(gunzipSync(readFileSync(join(FIXTURES, 'verdicts/mutations.json.gz'))).toString('utf8')) as MutationVerdicts;
const rows = fixture.cases.flatMap((c) =>
  (['chromium', 'firefox'] as const).filter((b) => c.results[b] !== undefined).map((b) => ({ id: c.id, target: c.target, browser: b, r: c.results[b]!, rejects: (x: 'chromium' | 'firefox') => c.results[x]?.verdict.startsWith('rejects') === true })),
);
const errors = (text: string, side: 'offer' | 'answer') => sideFindings(parseSdp(text), side).filter((d) => d.severity === 'error');

describe('sideFindings, held to the browsers', () => {
  it('finds no error in a description a browser made and nobody changed (every case, the side not changed)', () => {
    expect(rows.length).toBeGreaterThan(200);
    for (const x of rows) {
      const [text, side] = x.target === 'offer' ? [x.r.answer, 'answer' as const] : [x.r.offer, 'offer' as const];
      expect([x.id, x.browser, errors(text, side)]).toEqual([x.id, x.browser, []]);
    }
  });

  it('says an error only where a browser refused the changed side, and what it says of each browser is what was measured', () => {
    let said = 0;
    for (const x of rows) {
      const text = x.target === 'offer' ? x.r.offer : x.r.answer;
      for (const d of errors(text, x.target)) {
        said++;
        expect([x.id, x.rejects('chromium') || x.rejects('firefox')]).toEqual([x.id, true]);
        if ('browsers' in d && d.browsers) expect([x.id, d.browsers]).toEqual([x.id, { chromium: x.rejects('chromium') ? 'rejects' : 'accepts', firefox: x.rejects('firefox') ? 'rejects' : 'accepts' }]);
      }
    }
    expect(said).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['setup-actpass', 'answer', ['dtls-role-conflict']],
    ['setup-holdconn', 'answer', ['dtls-role-conflict']],
    ['offer-setup-removed', 'offer', ['offer-setup-missing']],
    ['setup-removed', 'answer', []],
    ['setup-passive', 'answer', []],
    ['offer-setup-active', 'offer', []],
    // Not legal ICE credentials, written: both browsers refuse them (the foreign-offer oracle: a Jitsi offer's "somepwd" had passed).
    ['offer-ice-pwd-short', 'offer', ['invalid-ice-credentials']],
    ['ice-pwd-short', 'answer', ['invalid-ice-credentials']],
    ['ice-ufrag-short', 'answer', ['invalid-ice-credentials']],
    // The answer's data channel without an SCTP port, or port 0 (DTLS audit: sdp-diff alone said it), and an offer's holdconn.
    ['sctp-port-removed', 'answer', ['sctp-port-missing']],
    ['sctp-port-zero', 'answer', ['sctp-port-missing']],
    ['offer-setup-holdconn', 'offer', ['offer-setup-holdconn']],
  ] as const)('%s, read as the %s: errors %j', (id, side, kinds) => {
    const c = fixture.cases.find((x) => x.id === id)!;
    const r = c.results.chromium!;
    expect(new Set(errors(side === 'offer' ? r.offer : r.answer, side).map((d) => d.kind))).toEqual(new Set(kinds));
  });

  it('an offer saying a=setup:active is a warning, an answer without a=setup a warning (both browsers take them, measured)', () => {
    const active = fixture.cases.find((x) => x.id === 'offer-setup-active')!.results.firefox!.offer;
    expect(sideFindings(parseSdp(active), 'offer').map((d) => [d.kind, d.severity])).toContainEqual(['offer-setup-not-actpass', 'warning']);
    const removed = fixture.cases.find((x) => x.id === 'setup-removed')!.results.firefox!.answer;
    expect(sideFindings(parseSdp(removed), 'answer').map((d) => [d.kind, d.severity])).toContainEqual(['missing-setup', 'warning']);
  });

  it('an a=setup that does not read is its own browser finding only (it was "the offer says a=setup:null")', () => {
    const bogus = fixture.cases.find((x) => x.id === 'setup-bogus')!.results.chromium!;
    const offer = parseSdp(bogus.answer.replace(/a=setup:\w+/g, 'a=setup:foo'));
    expect(sideFindings(offer, 'offer')).toEqual([]);
    expect(negotiate(offer, parseSdp(bogus.offer.replace(/a=setup:actpass/g, 'a=setup:active'))).diagnostics.map((d) => d.message).join('\n')).not.toMatch(/null/);
  });

  it('every finding of a side is one negotiate makes of the pair too (one rule, two callers)', () => {
    for (const x of rows) {
      const o = parseSdp(x.r.offer);
      const a = parseSdp(x.r.answer);
      const pair = new Set(negotiate(o, a).diagnostics.map((d) => d.kind));
      for (const d of [...sideFindings(o, 'offer'), ...sideFindings(a, 'answer')]) expect([x.id, d.kind, pair.has(d.kind)]).toEqual([x.id, d.kind, true]);
    }
  });
});

describe('sideFindings on real input', () => {
  it('a FreeSWITCH offer with a fingerprint and no a=setup (SIP.js issue 448: Firefox 55 refused it, "Offer is missing required setup attribute")', () => {
    const text = readFileSync(join(FIXTURES, 'threads/sipjs448_freeswitch_offer_no_setup_firefox55.sdp'), 'utf8');
    const found = sideFindings(parseSdp(text), 'offer');
    expect(found.map((d) => [d.kind, d.severity, d.index, d.mid])).toEqual([['offer-setup-missing', 'error', 0, null]]);
    expect(found[0]!.message).toMatch(/^audio m-line 0: the offer m-line has no a=setup: Firefox rejects it/);
    // As an answer it says no a=setup (RFC 8842 MUST; both browsers take it as active).
    expect(sideFindings(parseSdp(text), 'answer').map((d) => d.kind)).toEqual(['missing-setup']);
  });

  it('readInput carries them for a stated type, and none when no type is stated, for rollback, or for a fragment', () => {
    const sdp = readFileSync(join(FIXTURES, 'threads/sipjs448_freeswitch_offer_no_setup_firefox55.sdp'), 'utf8');
    const frame = (type: string) => JSON.stringify({ type, sdp });
    expect(readInput(frame('offer')).descriptions[0]!.typeFindings.map((d) => d.kind)).toEqual(['offer-setup-missing']);
    expect(readInput(frame('pranswer')).descriptions[0]!.typeFindings.map((d) => d.kind)).toEqual(['missing-setup']);
    expect(readInput(frame('rollback')).descriptions[0]!.typeFindings).toEqual([]);
    expect(readInput(sdp).descriptions[0]!.typeFindings).toEqual([]);
    expect(sideFindings(parseSdp('m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n', { fragment: true }), 'offer')).toEqual([]);
  });

  it('a port-0 m-line (not bundle-only) needs no DTLS setup; a bundle-only one does', () => {
    const sdp = (port: number, extra: string) => `v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\na=fingerprint:sha-256 AA:BB\r\na=setup:actpass\r\na=rtpmap:111 opus/48000/2\r\nm=video ${port} UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\n${extra}a=rtpmap:96 VP8/90000\r\n`;
    expect(sideFindings(parseSdp(sdp(0, '')), 'offer')).toEqual([]);
    expect(sideFindings(parseSdp(sdp(0, 'a=bundle-only\r\n')), 'offer').map((d) => [d.kind, d.index])).toEqual([['offer-setup-missing', 1]]);
  });

  it('refuses what is no description or no side, with INVALID_ARGUMENT', () => {
    expect(() => sideFindings(null as never, 'offer')).toThrow(SdpscopeError);
    expect(() => sideFindings(parseSdp('v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n'), 'rollback' as never)).toThrow(/the side must be "offer" or "answer", got "rollback"/);
  });
});

describe('untypedFindings: a description no input says the side of (Safari audit of 2026-12-06)', () => {
  const offer = readFileSync(fileURLToPath(new URL('../fixtures/offers/safari13_ios__offer__chime_mock_redacted_ufrag_pwd_fingerprint_dash_mixed_eol.sdp', import.meta.url)), 'utf8');
  it('says illegal ICE credentials once for each pair, naming both when both are bad (Chime\'s "a=ice-ufrag:-" had been said only with --type)', () => {
    const f = untypedFindings(parseSdp(offer.replace(/^\r?\n/, '')));
    expect(f.map((d) => [d.kind, d.message])).toEqual([['invalid-ice-credentials', 'audio m-line 0, mid 0: the ufrag "-" (1 char; 4..256 ice-chars) and pwd (1 char; 22..256 ice-chars) are not legal']]);
  });
  it('a session-level pair every m-line inherits is one finding, with how many m-lines share it', () => {
    const sdp = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=ice-ufrag:ab', 'a=ice-pwd:abcdefghijklmnopqrstuvwxyz', 'a=fingerprint:sha-256 ' + Array(32).fill('AB').join(':'), ...[0, 1, 2].flatMap((i) => [`m=audio 9 UDP/TLS/RTP/SAVPF 0`, `a=mid:${i}`]), ''].join('\r\n');
    expect(untypedFindings(parseSdp(sdp)).map((d) => d.message)).toEqual(['audio m-line 0, mid 0 (and 2 more m-lines with the same credentials): the ufrag "ab" (2 chars; 4..256 ice-chars) is not legal']);
  });
  it('the browsers\' own descriptions say nothing', () => {
    for (const name of ['samples/offer.json']) {
      const sdp = (JSON.parse(readFileSync(fileURLToPath(new URL(`../../${name}`, import.meta.url)), 'utf8')) as { offer: { sdp: string } }).offer.sdp;
      expect(untypedFindings(parseSdp(sdp))).toEqual([]);
    }
  });
});

describe('ICE credentials out of RFC 8839 §5.4\'s range, keyed by DTLS or not (real-log audit of 2026-12-07: restcomm/media-core#103)', () => {
  // RestComm's INVITE body as the thread has it (its ^M line ends as CRs): RTP/SAVPF, no fingerprint, a 3-character ufrag.
  const sdp = ['v=0', 'o=- 1458220485782 1 IN IP4 127.0.0.1', 's=Mobicents Media Server', 'c=IN IP4 127.0.0.1', 't=0 0', 'a=ice-lite', 'm=audio 65162 RTP/SAVPF 8 0', 'c=IN IP4 127.0.0.1', 'a=sendrecv', 'a=rtcp-mux', 'a=ice-ufrag:7ia', 'a=ice-pwd:skgrbt8d6881dsdi6k498oocq', ''].join('\r\n');
  it('untyped, and as an offer: invalid-ice-credentials (both browsers refuse a short ufrag, measured: ice-ufrag-short)', () => {
    const d = parseSdp(sdp);
    expect(untypedFindings(d).map((f) => [f.kind, f.message])).toEqual([['invalid-ice-credentials', 'audio m-line 0: the ufrag "7ia" (3 chars; 4..256 ice-chars) is not legal']]);
    expect(sideFindings(d, 'offer').map((f) => f.kind)).toContain('invalid-ice-credentials');
  });
  it('legal credentials there: none', () => {
    expect(untypedFindings(parseSdp(sdp.replace('ice-ufrag:7ia', 'ice-ufrag:7iab')))).toEqual([]);
  });
});

describe('an answer that rejects its group\'s tag, alone (change audit: `parse --type answer` passed an accepted member\'s actpass)', () => {
  const answer = ['v=0', 'o=- 1 2 IN IP4 0.0.0.0', 's=-', 't=0 0', 'a=group:BUNDLE 0 1', `a=fingerprint:sha-256 ${Array(32).fill('AB').join(':')}`, 'a=ice-ufrag:abcd', 'a=ice-pwd:abcdefghijklmnopqrstuvwx',
    'm=audio 0 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=mid:0', 'a=rtcp-mux', 'a=setup:active', 'a=rtpmap:111 opus/48000/2',
    'm=video 9 UDP/TLS/RTP/SAVPF 96', 'c=IN IP4 0.0.0.0', 'a=mid:1', 'a=rtcp-mux', 'a=setup:actpass', 'a=rtpmap:96 VP8/90000', ''].join('\r\n');
  it('bundle-answer-tag-rejected, and the member\'s own actpass is its own (no tag transport to share)', () => {
    expect(sideFindings(parseSdp(answer), 'answer').map((f) => [f.kind, f.mid])).toEqual([['bundle-answer-tag-rejected', '0'], ['dtls-role-conflict', '1']]);
  });
  it('the tag in use: the member\'s actpass is not applied, nothing said', () => {
    expect(sideFindings(parseSdp(answer.replace('m=audio 0 ', 'm=audio 9 ')), 'answer')).toEqual([]);
  });
});
