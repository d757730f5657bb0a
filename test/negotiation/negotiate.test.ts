import { DIAGNOSTICS, type NegotiationDiagnosticKind } from '../../src/diagnostics.js';
import { hasErrors, negotiate } from '../../src/negotiation/negotiate.js';
import { parseSdp } from '../../src/sdp/parse.js';
import { corpusFile, seedSdp } from '../support/corpus.js';
import { buildSdp, H264_CB_PM1, OPUS, VP8, type MediaSpec, type SessionSpec } from '../support/sdp-builder.js';

const run = (offer: SessionSpec, answer: SessionSpec) => negotiate(parseSdp(buildSdp(offer)), parseSdp(buildSdp(answer)));
const codes = (n: ReturnType<typeof negotiate>) => n.diagnostics.map((d) => d.kind);
const answerOf = (m: MediaSpec): MediaSpec => ({ setup: 'active', ufrag: 'gZTj', pwd: 'G6LOfaoAJg6YaajAUA1WmhkR', ...m });

describe('the seed offer and answer', () => {
  const n = negotiate(parseSdp(seedSdp('offer')), parseSdp(seedSdp('answer')));

  it('negotiates both m-lines without findings', () => {
    expect(n.diagnostics).toEqual([]);
    expect(n.media.map((m) => [m.mid, m.kind, m.status])).toEqual([['0', 'audio', 'accepted'], ['1', 'video', 'accepted']]);
  });

  it('keeps every audio codec, in the answer order, with payload types and fmtp', () => {
    expect(n.media[0]!.codecs.negotiated.map((c) => [c.name, c.clockRate, c.channels, c.offerPayloadType, c.answerPayloadType, c.fmtp])).toEqual([
      ['opus', 48000, 2, 111, 111, 'minptime=10;useinbandfec=1'],
      ['red', 48000, 2, 63, 63, '111/111'],
      ['G722', 8000, null, 9, 9, ''],
      ['PCMU', 8000, null, 0, 0, ''],
      ['PCMA', 8000, null, 8, 8, ''],
      ['CN', 8000, null, 13, 13, ''],
      ['telephone-event', 48000, null, 110, 110, ''],
      ['telephone-event', 8000, null, 126, 126, ''],
    ]);
    expect(n.media[0]!.codecs.negotiated[0]!.rtcpFeedback).toEqual(['transport-cc']);
    expect(n.media[0]!.codecs.negotiated[0]!.mimeType).toBe('audio/opus');
  });

  it('pairs every video codec with its rtx', () => {
    const v = n.media[1]!.codecs;
    expect(v.negotiated).toHaveLength(25);
    expect(v.offerOnly).toEqual([]);
    expect(v.answerOnly).toEqual([]);
    const vp8 = v.negotiated[0]!;
    expect([vp8.name, vp8.rtx, vp8.rtcpFeedback]).toEqual(['VP8', { offerPayloadType: 97, answerPayloadType: 97 }, ['goog-remb', 'transport-cc', 'ccm fir', 'nack', 'nack pli']]);
    expect(v.negotiated.find((c) => c.offerPayloadType === 116)!.rtx).toEqual({ offerPayloadType: 117, answerPayloadType: 117 });
  });

  it('reads DTLS roles, ICE, BUNDLE, rtcp-mux and streams', () => {
    const a = n.media[0]!;
    expect(a.direction).toMatchObject({ offer: 'sendrecv', answer: 'sendrecv', valid: true, offererSends: true, answererSends: true });
    expect(a.dtls).toMatchObject({ offerSetup: 'actpass', answerSetup: 'active', offererRole: 'server', answererRole: 'client', valid: true });
    expect([a.ice.offer.ufrag, a.ice.answer!.ufrag, a.ice.offer.pwdValid, a.ice.answer!.pwdValid]).toEqual(['JDVd', 'gZTj', true, true]);
    expect(a.bundle).toMatchObject({ inOffer: true, inAnswer: true, offerTag: true, answerTag: true });
    expect(a.rtcpMux).toEqual({ offer: true, answer: true });
    expect(a.streams.offer.ssrcs).toEqual(['3437501515']);
    expect(a.headerExtensions.negotiated.map((e) => e.offerId)).toEqual([1, 2, 3, 4]);
    expect(n.bundle).toEqual({ offer: ['0', '1'], answer: ['0', '1'], offerGroups: [['0', '1']], answerGroups: [['0', '1']] });
  });
});

describe('real captures', () => {
  it('Chromium 156: a recvonly offer and its answer', () => {
    const n = negotiate(parseSdp(corpusFile('sdp/local__chromium156_recvonly_offer_av1_vp9_h264_flexfec_dc.sdp')), parseSdp(corpusFile('sdp/local__chromium156_answer_to_recvonly_offer.sdp')));
    expect(hasErrors(n)).toBe(false);
    // A parsed description too, as the README says (library audit: it did not type-check).
    expect(hasErrors(parseSdp(corpusFile('sdp/local__chromium156_answer_to_recvonly_offer.sdp')))).toBe(false);
    expect(n.media.map((m) => [m.kind, m.status, m.direction.offer, m.direction.answer])).toEqual([
      ['audio', 'accepted', 'recvonly', 'inactive'],
      ['video', 'accepted', 'recvonly', 'inactive'],
      ['application', 'accepted', 'sendrecv', 'sendrecv'],
    ]);
    const video = n.media[1]!.codecs;
    expect(video.offerOnly.map((c) => c.reason)).toContain('VP9 profile-id=1 not in answer (answer has VP9 profile-id=0, VP9 profile-id=2)');
    expect(video.offerOnly.some((c) => /^rtx for VP9 profile-id=1 \(apt=\d+\), which was not negotiated$/.test(c.reason))).toBe(true);
    expect(n.media[2]!.sctp).toEqual({ offerPort: 5000, answerPort: 5000, offerMaxMessageSize: 262144, answerMaxMessageSize: 262144 });
    // No audio or video either way: said once, a warning, beside the data channel (thread audit: "0 warnings").
    expect(codes(n)).toEqual(['no-media-flow', 'no-media-flow', 'no-media-at-all']);
    expect(n.diagnostics.at(-1)!.message).toBe('no audio or video m-line sends either way (audio recvonly → inactive, video recvonly → inactive): the call carries no audio or video (its data channel m-line is up)');
  });

  it.each([
    ['rtcstatsserver__chromium48_offer_audio_video.sdp', 'rtcstatsserver__chromium48_answer_audio_video.sdp'],
    ['janusfuzz__firefox46_offer_audio_video_data.sdp', 'janusfuzz__firefox46_answer_recvonly_data.sdp'],
    ['janusfuzz__opera_chromium_offer_audio_video_data.sdp', 'janusfuzz__opera_chromium_answer_recvonly_data.sdp'],
  ])('%s answered by %s negotiates without errors', (o, a) => {
    const n = negotiate(parseSdp(corpusFile(`sdp/${o}`)), parseSdp(corpusFile(`sdp/${a}`)));
    expect(n.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const m of n.media.filter((x) => x.kind !== 'application')) expect(m.codecs.negotiated.length).toBeGreaterThan(0);
  });
});

describe('an H264-only offer answered by a VP8-only endpoint', () => {
  const offer: SessionSpec = { media: [{ formats: '102 103', codecs: H264_CB_PM1 }] };

  it('is rejected, with the reason', () => {
    // Its rejected mid left out of the answer's group, as RFC 9143 §7.3.4 has it (kept, it is bundle-rejected-member).
    const n = run(offer, { bundle: null, media: [answerOf({ port: 0, formats: '96', codecs: ['rtpmap:96 VP8/90000'] })] });
    const v = n.media[0]!;
    expect(v.status).toBe('rejected');
    expect(v.codecs.negotiated).toEqual([]);
    expect(v.codecs.offerOnly.map((c) => c.reason)).toEqual(['m-line rejected (port 0)', 'm-line rejected (port 0)']);
    // Its only m-line rejected: nothing negotiated, a warning (data channel audit: "0 errors, 0 warnings").
    expect(n.diagnostics).toEqual([
      { kind: 'media-rejected', severity: 'info', mid: '0', index: 0, message: 'video m-line 0 rejected: no codec in common' },
      { kind: 'everything-rejected', severity: 'warning', mid: null, index: null, message: 'the answer rejects every m-line the offer opened (video 0): nothing is negotiated, so no ICE or DTLS starts and no media or data channel flows' },
    ]);
    expect(hasErrors(n)).toBe(false);
  });

  it('rejected with a placeholder format (sofia-sip\'s lone 19: FreeSWITCH, Janus\' SIP plugin): the reason is not guessed, the payload type not an error (SIP audit: "no codec in common", payload-type-reserved and codec-without-rtpmap)', () => {
    const n = run(offer, { media: [answerOf({ port: 0, formats: '19', codecs: [] })] });
    expect(n.diagnostics.find((d) => d.kind === 'media-rejected')?.message).toBe('video m-line 0 rejected: declined by the answerer (the formats of a rejected m-line are placeholders, RFC 3264 §6: the reason is the answerer\'s, a codec, transport profile or media it does not take, or its policy)');
    const answer = parseSdp('v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 0 UDP/TLS/RTP/SAVPF 19\r\nc=IN IP4 0.0.0.0\r\n');
    expect(answer.diagnostics.map((d) => d.kind)).not.toContain('codec-without-rtpmap');
    expect(answer.diagnostics.filter((d) => d.kind === 'rejected-by-browser')).toEqual([]);
  });

  it('is an error when the answerer accepts it anyway', () => {
    const n = run(offer, { media: [answerOf({ formats: '96', codecs: ['rtpmap:96 VP8/90000'] })] });
    expect(codes(n)).toEqual(expect.arrayContaining(['no-common-codec', 'answer-codec-not-offered']));
    expect(n.media[0]!.codecs.offerOnly.map((c) => c.reason)).toEqual([
      'H264 Constrained Baseline packetization-mode=1 not in answer',
      'rtx for H264 Constrained Baseline packetization-mode=1 (apt=102), which was not negotiated',
    ]);
    expect(n.media[0]!.codecs.answerOnly.map((c) => c.reason)).toEqual(['VP8/90000 not in offer']);
  });
});

