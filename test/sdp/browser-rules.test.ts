/**
 * sdp-diff against the browsers' own verdicts (test/fixtures/verdicts/mutations.json.gz, made by
 * `npm run verdicts`: real offers and answers of Chromium 156 and Firefox ESR 153, each changed
 * in one place and given back to the browser). For every case and browser, sdp-diff on exactly
 * the texts the browser saw must exit 1 with an error where the browser rejected, and report no
 * error where both browsers accepted; every `browsers` a diagnostic carries must be what the
 * fixture measured; every rule of BROWSER_RULES must stand on a case of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { diffTexts } from '../../cli/commands/diff.js';
import { ActionList } from '../../cli/render/diagnostics.js';
import { BROWSER_RULES, ruleDiagnostic, type BrowserRule } from '../../src/sdp/browser-rules.js';
import { BROWSER_RULE_FIXES, diagnosticAction } from '../../src/sdp/browser-rule-fixes.js';
import { DIAGNOSTICS } from '../../src/diagnostics.js';
import type { MutationVerdicts } from '../../src/lab/sdp-verdicts.js';
import { fileURLToPath } from 'node:url';
import { parseSdp } from '../../src/sdp/parse.js';
import { negotiate } from '../../src/negotiation/negotiate.js';
import { corpusFile } from '../support/corpus.js';

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
type Browser = 'chromium' | 'firefox';
interface Found {
  readonly kind: string;
  readonly severity: string;
  readonly rule?: string;
  readonly browsers?: Record<Browser, 'rejects' | 'accepts'>;
  readonly side?: string;
  readonly in?: string;
}

const fixture = JSON.parse(gunzipSync(readFileSync(join(FIXTURES, 'verdicts/mutations.json.gz'))).toString('utf8')) as MutationVerdicts;

function sdpDiff(offer: string, answer: string): { status: number; found: Found[] } {
  let out = '';
  const status = diffTexts([offer, answer], ['offer', 'answer'], { json: true, color: false }, (s) => (out += s));
  return { status, found: (JSON.parse(out) as { diagnostics: Found[] }).diagnostics };
}

const rows = fixture.cases.flatMap((c) =>
  (['chromium', 'firefox'] as const)
    .filter((b) => c.results[b] !== undefined)
    .map((b) => {
      const r = c.results[b]!;
      const rejects = (x: Browser) => c.results[x]?.verdict.startsWith('rejects') === true;
      return { id: c.id, rule: c.rule, target: c.target, browser: b, r, rejects: rejects(b), bothAccept: !rejects('chromium') && !rejects('firefox'), diff: sdpDiff(r.offer, r.answer) };
    }),
);

describe('sdp-diff says what the browsers say', () => {
  it('the fixture has at least 80 changes each browser took a stand on, in every rule class', () => {
    for (const b of ['chromium', 'firefox'] as const) expect(rows.filter((x) => x.browser === b).length).toBeGreaterThanOrEqual(80);
    expect(new Set(fixture.cases.map((c) => c.rule))).toEqual(new Set(['m-lines', 'directions', 'mids and BUNDLE', 'ICE', 'DTLS', 'rtcp-mux', 'payload types', 'rtx and red', 'codec parameters', 'header extensions', 'ssrc and msid', 'rid and simulcast', 'SCTP', 'syntax']));
    expect(fixture.cases.filter((c) => c.target === 'offer').length).toBeGreaterThanOrEqual(20);
  });

  it.each(rows.filter((x) => x.rejects).map((x) => [`${x.id} (${x.browser}: ${x.r.verdict.slice(0, 90)})`, x] as const))('%s: an error, exit 1', (_name, x) => {
    expect(x.diff.found.filter((d) => d.severity === 'error').map((d) => d.kind)).not.toEqual([]);
    expect(x.diff.status).toBe(1);
  });

  it.each(rows.filter((x) => x.bothAccept).map((x) => [`${x.id} (${x.browser})`, x] as const))('%s: both browsers accept, no error, exit 0', (_name, x) => {
    expect(x.diff.found.filter((d) => d.severity === 'error')).toEqual([]);
    expect(x.diff.status).toBe(0);
  });

  // What was measured: an answer given to the browser (all its findings), an offer given to it
  // (the offer's own findings; the browser's answer to it was never given back to it).
  const measured = (x: (typeof rows)[number]) => x.diff.found.filter((d) => x.target === 'answer' || (d.side === 'offer' && d.in === 'sdp'));

  it('every diagnostic that says a browser rejects is said on a case that browser rejected', () => {
    const wrong = rows.flatMap((x) => measured(x).filter((d) => d.browsers?.[x.browser] === 'rejects' && !x.rejects).map((d) => `${x.id} ${x.browser}: ${d.kind} ${d.rule ?? ''}`));
    expect(wrong).toEqual([]);
  });

  it.each(Object.keys(BROWSER_RULES) as BrowserRule[])('rule %s stands on measured cases, with the browsers it names', (rule) => {
    const hits = rows.filter((x) => measured(x).some((d) => d.rule === rule));
    expect(hits.length).toBeGreaterThan(0);
    // Where it is the only error, a browser it says accepts did accept.
    for (const x of hits.filter((h) => measured(h).filter((d) => d.severity === 'error').every((d) => d.rule === rule))) {
      expect(`${x.id} ${x.browser}: ${x.rejects ? 'rejects' : 'accepts'}`).toBe(`${x.id} ${x.browser}: ${BROWSER_RULES[rule].browsers[x.browser]}`);
    }
  });
});

describe('what was not measured is not claimed (a new-user audit\'s cases)', () => {
  // A c= of the case's own takes the place of the section's (two would be connection-repeated, Firefox's refusal).
  const answer = (lines: string[]) => ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', ...(lines.some((l) => l.startsWith('c=')) ? [] : ['c=IN IP4 0.0.0.0']), 'a=mid:0', 'a=ice-ufrag:abcd', 'a=ice-pwd:abcdefghijklmnopqrstuvwx', `a=fingerprint:sha-256 ${Array(32).fill('AB').join(':')}`, 'a=rtpmap:111 opus/48000/2', ...lines, ''].join('\r\n');
  const rules = (text: string) => parseSdp(text).diagnostics.filter((d) => d.kind === 'rejected-by-browser').map((d) => (d as { rule?: string }).rule);

  it.each([
    ['a=setup:ACTIVE (upper case was not measured; libwebrtc compares without case)', ['a=setup:ACTIVE', 'a=rtcp-mux']],
    ['"a=rtcp-mux " with a trailing blank (the line is there)', ['a=setup:active', 'a=rtcp-mux ']],
    ['a=ssrc:01889325369 (a leading zero, a 32-bit number all the same)', ['a=setup:active', 'a=rtcp-mux', 'a=ssrc:01889325369 cname:x']],
    // Read with rtc::tokenize (empty tokens dropped) and split_whitespace: two blanks or a trailing one are no third token (parse audit: a false error).
    ['a=msid with two blanks between its tokens', ['a=setup:active', 'a=rtcp-mux', 'a=msid:s1  t1']],
    ['a=msid with a trailing blank', ['a=setup:active', 'a=rtcp-mux', 'a=msid:s1 t1 ']],
    // Read as libwebrtc's tokenizer reads it (simulcast audit), so with the RID header extension simulcast needs.
    ['a=simulcast with two blanks after its direction', ['a=setup:active', 'a=rtcp-mux', 'a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', 'a=rid:q recv', 'a=rid:h recv', 'a=simulcast:recv  q;h']],
    // Extra blanks in c= Chromium skips (tokenize_first); a tab after "a=" passes its GetLine (audit of the change: false errors).
    ['c=IN IP4 0.0.0.0 with a trailing blank', ['a=setup:active', 'a=rtcp-mux', 'c=IN IP4 0.0.0.0 ']],
    ['c=IN  IP4 0.0.0.0 (two blanks)', ['a=setup:active', 'a=rtcp-mux', 'c=IN  IP4 0.0.0.0']],
    ['a tab after "a="', ['a=setup:active', 'a=rtcp-mux', 'a=\textmap-allow-mixed']],
    // t= with extra blanks or a tab: Firefox's tokenizer skips them (second audit of the change: a false error).
    ['t=0  0 (two blanks)', ['a=setup:active', 'a=rtcp-mux']],
    // A redaction marker in c= is not what was sent (sdp-diff audit: an error, while the candidates' was "redacted").
    ['c=IN IP4 192.168.*.* (redacted by whoever shared it)', ['a=setup:active', 'a=rtcp-mux', 'c=IN IP4 192.168.*.*']],
  ])('%s: no browser rule', (name, lines) => {
    const text = answer(lines);
    expect(rules(name.startsWith('t=0  0') ? text.replace('t=0 0', 't=0  0') : text)).toEqual([]);
  });

  it('mid-length counts UTF-8 bytes, as the header extension carries them: 16 taken, 17 refused, whatever the characters', () => {
    const withMid = (mid: string) => answer(['a=setup:active', 'a=rtcp-mux']).replace('a=mid:0', `a=mid:${mid}`).replace('a=group:BUNDLE 0', `a=group:BUNDLE ${mid}`);
    for (const [mid, refused] of [['a'.repeat(16), false], ['a'.repeat(17), true], ['é'.repeat(8), false], ['é'.repeat(9), true], ['😀'.repeat(4), false], ['😀'.repeat(5), true]] as const) {
      expect([mid, rules(withMid(mid)).includes('mid-length')]).toEqual([mid, refused]);
    }
  });

  it('an encrypted header extension (RFC 6904) is its URI after the wrapper: two with one id are a duplicate, an encrypted RID extension is the RID extension (parse audit)', () => {
    const enc = (id: number, uri: string) => `a=extmap:${id} urn:ietf:params:rtp-hdrext:encrypt ${uri}`;
    expect(rules(answer(['a=setup:active', 'a=rtcp-mux', enc(1, 'urn:ietf:params:rtp-hdrext:ssrc-audio-level'), enc(1, 'urn:ietf:params:rtp-hdrext:toffset')]))).toEqual(['extmap-id-duplicate']);
    expect(rules(answer(['a=setup:active', 'a=rtcp-mux', enc(1, 'urn:ietf:params:rtp-hdrext:toffset'), enc(1, 'urn:ietf:params:rtp-hdrext:toffset')]))).toEqual([]);
    const sim = ['a=setup:active', 'a=rtcp-mux', 'a=rid:q recv', 'a=rid:h recv', 'a=simulcast:recv q;h'];
    expect(rules(answer([...sim, enc(4, 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id')]))).toEqual([]);
    expect(rules(answer(sim))).toEqual(['simulcast-rid-extension']);
  });

  it('a=ssrc and a=simulcast are read in RTP m-sections only: in a data channel\'s, libwebrtc ignores them (audit of the change: a false error)', () => {
    const data = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 0.0.0.0', 'a=mid:0', 'a=ice-ufrag:abcd', 'a=ice-pwd:abcdefghijklmnopqrstuvwx', `a=fingerprint:sha-256 ${Array(32).fill('AB').join(':')}`, 'a=setup:active', 'a=sctp-port:5000', 'a=ssrc:1234', 'a=ssrc:1235 foo', 'a=simulcast:recv', ''].join('\r\n');
    expect(rules(data)).toEqual([]);
    expect(rules(answer(['a=setup:active', 'a=rtcp-mux', 'a=ssrc:1234']))).toEqual(['ssrc-attribute']);
  });

  it('a payload type of 128 with its a=rtpmap: out of range, not "no a=rtpmap"', () => {
    const d = parseSdp(answer(['a=setup:active', 'a=rtcp-mux', 'a=rtpmap:128 foo/8000']).replace('UDP/TLS/RTP/SAVPF 111', 'UDP/TLS/RTP/SAVPF 111 128'));
    expect(d.diagnostics.map((x) => x.kind)).toEqual(['rejected-by-browser']);
  });

  it('the old data channel form (a number format, a=sctpmap, no a=sctp-port) of the corpus\'s Firefox 46 and Opera calls: no sctp-format error; with a=sctp-port, as measured, one', () => {
    for (const name of ['janusfuzz__firefox46_offer_audio_video_data.sdp', 'janusfuzz__firefox46_answer_recvonly_data.sdp']) {
      const text = corpusFile(`sdp/${name}`);
      expect(text).toMatch(/a=sctpmap:5000 webrtc-datachannel/);
      expect(rules(text)).not.toContain('sctp-format');
      expect(rules(text.replace('a=sctpmap:5000 webrtc-datachannel', 'a=sctp-port:5000\r\na=sctpmap:5000 webrtc-datachannel'))).toContain('sctp-format');
    }
    const [offer, answer_] = ['janusfuzz__firefox46_offer_audio_video_data.sdp', 'janusfuzz__firefox46_answer_recvonly_data.sdp'].map((n) => corpusFile(`sdp/${n}`));
    expect(diffTexts([offer!, answer_!], ['offer', 'answer'], { json: false, color: false }, () => undefined)).toBe(0);
  });

  it('a proto nobody knows, and one mid in two m-sections, are the description\'s own findings', () => {
    const text = answer(['a=setup:active', 'a=rtcp-mux']).replace('a=group:BUNDLE 0', 'a=group:BUNDLE 0').replace('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'm=audio 9 FOO/BAR 111') + 'm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\na=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\n';
    expect(rules(text)).toEqual(['unknown-protocol', 'mid-duplicate']);
  });
});

describe('simulcast-rid-extension reads session-level a=extmap too (audit of the change: a false error)', () => {
  const chromiumOffer = fixture.cases.find((c) => c.id === 'simulcast-recv')!.results.chromium!.offer;
  const rules = (sdp: string) => parseSdp(sdp).diagnostics.filter((d) => d.kind === 'rejected-by-browser').map((d) => (d as { rule?: string }).rule);
  it('every extmap at session level, the RID one among them: no error; none anywhere: the error', () => {
    const lines = chromiumOffer.split('\r\n');
    const extmaps = lines.filter((l) => l.startsWith('a=extmap:') && !l.startsWith('a=extmap-allow-mixed'));
    const rest = lines.filter((l) => !extmaps.includes(l));
    const firstM = rest.findIndex((l) => l.startsWith('m='));
    const sessionLevel = [...rest.slice(0, firstM), ...new Set(extmaps), ...rest.slice(firstM)].join('\r\n');
    expect(rules(chromiumOffer)).not.toContain('simulcast-rid-extension');
    expect(rules(sessionLevel)).not.toContain('simulcast-rid-extension');
    expect(rules(rest.join('\r\n'))).toContain('simulcast-rid-extension');
  });
});

describe('recv rids without their a=rid recv line: what Chromium does is said (audit of the change: "Chromium sends every rid the answer lists")', () => {
  const messages = (id: string) => {
    const r = fixture.cases.find((c) => c.id === id)!.results.chromium!;
    return sdpDiff(r.offer, r.answer).found.filter((d) => d.kind === 'simulcast-layers-dropped').map((d) => (d as { message?: string }).message ?? '');
  };
  it('one rid missing: that layer dropped (measured: q,h,f → q,h)', () => {
    expect(messages('simulcast-recv-rid-missing-one').join('\n')).toContain('rid f has no a=rid … recv line in the answer: Chromium drops that layer (Firefox refuses the answer)');
  });
  it('every a=rid on the send side: one stream (measured: q,h,f → q)', () => {
    expect(messages('simulcast-recv-rid-send').join('\n')).toContain('rid q, h, f have no a=rid … recv line in the answer: Chromium drops those layers and sends one stream, rid q (Firefox refuses the answer)');
  });
  it('all declared: nothing said', () => {
    expect(messages('simulcast-recv')).toEqual([]);
  });
  it('a rid on two a=rid recv lines: every line of it discarded (RFC 8851 §5), that layer dropped by Chromium (measured: q,h,f → q,h), the lines said at parse', () => {
    expect(messages('simulcast-recv-rid-twice').join('\n')).toContain('rid f is on two a=rid lines of the answer, which discards every line of a repeated rid (RFC 8851 §5): Chromium drops that layer (measured; Firefox takes the answer)');
    const r = fixture.cases.find((c) => c.id === 'simulcast-recv-rid-twice')!.results;
    expect([r.chromium!.verdict, r.firefox!.verdict]).toEqual(['accepts', 'accepts']);
    // The simulcast row says it too: f not received (README-as-typed audit: f ✓ beside the warning).
    expect(messages('simulcast-recv-rid-twice').join('\n')).toMatch(/the answer receives q, h: f is not sent; rid f is on two a=rid lines/);
    expect(negotiate(parseSdp(r.chromium!.offer), parseSdp(r.chromium!.answer)).media.find((m) => m.simulcast)?.simulcast?.layers.map((l) => [l.rids.join(','), l.received])).toEqual([['q', true], ['h', true], ['f', false]]);
    const said = parseSdp(r.chromium!.answer).diagnostics.filter((d) => d.kind === 'rid-discarded');
    expect(said.map((d) => d.message)).toEqual([expect.stringMatching(/^a=rid "f" is on lines \d+, \d+: a repeated rid id has every a=rid line of it discarded \(RFC 8851 §5\)/)]);
  });
  it('a rid whose pt= names no payload type of the m= line: said at parse, no layer said dropped (measured: Chromium keeps q,h,f; both browsers take it)', () => {
    expect(messages('simulcast-recv-rid-pt-absent')).toEqual([]);
    const r = fixture.cases.find((c) => c.id === 'simulcast-recv-rid-pt-absent')!.results;
    expect([r.chromium!.verdict, r.firefox!.verdict]).toEqual(['accepts', 'accepts']);
    expect(parseSdp(r.chromium!.answer).diagnostics.filter((d) => d.kind === 'rid-discarded').map((d) => d.message)).toEqual(['a=rid:f pt=55: no payload type of it is on the m= line: RFC 8851 §5 discards the a=rid line, and the rid with it (Chromium 156 keeps the layer: measured)']);
    // Some of pt= on the m= line: those not dropped from it.
    const partly = r.chromium!.answer.replace('a=rid:f recv pt=55', 'a=rid:f recv pt=55,96');
    expect(parseSdp(partly).diagnostics.filter((d) => d.kind === 'rid-discarded').map((d) => d.message)).toEqual(['a=rid:f pt=55,96: 55 is not on the m= line: RFC 8851 §5 drops it from pt=']);
  });
  it('a rid whose parameters are joined by a blank after pt= (HexMeet\'s): said as such, not as a payload type absent from the m= line (sdp-diff audit; both browsers take it, measured)', () => {
    const r = fixture.cases.find((c) => c.id === 'simulcast-recv-rid-params-blank')!.results;
    expect([r.chromium!.verdict, r.firefox!.verdict]).toEqual(['accepts', 'accepts']);
    const said = parseSdp(r.chromium!.answer).diagnostics.filter((d) => d.kind === 'rid-discarded').map((d) => d.message);
    expect(said).toEqual([expect.stringMatching(/^a=rid:f pt=\d+ max-br=1137; max-temp-layers=2: its parameters are joined by a blank, not ";" \(RFC 8851 §10: pt=\d+;max-br=…\), so the line does not read: RFC 8851 §5 discards it, and the rid with it; both browsers take the description, and Chromium drops the rid's layer \(measured\)$/)]);
    // The layer said dropped in the negotiation too (audit of the change: Chromium dropped it, measured; the row had read f ✓).
    const n = negotiate(parseSdp(r.chromium!.offer), parseSdp(r.chromium!.answer));
    const video = n.media.find((m) => m.simulcast !== null)!;
    expect(video.simulcast!.layers.find((l) => l.rids.includes('f'))!.received).toBe(false);
    expect(n.diagnostics.filter((d) => d.kind === 'simulcast-layers-dropped').map((d) => d.message)).toEqual([expect.stringMatching(/rid f has its a=rid line's parameters joined by a blank, not ";" \(RFC 8851 §10\): Chromium cannot read it and drops that layer \(measured\)$/)]);
  });
});

describe('what to do about a refusal: each rule\'s fix', () => {
  it.each(Object.keys(BROWSER_RULES) as BrowserRule[])('rule %s has a fix, one or two sentences, that diagnosticAction gives for its findings', (rule) => {
    const fix = BROWSER_RULE_FIXES[rule];
    expect(fix).toMatch(/^[A-Z].{20,250}\.$/s);
    const d = ruleDiagnostic(rule, 'detail', { line: 3, column: null, mid: null });
    expect(diagnosticAction(d)).toEqual({ label: `rejected-by-browser (${rule})`, action: fix });
  });
  it('refusals past the bound, counted and not listed, still get their rules\' fixes (audit of the change: an sctp-port error after 120 bad ssrcs lost its fix)', () => {
    const base = fixture.cases.find((c) => c.id === 'simulcast-recv')!.results.chromium!.offer;
    const at = base.indexOf('a=mid:0\r\n') + 'a=mid:0\r\n'.length;
    const sdp = base.slice(0, at) + Array.from({ length: 120 }, (_, i) => `a=ssrc:abc${i} cname:x\r\n`).join('') + 'a=sctp-port:70000\r\n' + base.slice(at);
    const d = parseSdp(sdp).diagnostics;
    const elided = d.find((x) => x.kind === 'diagnostics-elided' && x.of === 'rejected-by-browser') as { rules?: readonly string[] } | undefined;
    expect(elided?.rules).toEqual(['ssrc-syntax', 'sctp-port-range']);
    const listed = new ActionList().add(d).entries;
    expect(listed.get('rejected-by-browser (sctp-port-range)')).toBe(BROWSER_RULE_FIXES['sctp-port-range']);
  });

  it('another kind gets its kind\'s action, labelled by the kind', () => {
    const d = parseSdp('v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtcp-mux\r\na=mid:0\r\n').diagnostics.find((x) => x.kind !== 'rejected-by-browser')!;
    expect(diagnosticAction(d)).toEqual({ label: d.kind, action: DIAGNOSTICS[d.kind].action });
  });
  it('a diagnostic that is not one (a dashboard\'s JSON from elsewhere) is INVALID_ARGUMENT, not a TypeError (library audit)', () => {
    for (const [d, reason] of [
      [undefined, /^diagnosticAction: the diagnostic must be an object with kind, got undefined/],
      [null, /must be an object with kind, got null/],
      [{}, /must be an object with kind/],
      [{ kind: 'future-kind' }, /^diagnosticAction: "future-kind" is not a kind of diagnostic this version of sdpscope knows/],
      [{ kind: 'rejected-by-browser' }, /needs its rule/],
      [{ kind: 'diagnostics-elided', of: 'rejected-by-browser', count: 3, rules: 'x' }, /rules must be a list of rule names/],
    ] as const) expect(() => diagnosticAction(d as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', reason: expect.stringMatching(reason) }));
  });
  it('sdp-diff on an answer Chromium refused (simulcast without the RID extension): the rule\'s fix in --json and in "what to do"', () => {
    const r = fixture.cases.find((c) => c.id === 'simulcast-recv')!.results.chromium!;
    const answer = r.answer.replace(/a=extmap:\d+ urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n/g, '');
    expect(answer).not.toBe(r.answer);
    const json = sdpDiff(r.offer, answer);
    expect(json.status).toBe(1);
    const found = json.found.filter((d) => d.rule === 'simulcast-rid-extension') as (Found & { action?: string })[];
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) expect(d.action).toBe(BROWSER_RULE_FIXES['simulcast-rid-extension']);
    let text = '';
    diffTexts([r.offer, answer], ['offer', 'answer'], { json: false, color: false }, (s) => (text += s));
    const actions = text.slice(text.indexOf('what to do'));
    expect(actions).toContain(`  rejected-by-browser (simulcast-rid-extension): ${BROWSER_RULE_FIXES['simulcast-rid-extension']}`);
    expect(actions).not.toContain(DIAGNOSTICS['rejected-by-browser'].action);
  });
});

describe('session-line-order (Chromium, measured by ten changes in the browser oracle)', () => {
  const rules = (session: string[]) => parseSdp([...session, 'm=audio 9 UDP/TLS/RTP/SAVPF 0', 'a=mid:0', ''].join('\r\n')).diagnostics.filter((d) => d.kind === 'rejected-by-browser' && d.rule === 'session-line-order').map((d) => [d.line, d.message]);
  it('is silent on RFC 8866 §5\'s order, t= and r= repeated, and lines of no known letter (their own rule)', () => {
    expect(rules(['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'i=x', 'c=IN IP4 0.0.0.0', 'b=AS:1', 't=0 0', 'r=7d 1h 0 25h', 't=0 0', 'a=group:BUNDLE 0'])).toEqual([]);
    expect(rules(['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'x=1', 'a=group:BUNDLE 0'])).toEqual([]);
  });
  it('two c= at session level are one finding, both browsers refusing (measured); two in an m-section, Firefox alone', () => {
    const two = parseSdp(['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 0.0.0.0', 'c=IN IP4 0.0.0.0', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 0', 'c=IN IP4 0.0.0.0', 'c=IN IP4 0.0.0.0', 'a=mid:0', ''].join('\r\n'));
    expect(two.diagnostics.filter((d) => d.kind === 'rejected-by-browser' && /c=/.test(d.message)).map((d) => [d.line, d.message])).toEqual([
      [5, 'a second c= at session level: Chromium and Firefox reject it'],
      [9, 'a second c= in one m-section: Firefox rejects it (Chromium accepts)'],
    ]);
  });
  it('says the first line out of order, once', () => {
    expect(rules(['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'b=AS:1000', 'c=IN IP4 0.0.0.0'])).toEqual([[6, 'b= after a= at session level (RFC 8866 §5 puts b= first): Chromium rejects it (Firefox accepts)']]);
    expect(rules(['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 't=0 0', 's=-'])).toEqual([[4, 's= after t= at session level (RFC 8866 §5 puts s= first): Chromium rejects it (Firefox accepts)']]);
  });
  it('is not said of a fragment, nor where a required line is missing (missing-line says it)', () => {
    const fragment = parseSdp(['o=- 1 1 IN IP4 127.0.0.1', 'a=x', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 0', ''].join('\r\n'), { fragment: true });
    expect(fragment.diagnostics.filter((d) => d.kind === 'rejected-by-browser' && d.rule === 'session-line-order')).toEqual([]);
    expect(rules(['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 'a=x', 's=-'])).toEqual([]);
  });
});
