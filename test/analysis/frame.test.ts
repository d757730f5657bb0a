import { describeFrame, summarizeFrame } from '../../src/analysis/frame.js';
import { redactFrame, redactText } from '../../src/analysis/redact.js';
import { sample, seedSdp } from '../support/corpus.js';

describe('summarizeFrame', () => {
  it('summarises the seed offer frame', () => {
    const s = summarizeFrame(JSON.parse(sample('offer.json')));
    expect(s).toMatchObject({ kind: 'description', type: 'offer', bundle: ['0', '1'], iceLite: false, fingerprint: 'sha-256', candidates: 0 });
    expect(describeFrame(s)).toBe('offer: audio sendrecv opus,red,G722,PCMU,… · video sendrecv VP8,rtx,H264,AV1,… · ufrag JDVd · setup actpass');
  });
  it('summarises candidate frames of both shapes, end of candidates and signals', () => {
    expect(summarizeFrame({ type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 41885439 203.0.113.9 3478 typ relay raddr 1.1.1.1 rport 2', sdpMid: '0' } })).toMatchObject({ kind: 'candidate', type: 'relay', priority: '2 | 32542 | 1', relayProtocol: 'dtls/udp?', sdpMid: '0' });
    expect(summarizeFrame({ type: 'candidate', candidate: 'candidate:1 1 udp 1 1.1.1.1 99999 typ host' })).toMatchObject({ kind: 'invalid-candidate', code: 'CANDIDATE_PORT' });
    expect(summarizeFrame({ type: 'candidate', candidate: null })).toEqual({ kind: 'end-of-candidates', sdpMid: null });
    expect(summarizeFrame({ type: 'bye' })).toEqual({ kind: 'signal', type: 'bye' });
  });
});

describe('redaction', () => {
  it('replaces ice-pwd with a same-length value that is still a pwd, without touching the input', () => {
    const frame = JSON.parse(sample('offer.json')) as { offer: { sdp: string } };
    const before = JSON.stringify(frame);
    const out = redactFrame(frame) as { offer: { sdp: string } };
    expect(JSON.stringify(frame)).toBe(before);
    expect(out.offer.sdp).not.toContain('kXT7EgT23rvctdmdZUSU0dT1');
    expect(out.offer.sdp).toContain('a=ice-pwd:REDACTEDxxxxxxxxxxxxxxxx\r\n');
    expect(out.offer.sdp.length).toBe(seedSdp('offer').length);
  });
  it('redacts credential-like keys at any depth', () => {
    expect(redactFrame({ iceServers: [{ urls: 'turn:x', username: 'u', credential: 'c' }], token: 't' })).toEqual({ iceServers: [{ urls: 'turn:x', username: 'u', credential: '[redacted]' }], token: '[redacted]' });
  });
  it('redacts what it can find in text that is not JSON', () => {
    expect(redactText('{"type":"turn","credential":"hunter2","x":')).toBe('{"type":"turn","credential":"[redacted]","x":');
    expect(redactText('{"sdp":"v=0\\r\\na=ice-pwd:abcdefghijklmnopqrstuv\\r\\n')).not.toContain('abcdefghijklmnopqrstuv');
  });
});
