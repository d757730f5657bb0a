import { describeFrame, summarizeFrame } from '../../src/analysis/frame.js';
import { sample } from '../support/corpus.js';
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
  it('summarises candidate frames of both shapes, end of candidates and signals', () => {
    expect(summarizeFrame({ type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 41885439 203.0.113.9 3478 typ relay raddr 1.1.1.1 rport 2', sdpMid: '0' } })).toMatchObject({ kind: 'candidate', type: 'relay', priority: '2 | 32542 | 1', relayProtocol: 'dtls/udp?', sdpMid: '0' });
    expect(summarizeFrame({ type: 'candidate', candidate: 'candidate:1 1 udp 1 1.1.1.1 99999 typ host' })).toMatchObject({ kind: 'invalid-candidate', code: 'CANDIDATE_PORT' });
    expect(summarizeFrame({ type: 'candidate', candidate: null })).toEqual({ kind: 'end-of-candidates', sdpMid: null });
    expect(summarizeFrame({ type: 'bye' })).toEqual({ kind: 'signal', type: 'bye' });
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
