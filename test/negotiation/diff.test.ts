import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diffDescriptions, type ChangeKind } from '../../src/negotiation/diff.js';
import { parseSdp } from '../../src/sdp/parse.js';
import { corpusFile, seedSdp } from '../support/corpus.js';
import { buildSdp, H264_CB_PM1, VP8, type SessionSpec } from '../support/sdp-builder.js';

const kinds = (a: SessionSpec, b: SessionSpec): ChangeKind[] => diffDescriptions(parseSdp(buildSdp(a)), parseSdp(buildSdp(b))).changes.map((c) => c.kind);

describe('a later offer that moves its m-lines (renegotiation audit: "BUNDLE 0 1 → 1 0" alone, while Chromium refuses it)', () => {
  const input = readFileSync(fileURLToPath(new URL('../fixtures/munged/input__samples-offer-json-sdp.sdp', import.meta.url)), 'utf8');
  const eol = input.includes('\r\n') ? '\r\n' : '\n';
  const parts = (t: string) => {
    const at = t.split(eol).map((l, i) => (l.startsWith('m=') ? i : -1)).filter((i) => i >= 0);
    const lines = t.split(eol);
    return { session: lines.slice(0, at[0]), media: at.map((from, k) => lines.slice(from, at[k + 1] ?? lines.length).filter((l) => l !== '')) };
  };
  const join = (session: string[], media: string[][]) => [...session, ...media.flat(), ''].join(eol);
  const { session, media } = parts(input);
  const moved = (after: string) => diffDescriptions(parseSdp(input), parseSdp(after)).changes.filter((c) => c.kind === 'mline-moved').map((c) => c.message.split(':')[0]);
  it('video ahead of audio, mids kept: each said moved, with Chromium\'s refusal', () => {
    const swapped = join(session.map((l) => l.replace('a=group:BUNDLE 0 1', 'a=group:BUNDLE 1 0')), [media[1]!, media[0]!]);
    expect(moved(swapped)).toEqual(['mid 0 (audio) moved from m-line 0 to m-line 1', 'mid 1 (video) moved from m-line 1 to m-line 0']);
    expect(diffDescriptions(parseSdp(input), parseSdp(swapped)).changes.find((c) => c.kind === 'mline-moved')!.message).toMatch(/Chromium refuses it \("The order of m-lines in subsequent offer doesn't match order from previous offer\/answer"\)$/);
  });
  it('a new m-line put between them: the one after it said moved; added at the end, nothing', () => {
    const extra = media[1]!.map((l) => l.replace(/^a=mid:1$/, 'a=mid:2'));
    expect(moved(join(session, [media[0]!, extra, media[1]!]))).toEqual(['mid 1 (video) moved from m-line 1 to m-line 2']);
    expect(moved(join(session, [media[0]!, media[1]!, extra]))).toEqual([]);
  });
  it('a mid that names another kind at its place', () => {
    const kind = join(session, [media[0]!, media[1]!.map((l) => l.replace(/^m=video /, 'm=audio '))]);
    expect(moved(kind)).toEqual(['mid 1 at m-line 1 is audio now, video before']);
  });
  it('o= address changed in one session: origin-changed; a hold: what the answer must say', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(input.replace('IN IP4 127.0.0.1', 'IN IP4 192.0.2.20').replace('a=sendrecv', 'a=sendonly')));
    expect(d.changes.find((c) => c.kind === 'origin-changed')?.message).toBe('o= address IN IP4 127.0.0.1 → IN IP4 192.0.2.20: a later offer keeps its o= line but for the version (RFC 3264 §8); browsers ignore it, a SIP peer or B2BUA may not');
    expect(d.changes.find((c) => c.kind === 'direction-changed')?.message).toBe('direction sendrecv → sendonly: a hold (RFC 3264 §8.4): this side stops receiving, and the answer must say recvonly or inactive');
  });
});

