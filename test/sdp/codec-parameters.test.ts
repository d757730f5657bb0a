/**
 * codec-parameter-value: a=fmtp values out of their RFC's range, or written twice with two values,
 * on the offers real munging code made (test/fixtures/munged, ORIGINS.md there), and targeted cases.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSdp } from '../../src/sdp/parse.js';
import { writeSdp } from '../../src/sdp/write.js';
import { DIAGNOSTICS } from '../../src/diagnostics.js';
import { fixtureSdpFiles, sdpFiles } from '../support/corpus.js';

const munged = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/munged/${name}`, import.meta.url)), 'utf8');
const said = (sdp: string) => parseSdp(sdp).diagnostics.filter((d) => d.kind === 'codec-parameter-value').map((d) => [d.line, d.message]);
const opus = (fmtp: string, extra = '') => ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', 'a=rtpmap:111 opus/48000/2', `a=fmtp:111 ${fmtp}`, ...(extra ? [extra] : []), ''].join('\r\n');

describe('codec-parameter-value', () => {
  it('a video codec libwebrtc reads no profile of (Chromium drops the payload type: measured by the parse audit): an H264 profile-level-id it cannot parse, VP9 profile-id and AV1 profile out of range, an H265 level it does not read', () => {
    const video = (rtpmap: string, fmtp: string) => ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:0', `a=rtpmap:96 ${rtpmap}`, `a=fmtp:96 ${fmtp}`, ''].join('\r\n');
    const words = (rtpmap: string, fmtp: string) => said(video(rtpmap, fmtp)).map(([, m]) => m);
    expect(words('H264/90000', 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42')).toEqual(['H264 profile-level-id=42 is no profile libwebrtc reads (payload type 96): Chromium drops this payload type (it matches no codec of its own; measured), so the m-line has one codec fewer than it says']);
    expect(words('VP9/90000', 'profile-id=9')[0]).toMatch(/^VP9 profile-id=9 is no VP9 profile \(0 to 3\) \(payload type 96\): Chromium drops this payload type/);
    expect(words('AV1/90000', 'profile=7')[0]).toMatch(/^AV1 profile=7 is no AV1 profile \(0 to 2\)/);
    expect(words('H265/90000', 'level-id=999;profile-id=1;tier-flag=0;tx-mode=SRST')[0]).toMatch(/^H265 profile-id=1 tier-flag=0 level-id=999 is no profile, tier and level libwebrtc reads/);
    // What browsers write reads: nothing said.
    expect(words('H264/90000', 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=640c1f')).toEqual([]);
    expect(words('VP9/90000', 'profile-id=2')).toEqual([]);
    // Levels 6 to 6.2, which libwebrtc reads and h264-profile-level-id 2.3 does not (audit of the change).
    for (const pli of ['64003c', '42e03d', '42e03e']) expect(words('H264/90000', `packetization-mode=1;profile-level-id=${pli}`)).toEqual([]);
  });
  it('Opus written other than opus/48000/2 (RingCentral\'s OPUS/16000): said, RFC 7587 §7', () => {
    const audio = (rtpmap: string) => said(['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 RTP/AVP 109', 'a=mid:0', `a=rtpmap:109 ${rtpmap}`, ''].join('\r\n')).map(([, m]) => m);
    expect(audio('OPUS/16000')).toEqual(['a=rtpmap:109 OPUS/16000: Opus is written opus/48000/2 whatever its rate and channels (RFC 7587 §7); Chromium passes over this payload type']);
    expect(audio('opus/48000/1')).toHaveLength(1);
    expect(audio('opus/48000/2')).toEqual([]);
  });

  it('RTCMultiConnection\'s setOpusAttributes on Firefox 70\'s offer: the bitrate and playback rate out of range, maxplaybackrate written twice', () => {
    expect(said(munged('muazkhan__setOpusAttributes__firefox70.sdp'))).toEqual(expect.arrayContaining([
      [21, 'payload type 109 (opus) has maxplaybackrate=48000 and then maxplaybackrate=1048576: one value per parameter (RFC 8866 §6.15); libwebrtc keeps the last'],
      [21, 'opus maxplaybackrate=1048576 (payload type 109) is outside 8000 to 48000 (RFC 7587 §6.1): libwebrtc reads 48000 for it'],
      [21, 'opus maxaveragebitrate=1048576 (payload type 109) is outside 6000 to 510000 (RFC 7587 §6.1): libwebrtc clamps it into that range'],
    ]));
    expect(said(munged('muazkhan__setOpusAttributes__firefox70.sdp'))).toHaveLength(3);
  });
  it('its a=maxptime:3 beside Chrome\'s minptime=10: no packet time is both', () => {
    expect(said(munged('muazkhan__setOpusAttributes__samples-offer.sdp')).map(([, m]) => m)).toContainEqual('a=maxptime:3 is below minptime=10 of payload type 111 (opus): no packet time is both');
  });
  it('the browsers\' own values, and every real SDP of the corpus, say nothing', () => {
    expect(said(opus('minptime=10;useinbandfec=1;stereo=1;sprop-stereo=1;maxaveragebitrate=510000;maxplaybackrate=48000;usedtx=0;cbr=1'))).toEqual([]);
    expect(said(munged('input__samples-offer-json-sdp.sdp'))).toEqual([]);
  });
  it('targeted: each range\'s edges, a flag of 2, a word, a repeat with the same value', () => {
    expect(said(opus('maxaveragebitrate=5999'))).toHaveLength(1);
    expect(said(opus('maxaveragebitrate=6000;maxplaybackrate=8000;sprop-maxcapturerate=48000'))).toEqual([]);
    expect(said(opus('maxplaybackrate=7999'))).toHaveLength(1);
    expect(said(opus('maxaveragebitrate=fast'))).toHaveLength(1);
    expect(said(opus('stereo=2'))).toEqual([[8, 'opus stereo=2 (payload type 111) is neither 0 nor 1 (RFC 7587 §6.1)']]);
    expect(said(opus('stereo=1;stereo=1'))).toEqual([]);
    // Names as written: libwebrtc's map is case-sensitive, "UseInbandFec" another key (change audit: "keeps the last" was false of it).
    // A known name in another case, of any codec: Chromium reads none (codec audit of 2026-12-07: Packetization-Mode=1 was mode 1 unsaid).
    const h264 = opus('x').replace('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'm=video 9 UDP/TLS/RTP/SAVPF 102').replace('a=rtpmap:111 opus/48000/2', 'a=rtpmap:102 H264/90000').replace('a=fmtp:111 x', 'a=fmtp:102 profile-level-id=42e01f;Packetization-Mode=1');
    expect(said(h264)).toEqual([[8, 'H264 parameter Packetization-Mode (payload type 102) is packetization-mode in another case: libwebrtc reads parameter names as written, so Chromium reads no packetization-mode here (Firefox reads it in any case); write it in lower case']]);
    // A range or flag in another case is the case warning's alone: Chromium reads none of it (audit of the change: both said, contradicting).
    expect(said(opus('MaxPlaybackRate=96000')).map(([, m]) => (m as string).slice(0, 60))).toEqual(['opus parameter MaxPlaybackRate (payload type 111) is maxplay']);
    // It is said as useinbandfec in another case, which Chromium does not read (codec audit of 2026-12-07).
    expect(said(opus('useinbandfec=1;UseInbandFec=0'))).toEqual([[8, 'opus parameter UseInbandFec (payload type 111) is useinbandfec in another case: libwebrtc reads parameter names as written, so Chromium reads no useinbandfec here (Firefox reads it in any case); write it in lower case']]);
    expect(said(opus('minptime=10', 'a=maxptime:20'))).toEqual([]);
  });
  it('vdo.ninja\'s setOpusAttributes writes ";maxptime:20", no name=value: said to do nothing; RED\'s and DTMF\'s bare lists are theirs', () => {
    expect(said(munged('vdoninja__setOpusAttributes__samples-offer.sdp')).map(([, m]) => m)).toContainEqual('opus parameter "maxptime:20" (payload type 111) is not name=value: libwebrtc keeps it under no name, and it does nothing');
    expect(said(['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 63 101', 'a=rtpmap:63 red/48000/2', 'a=fmtp:63 111/111', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', ''].join('\r\n'))).toEqual([]);
  });
  it('sdp-transform\'s "a=msid-semantic:  WMS" (two blanks: both browsers take it, measured) is read, with no grammar warning, and written back as it was', () => {
    const sdp = munged('input__samples-offer-json-sdp.sdp').replace('a=msid-semantic: WMS', 'a=msid-semantic:  WMS');
    const d = parseSdp(sdp);
    expect(d.msidSemantic?.semantic).toBe('WMS');
    expect(d.diagnostics.filter((x) => x.kind === 'attribute-syntax')).toEqual([]);
    expect(writeSdp(d)).toBe(sdp);
  });
  it('is in the table, a warning', () => {
    expect(DIAGNOSTICS['codec-parameter-value'].reference).toMatch(/RFC 7587/);
  });
});

describe('rtcp-fb-unknown', () => {
  const fb = (lines: string[]) => ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:0', 'a=rtpmap:96 VP8/90000', ...lines.map((l) => `a=rtcp-fb:96 ${l}`), ''].join('\r\n');
  const said = (sdp: string) => parseSdp(sdp).diagnostics.filter((d) => d.kind === 'rtcp-fb-unknown').map((d) => [d.line, d.message]);
  it("a real KMS 6 SDP's \"ccm fir\\\" (a stray backslash) is said at its line, FIR named as what it was likely meant to be (parse audit: read as FIR, said by nothing)", () => {
    const text = readFileSync(fileURLToPath(new URL('../fixtures/threads/kurento-kms6-sdp-ccm-fir-backslash.sdp', import.meta.url)), 'utf8');
    expect(said(text)).toEqual([[31, 'a=rtcp-fb ccm "fir\\\\": ccm takes fir, tmmbr, tstr, vbcm, pause, lrr ("fir" with a stray character?): no browser sends or asks for it, so it negotiates nothing']]);
    expect(DIAGNOSTICS['rtcp-fb-unknown'].severity).toBe('warning');
  });
  it('every feedback the RFCs and the browsers define reads without a word, in any case; an unknown type, a parameter its type does not take, a trr-int that is no number are said; "x-" types (private, Skype for Business\'s x-message) are not judged', () => {
    // Every value of IANA's rtcp-fb registries (RFC 4585's empty ack and nack, app, rai, tllei, pslei, lrr too: audit of the change).
    expect(said(fb(['nack', 'nack pli', 'NACK sli', 'nack rpsi', 'nack app', 'nack rai', 'nack tllei', 'nack pslei', 'nack ecn', 'nack  pli', 'ack', 'ack rpsi', 'ack app', 'ack ccfb', 'app', 'app foo bar', 'ccm fir', 'ccm  fir', 'ccm tmmbr smaxpr=120', 'ccm tstr', 'ccm vbcm', 'ccm pause', 'ccm lrr', 'trr-int 100', 'goog-remb', 'transport-cc', 'goog-lntf', 'rrtr', 'x-message app send:dsh recv:dsh']))).toEqual([]);
    expect(said(fb(['tstr', 'ccfb'])).map(([, m]) => /\(("[^"]+" meant\?)\)/.exec(String(m))?.[1])).toEqual(['"ccm tstr" meant?', '"ack ccfb" meant?']);
    expect(said(fb(['foo', 'nack fir', 'ccm', 'trr-int soon', 'transport-cc 1', 'pli']))).toEqual([
      [8, expect.stringMatching(/^a=rtcp-fb type "foo" is no RTCP feedback a browser knows/)],
      [9, expect.stringMatching(/^a=rtcp-fb nack "fir": nack takes pli, sli, rpsi, app, rai, tllei, pslei, ecn or none: no browser/)],
      [10, expect.stringMatching(/^a=rtcp-fb ccm "": ccm takes fir, tmmbr, tstr, vbcm, pause, lrr: /)],
      [11, expect.stringMatching(/^a=rtcp-fb trr-int takes a number of milliseconds \(RFC 4585 §4\.2\), not "soon"/)],
      [12, expect.stringMatching(/^a=rtcp-fb transport-cc "1": transport-cc takes no parameter/)],
      // A parameter written as a type (vdo.ninja's "a=rtcp-fb:96 pli"): what was meant is named.
      [13, expect.stringMatching(/^a=rtcp-fb type "pli" is no RTCP feedback a browser knows \(.*\) \("nack pli" meant\?\)/)],
    ]);
    // The line is kept as written whatever is said of it.
    expect(writeSdp(parseSdp(fb(['ccm fir\\'])))).toBe(fb(['ccm fir\\']));
  });
  it('no finding on the rtcp-fb lines of the corpus\'s real SDPs (browsers\', servers\', SIP gateways\'), but for one copy cut inside its line', () => {
    // Those parseSdp reads whole (a few fixtures are copies from o= or fragments, read by readInput).
    const whole = [...sdpFiles(), ...fixtureSdpFiles()].filter((f) => f.text.startsWith('v='));
    const found = whole.flatMap((f) => said(f.text).map(([line, message]) => `${f.name}:${line} ${message}`));
    expect(whole.length).toBeGreaterThan(100);
    expect(found.filter((x) => !x.startsWith('threads/kurento-kms6-sdp-ccm-fir-backslash.sdp:'))).toEqual([expect.stringMatching(/^threads\/mediamtx5273_\S+_cut\.sdp:40 a=rtcp-fb type "tra" is no RTCP feedback/)]);
  });
});