describe('codec matching follows libwebrtc', () => {
  const match = (offerCodecs: string[], offerPts: string, answerCodecs: string[], answerPts: string, kind = 'video') =>
    run({ media: [{ kind, formats: offerPts, codecs: offerCodecs }] }, { media: [answerOf({ kind, formats: answerPts, codecs: answerCodecs })] }).media[0]!.codecs;

  it('H264: same profile and packetization-mode match; the level does not matter', () => {
    const c = match(['rtpmap:102 H264/90000', 'fmtp:102 packetization-mode=1;profile-level-id=42e01f'], '102', ['rtpmap:102 H264/90000', 'fmtp:102 packetization-mode=1;profile-level-id=42e034'], '102');
    expect(c.negotiated.map((x) => x.fmtp)).toEqual(['packetization-mode=1;profile-level-id=42e034']);
  });
  it('one payload type written two ways ("96" and "096") with two a=fmtp: each copy is its own codec (audit of the change: the second was dropped)', () => {
    const c = match(['rtpmap:97 H264/90000', 'fmtp:97 packetization-mode=0;profile-level-id=42e01f', 'rtpmap:98 H264/90000', 'fmtp:98 packetization-mode=1;profile-level-id=42e01f'], '97 98',
      ['rtpmap:96 H264/90000', 'fmtp:96 packetization-mode=1;profile-level-id=42e01f', 'fmtp:096 packetization-mode=0;profile-level-id=42e01f'], '96 096');
    expect(c.negotiated.map((x) => [x.offerPayloadType, x.answerPayloadType])).toEqual([[98, 96], [97, 96]]);
    expect(c.answerOnly).toEqual([]);
  });
  it('an answer rtx for a negotiated codec that answers no offered rtx is an answer codec the offer did not have, not an rtx without its codec (Chromium audit: its apt changed from VP9 to VP8)', () => {
    const vp9 = ['rtpmap:98 VP9/90000', 'fmtp:98 profile-id=0', 'rtpmap:99 rtx/90000', 'fmtp:99 apt=98'];
    const offer = { media: [{ formats: '96 97 98 99', codecs: [...VP8, ...vp9] }] };
    const n = run(offer, { media: [answerOf({ formats: '96 97 98 99', codecs: [...VP8, 'rtpmap:98 VP9/90000', 'fmtp:98 profile-id=0', 'rtpmap:99 rtx/90000', 'fmtp:99 apt=96'] })] });
    expect(n.diagnostics.map((d) => [d.kind, d.message])).toEqual([
      ['answer-codec-not-offered', "answer payload type 99: rtx (apt=96) a second time: the offer's rtx for payload type 96 (97) is answered by payload type 97; the offer's payload type 99 is rtx for payload type 98: the answer changed its apt"],
    ]);
    // An rtx for a negotiated codec the offer had no rtx for.
    const bare = run({ media: [{ formats: '96', codecs: ['rtpmap:96 VP8/90000'] }] }, { media: [answerOf({ formats: '96 97', codecs: ['rtpmap:96 VP8/90000', 'rtpmap:97 rtx/90000', 'fmtp:97 apt=96'] })] });
    expect(bare.diagnostics.map((d) => [d.kind, d.message])).toEqual([['answer-codec-not-offered', 'answer payload type 97: rtx (apt=96): the offer has no rtx for payload type 96']]);
    // An rtx for a negotiated red is not "without its codec" either (audit of the change).
    const red = run({ media: [{ formats: '96 116', codecs: ['rtpmap:96 VP8/90000', 'rtpmap:116 red/90000'] }] }, { media: [answerOf({ formats: '96 116 98', codecs: ['rtpmap:96 VP8/90000', 'rtpmap:116 red/90000', 'rtpmap:98 rtx/90000', 'fmtp:98 apt=116'] })] });
    // (red without ulpfec: libwebrtc sends neither, said as video-fec-half.)
    expect(red.diagnostics.map((d) => d.kind)).toEqual(['video-fec-half', 'answer-codec-not-offered']);
    // An rtx whose apt names another rtx is without its codec (audit of the late commits).
    const rtxOfRtx = run({ media: [{ formats: '96 97', codecs: VP8.filter((l) => !l.startsWith('rtcp-fb')) }] }, { media: [answerOf({ formats: '96 97 98', codecs: [...VP8.filter((l) => !l.startsWith('rtcp-fb')), 'rtpmap:98 rtx/90000', 'fmtp:98 apt=97'] })] });
    expect(rtxOfRtx.diagnostics.map((d) => d.kind)).toEqual(['rtx-without-codec']);
  });
  it('H264: packetization-mode absent is 0', () => {
    const c = match(['rtpmap:102 H264/90000', 'fmtp:102 profile-level-id=42e01f'], '102', ['rtpmap:102 H264/90000', 'fmtp:102 packetization-mode=1;profile-level-id=42e01f'], '102');
    expect(c.negotiated).toEqual([]);
    expect(c.offerOnly[0]!.reason).toBe('H264 Constrained Baseline packetization-mode=0 not in answer (answer has H264 Constrained Baseline packetization-mode=1)');
  });
  it('H264: Constrained Baseline (42e0) and Baseline (4200) are different profiles; High (6400) too', () => {
    const c = match(['rtpmap:102 H264/90000', 'fmtp:102 packetization-mode=1;profile-level-id=42001f', 'rtpmap:112 H264/90000', 'fmtp:112 packetization-mode=1;profile-level-id=64001f'], '102 112',
      ['rtpmap:102 H264/90000', 'fmtp:102 packetization-mode=1;profile-level-id=42e01f'], '102');
    expect(c.negotiated).toEqual([]);
    expect(c.offerOnly.map((x) => x.reason.split(' not')[0])).toEqual(['H264 Baseline packetization-mode=1', 'H264 High packetization-mode=1']);
  });
  it('VP9 profile-id and AV1 profile (absent = 0)', () => {
    const c = match(['rtpmap:98 VP9/90000', 'rtpmap:100 VP9/90000', 'fmtp:100 profile-id=2', 'rtpmap:45 AV1/90000'], '98 100 45', ['rtpmap:98 VP9/90000', 'fmtp:98 profile-id=0', 'rtpmap:45 AV1/90000', 'fmtp:45 profile=1'], '98 45');
    expect(c.negotiated.map((x) => x.offerPayloadType)).toEqual([98]);
    expect(c.offerOnly.map((x) => x.reason)).toEqual(['VP9 profile-id=2 not in answer (answer has VP9 profile-id=0)', 'AV1 profile=0 not in answer (answer has AV1 profile=1)']);
  });
  it('AV1 level-idx and tier not compared (asymmetric: measured, Chromium 156 matches level-idx=8 and tier=1 to its offer; codec audits), numbers as numbers (VP9 profile-id=00 is 0, H265 profile-id=01 is 1)', () => {
    const av1 = (fmtp: string) => match(['rtpmap:45 AV1/90000', 'fmtp:45 level-idx=5;profile=0;tier=0'], '45', ['rtpmap:45 AV1/90000', `fmtp:45 ${fmtp}`], '45');
    for (const f of ['profile=0', 'level-idx=8;profile=0;tier=0', 'level-idx=5;profile=0;tier=1']) expect(av1(f).negotiated.map((x) => x.offerPayloadType)).toEqual([45]);
    expect(av1('level-idx=5;profile=1;tier=0').negotiated).toEqual([]);
    expect(match(['rtpmap:98 VP9/90000', 'fmtp:98 profile-id=0'], '98', ['rtpmap:98 VP9/90000', 'fmtp:98 profile-id=00'], '98').negotiated.map((x) => x.offerPayloadType)).toEqual([98]);
    expect(match(['rtpmap:49 H265/90000', 'fmtp:49 level-id=180;profile-id=1;tier-flag=0;tx-mode=SRST'], '49', ['rtpmap:49 H265/90000', 'fmtp:49 level-id=180;profile-id=01;tier-flag=0;tx-mode=SRST'], '49').negotiated.map((x) => x.offerPayloadType)).toEqual([49]);
  });
  it('no media codec in common: each name once, rtx left out, and why an answer codec of an offered name is none of them (codec audit: twenty "rtx" hid the H265 tx-mode at the end)', () => {
    const h265 = (pt: number, p: string) => [`rtpmap:${pt} H265/90000`, `fmtp:${pt} ${p}`, `rtpmap:${pt + 1} rtx/90000`, `fmtp:${pt + 1} apt=${pt}`];
    const n = run({ media: [{ formats: '96 97 49 50', codecs: [...VP8, ...h265(49, 'level-id=180;profile-id=1;tier-flag=0;tx-mode=SRST')] }] }, { media: [answerOf({ formats: '49 50', codecs: h265(49, 'level-id=180;profile-id=1;tier-flag=0;tx-mode=MRST') })] });
    expect(n.diagnostics.find((d) => d.kind === 'no-common-codec')?.message).toMatch(/^video m-line 0 is accepted but no media codec matches: offer VP8, H265; answer H265 \(the answer's H265 profile-id=1 tier-flag=0 tx-mode=MRST is none of the offered H265: H265 profile-id=1 tier-flag=0 tx-mode=SRST\): /);
  });
  it('an H264 answer at a level above the offer\'s: still matched, said when level-asymmetry-allowed is not on both sides (RFC 6184 §8.2.2; codec audit: unsaid)', () => {
    const h264 = (level: string, asym: boolean) => [`rtpmap:102 H264/90000`, `fmtp:102 ${asym ? 'level-asymmetry-allowed=1;' : ''}packetization-mode=1;profile-level-id=42e0${level}`];
    const said = (o: string[], a: string[]) => run({ media: [{ formats: '102', codecs: o }] }, { media: [answerOf({ formats: '102', codecs: a })] }).diagnostics.filter((d) => d.kind === 'h264-level-raised').map((d) => d.message);
    expect(said(h264('1f', false), h264('34', false))).toEqual(['H264 at payload type 102: the answer\'s level 5.2 is above the offer\'s 3.1, and level-asymmetry-allowed=1 is not on both sides: RFC 6184 §8.2.2 has the answerer answer the offer\'s level or a lower one (libwebrtc answers the lower)']);
    expect(said(h264('1f', true), h264('34', true))).toEqual([]);
    expect(said(h264('34', false), h264('1f', false))).toEqual([]);
    expect(said(h264('1f', false), h264('1f', false))).toEqual([]);
    // No profile-level-id in the offer: the level is a default, and whose is said (negotiation audit).
    expect(said(['rtpmap:102 H264/90000', 'fmtp:102 packetization-mode=1'], h264('34', false))).toEqual(['H264 at payload type 102: the answer\'s level 5.2 is above the offer\'s 3.1 (the offer writes no profile-level-id: libwebrtc\'s default, 42e01f, Constrained Baseline 3.1; RFC 6184 §8.1\'s is 42000a, level 1), and level-asymmetry-allowed=1 is not on both sides: RFC 6184 §8.2.2 has the answerer answer the offer\'s level or a lower one (libwebrtc answers the lower)']);
  });
  it('opus wishes that narrow what the other side sends, each said of the encoder it limits, where that side sends (RFC 7587 §6.1; negotiation audit: maxaveragebitrate=6000 unsaid)', () => {
    const opus = (fmtp: string, direction = 'sendrecv'): MediaSpec => ({ kind: 'audio', formats: '111', codecs: ['rtpmap:111 opus/48000/2', `fmtp:111 ${fmtp}`], direction });
    const said = (o: MediaSpec, a: MediaSpec) => run({ media: [o] }, { media: [answerOf(a)] }).diagnostics.filter((d) => d.kind === 'opus-receiver-params').map((d) => d.message);
    expect(said(opus('minptime=10;useinbandfec=1'), opus('maxaveragebitrate=6000;maxplaybackrate=8000'))).toEqual([
      "opus: the answer's a=fmtp asks the offerer's encoder for maxaveragebitrate=6000: at most 6 kb/s (libwebrtc's default is 32); maxplaybackrate=8000: encoded for narrowband (8 kHz) playback; no in-band FEC (no useinbandfec=1, which the offer writes for itself: less resilience to loss)",
    ]);
    // Browsers' own lines, and a high cap (a stereo munge's 510000): nothing said.
    expect(said(opus('minptime=10;useinbandfec=1'), opus('minptime=10;useinbandfec=1;stereo=1;maxaveragebitrate=510000'))).toEqual([]);
    // A side that does not send is asked nothing: the answer recvonly, its wishes limit the offerer only.
    expect(said(opus('maxaveragebitrate=8000', 'sendonly'), opus('useinbandfec=1', 'recvonly'))).toEqual([]);
  });
  it('opus written with one channel or none in the answer: no codec in common, with RFC 7587 §7\'s opus/48000/2 named as the fix (negotiation audit)', () => {
    for (const rtpmap of ['rtpmap:111 opus/48000', 'rtpmap:111 opus/48000/1']) {
      const n = run({ media: [{ kind: 'audio', formats: '111', codecs: ['rtpmap:111 opus/48000/2'] }] }, { media: [answerOf({ kind: 'audio', formats: '111', codecs: [rtpmap] })] });
      const m = n.diagnostics.find((d) => d.kind === 'no-common-codec')!.message;
      expect(m).toContain(`RFC 7587 §7 writes opus as opus/48000/2 whether it carries mono or stereo (stereo=1 in a=fmtp says which), so the answer's opus/48000 should be opus/48000/2`);
    }
  });
  it('audio: channels absent, 0 and 1 are equal; names are case-insensitive', () => {
    const c = match(['rtpmap:9 G722/8000/1', 'rtpmap:111 opus/48000/2'], '9 111', ['rtpmap:9 g722/8000', 'rtpmap:111 OPUS/48000/2'], '9 111', 'audio');
    expect(c.negotiated.map((x) => x.answerPayloadType)).toEqual([9, 111]);
  });
  it('audio: different channels or clock rates do not match; telephone-event by rate', () => {
    const c = match(['rtpmap:111 opus/48000/2', 'rtpmap:110 telephone-event/48000', 'rtpmap:126 telephone-event/8000'], '111 110 126', ['rtpmap:111 opus/48000/1', 'rtpmap:126 telephone-event/8000'], '111 126', 'audio');
    expect(c.negotiated.map((x) => `${x.name}/${x.clockRate}`)).toEqual(['telephone-event/8000']);
  });
  it('static payload types match by number when a side has no rtpmap', () => {
    const c = match(['rtpmap:0 PCMU/8000'], '0 8', [], '0 8', 'audio');
    expect(c.negotiated.map((x) => [x.name, x.offerPayloadType])).toEqual([['PCMU', 0], ['PCMA', 8]]);
  });
  it('an answer codec at a payload type the offer gives another codec says how the offerer reads it, and its rtx names it (sdp-diff audit: VP8\'s 96 answered as H264)', () => {
    const h264 = H264_CB_PM1.filter((l) => /^(rtpmap|fmtp):102 /.test(l));
    const c = match([...VP8, ...H264_CB_PM1], '96 97 102 103', [...h264, ...h264.map((l) => l.replace(':102 ', ':96 ')), 'rtpmap:97 rtx/90000', 'fmtp:97 apt=96'], '102 96 97');
    expect(c.answerOnly.map((x) => x.reason)).toEqual([
      expect.stringMatching(/ a second time: the offer's \(payload type 102\) is answered by payload type 102; the offer's payload type 96 is VP8\/90000: the offerer reads what arrives at 96 as VP8$/),
      expect.stringMatching(/^rtx for payload type 96, H264 .*, which the answer has and the offer does not \(its own line says why\): not a negotiated codec$/),
    ]);
  });
  it('an rtpmap naming another codec at a static number is that codec: PCMA at 0 answers no PCMU (change audit: negotiated)', () => {
    const c = match(['rtpmap:111 opus/48000/2'], '111 0', ['rtpmap:0 PCMA/8000'], '0', 'audio');
    expect(c.negotiated).toEqual([]);
    expect(c.answerOnly.map((x) => x.reason)).toEqual(["PCMA/8000 not in offer; the offer's payload type 0 is PCMU/8000: the offerer reads what arrives at 0 as PCMU"]);
    // The static codec named as itself still matches by number.
    expect(match(['rtpmap:111 opus/48000/2'], '111 0', ['rtpmap:0 PCMU/8000'], '0', 'audio').negotiated.map((x) => x.offerPayloadType)).toEqual([0]);
  });
  it('rtx follows its apt; red follows its payload-type list', () => {
    const c = match([...OPUS, 'rtpmap:63 red/48000/2', 'fmtp:63 111/111'], '111 63', ['rtpmap:100 opus/48000/2', 'rtpmap:101 red/48000/2', 'fmtp:101 100/100'], '100 101', 'audio');
    expect(c.negotiated.map((x) => [x.name, x.offerPayloadType, x.answerPayloadType])).toEqual([['opus', 111, 100], ['red', 63, 101]]);
    const v = match([...VP8, ...H264_CB_PM1], '96 97 102 103', ['rtpmap:96 VP8/90000', 'rtpmap:97 rtx/90000', 'fmtp:97 apt=96', 'rtpmap:99 rtx/90000', 'fmtp:99 apt=102'], '96 97 99');
    expect(v.negotiated.map((x) => x.name)).toEqual(['VP8', 'rtx']);
    expect(v.answerOnly.map((x) => x.reason)).toEqual(['rtx for payload type 102, which is not a negotiated codec']);
  });
  it('an answer codec takes the offer codec of its own payload type before another that matches (negotiation audit)', () => {
    // Two offered H264 of one profile; the answer lists them in the other order: each keeps its payload type, no remap.
    const cb = (pt: number, pm: number) => [`rtpmap:${pt} H264/90000`, `fmtp:${pt} packetization-mode=${pm};profile-level-id=42e01f`];
    const c = match([...cb(102, 1), ...cb(108, 1)], '102 108', [...cb(108, 1), ...cb(102, 1)], '108 102');
    expect(c.negotiated.map((x) => [x.offerPayloadType, x.answerPayloadType])).toEqual([[108, 108], [102, 102]]);
    // The same codec answered twice under two payload types: the second is said to be a second, not "not in offer".
    const a = match(['rtpmap:0 PCMU/8000', 'rtpmap:8 PCMA/8000'], '0 8', ['rtpmap:0 PCMA/8000', 'rtpmap:8 PCMA/8000'], '0 8', 'audio');
    expect(a.negotiated.map((x) => [x.name, x.offerPayloadType, x.answerPayloadType])).toEqual([['PCMA', 8, 8]]);
    expect(a.answerOnly.map((x) => x.reason)).toEqual(["PCMA/8000 a second time: the offer's (payload type 8) is answered by payload type 8; the offer's payload type 0 is PCMU/8000: the offerer reads what arrives at 0 as PCMU"]);
  });

  it('keeps the answer order (its preference) and the rtcp-fb both sides have', () => {
    const c = match([...VP8, ...H264_CB_PM1], '96 97 102 103', ['rtpmap:102 H264/90000', 'fmtp:102 packetization-mode=1;profile-level-id=42e01f', 'rtpmap:96 VP8/90000', 'rtcp-fb:96 nack', 'rtcp-fb:96 goog-remb'], '102 96');
    expect(c.negotiated.map((x) => x.name)).toEqual(['H264', 'VP8']);
    expect(c.negotiated[1]!.rtcpFeedback).toEqual(['nack']);
  });
});

/** One targeted case for each diagnostic code: [code, offer, answer]. */
const CASES: [NegotiationDiagnosticKind, SessionSpec, SessionSpec][] = [
  ['no-common-codec', { media: [{ formats: '102', codecs: H264_CB_PM1.slice(0, 2) }] }, { media: [answerOf({ formats: '96', codecs: ['rtpmap:96 VP8/90000'] })] }],
  ['answer-codec-not-offered', { media: [{}] }, { media: [answerOf({ formats: '96 97 98', codecs: [...VP8, 'rtpmap:98 VP9/90000'] })] }],
  ['payload-type-remapped', { media: [{}] }, { media: [answerOf({ formats: '100 101', codecs: ['rtpmap:100 VP8/90000', 'rtpmap:101 rtx/90000', 'fmtp:101 apt=100'] })] }],
  ['bandwidth-limit', { media: [{ kind: 'audio', formats: '111', codecs: OPUS }] }, { media: [answerOf({ kind: 'audio', formats: '111', codecs: OPUS, bandwidth: 'AS:128' })] }],
  ['opus-stereo-one-way', { media: [{ kind: 'audio', formats: '111', codecs: ['rtpmap:111 opus/48000/2', 'fmtp:111 minptime=10;useinbandfec=1;stereo=1'] }] }, { media: [answerOf({ kind: 'audio', formats: '111', codecs: OPUS })] }],
  ['rtx-without-codec', { media: [{}] }, { media: [answerOf({ formats: '96 97 99', codecs: [...VP8, 'rtpmap:99 rtx/90000', 'fmtp:99 apt=120'] })] }],
  ['invalid-direction', { media: [{ direction: 'sendonly' }] }, { media: [answerOf({ direction: 'sendonly' })] }],
  ['no-media-flow', { media: [{ direction: 'recvonly' }] }, { media: [answerOf({ direction: 'inactive' })] }],
  ['no-media-at-all', { media: [{ direction: 'recvonly' }, { kind: 'audio', direction: 'inactive' }] }, { media: [answerOf({ direction: 'inactive' }), answerOf({ kind: 'audio', direction: 'inactive' })] }],
  ['everything-rejected', { media: [{}] }, { media: [answerOf({ port: 0 })] }],
  ['h264-level-raised', { media: [{ formats: '102', codecs: ['rtpmap:102 H264/90000', 'fmtp:102 packetization-mode=1;profile-level-id=42e01f'] }] }, { media: [answerOf({ formats: '102', codecs: ['rtpmap:102 H264/90000', 'fmtp:102 packetization-mode=1;profile-level-id=42e034'] })] }],
  ['dtls-role-conflict', { media: [{}] }, { media: [answerOf({ setup: 'actpass' })] }],
  ['offer-setup-not-actpass', { media: [{ setup: 'active' }] }, { media: [answerOf({ setup: 'passive' })] }],
  ['missing-setup', { media: [{}] }, { media: [answerOf({ setup: null })] }],
  ['offer-setup-missing', { media: [{ setup: null }] }, { media: [answerOf({})] }],
  ['offer-setup-holdconn', { media: [{ setup: 'holdconn' }] }, { media: [answerOf({ setup: 'active' })] }],
  // One m-line of two without: a description with none at all says so itself (fingerprint-missing, a browser rule).
  // An unbundled m-section without one is its description's own finding now (fingerprint-missing, both browsers refuse it):
  // negotiate says it of an offer's bundled m-line other than the tag (Chromium skips those; Firefox checks every m-section of an offer).
  ['missing-fingerprint', { media: [{}, { kind: 'audio', fingerprint: null }] }, { media: [answerOf({}), answerOf({ kind: 'audio' })] }],
  ['weak-fingerprint', { media: [{ fingerprint: 'sha-1 3B:60:C9:3B:27:5F:74:C9:AF:FE:98:15:A5:80:BA:FB:F4:09:8D:2A' }] }, { media: [answerOf({})] }],
  ['missing-ice-credentials', { media: [{}, { kind: 'audio', ufrag: null }] }, { media: [answerOf({}), answerOf({ kind: 'audio' })] }],
  ['invalid-ice-credentials', { media: [{ ufrag: 'ab' }] }, { media: [answerOf({})] }],
  ['ice-credentials-chars', { media: [{ ufrag: 'ab_d' }] }, { media: [answerOf({})] }],
  ['bundle-credentials-differ', { media: [{}, { kind: 'audio' }] }, { media: [answerOf({}), answerOf({ kind: 'audio', ufrag: 'zzzz' })] }],
  ['simulcast-rtx-unrepaired', { media: [{ formats: '96 97', extra: ['rid:q send', 'rid:f send', 'simulcast:send q;f', 'extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', 'extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id'] }] }, { media: [answerOf({ formats: '96 97', extra: ['rid:q recv', 'rid:f recv', 'simulcast:recv q;f', 'extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id'] })] }],
  ['answer-mid-missing', { media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({ mid: null }), answerOf({ kind: 'audio' })] }],
  ['offer-tag-bundle-only', { media: [{ extra: ['bundle-only'] }, { kind: 'audio', extra: ['bundle-only'] }] }, { media: [answerOf({}), answerOf({ kind: 'audio' })] }],
  ['bundle-demux-ambiguous', { media: [{ direction: 'sendonly' }, { direction: 'sendonly' }] }, { media: [answerOf({ direction: 'recvonly' }), answerOf({ direction: 'recvonly' })] }],
  ['ice-lite-both', { lite: true, media: [{}] }, { lite: true, media: [answerOf({})] }],
  ['lite-candidates-not-routable', { media: [{}] }, { lite: true, media: [answerOf({ extra: ['candidate:1 1 udp 2130706431 127.0.0.1 45159 typ host'] })] }],
  ['no-trickle', { trickle: false, media: [{}] }, { media: [answerOf({})] }],
  ['bundle-tag-rejected', { media: [{}, { kind: 'audio' }] }, { bundle: '1', media: [answerOf({ port: 0 }), answerOf({ kind: 'audio' })] }],
  ['bundle-not-in-offer', { bundle: '0', media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({}), answerOf({ kind: 'audio' })] }],
  ['bundle-answer-tag-rejected', { media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({ port: 0 }), answerOf({ kind: 'audio' })] }],
  ['simulcast-not-offered', { media: [{}] }, { media: [answerOf({ extra: ['rid:h recv', 'rid:l recv', 'simulcast:recv h;l'] })] }],
  ['bundle-rejected-member', { media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({}), answerOf({ kind: 'audio', port: 0 })] }],
  ['moved-out-of-bundle', { media: [{}, { kind: 'audio' }] }, { bundle: '0', media: [answerOf({}), answerOf({ kind: 'audio' })] }],
  ['media-rejected', { media: [{}, { kind: 'audio' }] }, { bundle: '0', media: [answerOf({}), answerOf({ kind: 'audio', port: 0 })] }],
  ['mline-count-mismatch', { media: [{}, { kind: 'audio' }] }, { bundle: '0', media: [answerOf({})] }],
  ['mline-mismatch', { media: [{}, { kind: 'audio' }] }, { media: [answerOf({ kind: 'audio', mid: '1' }), answerOf({ mid: '0' })] }],
  ['protocol-mismatch', { media: [{}] }, { media: [answerOf({ proto: 'RTP/AVPF' })] }],
  ['protocol-variant', { media: [{}] }, { media: [answerOf({ proto: 'RTP/SAVPF' })] }],
  ['header-extension-not-offered', { media: [{ extra: ['extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid'] }] }, { media: [answerOf({ extra: ['extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid', 'extmap:5 urn:ietf:params:rtp-hdrext:toffset'] })] }],
  ['header-extension-id-changed', { media: [{ extra: ['extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid'] }] }, { media: [answerOf({ extra: ['extmap:9 urn:ietf:params:rtp-hdrext:sdes:mid'] })] }],
  ['bundle-group-split', { media: [{}, { kind: 'audio' }] }, { bundle: '0', sessionExtra: ['group:BUNDLE 1'], media: [answerOf({}), answerOf({ kind: 'audio' })] }],
  ['stopped-mline-accepted', { bundle: '0', media: [{}, { kind: 'audio', port: 0 }] }, { bundle: '0', media: [answerOf({}), answerOf({ kind: 'audio' })] }],
  ['session-direction-ignored', { sessionExtra: ['recvonly'], media: [{ direction: null }] }, { media: [answerOf({})] }],
  ['address-hold', { media: [{ port: 4000, ufrag: null, pwd: null }] }, { media: [answerOf({})] }],
  ['crypto-mismatch', { media: [{ kind: 'audio', proto: 'RTP/SAVP', extra: ['crypto:1 AES_256_CM_HMAC_SHA1_80 inline:PFCjc9NibGzxCMyO2/bYWGfY2og2/jNTZggkVDfBA7ge3/cnw3Ut4SfslzPjmA==', 'crypto:3 AES_CM_128_HMAC_SHA1_80 inline:1m2Zz8946vM0C0tFXRhf0zWLKymH507MoL99d8TD'] }] }, { media: [answerOf({ kind: 'audio', proto: 'RTP/SAVP', fingerprint: null, extra: ['crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WaYm9EyO2YB5o+tXTLpC6UwP+4xSJCgH3FnEIzOI'] })] }],
  ['simulcast-not-answered', { media: [{ extra: ['rid:q send', 'rid:f send', 'simulcast:send q;f'] }] }, { media: [answerOf({})] }],
  ['simulcast-layers-dropped', { media: [{ extra: ['rid:q send', 'rid:f send', 'simulcast:send q;f'] }] }, { media: [answerOf({ extra: ['rid:f recv', 'simulcast:recv f'] })] }],
  ['bundle-payload-type-collision', { media: [{}, { kind: 'audio' }] }, { media: [answerOf({ formats: '111', codecs: ['rtpmap:111 VP8/90000'] }), answerOf({ kind: 'audio' })] }],
  ['codec-parameters-differ', { media: [{ formats: '98', codecs: ['rtpmap:98 VP9/90000', 'fmtp:98 profile-id=0'] }] }, { media: [answerOf({ formats: '98', codecs: ['rtpmap:98 VP9/90000', 'fmtp:98 profile-id=2'] })] }],
  ['simulcast-layer-paused', { media: [{ extra: ['rid:q send', 'rid:f send', 'simulcast:send q;f'] }] }, { media: [answerOf({ extra: ['rid:q recv', 'rid:f recv', 'simulcast:recv q;~f'] })] }],
  ['simulcast-all-paused', { media: [{ extra: ['rid:q send', 'rid:f send', 'simulcast:send q;f'] }] }, { media: [answerOf({ extra: ['rid:q recv', 'rid:f recv', 'simulcast:recv ~q;~f'] })] }],
  ['sip-legs', { media: [{ kind: 'audio', proto: 'RTP/AVP', fingerprint: null, setup: null, ufrag: null, pwd: null }] }, { media: [answerOf({ kind: 'audio', proto: 'RTP/AVP', fingerprint: null, setup: null, ufrag: null, pwd: null })] }],
  ['header-extension-direction', { media: [{ extra: ['extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level'] }] }, { media: [answerOf({ extra: ['extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level'] })] }],
  ['video-fec-half', { media: [{ formats: '96 116', codecs: ['rtpmap:96 VP8/90000', 'rtpmap:116 red/90000'] }] }, { media: [answerOf({ formats: '96 116', codecs: ['rtpmap:96 VP8/90000', 'rtpmap:116 red/90000'] })] }],
  ['opus-receiver-params', { media: [{ kind: 'audio', formats: '111', codecs: ['rtpmap:111 opus/48000/2', 'fmtp:111 minptime=10;useinbandfec=1'] }] }, { media: [answerOf({ kind: 'audio', formats: '111', codecs: ['rtpmap:111 opus/48000/2', 'fmtp:111 minptime=10;useinbandfec=1;maxaveragebitrate=6000'] })] }],
  ['sctp-port-missing', { media: [{ kind: 'application' }] }, { media: [answerOf({ kind: 'application', codecs: [] })] }],
  ['sctp-format-mismatch', { media: [{ kind: 'application' }] }, { media: [answerOf({ kind: 'application', proto: 'DTLS/SCTP', formats: '5000', codecs: ['sctpmap:5000 webrtc-datachannel 1024'] })] }],
];

