import fc from 'fast-check';
import { describeFrame, summarizeByWalk, summarizeFrame } from '../../src/analysis/frame.js';
import { candidateLines, sample, sdpFiles, seedSdp } from '../support/corpus.js';
import { redactFrame } from '../../src/analysis/redact.js';

describe('summarizeFrame', () => {
  it('summarises the seed offer frame', () => {
    const s = summarizeFrame(JSON.parse(sample('offer.json')));
    expect(s).toMatchObject({ kind: 'description', type: 'offer', bundle: ['0', '1'], iceLite: false, fingerprint: 'sha-256', candidates: 0 });
    expect(describeFrame(s)).toBe('offer: audio sendrecv opus,red,G722,PCMU,… · video sendrecv VP8,rtx,H264,AV1,… · ufrag JDVd · setup actpass');
  });
  it('an offer with no m-line says so (README walk: "offer:  · ufrag - · setup -")', () => {
    const s = summarizeFrame({ type: 'offer', sdp: 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=ice-ufrag:abcd\r\n' });
    expect(describeFrame(s)).toBe('offer: no m-line');
  });
  it('an offer or answer whose SDP did not read says so (lab audit: a plain "offer" in the inspector\'s timeline)', () => {
    for (const frame of [{ type: 'offer', sdp: 5 }, { type: 'offer' }, { type: 'answer', sdp: 'hello' }]) expect(describeFrame(summarizeFrame(frame))).toMatch(/^(offer|answer): no SDP read \(none, not a string, or not an SDP\)$/);
    expect(describeFrame(summarizeFrame({ type: 'bye' }))).toBe('bye');
  });
  it('summarises candidate frames of both shapes, end of candidates and signals', () => {
    expect(summarizeFrame({ type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 41885439 203.0.113.9 3478 typ relay raddr 1.1.1.1 rport 2', sdpMid: '0' } })).toMatchObject({ kind: 'candidate', type: 'relay', priority: '2 | 32542 | 1', relayProtocol: 'dtls/udp?', sdpMid: '0' });
    expect(summarizeFrame({ type: 'candidate', candidate: 'candidate:1 1 udp 1 1.1.1.1 99999 typ host' })).toMatchObject({ kind: 'invalid-candidate', code: 'CANDIDATE_PORT' });
    expect(summarizeFrame({ type: 'candidate', candidate: null })).toEqual({ kind: 'end-of-candidates', sdpMid: null });
    expect(summarizeFrame({ type: 'bye' })).toEqual({ kind: 'signal', type: 'bye' });
  });
  it('a data channel\'s m-line is said as one, not a blank codec list (relay/client audit: "application sendrecv  · ufrag")', () => {
    const sdp = 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=sendrecv\r\na=ice-ufrag:abcd\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port:5000\r\n';
    expect(describeFrame(summarizeFrame({ type: 'offer', sdp }))).toBe('offer: audio sendrecv opus · data channel · ufrag abcd · setup -');
  });
  it('a candidate frame whose candidate does not start as one is an invalid candidate with its reason, not a plain signal (relay/client audit: "candidate")', () => {
    const said = (f: unknown) => describeFrame(summarizeFrame(f));
    expect(said({ type: 'candidate', candidate: 'garbage', sdpMid: '0' })).toBe('invalid candidate (CANDIDATE_PREFIX): expected "candidate:" or "a=candidate:", found "garbage"');
    expect(summarizeFrame({ candidate: '1 1 udp 2122260223 10.0.0.1 5000 typ host', sdpMLineIndex: 0 })).toMatchObject({ kind: 'invalid-candidate', code: 'CANDIDATE_PREFIX' });
    expect(summarizeFrame({ type: 'candidate', candidate: { candidate: 'foo', sdpMid: '0' } })).toMatchObject({ kind: 'invalid-candidate', code: 'CANDIDATE_PREFIX' });
    // A "candidate" member of a frame that says nothing of ICE is no candidate.
    expect(summarizeFrame({ type: 'chat', candidate: 'Bob' })).toEqual({ kind: 'signal', type: 'chat' });
  });
});

describe('frames that are not JSON values (library audit: a cycle hung summarizeFrame and redactFrame, shared parts took exponential time)', () => {
  it('a cycle or a shared object is INVALID_ARGUMENT, at once', () => {
    const o: Record<string, unknown> = { type: 'offer' };
    o['a'] = o;
    let v: Record<string, unknown> = { x: 1 };
    for (let i = 0; i < 40; i++) v = { a: v, b: v };
    const started = Date.now();
    for (const f of [o, v]) {
      expect(() => summarizeFrame(f)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('holds the same object twice') }));
      expect(() => redactFrame(f)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
    expect(Date.now() - started).toBeLessThan(1000);
    // The same value twice is fine when it is not an object.
    expect(summarizeFrame({ type: 'ready', a: 'x', b: 'x' })).toEqual({ kind: 'signal', type: 'ready' });
  });
});

describe('the one-pass summaries (description-summary.ts, trickled candidates) say what the walk over parseSdp\'s model says', () => {
  /** Every real SDP of the corpus, the seed's two, and the lines a summary reads, written oddly. */
  const SDPS = [...sdpFiles().map((f) => f.text), seedSdp('offer'), seedSdp('answer')];
  const ODD_LINES = [
    'a=mid:', 'a=mid:x y', 'a=midx:1', 'a=setup:ACTPASS', 'a=setup:passive', 'a=setup:', 'a=sendrecv:', 'a=sendonly', 'a=recvonly', 'a=inactive', 'a=inactive ',
    'a=ice-ufrag:', 'a=ice-ufrag:U1', 'a=ice-pwd:', 'a=ice-pwd:P1', 'a=ice-lite', 'a=ice-lite:', 'a=group:BUNDLE', 'a=group:bundle 0', 'a=group:LS 0 1', 'a=group:BUNDLE 9',
    'a=fingerprint:sha-1 AB', 'a=fingerprint:x', 'a=rtpmap:96 VP9/90000', 'a=rtpmap:096 H265/90000', 'a=rtpmap:200 X/1', 'a=rtpmap:0 PCMA/8000', 'a=rtpmap:8 x/y',
    'a=candidate', 'a=candidate:1 1 udp 1 1.1.1.1 1 typ host', 'a=candidate:bad', 'a=candidatex:1', 'm=audio 9 UDP/TLS/RTP/SAVPF 0 8 96 200 abc', 'm=video 0 RTP/AVP 34',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'm=audio x RTP/AVP 0', 'm=audio 9', 'M=audio 9 RTP/AVP 0', 'A=mid:9', 'a=Mid:7', 'a=mid:é', 'a=rtpmap:97 opus/48000/2\r', '',
  ];
  /** What the summary inherits or falls back on: every line of one attribute dropped, or a line put at session level. */
  const DROPPED = ['a=setup:', 'a=ice-ufrag:', 'a=ice-pwd:', 'a=mid:', 'a=fingerprint:', 'a=sendrecv', 'a=sendonly', 'a=recvonly', 'a=rtpmap:', 'a=group:'];
  const mutate = (sdp: string, at: number, line: string, replace: boolean): string => {
    const lines = sdp.split('\n');
    if (replace && at % 3 === 0) return lines.filter((l) => !l.startsWith(DROPPED[at % DROPPED.length]!)).join('\n');
    const i = at % 4 === 1 ? Math.min(2, lines.length) : at % (lines.length + 1);
    lines.splice(i, replace ? 1 : 0, line);
    return lines.join('\n');
  };
  const sdp = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...SDPS) },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...SDPS), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ODD_LINES), fc.boolean()), { minLength: 1, maxLength: 8 }), fc.constantFrom('\r\n', '\n', '\r'))
      .map(([s, edits, eol]) => edits.reduce((t, [at, l, r]) => mutate(t, at, l, r), s).replace(/\r?\n/g, eol === '\r' ? '\r\n' : eol)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SDPS), fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\ufeffv=0\r\n', 'x=0\r\n', 'v=0', 'v=0\r\nm=audio 9 RTP/AVP 0\r\na=sendonly\r\n') },
  );
  const type = fc.constantFrom('offer', 'Answer', 'pranswer', 'candidate', 7, undefined);

  it('on every real SDP as it is', () => {
    for (const text of SDPS) expect(summarizeFrame({ type: 'offer', sdp: text })).toEqual(summarizeByWalk({ type: 'offer', sdp: text }));
  });

  it('on real SDPs changed where a summary reads them, in frames of every shape', () => {
    fc.assert(
      fc.property(sdp, type, fc.constantFrom('plain', 'extra', 'dump', 'nested', 'nested-untyped', 'nested-inert', 'nested-walked', 'two'), (text, t, shape) => {
        const frame = shape === 'plain' ? { type: t, sdp: text }
          : shape === 'extra' ? { type: t, sdp: text, candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ host', t: 1 }
          : shape === 'dump' ? { sdp: text, PeerConnections: { '1': { updateLog: [{ type: 'setRemoteDescription', value: `type: answer, sdp: ${text}` }] } } }
          : shape === 'nested' ? { type: t, offer: { type: t, sdp: text } }
          : shape === 'nested-untyped' ? { type: t, answer: { sdp: text } }
          : shape === 'nested-inert' ? { room: 'r1', type: t, offer: { sdp: text, type: 'answer' }, n: 3, ok: true, note: 'hello' }
          : shape === 'nested-walked' ? { type: t, offer: { type: t, sdp: text }, note: 'candidate:1 1 udp 1 1.1.1.1 1 typ host', list: [{ candidate: 'candidate:2 1 udp 1 2.2.2.2 2 typ host' }] }
          : { type: t, a: { type: 'offer', sdp: 'v=0\r\nm=audio 9 RTP/AVP 0\r\n' }, b: { type: 'answer', sdp: text } };
        expect(summarizeFrame(frame)).toEqual(summarizeByWalk(frame));
      }),
      { numRuns: 1000, seed: 20261205 },
    );
  });

  it('on trickled candidates, real and mutated, as a frame and as an RTCIceCandidateInit in one', () => {
    const REAL = candidateLines().map((l) => l.text.slice(Math.max(0, l.text.indexOf('candidate:')))).filter((l) => l.startsWith('candidate:'));
    const cand = fc.oneof(
      fc.constantFrom(...REAL),
      fc.tuple(fc.constantFrom(...REAL), fc.nat(), fc.constantFrom(' ', '\r\n', 'x', '99999', ':', '', 'typ relay', 'a=')).map(([c, at, n]) => c.slice(0, at % (c.length + 1)) + n + c.slice(at % (c.length + 1))),
      fc.constantFrom('', 'candidate:', 'a=candidate:1 1 udp 1 1.1.1.1 1 typ host', 'Candidate:1 1 udp 1 1.1.1.1 1 typ host', 'candidate:1 1 udp 1 1.1.1.1 1 typ host\r\n'),
    );
    const mid = fc.oneof(fc.constantFrom('0', 'audio'), fc.constant(0), fc.constant(null), fc.constant(undefined));
    fc.assert(
      fc.property(cand, mid, fc.constantFrom('ufrag', '', undefined), fc.constantFrom('flat', 'init', 'init-sdp', 'init-null', 'list'), (c, m, u, shape) => {
        const init = { candidate: c, sdpMid: m, sdpMLineIndex: 0, usernameFragment: u };
        const frame = shape === 'flat' ? { type: 'candidate', ...init }
          : shape === 'init' ? { type: 'candidate', candidate: init }
          : shape === 'init-sdp' ? { type: 'candidate', candidate: { ...init, sdp: 'v=0\r\n' } }
          : shape === 'init-null' ? { type: 'candidate', candidate: null, sdpMid: m }
          : { type: 'candidate', candidate: [init] };
        expect(summarizeFrame(frame)).toEqual(summarizeByWalk(frame));
      }),
      { numRuns: 600, seed: 20261205 },
    );
  });
});
