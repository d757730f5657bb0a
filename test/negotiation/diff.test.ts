import { diffDescriptions, type ChangeKind } from '../../src/negotiation/diff.js';
import { parseSdp } from '../../src/sdp/parse.js';
import { seedSdp } from '../support/corpus.js';
import { buildSdp, H264_CB_PM1, VP8, type SessionSpec } from '../support/sdp-builder.js';

const kinds = (a: SessionSpec, b: SessionSpec): ChangeKind[] => diffDescriptions(parseSdp(buildSdp(a)), parseSdp(buildSdp(b))).changes.map((c) => c.kind);

describe('diffDescriptions (renegotiation)', () => {
  it('finds nothing between a description and itself', () => {
    const d = diffDescriptions(parseSdp(seedSdp('offer')), parseSdp(seedSdp('offer')));
    // Unchanged, the version stays: only a change must raise it (RFC 3264 §8).
    expect(d).toEqual({ sameSession: true, changes: [] });
  });

  it('says a changed description must raise its version', () => {
    const after = seedSdp('offer').replace('a=sendrecv', 'a=sendonly');
    const d = diffDescriptions(parseSdp(seedSdp('offer')), parseSdp(after));
    expect(d.changes.map((c) => c.kind)).toEqual(['version-not-increased', 'direction-changed']);
  });

  it('says two different sessions are not a renegotiation', () => {
    const d = diffDescriptions(parseSdp(seedSdp('offer')), parseSdp(seedSdp('answer')));
    expect(d.sameSession).toBe(false);
    expect(d.changes[0]!.kind).toBe('session-changed');
  });

  it('finds codecs added, removed and reordered', () => {
    const before: SessionSpec = { media: [{ formats: '96 97 102 103', codecs: [...VP8, ...H264_CB_PM1] }] };
    expect(kinds(before, { version: 3, media: [{ formats: '102 103 96 97', codecs: [...VP8, ...H264_CB_PM1] }] })).toEqual(['codecs-reordered']);
    expect(kinds(before, { version: 3, media: [{ formats: '96 97', codecs: VP8 }] })).toEqual(['codec-removed', 'codec-removed']);
    expect(kinds({ version: 2, media: [{}] }, { version: 3, media: [{ formats: '96 97 102 103', codecs: [...VP8, ...H264_CB_PM1] }] })).toEqual(['codec-added', 'codec-added']);
  });

  it('finds a new media address or port, and rtcp-mux added or removed, but not the placeholder gathering fills in (RFC audit: RFC 3264 §10.1\'s re-offer moved audio 49920 → 65422 unsaid)', () => {
    const sdp = (port: number, addr: string, mux: boolean) => ['v=0', 'o=- 1 2 IN IP4 192.0.2.1', 's=-', `c=IN IP4 ${addr}`, 't=0 0', `m=audio ${port} RTP/AVP 0`, ...(mux ? ['a=rtcp-mux'] : []), ''].join('\r\n');
    const changes = (a: string, b: string) => diffDescriptions(parseSdp(a), parseSdp(b.replace('o=- 1 2', 'o=- 1 3'))).changes.map((c) => [c.kind, c.before, c.after]);
    expect(changes(sdp(49920, '192.0.2.1', false), sdp(65422, '192.0.2.1', false))).toEqual([['address-changed', '192.0.2.1 port 49920', '192.0.2.1 port 65422']]);
    expect(changes(sdp(5000, '192.0.2.1', false), sdp(5000, '192.0.2.2', true))).toEqual([['address-changed', '192.0.2.1 port 5000', '192.0.2.2 port 5000'], ['rtcp-mux-changed', null, 'rtcp-mux']]);
    // createOffer()'s "9 … 0.0.0.0" and the default candidate Firefox writes after gathering: no change.
    expect(changes(sdp(9, '0.0.0.0', true), sdp(54321, '203.0.113.7', true))).toEqual([]);
    // A stopped m-line is mline-rejected, not a new address.
    expect(changes(sdp(5000, '192.0.2.1', false), sdp(0, '192.0.2.1', false)).map(([k]) => k)).toEqual(['mline-rejected']);
  });

  it('finds an ICE restart, a new certificate and a DTLS role change', () => {
    expect(kinds({ media: [{}] }, { version: 3, media: [{ ufrag: 'Zzzz', fingerprint: 'sha-256 00:11', setup: 'passive' }] })).toEqual(['ice-restart', 'fingerprint-changed', 'setup-changed']);
  });

  it('says which ICE credential changed, the pwd never shown (library audit: a pwd-only change read "ufrag JDVd → JDVd")', () => {
    const offer = seedSdp('offer');
    const bump = (t: string) => t.replace(/^o=- (\d+) 2 /m, 'o=- $1 3 ');
    const pwdOnly = diffDescriptions(parseSdp(offer), parseSdp(bump(offer.replace(/a=ice-pwd:\S+/g, 'a=ice-pwd:aaaaaaaaaaaaaaaaaaaaaaaa')))).changes;
    expect(pwdOnly.map((c) => [c.kind, c.before, c.after])).toEqual([['ice-restart', 'JDVd (pwd before)', 'JDVd (new pwd)'], ['ice-restart', 'JDVd (pwd before)', 'JDVd (new pwd)']]);
    expect(pwdOnly[0]!.message).toBe('ICE credentials changed (the pwd, ufrag JDVd kept): an ICE restart; libwebrtc restarts when either changes, though a restart changes both (RFC 8839 §4.4.1.1.1)');
    expect(JSON.stringify(pwdOnly)).not.toMatch(/kXT7|aaaa/);
    const both = diffDescriptions(parseSdp(offer), parseSdp(bump(offer.replace(/a=ice-pwd:\S+/g, 'a=ice-pwd:aaaaaaaaaaaaaaaaaaaaaaaa').replace(/a=ice-ufrag:\S+/g, 'a=ice-ufrag:Zzzz')))).changes[0]!;
    expect([both.before, both.after, both.message]).toEqual(['JDVd', 'Zzzz', 'ICE credentials changed (ufrag JDVd → Zzzz, and the pwd): an ICE restart (RFC 8839 §4.4.1.1.1)']);
    // A pwd removed is said, and that browsers refuse the description (audit of the change: "new pwd").
    const gone = diffDescriptions(parseSdp(offer), parseSdp(bump(offer.replace(/a=ice-pwd:\S+\r\n/g, '')))).changes[0]!;
    expect([gone.after, gone.message]).toEqual(['JDVd (no pwd)', 'ICE credentials changed (the pwd removed, ufrag JDVd kept): an ICE restart; libwebrtc restarts when either changes, though a restart changes both (RFC 8839 §4.4.1.1.1); the new description has no ICE pwd, which browsers refuse']);
  });

  it('finds direction, ssrc and msid changes', () => {
    expect(kinds({ media: [{}] }, { version: 3, media: [{ direction: 'recvonly', extra: ['msid:s t', 'ssrc:1 cname:x'] }] })).toEqual(['direction-changed', 'ssrc-added', 'msid-changed']);
  });

  it('finds m-lines added, stopped, and BUNDLE changes', () => {
    expect(kinds({ media: [{}] }, { version: 3, media: [{}, { kind: 'audio' }] })).toEqual(['bundle-changed', 'mline-added']);
    expect(kinds({ media: [{}, { kind: 'audio' }] }, { version: 3, bundle: '0', media: [{}, { kind: 'audio', port: 0 }] })).toEqual(['bundle-changed', 'mline-rejected']);
  });

  it('finds candidates and header extensions added or removed', () => {
    expect(kinds({ media: [{ extra: ['extmap:1 urn:a'] }] }, { version: 3, media: [{ extra: ['candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host'] }] })).toEqual(['extmap-removed', 'candidate-added']);
  });
});