describe('header extensions by direction (RFC 8285 §7; negotiation audit: /inactive and /recvonly answered /recvonly were "negotiated")', () => {
  const ext = (offer: string, answer: string) => run({ media: [{ extra: [`extmap:1${offer} urn:ietf:params:rtp-hdrext:ssrc-audio-level`] }] }, { media: [answerOf({ extra: [`extmap:1${answer} urn:ietf:params:rtp-hdrext:ssrc-audio-level`] })] });
  it.each([
    ['', '', true, true, null],
    ['/sendonly', '/recvonly', true, false, null],
    ['/recvonly', '/sendonly', false, true, null],
    ['', '/inactive', false, false, 'extmap 1 urn:ietf:params:rtp-hdrext:ssrc-audio-level: the offer\'s sendrecv answered inactive: neither side sends it'],
    ['/recvonly', '/recvonly', false, false, 'extmap 1 urn:ietf:params:rtp-hdrext:ssrc-audio-level: the offer\'s recvonly answered recvonly (RFC 8285 §7: sendonly or inactive): neither side sends it'],
    ['/sendonly', '/sendonly', false, false, 'extmap 1 urn:ietf:params:rtp-hdrext:ssrc-audio-level: the offer\'s sendonly answered sendonly (RFC 8285 §7: recvonly or inactive): neither side sends it'],
    ['/inactive', '/inactive', false, false, null],
  ])('offer %j, answer %j: offerer sends %j, answerer %j', (offer, answer, offerer, answerer, said) => {
    const n = ext(offer, answer);
    expect(n.media[0]!.headerExtensions.negotiated[0]!.sends).toEqual({ offerer, answerer });
    expect(n.media[0]!.headerExtensions.negotiated[0]!.offerDirection).toBe(offer === '' ? null : offer.slice(1));
    expect(n.diagnostics.filter((d) => d.kind === 'header-extension-direction').map((d) => d.message)).toEqual(said === null ? [] : [said]);
  });
  it.each([['/SENDONLY', '/recvonly', 'sendonly'], ['/sideways', '', null]])('offer %j (case-insensitive; an unknown word is no direction) answered %j: offered, negotiated (it had been "not offered")', (offer, answer, direction) => {
    const n = ext(offer, answer);
    expect(n.media[0]!.headerExtensions.negotiated).toHaveLength(1);
    expect(n.media[0]!.headerExtensions.negotiated[0]!.offerDirection).toBe(direction);
    expect(n.diagnostics.filter((d) => d.kind === 'header-extension-not-offered')).toEqual([]);
  });
});