describe('diffDescriptions on offers as real munging code left them (test/fixtures/munged, ORIGINS.md there; munging audit: each was "no changes")', () => {
  const munged = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/munged/${name}`, import.meta.url)), 'utf8');
  const lines = (before: string, after: string) => diffDescriptions(parseSdp(before), parseSdp(after)).changes.filter((c) => c.kind.startsWith('line-')).map((c) => [c.kind, c.index, c.before ?? c.after]);
  const input = munged('input__samples-offer-json-sdp.sdp');
  it('apprtc\'s preferBitRate: the b=AS lines it added, per m-line, and the version it did not raise', () => {
    const after = munged('apprtc__preferBitRate__samples-offer.sdp');
    expect(lines(input, after)).toEqual([['line-added', 0, 'b=AS:32'], ['line-added', 1, 'b=AS:500']]);
    expect(diffDescriptions(parseSdp(input), parseSdp(after)).changes[0]!.kind).toBe('version-not-increased');
  });
  it('simple-peer\'s filterTrickle: a=ice-options:trickle removed from each m-line', () => {
    expect(lines(input, munged('simplepeer__filterTrickle__samples-offer.sdp'))).toEqual([['line-removed', 0, 'a=ice-options:trickle'], ['line-removed', 1, 'a=ice-options:trickle']]);
  });
  it('Janus\'s simulcast munging: the a=ssrc-group lines it added, beside the ssrcs', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(munged('janusjs-fork__mungeSdpForSimulcasting__samples-offer.sdp')));
    expect(d.changes.filter((c) => c.kind === 'line-added').map((c) => c.after!.replace(/[0-9]+/g, 'N'))).toContainEqual('a=ssrc-group:SIM N N N');
    expect(d.changes.some((c) => c.kind === 'ssrc-added')).toBe(true);
  });
  it('an rtcp-fb line of a codec removed is said with the codec, not again as a line', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(munged('twilio__disableRtx__samples-offer.sdp')));
    expect(d.changes.filter((c) => c.kind === 'line-removed' && /rtcp-fb/.test(c.before!))).toEqual([]);
    expect(d.changes.some((c) => c.kind === 'codec-removed')).toBe(true);
  });
  it('jitsi/sdp-interop\'s toPlanB renaming mids 0 and 1 to audio and video: mid-changed at each place, not an m-line "gone" and one "added" (with the wrong fix)', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(munged('jitsiinterop__toPlanB__samples-offer.sdp')));
    expect(d.changes.filter((c) => c.kind === 'mid-changed').map((c) => [c.index, c.before, c.after])).toEqual([[0, '0', 'audio'], [1, '1', 'video']]);
    expect(d.changes.some((c) => c.kind === 'mline-removed' || c.kind === 'mline-added')).toBe(false);
  });
  it('vdo.ninja\'s setOpusAttributes: one codec-parameters-changed with what it added, not "codec removed" and "codec added"', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(munged('vdoninja__setOpusAttributes__samples-offer.sdp')));
    expect(d.changes.filter((c) => c.kind.startsWith('codec')).map((c) => [c.kind, c.message])).toEqual([['codec-parameters-changed', '111 opus/48000/2 a=fmtp: +maxptime:20 +stereo=1 +sprop-stereo=1']]);
  });
  it('apprtc\'s maybeRemoveVideoFec leaves payload type 63 on the m= line without its rtpmap: one codec-removed saying so (it had been "added: 63 ?/?" too)', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(munged('apprtc__maybeRemoveVideoFec__samples-offer.sdp')));
    expect(d.changes.filter((c) => c.kind.startsWith('codec') && c.index === 0).map((c) => c.message)).toEqual(['codec removed: 63 red/48000/2 111/111 (its a=rtpmap removed, payload type 63 left on the m= line with no codec)']);
  });
  it('a line whose blanks alone changed is said in quotes, so the blanks show (change audit: "a=msid-semantic:  WMS" had read as the line it replaced)', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(input.replace('a=msid-semantic: WMS', 'a=msid-semantic:  WMS')));
    expect(d.changes.filter((c) => c.kind.startsWith('line-')).map((c) => c.message)).toEqual(['line added: "a=msid-semantic:  WMS d15c6979-87f7-4177-b082-e54548148e46"', 'line removed: "a=msid-semantic: WMS d15c6979-87f7-4177-b082-e54548148e46"']);
  });
  it('mid-changed is placed as the m-line\'s other changes are, by its mid before (change audit: two mids for one m-line in --json)', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(munged('jitsiinterop__toPlanB__samples-offer.sdp')));
    const at0 = d.changes.filter((c) => c.index === 0);
    expect(new Set(at0.map((c) => c.mid))).toEqual(new Set(['0']));
  });
  it('mediasoup-client\'s addLegacySimulcast rewrites the msid of the ssrcs it keeps: those a=ssrc lines said, beside the ssrcs added (they had been left out whenever another change was said)', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(munged('mediasoup__addLegacySimulcast-unifiedPlan__samples-offer.sdp')));
    expect(d.changes.filter((c) => c.kind === 'line-added' && /^a=ssrc:\d+ msid:/.test(c.after!)).map((c) => c.after)).toEqual(['a=ssrc:583334944 msid:d 1', 'a=ssrc:2876421606 msid:d 1']);
    // An added ssrc's own lines are said with it, not again as lines.
    const added = new Set(d.changes.filter((c) => c.kind === 'ssrc-added').map((c) => c.after));
    expect(d.changes.filter((c) => c.kind === 'line-added' && added.has(/^a=ssrc:(\d+) /.exec(c.after!)?.[1] ?? ''))).toEqual([]);
  });
  it('a session c= added where every m-section has its own is a line (it had been "laid out otherwise"); where one inherits it, address-changed says it, once', () => {
    const withSession = input.replace('t=0 0\r\n', 't=0 0\r\n').replace('s=-\r\n', 's=-\r\nc=IN IP4 203.0.113.5\r\n');
    expect(diffDescriptions(parseSdp(input), parseSdp(withSession)).changes.filter((c) => c.kind.startsWith('line-')).map((c) => c.message)).toEqual(['line added: "c=IN IP4 203.0.113.5"']);
  });
  it('toPlanB\'s a=msid removed while its a=ssrc lines still name the stream: said so (it had read as the msid lost)', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(munged('jitsiinterop__toPlanB__samples-offer.sdp')));
    expect(d.changes.filter((c) => c.kind === 'msid-changed').every((c) => c.message.endsWith(' removed; the a=ssrc lines still name it, which libwebrtc reads where there is no a=msid'))).toBe(true);
  });
  it('lib-jitsi-meet\'s LocalSdpMunger renames the streams and tracks of a Plan B offer on its a=ssrc lines (no a=msid): msid-changed, as libwebrtc reads them', () => {
    const d = diffDescriptions(parseSdp(corpusFile('sdp/rtcstatsserver__chromium48_offer_audio_video.sdp')), parseSdp(munged('jitsi__LocalSdpMunger-transformStreamIdentifiers__chromium48.sdp')));
    expect(d.changes.filter((c) => c.kind === 'msid-changed').map((c) => c.after!.endsWith('-1'))).toEqual([true, true]);
  });
  it('WhatsApp Web\'s removeIceCandidates on Firefox 70\'s offer: a=end-of-candidates removed is said too', () => {
    const d = diffDescriptions(parseSdp(corpusFile('sdp/medooze__firefox70_offer_bundle_only_relay_candidates.sdp')), parseSdp(munged('whatsappweb__removeIceCandidates__firefox70.sdp')));
    expect(d.changes.filter((c) => c.kind === 'line-removed').map((c) => c.before)).toContain('a=end-of-candidates');
  });
  it('stereo=1 written again on an Opus that had it (Ant Media\'s, Pixel Streaming\'s munges on Firefox 70): said as no change, not "+stereo=1" (munging audits 5 and 6)', () => {
    const ff = corpusFile('sdp/medooze__firefox70_offer_bundle_only_relay_candidates.sdp');
    const params = (name: string) => diffDescriptions(parseSdp(ff), parseSdp(munged(name))).changes.filter((c) => c.kind === 'codec-parameters-changed').map((c) => c.message);
    expect(params('antmedia__stereoAnswer__firefox70.sdp')).toEqual(['109 opus/48000/2 a=fmtp: +stereo=1 again (it was there: no change): the parameters the browsers read are the same']);
    expect(params('pixelstreaming__mungeSDP__firefox70.sdp')[0]).toBe('109 opus/48000/2 a=fmtp: +maxaveragebitrate=510000 +stereo=1 again (it was there: no change)');
  });
  it('stereo=1 added twice is one change, written twice (it read "+stereo=1 +stereo=1"; new-user audit)', () => {
    const twice = input.replace('a=fmtp:111 minptime=10;useinbandfec=1', 'a=fmtp:111 minptime=10;useinbandfec=1;stereo=1;stereo=1');
    expect(diffDescriptions(parseSdp(input), parseSdp(twice)).changes.filter((c) => c.kind === 'codec-parameters-changed').map((c) => c.message)).toEqual(['111 opus/48000/2 a=fmtp: +stereo=1 (written twice)']);
  });
  it('Wowza\'s mungeSDPPublish puts H264\'s a=rtpmap and a=fmtp under m=audio, which does not list 106: lines added there (they had gone unsaid; munging audit 5)', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(munged('wowza__mungeSDPPublish__samples-offer.sdp')));
    expect(d.changes.filter((c) => c.kind === 'line-added' && c.mid === '0' && /^a=(rtpmap|fmtp):106 /.test(c.after ?? '')).map((c) => c.after)).toEqual(['a=rtpmap:106 H264/90000', 'a=fmtp:106 x-google-min-bitrate=360;x-google-max-bitrate=360', 'a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f']);
  });
  it('Nextcloud\'s preferH264 reorders the video codecs: the first codec, the one a call sends with, is named (the payload types alone hid H264 High first; munging audit 7)', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(munged('nextcloud__preferH264VideoCodecIfAvailable__samples-offer.sdp')));
    expect(d.changes.find((c) => c.kind === 'codecs-reordered')!.message).toMatch(/; the first codec 96 VP8\/90000 → 112 H264\/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=64001f$/);
  });
  it('Chime\'s withUnifiedPlanFormat changes the o= username alone: session-changed names it (it read "session id X → X")', () => {
    const d = diffDescriptions(parseSdp(input), parseSdp(munged('chime__withUnifiedPlanFormat__samples-offer.sdp')));
    expect(d.changes.find((c) => c.kind === 'session-changed')!.message).toMatch(/^o= username - → mozilla-chrome, session id \d+ kept: the username and session id name a session \(RFC 8866 §5\.2\), so by the letter these are two sessions$/);
  });
  it('lines no kind speaks of are said when nothing else is (an a=ssrc cname changed), and layout alone is no change', () => {
    const cname = input.replace(/(a=ssrc:\d+ cname:)\S+/g, '$1other');
    expect(lines(input, cname).map(([k]) => k)).toEqual(expect.arrayContaining(['line-added', 'line-removed']));
    expect(diffDescriptions(parseSdp(input), parseSdp(input.replace(/\r\n/g, '\n'))).changes).toEqual([]);
  });
});

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

describe('a stream removed is no hold (rounds audit of 2026-12-07: "a hold … the answer must say inactive" of a port 0)', () => {
  it('port 0 with a=inactive: mline-rejected, no direction-changed; taken up again: no "out of hold"', () => {
    const before: SessionSpec = { media: [{ kind: 'audio' }, { kind: 'video', formats: '96', codecs: VP8 }] };
    const removed: SessionSpec = { media: [{ kind: 'audio' }, { kind: 'video', formats: '96', codecs: VP8, port: 0, direction: 'inactive' }] };
    expect(kinds(before, removed)).toContain('mline-rejected');
    expect(kinds(before, removed)).not.toContain('direction-changed');
    expect(kinds(removed, before)).not.toContain('direction-changed');
    // A hold in use is still one.
    expect(kinds(before, { media: [{ kind: 'audio' }, { kind: 'video', formats: '96', codecs: VP8, direction: 'inactive' }] })).toContain('direction-changed');
  });
});

describe('an ice-pwd is never shown in the line changes (rounds audit of 2026-12-07)', () => {
  it('credentials moved from the session to the m-line: the lines said, the pwd as "(not shown, N characters, #tag)"', () => {
    const pwd = 'pwdAAAAAAAAAAAAAAAAAAAAA';
    const base = (session: boolean) => ['v=0', 'o=- 1 1 IN IP4 0.0.0.0', 's=-', 't=0 0', ...(session ? ['a=ice-ufrag:aaaa', `a=ice-pwd:${pwd}`] : []), 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', ...(session ? [] : ['a=ice-ufrag:aaaa', `a=ice-pwd:${pwd}`]), 'a=rtpmap:111 opus/48000/2', ''].join('\r\n');
    const d = diffDescriptions(parseSdp(base(true)), parseSdp(base(false)));
    expect(JSON.stringify(d)).not.toContain(pwd);
    expect(d.changes.map((c) => c.message)).toContain(`line added: "a=ice-pwd:(not shown, ${pwd.length} characters, #${d.changes.find((c) => /ice-pwd/.test(c.message))!.message.match(/#([0-9a-f]{4})/)![1]})"`);
    expect(d.changes.some((c) => c.kind === 'ice-restart')).toBe(false);
  });
});