describe('every diagnostic has a targeted case', () => {
  it('covers the whole table', () => {
    expect(new Set(CASES.map(([c]) => c))).toEqual(new Set(Object.keys(DIAGNOSTICS).filter((k) => DIAGNOSTICS[k as NegotiationDiagnosticKind].domain === 'negotiation')));
  });

  it.each(CASES)('%s', (code, offer, answer) => {
    const n = run(offer, answer);
    const hit = n.diagnostics.find((d) => d.kind === code);
    expect(hit).toBeDefined();
    expect(hit!.severity).toBe(DIAGNOSTICS[code].severity);
    expect(hit!.message.length).toBeGreaterThan(0);
    expect(hasErrors(n)).toBe(n.diagnostics.some((d) => DIAGNOSTICS[d.kind].severity === 'error'));
  });
});

describe('statuses and roles', () => {
  it('answer passive makes the answerer the DTLS server', () => {
    const n = run({ media: [{}] }, { media: [answerOf({ setup: 'passive' })] });
    expect(n.media[0]!.dtls).toMatchObject({ offererRole: 'client', answererRole: 'server', valid: true });
  });
  it('an offer without a=setup is read as actpass, as Chromium reads it: its answer\'s role stands; Firefox\'s refusal is the finding (negotiation audit)', () => {
    const n = run({ media: [{ setup: null }] }, { media: [answerOf({ setup: 'active' })] });
    expect(n.media[0]!.dtls).toMatchObject({ offererRole: 'server', answererRole: 'client', valid: true });
    expect(n.diagnostics.map((d) => [d.kind, d.severity, 'browsers' in d ? d.browsers : null])).toEqual([['offer-setup-missing', 'error', { chromium: 'accepts', firefox: 'rejects' }]]);
  });
  it('an offer of holdconn is the offer\'s finding, with the browsers\' verdicts, and no dtls-role-conflict for its answer (DTLS audit: the fix pointed at the answer)', () => {
    const n = run({ media: [{ setup: 'holdconn' }] }, { media: [answerOf({ setup: 'active' })] });
    expect(n.media[0]!.dtls.valid).toBe(false);
    expect(n.diagnostics.map((d) => [d.kind, d.severity, 'browsers' in d ? d.browsers : null])).toEqual([['offer-setup-holdconn', 'error', { chromium: 'accepts', firefox: 'rejects' }]]);
  });
  it('no-trickle names the side that does not announce it, or both (sdp-diff audit: only "the offer" when neither did)', () => {
    const msg = (o: boolean, a: boolean) => run({ trickle: o, media: [{}] }, { trickle: a, media: [answerOf({})] }).diagnostics.find((d) => d.kind === 'no-trickle')?.message;
    expect(msg(false, false)).toBe('neither the offer nor the answer announces a=ice-options:trickle');
    expect(msg(false, true)).toBe('the offer does not announce a=ice-options:trickle');
    expect(msg(true, false)).toBe('the answer does not announce a=ice-options:trickle');
    expect(msg(true, true)).toBeUndefined();
  });
  it('a BUNDLE group whose tag has no ufrag names it as missing, not as an empty name (negotiation audit)', () => {
    const n = run({ media: [{}, { kind: 'audio' }] }, { media: [answerOf({ ufrag: null }), answerOf({ kind: 'audio' })] });
    const d = n.diagnostics.find((x) => x.kind === 'bundle-credentials-differ');
    expect(d?.message).toBe("the answer's BUNDLE group has ufrags (none, on an m-line without a=ice-ufrag), gZTj");
  });
  it('an answer\'s bundled m-line other than the tag without ICE credentials: no finding, the tag\'s are used (both browsers take it, measured: the 2026-12-06 audit)', () => {
    const n = run({ media: [{}, { kind: 'audio' }] }, { media: [answerOf({}), answerOf({ kind: 'audio', ufrag: null, pwd: null })] });
    expect(n.diagnostics.map((x) => x.kind)).toEqual([]);
    // The offer's own are needed (Firefox refuses an offer without them).
    const o = run({ media: [{}, { kind: 'audio', ufrag: null }] }, { media: [answerOf({}), answerOf({ kind: 'audio' })] });
    expect(o.diagnostics.map((x) => x.kind)).toContain('missing-ice-credentials');
  });
  it('a bundled m-section that is not the tag uses the tag\'s transport: no fingerprint, setup or ICE of its own needed in an answer, nor in an offer where it is bundle-only; without bundle-only, Firefox only refuses (sdp-diff audit: RFC 8829\'s own examples had four false errors)', () => {
    // An answer's: none of the three (Chromium's VerifyCrypto skips it; Firefox's OwnsTransport is false).
    const bare = { fingerprint: null, setup: null, ufrag: null, pwd: null } as const;
    const answer = run({ media: [{}, { kind: 'audio' }] }, { media: [answerOf({}), answerOf({ kind: 'audio', ...bare })] });
    expect(answer.diagnostics.map((x) => x.kind)).toEqual([]);
    // An offer's bundle-only one: none either.
    const only = run({ media: [{}, { kind: 'audio', port: 0, extra: ['bundle-only'], ...bare }] }, { media: [answerOf({}), answerOf({ kind: 'audio' })] });
    expect(only.diagnostics.filter((x) => ['missing-fingerprint', 'offer-setup-missing', 'missing-ice-credentials'].includes(x.kind))).toEqual([]);
    // An offer's without bundle-only: Firefox refuses (a transport of its own until the answer), Chromium takes it.
    const owns = run({ media: [{}, { kind: 'audio', ...bare }] }, { media: [answerOf({}), answerOf({ kind: 'audio' })] });
    const said = owns.diagnostics.filter((x) => ['missing-fingerprint', 'offer-setup-missing', 'missing-ice-credentials'].includes(x.kind));
    expect(said.map((x) => [x.kind, (x as { browsers?: unknown }).browsers])).toEqual([
      ['missing-fingerprint', { chromium: 'accepts', firefox: 'rejects' }],
      ['offer-setup-missing', { chromium: 'accepts', firefox: 'rejects' }],
      ['missing-ice-credentials', { chromium: 'accepts', firefox: 'rejects' }],
    ]);
    // Different ufrags in an offer's group are no finding (an initial offer's are unique: RFC 8829 §5.2.1); in an answer's, the warning.
    expect(run({ media: [{}, { kind: 'audio', ufrag: 'zzzz' }] }, { media: [answerOf({}), answerOf({ kind: 'audio' })] }).diagnostics.map((x) => x.kind)).not.toContain('bundle-credentials-differ');
  });
  it('an answer m-line without a=mid while the answer group names its mid: said so, with each browser\'s reading, not "taken out of the group" (negotiation audit) nor a rejected tag (BUNDLE audit: Chromium fills the mid in)', () => {
    const n = run({ media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({ mid: null }), answerOf({ kind: 'audio' })] });
    const said = Object.fromEntries(n.diagnostics.map((d) => [d.kind, d.message]));
    expect(said['answer-mid-missing']).toBe("mid 0 was bundled in the offer; the answer's m-line 0 has no a=mid while the answer's BUNDLE group names 0: Firefox refuses the answer; Chromium takes it (both measured), giving the m-line the offer's mid, so the m-line stays in the group there");
    expect(n.diagnostics.find((d) => d.kind === 'answer-mid-missing')).toMatchObject({ severity: 'error', browsers: { chromium: 'accepts', firefox: 'rejects' } });
    expect(said['moved-out-of-bundle']).toBeUndefined();
    expect(said['bundle-tag-rejected']).toBeUndefined();
    // Its status and group as Chromium reads them, the offer's mid filled in (README audit: "moved out of BUNDLE" beside the finding).
    expect([n.media[0]!.status, n.media[0]!.bundle.inAnswer, n.media[0]!.bundle.answerTag]).toEqual(['accepted', true, true]);
  });
  it('an answer that rejects its own group\'s tag and accepts the rest: an error both browsers share, said once (sdp-diff audit: a warning only)', () => {
    const n = run({ media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({ port: 0 }), answerOf({ kind: 'audio' })] });
    const d = n.diagnostics.filter((x) => x.kind.startsWith('bundle-'));
    expect(d.map((x) => [x.kind, x.severity])).toEqual([['bundle-answer-tag-rejected', 'error']]);
    expect(d[0]!.message).toBe('the answer rejects mid 0 (port 0), the tag of its BUNDLE group, and accepts mid 1 in that group, which then has no transport: both browsers reject it (Chromium: "The m= section with mid=\'1\' should be rejected."); reject them all, or take the rejected mid out of the group and tag it with an accepted one');
    expect((d[0] as { browsers?: unknown }).browsers).toEqual({ chromium: 'rejects', firefox: 'rejects' });
    // All of the group rejected, or the tag taken out of the group: not this error.
    expect(codes(run({ media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({ port: 0 }), answerOf({ kind: 'audio', port: 0 })] }))).not.toContain('bundle-answer-tag-rejected');
    expect(codes(run({ media: [{}, { kind: 'audio' }] }, { bundle: '1', media: [answerOf({ port: 0 }), answerOf({ kind: 'audio' })] }))).not.toContain('bundle-answer-tag-rejected');
  });
  it('simulcast-not-offered only where the offer has no a=simulcast line at all: one written with two blanks (which libwebrtc reads) is not "none" (change audit)', () => {
    const answer = answerOf({ extra: ['rid:h recv', 'rid:l recv', 'simulcast:recv h;l'] });
    expect(codes(run({ media: [{ extra: ['rid:h send', 'rid:l send', 'simulcast:send  h;l'] }] }, { media: [answer] }))).not.toContain('simulcast-not-offered');
    expect(codes(run({ media: [{}] }, { media: [answer] }))).toContain('simulcast-not-offered');
  });
  it('the change audit\'s cases: a rejected tag leaves no tag transport to share; an empty group is none; a group all rejected gets no member infos', () => {
    // A member's own actpass beside a rejected tag: its own roles, an error, and no "tag's transport".
    const orphan = run({ media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({ port: 0 }), answerOf({ kind: 'audio', setup: 'actpass' })] });
    expect(codes(orphan)).toEqual(expect.arrayContaining(['bundle-answer-tag-rejected', 'dtls-role-conflict']));
    expect(orphan.media[1]!.bundle.answerSharesTag).toBe(false);
    // A bare "a=group:BUNDLE" in the answer to an unbundled offer: libwebrtc skips an empty group.
    expect(codes(run({ bundle: null, media: [{}] }, { bundle: '', media: [answerOf({})] }))).not.toContain('bundle-not-in-offer');
    // Everything rejected, the group kept: everything-rejected says it, not a tag "tagged by mid 0" nor an info per m-line.
    const all = codes(run({ media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({ port: 0 }), answerOf({ kind: 'audio', port: 0 })] }));
    expect(all).toContain('everything-rejected');
    expect(all.filter((k) => k.startsWith('bundle-'))).toEqual([]);
  });
  it('a BUNDLE group in the answer to an offer with none: Chromium rejects it, Firefox accepts (sdp-diff audit: nothing said)', () => {
    const n = run({ bundle: null, media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({}), answerOf({ kind: 'audio' })] });
    const d = n.diagnostics.find((x) => x.kind === 'bundle-not-in-offer')!;
    expect([d.severity, (d as { browsers?: unknown }).browsers]).toEqual(['error', { chromium: 'rejects', firefox: 'accepts' }]);
    expect(d.message).toMatch(/^the answer has a BUNDLE group \(mids 0 1\) and the offer has none: Chromium rejects it/);
  });
  it('a bundled answer m-section other than the tag: its a=setup is not applied, its roles are the tag\'s (measured: setup-actpass-not-tag)', () => {
    const n = run({ media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({}), answerOf({ kind: 'audio', setup: 'actpass' })] });
    expect(codes(n)).not.toContain('dtls-role-conflict');
    expect(n.media.map((m) => [m.dtls.valid, m.dtls.answererRole])).toEqual([[true, 'client'], [true, 'client']]);
    // The tag's own actpass is the error, once.
    const t = run({ media: [{}, { kind: 'audio' }] }, { bundle: '0 1', media: [answerOf({ setup: 'actpass' }), answerOf({ kind: 'audio' })] });
    expect(t.diagnostics.filter((d) => d.kind === 'dtls-role-conflict').map((d) => d.mid)).toEqual(['0']);
  });
  it('both active is a conflict', () => {
    const n = run({ media: [{ setup: 'active' }] }, { media: [answerOf({ setup: 'active' })] });
    expect(n.media[0]!.dtls.valid).toBe(false);
    expect(codes(n)).toContain('dtls-role-conflict');
  });
  it('a bundle-only m-line accepted in the answer group is bundle-only', () => {
    const n = run({ media: [{}, { kind: 'audio', port: 0, extra: ['bundle-only'] }] }, { media: [answerOf({}), answerOf({ kind: 'audio', port: 0, extra: ['bundle-only'] })] });
    expect(n.media.map((m) => m.status)).toEqual(['accepted', 'bundle-only']);
    expect(n.media[1]!.codecs.negotiated.map((c) => c.name)).toEqual(['opus']);
  });
  it('says when a rejected m-line had codecs in common (declined, not incompatible)', () => {
    const n = run({ media: [{}, { kind: 'audio' }] }, { bundle: '1', media: [answerOf({ port: 0 }), answerOf({ kind: 'audio' })] });
    expect(n.diagnostics.find((d) => d.kind === 'media-rejected')!.message).toBe('video m-line 0 rejected: declined by the answerer (1 codec in common)');
    expect(n.diagnostics.find((d) => d.kind === 'bundle-tag-rejected')!.message).toBe("mid 0, the offer's BUNDLE tag, was rejected; the answer's group is tagged by mid 1");
  });
  it('a missing answer m-line is missing', () => {
    const n = run({ media: [{}, { kind: 'audio' }] }, { bundle: '0', media: [answerOf({})] });
    expect(n.media.map((m) => m.status)).toEqual(['accepted', 'missing']);
  });
  it('RFC 3264 §6.1 directions', () => {
    const dir = (o: string, a: string) => run({ media: [{ direction: o }] }, { media: [answerOf({ direction: a })] }).media[0]!.direction;
    expect(dir('sendonly', 'recvonly')).toMatchObject({ valid: true, offererSends: true, answererSends: false });
    expect(dir('recvonly', 'sendonly')).toMatchObject({ valid: true, offererSends: false, answererSends: true });
    expect(dir('sendrecv', 'recvonly')).toMatchObject({ valid: true, offererSends: true, answererSends: false });
    expect(dir('inactive', 'sendrecv')).toMatchObject({ valid: false, allowed: ['inactive'] });
  });
});

describe('several BUNDLE groups (RFC 8843 §7; Chromium makes and takes them)', () => {
  // The MID header extension on each (two audio m-lines of one group, opus at 111 in both and no a=ssrc, are bundle-demux-ambiguous without it).
  const mid = ['extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid'];
  const sdp = (groups: string[], answer: boolean) =>
    buildSdp({ media: [answer ? answerOf({ mid: '0', extra: mid }) : { mid: '0', extra: mid }, answer ? answerOf({ kind: 'audio', mid: '1', extra: mid }) : { kind: 'audio', mid: '1', extra: mid }, answer ? answerOf({ kind: 'audio', mid: '2', extra: mid }) : { kind: 'audio', mid: '2', extra: mid }] }).replace(/a=group:BUNDLE[^\r\n]*\r\n/, groups.map((g) => `a=group:BUNDLE ${g}\r\n`).join(''));

  it('each m-line in its own group, tagged by that group\'s first; the answer\'s groups in another order are no finding (audit against Chromium: a second group was "bundle-not-in-offer" and "moved out")', () => {
    const n = negotiate(parseSdp(sdp(['0', '1 2'], false)), parseSdp(sdp(['1 2', '0'], true)));
    expect(n.diagnostics).toEqual([]);
    expect(n.bundle).toEqual({ offer: ['0'], answer: ['1', '2'], offerGroups: [['0'], ['1', '2']], answerGroups: [['1', '2'], ['0']] });
    expect(n.media.map((m) => [m.mid, m.status, m.bundle.offerTag, m.bundle.answerTag])).toEqual([
      ['0', 'accepted', true, true],
      ['1', 'accepted', true, true],
      ['2', 'accepted', false, false],
    ]);
  });

  it('an answer group that joins m-lines of two offer groups is refused; one that leaves a group out is moved out', () => {
    const joined = negotiate(parseSdp(sdp(['0', '1 2'], false)), parseSdp(sdp(['0 1 2'], true)));
    expect(joined.diagnostics.map((d) => [d.kind, d.message])).toEqual([
      ['bundle-not-in-offer', 'the answer bundles mid 1 with mid 0, which the offer put in another BUNDLE group'],
      ['bundle-not-in-offer', 'the answer bundles mid 2 with mid 0, which the offer put in another BUNDLE group'],
    ]);
    const out = negotiate(parseSdp(sdp(['0', '1 2'], false)), parseSdp(sdp(['0'], true)));
    expect(out.media.map((m) => m.status)).toEqual(['accepted', 'moved-out-of-bundle', 'moved-out-of-bundle']);
  });
});

describe('payload types remapped onto a number the offer gave another codec (SFU audit: a Janus answer without its fmtp:102)', () => {
  const offer = { media: [{ formats: '102 108', codecs: ['rtpmap:102 H264/90000', 'fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f', 'rtpmap:108 H264/90000', 'fmtp:108 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f'] }] };
  it('says both readings: the number is the offer\'s other codec, the answer\'s line reads as the one it matched', () => {
    const n = run(offer, { media: [answerOf({ formats: '102', codecs: ['rtpmap:102 H264/90000'] })] });
    expect(n.diagnostics.map((d) => [d.kind, d.message])).toEqual([['payload-type-remapped', "H264: offer payload type 108, answer 102; the offer's 102 is another codec (H264 Baseline packetization-mode=1): the answer's 102 reads as H264 Constrained Baseline packetization-mode=0, the offer's 108, so if the answerer meant the offer's 102, its a=fmtp was lost or changed"]]);
  });
  it('a number the offer did not use, or an rtx, is the plain remapping', () => {
    const n = run(offer, { media: [answerOf({ formats: '120', codecs: ['rtpmap:120 H264/90000', 'fmtp:120 packetization-mode=1;profile-level-id=42001f'] })] });
    expect(n.diagnostics.map((d) => d.message)).toEqual(['H264: offer payload type 102, answer 120']);
  });
});

describe('no media codec in common, as each browser takes it (negotiation audit of 2026-12-06, measured)', () => {
  const video = (codecs: string[], formats: string) => ({ formats, codecs });
  const said = (offer: { formats: string; codecs: string[] }, answer: { formats: string; codecs: string[] }, direction = 'sendrecv') => run({ media: [{ ...offer, direction }] }, { media: [answerOf({ ...answer, direction: direction === 'sendrecv' ? 'sendrecv' : 'recvonly' })] }).diagnostics.filter((d) => d.kind === 'no-common-codec' || d.kind === 'codec-parameters-differ').map((d) => [d.kind, d.severity, (d as { browsers?: unknown }).browsers ?? null]);
  const offer = video(['rtpmap:96 VP8/90000', 'rtpmap:97 rtx/90000', 'fmtp:97 apt=96', 'rtpmap:116 red/90000', 'rtpmap:117 ulpfec/90000'], '96 97 116 117');
  it('red and ulpfec only: Firefox refuses, and Chromium when it sends (it said both accept)', () => {
    expect(said(offer, video(['rtpmap:116 red/90000', 'rtpmap:117 ulpfec/90000'], '116 117'))).toEqual([['no-common-codec', 'error', { chromium: 'rejects', firefox: 'rejects' }]]);
    expect(said(offer, video(['rtpmap:116 red/90000', 'rtpmap:117 ulpfec/90000'], '116 117'), 'recvonly')).toEqual([['no-common-codec', 'error', { chromium: 'accepts', firefox: 'rejects' }]]);
  });
  it('a codec the offer lacks: Firefox refuses, Chromium takes it', () => {
    expect(said(offer, video(['rtpmap:96 FOO/90000'], '96'))).toEqual([['no-common-codec', 'error', { chromium: 'accepts', firefox: 'rejects' }]]);
  });
  it('VP9 or AV1 of another profile: both take it, a warning (it said Firefox refuses)', () => {
    expect(said(video(['rtpmap:98 VP9/90000'], '98'), video(['rtpmap:98 VP9/90000', 'fmtp:98 profile-id=2'], '98'))).toEqual([['codec-parameters-differ', 'warning', null]]);
    expect(said(video(['rtpmap:45 AV1/90000'], '45'), video(['rtpmap:45 AV1/90000', 'fmtp:45 profile=1'], '45'))).toEqual([['codec-parameters-differ', 'warning', null]]);
    // H264 of another profile stays no-common-codec: Firefox compares H264's profile (GetSubprofile).
    expect(said(video(H264_CB_PM1.slice(0, 2), '102'), video(['rtpmap:102 H264/90000', 'fmtp:102 packetization-mode=1;profile-level-id=640c1f'], '102'))[0]![0]).toBe('no-common-codec');
  });
});

describe('codec matching details libwebrtc has (negotiation audit of 2026-12-06, from its source)', () => {
  it('H265 tx-mode (absent = SRST) tells codecs apart, as profile-id and tier-flag do', () => {
    const h265 = (fmtp: string) => ({ formats: '104', codecs: ['rtpmap:104 H265/90000', `fmtp:104 ${fmtp}`] });
    const common = (o: string, a: string) => run({ media: [h265(o)] }, { media: [answerOf(h265(a))] }).media[0]!.codecs.negotiated.length;
    expect([common('profile-id=1;tx-mode=SRST', 'profile-id=1'), common('profile-id=1;tx-mode=SRST', 'profile-id=1;tx-mode=MRST')]).toEqual([1, 0]);
  });
  it('red as libwebrtc matches it: depth apart, channels equal, a side without a list only by its payload type', () => {
    const audio = (codecs: string[], formats: string) => ({ kind: 'audio' as const, formats, codecs });
    const offer = audio(['rtpmap:111 opus/48000/2', 'rtpmap:63 red/48000/2', 'fmtp:63 111/111'], '111 63');
    const reds = (answer: { kind: 'audio'; formats: string; codecs: string[] }) => run({ media: [offer] }, { media: [answerOf(answer)] }).media[0]!.codecs.negotiated.filter((c) => c.name === 'red').map((c) => [c.offerPayloadType, c.answerPayloadType]);
    expect(reds(audio(['rtpmap:111 opus/48000/2', 'rtpmap:63 red/48000/2', 'fmtp:63 111/111/111'], '111 63'))).toEqual([[63, 63]]);
    expect(reds(audio(['rtpmap:111 opus/48000/2', 'rtpmap:63 red/48000', 'fmtp:63 111/111'], '111 63'))).toEqual([]);
    expect(reds(audio(['rtpmap:111 opus/48000/2', 'rtpmap:63 red/48000/2'], '111 63'))).toEqual([[63, 63]]);
    expect(reds(audio(['rtpmap:111 opus/48000/2', 'rtpmap:100 red/48000/2'], '111 100'))).toEqual([]);
  });
  it('red lists compared by position up to the shorter, as libwebrtc does (they were compared as sets: the eighth session\'s note)', () => {
    const audio = (codecs: string[], formats: string) => ({ kind: 'audio' as const, formats, codecs });
    const OPUS_PCMU = ['rtpmap:111 opus/48000/2', 'rtpmap:0 PCMU/8000'];
    const reds = (offerList: string, answerList: string) => run({ media: [audio([...OPUS_PCMU, 'rtpmap:63 red/48000/2', `fmtp:63 ${offerList}`], '111 0 63')] }, { media: [answerOf(audio([...OPUS_PCMU, 'rtpmap:63 red/48000/2', `fmtp:63 ${answerList}`], '111 0 63'))] }).media[0]!.codecs.negotiated.filter((c) => c.name === 'red').length;
    // A longer list whose shared part matches: taken ("111/0" against "111" had been no red).
    expect([reds('111', '111/0'), reds('111/0', '111'), reds('111/111', '111/111/111')]).toEqual([1, 1, 1]);
    // The same payload types in another order: not taken (as sets they had matched).
    expect([reds('111/0', '0/111'), reds('111/111', '111/0')]).toEqual([0, 0]);
    // A part that is not a number: the whole text's equality.
    expect([reds('x/y', 'x/y'), reds('x/y', 'x/z'), reds('111/x', '111/x'), reds('111', 'x')]).toEqual([1, 0, 1, 0]);
    // One side without a list: audio red of the same payload type only; video red not.
    const video = (fmtp: string[]) => ({ formats: '96 116', codecs: ['rtpmap:96 VP8/90000', 'rtpmap:116 red/90000', ...fmtp] });
    const videoReds = run({ media: [video(['fmtp:116 96/96'])] }, { media: [answerOf(video([]))] }).media[0]!.codecs.negotiated.filter((c) => c.name === 'red').length;
    expect(videoReds).toBe(0);
  });
  it('H264 levels 6 to 6.2 match by profile, as libwebrtc reads them (h264-profile-level-id 2.3 stops at 5.2: a level-6 offer had matched no H264)', () => {
    const h264 = (pli: string) => ({ formats: '96', codecs: ['rtpmap:96 H264/90000', `fmtp:96 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=${pli}`] });
    const n = run({ media: [h264('640c3c')] }, { media: [answerOf(h264('640c34'))] });
    expect(n.media[0]!.codecs.negotiated.map((c) => c.name)).toEqual(['H264']);
    expect(run({ media: [h264('42e03d')] }, { media: [answerOf(h264('640c3d'))] }).media[0]!.codecs.negotiated).toEqual([]);
  });
  it('video rtx by its apt alone, whatever its clock rate (libwebrtc\'s video rules, Firefox\'s GetRtxPtByApt)', () => {
    const v = (rtx: string) => ({ formats: '96 97', codecs: ['rtpmap:96 VP8/90000', `rtpmap:97 ${rtx}`, 'fmtp:97 apt=96'] });
    const n = run({ media: [v('rtx/90000')] }, { media: [answerOf(v('rtx/45000'))] });
    expect([n.media[0]!.codecs.negotiated.map((c) => c.name), n.diagnostics.map((d) => d.kind)]).toEqual([['VP8', 'rtx'], []]);
  });
  it('a payload type of 35–63 without its rtpmap is no codec (dynamic, as libwebrtc ranges them); 0–34 are matched by number', () => {
    const n = run({ media: [{ formats: '35', codecs: ['rtpmap:35 AV1/90000'] }] }, { media: [answerOf({ formats: '35', codecs: [] })] });
    expect(n.media[0]!.codecs.negotiated).toEqual([]);
    const pcmu = run({ media: [{ kind: 'audio', formats: '0', codecs: ['rtpmap:0 PCMU/8000'] }] }, { media: [answerOf({ kind: 'audio', formats: '0', codecs: [] })] });
    expect(pcmu.media[0]!.codecs.negotiated.map((c) => c.offerPayloadType)).toEqual([0]);
  });
  it('rtcp-fb in common whatever its case (FeedbackParam compares ignoring case), written as the answer writes it', () => {
    const n = run({ media: [{ formats: '96', codecs: ['rtpmap:96 VP8/90000', 'rtcp-fb:96 nack', 'rtcp-fb:96 nack pli', 'rtcp-fb:96 transport-cc'] }] }, { media: [answerOf({ formats: '96', codecs: ['rtpmap:96 VP8/90000', 'rtcp-fb:96 NACK', 'rtcp-fb:96 NACK PLI', 'rtcp-fb:96 Transport-CC'] })] });
    expect(n.media[0]!.codecs.negotiated[0]!.rtcpFeedback).toEqual(['NACK', 'NACK PLI', 'Transport-CC']);
  });
});

describe('one payload type for two codecs across a BUNDLE group (negotiation audit; both browsers take it, measured)', () => {
  it('is a warning naming both m-sections, once per payload type; the same codec and fmtp under one number is none', () => {
    const n = run({ media: [{}, { kind: 'audio' }] }, { media: [answerOf({ formats: '111', codecs: ['rtpmap:111 VP8/90000'] }), answerOf({ kind: 'audio' })] });
    expect(n.diagnostics.filter((d) => d.kind === 'bundle-payload-type-collision').map((d) => [d.severity, d.message])).toEqual([['warning', 'the answer\'s payload type 111 is opus/48000/2 in mid "1" and vp8 in mid "0", one BUNDLE group: both browsers take it; a receiver that routes by payload type (no mid header extension, no ssrc lines) cannot tell them apart']]);
    const same = run({ media: [{ kind: 'audio' }, { kind: 'audio' }] }, { media: [answerOf({ kind: 'audio' }), answerOf({ kind: 'audio' })] });
    expect(same.diagnostics.filter((d) => d.kind === 'bundle-payload-type-collision')).toEqual([]);
  });
});

describe('fingerprint hashes (SFU audit: mediasoup answers with sha-224)', () => {
  it('sha-224, sha-384 and sha-512 are no finding; sha-1 and md5 are weak-fingerprint', () => {
    const kinds = (fp: string) => run({ media: [{ fingerprint: fp }] }, { media: [answerOf({})] }).diagnostics.map((d) => d.kind);
    const hex = (n: number) => Array.from({ length: n }, () => 'AB').join(':');
    expect([kinds(`sha-224 ${hex(28)}`), kinds(`sha-384 ${hex(48)}`), kinds(`sha-512 ${hex(64)}`)]).toEqual([[], [], []]);
    expect([kinds(`sha-1 ${hex(20)}`), kinds(`md5 ${hex(16)}`)]).toEqual([['weak-fingerprint'], ['weak-fingerprint']]);
    // A hash no browser knows is fingerprint-invalid's, the description's finding, not a weak one (DTLS audit).
    expect(kinds(`sha-999 ${hex(32)}`)).toEqual([]);
  });
});

describe('an answer whose first codec the offer does not have (thread audit: doubango answered PCMA first to a PCMU offer)', () => {
  it('says it is the codec the answerer most prefers to receive (codec audit: it had said "prefers to send"), and which one is first in common', () => {
    const n = run({ media: [{ kind: 'audio', formats: '0 101', codecs: ['rtpmap:0 PCMU/8000', 'rtpmap:101 telephone-event/8000'] }] }, { media: [answerOf({ kind: 'audio', formats: '8 0 101', codecs: ['rtpmap:8 PCMA/8000', 'rtpmap:0 PCMU/8000', 'rtpmap:101 telephone-event/8000'] })] });
    expect(n.diagnostics.filter((d) => d.kind === 'answer-codec-not-offered').map((d) => d.message)).toEqual([expect.stringMatching(/^answer payload type 8: .*; it is the answer's first codec, the one the answerer most prefers to receive, and the offerer never offered it \(RFC 3264 §6\.1: the answerer cannot send it\) \(PCMU\/8000 at payload type 0 is the first one in common\)$/)]);
    // The first in common is a media codec, not red or FEC ahead of it (codec audit: "red/90000 … is the first one in common").
    const red = run({ media: [{ formats: '96 97 123 127', codecs: [...VP8, 'rtpmap:123 red/90000', 'rtpmap:127 ulpfec/90000'] }] }, { media: [answerOf({ formats: '100 123 127 96 97', codecs: ['rtpmap:100 H264/90000', 'fmtp:100 packetization-mode=1;profile-level-id=640c1f', 'rtpmap:123 red/90000', 'rtpmap:127 ulpfec/90000', ...VP8] })] });
    expect(red.diagnostics.find((d) => d.kind === 'answer-codec-not-offered')?.message).toMatch(/\(VP8\/90000 at payload type 96 is the first one in common\)$/);
    // Not the first: no such words.
    const later = run({ media: [{}] }, { media: [answerOf({ formats: '96 97 98', codecs: [...VP8, 'rtpmap:98 VP9/90000'] })] });
    expect(later.diagnostics.filter((d) => d.kind === 'answer-codec-not-offered').map((d) => d.message).join('')).not.toMatch(/first codec/);
  });
});

describe('simulcast the offer sends, as the answer takes it (RFC 8853 §5.3; audit against Chromium)', () => {
  const offer = { media: [{ extra: ['rid:q send', 'rid:h send', 'rid:f send', 'simulcast:send q;h;f'] }] };
  const said = (answerExtra: string[]) => run(offer, { media: [answerOf({ extra: answerExtra })] }).diagnostics.map((d) => [d.kind, d.message]);
  it('every layer taken: nothing to say', () => {
    expect(said(['rid:q recv', 'rid:h recv', 'rid:f recv', 'simulcast:recv q;h;f'])).toEqual([]);
  });
  it('says what was negotiated, layer by layer: received or not, paused or not (SFU audit: only what went wrong was said)', () => {
    const sim = (answerExtra: string[]) => run(offer, { media: [answerOf({ extra: answerExtra })] }).media[0]!.simulcast;
    const l = (rids: string[], received: boolean, paused = false, answered = received ? rids : []) => ({ rids, received, paused, answered });
    expect(sim(['rid:q recv', 'rid:h recv', 'rid:f recv', 'simulcast:recv q;h;f'])).toEqual({ offer: 'q;h;f', answer: 'q;h;f', layers: [l(['q'], true), l(['h'], true), l(['f'], true)], chromiumSendsNothing: false });
    expect(sim(['rid:h recv', 'rid:f recv', 'simulcast:recv f;h'])).toEqual({ offer: 'q;h;f', answer: 'f;h', layers: [l(['q'], false), l(['h'], true), l(['f'], true)], chromiumSendsNothing: false });
    expect(sim([])).toEqual({ offer: 'q;h;f', answer: null, layers: [l(['q'], false), l(['h'], false), l(['f'], false)], chromiumSendsNothing: false });
    expect(run({ media: [{}] }, { media: [answerOf({})] }).media[0]!.simulcast).toBeNull();
    // A rejected m-line receives no layer (change audit: "q ✓" on a port 0).
    expect(run(offer, { media: [answerOf({ port: 0, extra: ['rid:q recv', 'simulcast:recv q'] })] }).media[0]!.simulcast!.layers.every((x) => !x.received)).toBe(true);
    // Alternatives: one stream of two rids.
    const alt = run({ media: [{ extra: ['rid:f send', 'rid:h send', 'rid:q send', 'simulcast:send f,~h;q'] }] }, { media: [answerOf({ extra: ['rid:f recv', 'rid:q recv', 'simulcast:recv f;~q'] })] });
    expect(alt.media[0]!.simulcast!.layers).toEqual([l(['f', 'h'], true, false, ['f']), l(['q'], true, true)]);
    // RFC 8853 §6.2.1: the answerer keeps one of two alternatives (rid 3's codec removed).
    const rfc = run({ media: [{ extra: ['rid:1 send', 'rid:2 send', 'rid:3 send', 'simulcast:send 1;2,3'] }] }, { media: [answerOf({ extra: ['rid:1 recv', 'rid:2 recv', 'simulcast:recv 1;2'] })] });
    expect(rfc.media[0]!.simulcast!.layers).toEqual([l(['1'], true), l(['2', '3'], true, false, ['2'])]);
    // "~" is each rid's: "~2,3" pauses 2 alone, the layer not paused; "~3" pauses the one kept (audit of the change: "2,3 paused" both times).
    const alt2 = (recv: string) => run({ media: [{ extra: ['rid:1 send', 'rid:2 send', 'rid:3 send', 'simulcast:send 1;2,3'] }] }, { media: [answerOf({ extra: ['rid:1 recv', 'rid:2 recv', 'rid:3 recv', `simulcast:recv ${recv}`] })] });
    expect(alt2('1;~2,3').media[0]!.simulcast!.layers).toEqual([l(['1'], true), l(['2', '3'], true, false, ['2', '3'])]);
    expect(alt2('1;~2,3').diagnostics.filter((d) => d.kind === 'simulcast-layer-paused').map((d) => d.message)).toEqual([expect.stringMatching(/^the answer receives 2 paused \(~\): Chromium sends that layer inactive/)]);
    expect(alt2('1;~3').media[0]!.simulcast!.layers).toEqual([l(['1'], true), l(['2', '3'], true, true, ['3'])]);
    expect(alt2('1;~3').diagnostics.filter((d) => d.kind === 'simulcast-layer-paused').map((d) => d.message)).toEqual([expect.stringMatching(/^the answer receives 3 paused/)]);
  });
  it('a layer the answer takes paused (~, RFC 8853 §5.2): an info, Chromium sends it inactive (libwebrtc UpdateSimulcastLayerStatusInSender)', () => {
    expect(said(['rid:q recv', 'rid:h recv', 'rid:f recv', 'simulcast:recv ~q;h;~f'])).toEqual([['simulcast-layer-paused', "the answer receives q, f paused (~): Chromium sends those layers inactive (encoding.active false) until the sender's setParameters makes them active"]]);
    expect(run(offer, { media: [answerOf({ extra: ['rid:q recv', 'rid:h recv', 'rid:f recv', 'simulcast:recv ~q;h;f'] })] }).diagnostics.map((d) => d.severity)).toEqual(['info']);
  });
  it('every layer taken paused, or only rids the offer does not send: Chromium sends nothing, said as a warning and in the direction row (sdp-diff audit: "offerer sends" of an m-line that sent 0 packets in Chromium 156)', () => {
    const r = run(offer, { media: [answerOf({ extra: ['rid:q recv', 'rid:h recv', 'rid:f recv', 'simulcast:recv ~q;~h;~f'] })] });
    expect([r.media[0]!.simulcast!.chromiumSendsNothing, r.diagnostics.map((d) => [d.kind, d.severity])]).toEqual([true, [['simulcast-all-paused', 'warning']]]);
    expect(r.diagnostics[0]!.message).toMatch(/^the answer receives every layer it takes paused \(~q, ~h, ~f\): Chromium sends nothing on this m-line/);
    expect(run(offer, { media: [answerOf({ extra: ['rid:x recv', 'simulcast:recv x'] })] }).media[0]!.simulcast!.chromiumSendsNothing).toBe(true);
    // One layer active, or offered rids without their a=rid line (Chromium sends one stream then): not nothing.
    expect(run(offer, { media: [answerOf({ extra: ['rid:q recv', 'rid:f recv', 'simulcast:recv ~q;f'] })] }).media[0]!.simulcast!.chromiumSendsNothing).toBe(false);
    // Alternatives, one paused: Chromium makes an encoding of each rid listed, h active (audit of the change, measured: "~1,2" kept 2 active).
    expect(run(offer, { media: [answerOf({ extra: ['rid:q recv', 'rid:h recv', 'rid:f recv', 'simulcast:recv ~q,h;~f'] })] }).media[0]!.simulcast!.chromiumSendsNothing).toBe(false);
    expect(run(offer, { media: [answerOf({ extra: ['rid:q recv', 'rid:h recv', 'rid:f recv', 'simulcast:recv ~q,~h;~f'] })] }).media[0]!.simulcast!.chromiumSendsNothing).toBe(true);
    expect(run(offer, { media: [answerOf({ extra: ['simulcast:recv q;f'] })] }).media[0]!.simulcast!.chromiumSendsNothing).toBe(false);
  });
  it('no a=simulcast in the answer: one stream, the first layer (Chromium)', () => {
    expect(said([])).toEqual([['simulcast-not-answered', 'the offer sends 3 simulcast layers (rids q, h, f); the answer has no a=simulcast recv: one stream is sent (Chromium sends the first layer, rid q)']]);
  });
  it('counts streams, not rids: "f,~h" is one stream with an alternative, taken when the answer names either (audit of the change)', () => {
    const alt = run({ media: [{ extra: ['rid:f send', 'rid:h send', 'rid:i send', 'rid:q send', 'simulcast:send f,~h;i;q'] }] }, { media: [answerOf({ extra: ['rid:f recv', 'rid:i recv', 'rid:q recv', 'simulcast:recv f;i;q'] })] });
    expect(alt.diagnostics).toEqual([]);
    const dropped = run({ media: [{ extra: ['rid:f send', 'rid:h send', 'rid:q send', 'simulcast:send f,h;q'] }] }, { media: [answerOf({ extra: ['rid:f recv', 'simulcast:recv f'] })] });
    expect(dropped.diagnostics.map((d) => d.message)).toEqual(['the offer sends 2 simulcast layers (rids f,h, q); the answer receives f: q is not sent']);
    // The answer's streams too: "recv f,h" is one stream, so of "send f;h" one layer is taken (audit of the late commits).
    const one = run({ media: [{ extra: ['rid:f send', 'rid:h send', 'simulcast:send f;h'] }] }, { media: [answerOf({ extra: ['rid:f recv', 'rid:h recv', 'simulcast:recv f,h'] })] });
    expect(one.diagnostics.map((d) => d.message)).toEqual(['the offer sends 2 simulcast layers (rids f, h); the answer receives f: Firefox sends the first rid of each alternative, so h not; Chromium sends every rid the answer lists (f, h)']);
    const extra = run({ media: [{ extra: ['rid:f send', 'rid:h send', 'simulcast:send f;h'] }] }, { media: [answerOf({ extra: ['rid:x recv', 'rid:f recv', 'rid:h recv', 'simulcast:recv x;f;h'] })] });
    expect(extra.diagnostics.map((d) => d.message)).toEqual(['the offer sends 2 simulcast layers (rids f, h); the answer receives f, h; rid x the offer did not send']);
  });

  it('fewer layers, unknown rids, or send where recv is due', () => {
    expect(said(['rid:h recv', 'rid:f recv', 'simulcast:recv h;f'])).toEqual([['simulcast-layers-dropped', 'the offer sends 3 simulcast layers (rids q, h, f); the answer receives h, f: q is not sent']]);
    expect(said(['rid:x recv', 'simulcast:recv x'])).toEqual([['simulcast-layers-dropped', 'the offer sends 3 simulcast layers (rids q, h, f); the answer receives none of them (recv x); rid x the offer did not send: no layer is taken as simulcast (Chromium sends nothing on this m-line, no encoding left; Firefox sends one stream, rid q; measured)']]);
    expect(said(['rid:q send', 'simulcast:send q'])).toEqual([['simulcast-layers-dropped', "the offer sends 3 simulcast layers (rids q, h, f); the answer's a=simulcast says send q where it must say recv: no layer is taken as simulcast (Chromium sends no rid encoding; Firefox sends one stream, rid q)"]]);
  });
});

describe('codec parameters libwebrtc cannot read match nothing (codec audit, 2026-12-07: read from libwebrtc\'s codec_comparators and h265_profile_tier_level)', () => {
  const video = (name: string, fmtp: string) => ({ formats: '98', codecs: [`rtpmap:98 ${name}/90000`, `fmtp:98 ${fmtp}`] });
  const negotiated = (name: string, offer: string, answer: string) => run({ media: [video(name, offer)] }, { media: [answerOf(video(name, answer))] }).media[0]!.codecs.negotiated.map((c) => c.name);
  it.each([
    ['H265', 'profile-id=1;tier-flag=0;level-id=93;tx-mode=SRST', 'profile-id=1;tier-flag=0;level-id=93;tx-mode=SRST', ['H265']],
    ['H265', 'profile-id=1;tier-flag=0;level-id=93;tx-mode=SRST', 'profile-id=1;tier-flag=0;level-id=150;tx-mode=SRST', ['H265']],
    ['H265', 'profile-id=1;tier-flag=0;level-id=93;tx-mode=SRST', 'profile-id=1;tier-flag=0;level-id=999;tx-mode=SRST', []],
    ['H265', 'profile-id=1;tier-flag=0;level-id=94', 'profile-id=1;tier-flag=0;level-id=94', []],
    ['H265', 'profile-id=1;tier-flag=1;level-id=93', 'profile-id=1;tier-flag=1;level-id=93', []],
    ['H265', 'profile-id=1;tier-flag=1;level-id=120', 'profile-id=1;tier-flag=1;level-id=120', ['H265']],
    ['H265', 'profile-id=12', 'profile-id=12', []],
    // Numbers as libwebrtc's StringToNumber reads them, names as written (audit of the change: "00" matched nothing; Level-Id is no level-id to libwebrtc, so 93).
    ['H265', 'profile-id=1;tier-flag=00;level-id=093', 'profile-id=1;tier-flag=0;level-id=93', ['H265']],
    ['H265', 'profile-id=1', 'profile-id=1;Level-Id=999', ['H265']],
    ['VP9', 'profile-id=3', 'profile-id=3', ['VP9']],
    ['VP9', 'profile-id=4', 'profile-id=4', []],
    ['AV1', 'profile=2', 'profile=2', ['AV1']],
    ['AV1', 'profile=3', 'profile=3', []],
  ])('%s %s answered %s: %j', (name, offer, answer, expected) => {
    expect(negotiated(name, offer, answer)).toEqual(expected);
  });
  it('a remapped payload type whose offer codec is another name is not said to be a lost a=fmtp; the same name is', () => {
    const offer = { media: [{ formats: '96 102', codecs: ['rtpmap:96 VP8/90000', 'rtpmap:102 H264/90000', 'fmtp:102 profile-level-id=42e01f;packetization-mode=1'] }] };
    const said = (answerCodecs: string[], formats: string) => run(offer, { media: [answerOf({ formats, codecs: answerCodecs })] }).diagnostics.filter((d) => d.kind === 'payload-type-remapped').map((d) => d.message);
    expect(said(['rtpmap:96 H264/90000', 'fmtp:96 profile-level-id=42e01f;packetization-mode=1'], '96')).toEqual(["H264: offer payload type 102, answer 96; the offer's 96 is another codec (VP8/90000): the answer's 96 reads as H264 Constrained Baseline packetization-mode=1, the offer's 102, and the offerer reads what arrives at 96 as VP8"]);
  });
  it('an answer without profile-level-id whose default level is above the offer\'s says the default is libwebrtc\'s', () => {
    const n = run({ media: [{ formats: '102', codecs: ['rtpmap:102 H264/90000', 'fmtp:102 profile-level-id=42e00a;packetization-mode=1'] }] }, { media: [answerOf({ formats: '102', codecs: ['rtpmap:102 H264/90000', 'fmtp:102 packetization-mode=1'] })] });
    expect(n.diagnostics.find((d) => d.kind === 'h264-level-raised')!.message).toContain("the answer's level 3.1 (it writes no profile-level-id: libwebrtc's default, 42e01f");
  });
});

describe('simulcast by rid with rtx, and the layers\' rtx (simulcast audit, 2026-12-07)', () => {
  const ext = ['extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', 'extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id'];
  const offer = { media: [{ extra: ['rid:q send', 'rid:f send', 'simulcast:send q;f', ...ext] }] };
  const kinds = (answerExtra: string[]) => run(offer, { media: [answerOf({ extra: ['rid:q recv', 'rid:f recv', 'simulcast:recv q;f', ...answerExtra] })] }).diagnostics.map((d) => d.kind);
  it('the answer keeps repaired-rtp-stream-id: nothing; drops it: simulcast-rtx-unrepaired', () => {
    expect(kinds(ext)).toEqual([]);
    expect(kinds([ext[0]!])).toEqual(['simulcast-rtx-unrepaired']);
    // Offered plain and encrypted (RFC 6904, libwebrtc's shape), answered encrypted: kept (audit of the change).
    const enc = 'extmap:12 urn:ietf:params:rtp-hdrext:encrypt urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id';
    const both = run({ media: [{ extra: ['rid:q send', 'rid:f send', 'simulcast:send q;f', ...ext, enc] }] }, { media: [answerOf({ extra: ['rid:q recv', 'rid:f recv', 'simulcast:recv q;f', ext[0]!, enc] })] });
    expect(both.diagnostics.map((d) => d.kind)).toEqual([]);
  });
  it('legacy simulcast by ssrc is in the streams as its SIM group, each side\'s', () => {
    const n = run({ media: [{ extra: ['ssrc:1001 cname:x', 'ssrc:1002 cname:x', 'ssrc:1003 cname:x', 'ssrc-group:SIM 1001 1002 1003'] }] }, { media: [answerOf({})] });
    expect(n.media[0]!.streams.offer.sim).toEqual([['1001', '1002', '1003']]);
    expect(n.media[0]!.streams.answer.sim).toEqual([]);
  });
});

describe('bundled m-lines the receiver cannot tell apart (simulcast audit, 2026-12-07: two simulcast m-lines, the answer without the MID extension, said by nothing)', () => {
  const sim = ['rid:l send', 'rid:m send', 'simulcast:send l;m'];
  const midExt = 'extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid';
  const pair = (offerExtra: string[][], answerExtra: string[][]) => run({ media: offerExtra.map((extra) => ({ direction: 'sendonly' as const, extra })) }, { media: answerExtra.map((extra) => answerOf({ direction: 'recvonly' as const, extra })) });
  const said = (n: ReturnType<typeof run>) => n.diagnostics.filter((d) => d.kind === 'bundle-demux-ambiguous').map((d) => d.message);
  it('the same rids, no a=ssrc, VP8 at 96 in both, the MID extension offered and not answered: said once, for the offerer', () => {
    expect(said(pair([[...sim, midExt], [...sim, midExt]], [['rid:l recv', 'rid:m recv', 'simulcast:recv l;m'], ['rid:l recv', 'rid:m recv', 'simulcast:recv l;m']]))).toEqual([
      'the offerer sends mid 0 and mid 1 on one BUNDLE transport with nothing to tell their packets apart: no MID header extension negotiated for it (urn:ietf:params:rtp-hdrext:sdes:mid), no a=ssrc for them, the same rids in both (l, m), and payload type 96 (VP8) in both (and 1 more)',
    ]);
  });
  it('nothing said where the MID extension is answered, where each has its a=ssrc, or where the rids differ', () => {
    const recv = ['rid:l recv', 'rid:m recv', 'simulcast:recv l;m'];
    expect(said(pair([[...sim, midExt], [...sim, midExt]], [[...recv, midExt], [...recv, midExt]]))).toEqual([]);
    expect(said(pair([['ssrc:1111 cname:x'], ['ssrc:2222 cname:x']], [[], []]))).toEqual([]);
    // Rids that differ, carried by the rid extension (without it, they tell nothing apart: audit of the change).
    const ridExt = 'extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id';
    expect(said(pair([[...sim, ridExt], ['rid:a send', 'rid:b send', 'simulcast:send a;b', ridExt]], [[...recv, ridExt], ['rid:a recv', 'rid:b recv', 'simulcast:recv a;b', ridExt]]))).toEqual([]);
    expect(said(pair([sim, ['rid:a send', 'rid:b send', 'simulcast:send a;b']], [recv, ['rid:a recv', 'rid:b recv', 'simulcast:recv a;b']]))).toHaveLength(1);
    // The MID extension encrypted (RFC 6904) is the MID extension (audit of the change).
    const encMid = 'extmap:4 urn:ietf:params:rtp-hdrext:encrypt urn:ietf:params:rtp-hdrext:sdes:mid';
    expect(said(pair([[...sim, encMid], [...sim, encMid]], [[...recv, encMid], [...recv, encMid]]))).toEqual([]);
  });
  it('names the earliest pair that clashes: two of the same rid before a third that sends none (audit of the change: the third had hidden them)', () => {
    const ridExt = 'extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id';
    const h = ['rid:h send', 'simulcast:send h', ridExt];
    const recv = ['rid:h recv', 'simulcast:recv h', ridExt];
    expect(said(pair([h, h, []], [recv, recv, []]))).toEqual([expect.stringMatching(/^the offerer sends mid 0 and mid 1 .*, the same rids in both \(h\), and payload type 96/)]);
  });
  it('one m-line alone, or two that do not share a payload type: nothing', () => {
    expect(said(pair([[]], [[]]))).toEqual([]);
    expect(said(run({ media: [{ direction: 'sendonly' }, { kind: 'audio', direction: 'sendonly' }] }, { media: [answerOf({ direction: 'recvonly' }), answerOf({ kind: 'audio', direction: 'recvonly' })] }))).toEqual([]);
  });
});

describe('simulcast the offer receives (a server asking for layers), as the answer sends it (simulcast audit, 2026-12-07: said by nothing)', () => {
  const offer = { media: [{ direction: 'recvonly' as const, extra: ['rid:l recv', 'rid:m recv', 'rid:h recv', 'simulcast:recv l;m;h'] }] };
  const answer = (extra: string[]) => ({ media: [answerOf({ direction: 'sendonly' as const, extra })] });
  const said = (extra: string[]) => run(offer, answer(extra)).diagnostics.filter((d) => d.kind.startsWith('simulcast')).map((d) => [d.kind, d.message]);
  it('answered with every layer: a row, nothing to say', () => {
    const n = run(offer, answer(['rid:l send', 'rid:m send', 'rid:h send', 'simulcast:send l;m;h']));
    expect(n.media[0]!.simulcast).toBeNull();
    expect(n.media[0]!.simulcastReceived).toMatchObject({ offer: 'l;m;h', answer: 'l;m;h', layers: [{ rids: ['l'], received: true }, { rids: ['m'], received: true }, { rids: ['h'], received: true }] });
    expect(said(['rid:l send', 'rid:m send', 'rid:h send', 'simulcast:send l;m;h'])).toEqual([]);
  });
  it('not answered: one stream', () => {
    expect(said([])).toEqual([['simulcast-not-answered', 'the offer receives 3 simulcast layers (rids l, m, h); the answer has no a=simulcast send: the answerer sends one stream (RFC 8853 §5.3), not the layers the offerer asks for']]);
  });
  it('answered in the same direction, fewer layers, or a rid not asked for', () => {
    expect(said(['rid:l recv', 'rid:m recv', 'rid:h recv', 'simulcast:recv l;m;h'])[0]![1]).toContain('the answer\'s a=simulcast says recv l;m;h where it must say send');
    expect(said(['rid:l send', 'rid:h send', 'simulcast:send l;h'])).toEqual([['simulcast-layers-dropped', 'the offer receives 3 simulcast layers (rids l, m, h); the answer sends l, h: m is not sent']]);
    expect(said(['rid:l send', 'rid:m send', 'rid:h send', 'rid:x send', 'simulcast:send l;m;h;x'])).toEqual([['simulcast-layers-dropped', 'the offer receives 3 simulcast layers (rids l, m, h); the answer sends l, m, h; rid x the offer did not ask for']]);
  });
  it('a direction the answer adds beside its answer is not negotiated: said; the wrong direction alone is said once, by simulcast-layers-dropped', () => {
    const sendOffer = { media: [{ extra: ['rid:l send', 'rid:m send', 'simulcast:send l;m'] }] };
    const added = run(sendOffer, { media: [answerOf({ extra: ['rid:l recv', 'rid:m recv', 'rid:a send', 'rid:b send', 'simulcast:recv l;m send a;b'] })] }).diagnostics.filter((d) => d.kind.startsWith('simulcast'));
    expect(added.map((d) => [d.kind, d.message])).toEqual([['simulcast-not-offered', 'the answer\'s a=simulcast:send a;b answers no a=simulcast recv in the offer: that direction is not negotiated (RFC 8853 §5.3: only the offer\'s streams are answered)']]);
    const wrong = run(sendOffer, { media: [answerOf({ extra: ['rid:l send', 'rid:m send', 'simulcast:send l;m'] })] }).diagnostics.filter((d) => d.kind.startsWith('simulcast'));
    expect(wrong.map((d) => d.kind)).toEqual(['simulcast-layers-dropped']);
  });
});

describe('a direction written at session level only (audit against Chromium and Firefox: both ignore it)', () => {
  it('is read as the browsers read it: sendrecv, so their own sendrecv answer is valid, with a warning saying so', () => {
    const n = run({ sessionExtra: ['recvonly'], media: [{ direction: null }, { kind: 'audio', direction: null }] }, { media: [answerOf({}), answerOf({ kind: 'audio' })] });
    expect(n.diagnostics.map((d) => [d.kind, d.message])).toEqual([['session-direction-ignored', "the offer's a=recvonly is at session level only, and 2 m-lines have no direction of their own: RFC 8866 §6.7 applies it to them, but Chromium and Firefox ignore it and read sendrecv"]]);
    expect(n.media.map((m) => [m.direction.offer, m.direction.answer, m.direction.valid, m.direction.offererSends])).toEqual([['sendrecv', 'sendrecv', true, true], ['sendrecv', 'sendrecv', true, true]]);
    // An m-section's own direction still counts.
    const own = run({ sessionExtra: ['recvonly'], media: [{ direction: 'sendonly' }] }, { media: [answerOf({ direction: 'recvonly' })] });
    expect([own.diagnostics, own.media[0]!.direction.offer]).toEqual([[], 'sendonly']);
  });
});

describe('mids in messages (sdp-diff audit of 2026-12-05)', () => {
  it('a mid with invisible whitespace is quoted: "mid 0, the answer\'s is audio mid 0" contradicted itself', () => {
    const offer = parseSdp(buildSdp({ media: [{}] }));
    const answer = parseSdp(buildSdp({ media: [answerOf({})] }).replace('a=mid:0\r\n', 'a=mid:0 \r\n').replace('a=group:BUNDLE 0\r\n', 'a=group:BUNDLE 0 \r\n'));
    const messages = negotiate(offer, answer).diagnostics.map((d) => d.message);
    expect(messages.find((m) => m.startsWith('offer m-line 0'))).toBe('offer m-line 0 is video mid 0, the answer\'s is video mid "0 " at index 0');
  });
});

describe('crypto-mismatch (SDES-SRTP legs)', () => {
  const side = (setup: string, cryptos: string[]) => parseSdp(`v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/SAVP 0\r\na=setup:${setup}\r\n${cryptos.map((c) => `a=crypto:${c}\r\n`).join('')}`);
  const kinds = (offer: string[], answer: string[]) => negotiate(side('actpass', offer), side('active', answer)).diagnostics.filter((d) => d.kind === 'crypto-mismatch').map((d) => d.message);
  it('takes a tag written 01 as 1 and a suite in lower case as the same (RFC 4568 §9.1, §9.2); says no key, two lines, a tag none offered', () => {
    const key = 'inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz';
    expect(kinds([`1 AES_CM_128_HMAC_SHA1_80 ${key}`], [`01 aes_cm_128_hmac_sha1_80 ${key}`])).toEqual([]);
    expect(kinds([`1 AES_CM_128_HMAC_SHA1_80 ${key}`], [])).toEqual([expect.stringMatching(/has no a=crypto: no key/)]);
    expect(kinds([`1 AES_CM_128_HMAC_SHA1_80 ${key}`], [`1 AES_CM_128_HMAC_SHA1_80 ${key}`, `2 AES_CM_128_HMAC_SHA1_32 ${key}`])).toEqual([expect.stringMatching(/^the answer has 2 a=crypto lines/)]);
    expect(kinds([`1 AES_CM_128_HMAC_SHA1_80 ${key}`], [`7 AES_CM_128_HMAC_SHA1_80 ${key}`])).toEqual([expect.stringMatching(/^the answer's a=crypto tag 7 \(AES_CM_128_HMAC_SHA1_80\) is none of the offer's \(1 AES_CM_128_HMAC_SHA1_80\)/)]);
  });
});

describe('two SIP legs (no ICE, no DTLS on either side)', () => {
  const sip = (session: string, setup = '') => parseSdp(`v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n${session}m=audio 4000 RTP/AVP 0\r\n${setup}`);
  it('read a session-level direction as RFC 8866 §6.7 says (a phone\'s hold answered sendrecv is invalid-direction, SIP audit); a browser\'s description still reads it as browsers do', () => {
    const n = negotiate(sip('a=sendonly\r\n'), sip(''));
    expect([n.media[0]!.direction.offer, n.media[0]!.direction.answer, n.media[0]!.direction.valid]).toEqual(['sendonly', 'sendrecv', false]);
    expect(n.diagnostics.filter((d) => d.kind === 'invalid-direction' || d.kind === 'session-direction-ignored').map((d) => [d.kind, d.message])).toEqual([['invalid-direction', 'offer sendonly answered sendrecv; allowed: recvonly, inactive (RFC 3264 §6.1, the session-level direction read as SIP peers read it: RFC 8866 §6.7)']]);
    // With ICE on one side (a browser in the call): the browsers' reading, and the warning that they ignore it.
    const browser = negotiate(sip('a=sendonly\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\n'), sip(''));
    expect(browser.media[0]!.direction.offer).toBe('sendrecv');
    expect(browser.diagnostics.map((d) => d.kind)).toContain('session-direction-ignored');
  });
});

describe('dtls.valid (library audit: an answer with no a=fingerprint anywhere read valid)', () => {
  it('false where a side with a transport of its own has no fingerprint; true with one, and for a bundled answer m-line that uses the tag\'s', () => {
    const none = run({ media: [{}] }, { media: [answerOf({ fingerprint: null })] });
    expect(none.media[0]!.dtls.valid).toBe(false);
    expect(run({ media: [{}] }, { media: [answerOf({})] }).media[0]!.dtls.valid).toBe(true);
    // Two m-lines bundled, the answer's second without a fingerprint of its own and none at session level: it uses the tag's transport.
    const bundled = run({ media: [{}, { kind: 'audio' }] }, { media: [answerOf({}), answerOf({ kind: 'audio', fingerprint: null })] });
    expect(bundled.media.map((m) => m.dtls.valid)).toEqual([true, true]);
    // No fingerprint in the whole answer: none of its m-lines is valid, bundled ones too (audit of the change).
    expect(run({ media: [{}, { kind: 'audio' }] }, { media: [answerOf({ fingerprint: null }), answerOf({ kind: 'audio', fingerprint: null })] }).media.map((m) => m.dtls.valid)).toEqual([false, false]);
  });
});
