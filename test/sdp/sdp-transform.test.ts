/**
 * The sdp-transform bridge on every SDP of the corpus and the samples: toSdpTransform(parseSdp(t))
 * equals sdpTransform.parse(t) except at the places SDP_TRANSFORM_CORRECTIONS lists, each of which
 * the corpus shows at least once.
 */
import * as sdpTransform from 'sdp-transform';
import { parseSdp } from '../../src/sdp/parse.js';
import { readInput } from '../../src/input/read.js';
import { SDP_TRANSFORM_CORRECTIONS, toSdpTransform, type SdpTransformCorrection } from '../../src/sdp/sdp-transform.js';
import { candidateLines, fixtureSdpFiles, sample, sdpFiles } from '../support/corpus.js';

/** The paths where two JSON-like values differ ("media.0.mid"), with both values. */
function differences(a: unknown, b: unknown, path = ''): { path: string; theirs: unknown; ours: unknown }[] {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return Object.is(a, b) ? [] : [{ path, theirs: a, ours: b }];
}

/** "media.3.candidates.1.network-id" → "media[].candidates[].network-id". */
const field = (path: string) => path.replace(/\.\d+(?=\.|$)/g, '[]');

// The corpus's real candidate lines (from the candidate logs) put into a real answer's first m-section.
const realCandidates = candidateLines()
  .map((c) => /(?:^|\s|")(candidate:[^"\r\n]+)/.exec(c.text)?.[1])
  .filter((c): c is string => c !== undefined && / ufrag \S+ network-/.test(c));
const answer = sample('chromium156-answer.sdp');
const firstSection = answer.indexOf('\r\nm=', answer.indexOf('\r\nm=') + 2);
const withCandidates = `${answer.slice(0, firstSection)}\r\n${realCandidates.map((c) => `a=${c}`).join('\r\n')}${answer.slice(firstSection)}`;
const inputs = [
  ...sdpFiles(),
  ...fixtureSdpFiles(),
  ...['chromium156-recvonly-offer.sdp', 'chromium156-answer.sdp'].map((name) => ({ name, text: sample(name) })),
  { name: `chromium156-answer.sdp with the corpus's ${realCandidates.length} candidate lines that have extensions after ufrag`, text: withCandidates },
];
const seen = new Set<SdpTransformCorrection>();

/** Texts sdp-transform parses and parseSdp refuses (as the README says): not an SDP from its first byte. */
const REFUSED: Record<string, string> = {
  'threads/getstream_sfu_subscriber_offer_webrtc_internals_page_copy.sdp': 'o= first, no v= line: a page copy (readInput reads it, with missing-line)',
  'offers/safari13_ios__offer__chime_mock_redacted_ufrag_pwd_fingerprint_dash_mixed_eol.sdp': 'a line break before v=0 (readInput reads it)',
};

describe('toSdpTransform: what sdp-transform gives, right where it is wrong', () => {
  it.each(inputs.filter((f) => !REFUSED[f.name]).map((f) => [f.name, f.text] as const))('%s', (_name, text) => {
    const theirs = sdpTransform.parse(text);
    const ours = toSdpTransform(parseSdp(text));
    for (const d of differences(theirs, ours)) {
      const f = field(d.path);
      // The corrections that name the field or a field above it (media[].msid for media[].msid[].id), and whose mark the difference bears.
      const why = (Object.keys(SDP_TRANSFORM_CORRECTIONS) as SdpTransformCorrection[]).filter((k) => (SDP_TRANSFORM_CORRECTIONS[k].fields as readonly string[]).some((x) => f === x || f.startsWith(`${x}[]`) || f.startsWith(`${x}.`))).filter((k) => {
        // A number there, its text here.
        if (k === 'identifier-as-number' || k === 'text-as-number') return typeof d.theirs === 'number' && d.ours === String(d.theirs);
        // A lost extension: absent there, present here.
        if (k === 'candidate-extensions-out-of-order') return d.theirs === undefined;
        return true;
      });
      expect({ path: d.path, listed: why.length > 0 }).toEqual({ path: d.path, listed: true });
      for (const k of why) seen.add(k);
    }
  });

  it.each(Object.entries(REFUSED))('%s: parseSdp refuses it (NOT_SDP: %s), readInput reads it, and toSdpTransform of that is sdp-transform\'s reading', (name) => {
    const text = inputs.find((f) => f.name === name)!.text;
    expect(() => parseSdp(text)).toThrow(expect.objectContaining({ code: 'NOT_SDP' }));
    const read = readInput(text).descriptions[0]!.description;
    expect(toSdpTransform(read).media.length).toBe(sdpTransform.parse(text).media.length);
  });

  it('every correction listed happens on the corpus', () => {
    expect([...seen].sort()).toEqual(Object.keys(SDP_TRANSFORM_CORRECTIONS).sort());
  });

  it('Chrome\'s candidate: network-id and network-cost after ufrag, kept; identifiers as written', () => {
    const text = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=ice-ufrag:1234\r\na=rtpmap:111 opus/48000/2\r\na=candidate:842163049 1 udp 1677729535 203.0.113.7 53502 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag EsAw network-id 3 network-cost 10\r\n';
    const st = sdpTransform.parse(text);
    const ours = toSdpTransform(parseSdp(text));
    expect(st.media[0]!.candidates![0]).not.toHaveProperty('network-id');
    expect(ours.media[0]!.candidates![0]).toMatchObject({ foundation: '842163049', 'network-id': 3, 'network-cost': 10, generation: 0, ip: '203.0.113.7', port: 53502 });
    expect([st.media[0]!.mid, ours.media[0]!.mid]).toEqual([0, '0']);
    expect(ours.media[0]!.iceUfrag).toBe('1234');
    expect(ours.origin!.sessionId).toBe('4611731400430051336');
  });

  describe('the sdp-transform audit\'s cases (2026-12-07, eighth session)', () => {
    const head = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
    const audio = (...lines: string[]) => `${head}m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
    const both = (text: string) => ({ st: sdpTransform.parse(text), ours: toSdpTransform(parseSdp(text)) });

    it('a candidate sdp-transform refuses ([PUBLIC IP]) does not shift the next one\'s network-id onto another (it had: matched by count)', () => {
      const { st, ours } = both(audio('a=candidate:7 1 udp 2122260223 [PUBLIC IP] 40293 typ host generation 0 network-id 9 network-cost 900', 'a=candidate:8 1 udp 2122260223 10.0.0.8 40294 typ host generation 0 ufrag u network-id 2 network-cost 10'));
      expect(st.media[0]!.candidates).toHaveLength(1);
      expect(ours.media[0]!.candidates).toEqual([expect.objectContaining({ foundation: '8', ip: '10.0.0.8', 'network-id': 2, 'network-cost': 10 })]);
      expect((ours.media[0] as { invalid?: { value: string }[] }).invalid).toEqual([{ value: expect.stringContaining('[PUBLIC IP]') }]);
    });

    it('Firefox 121\'s a=msid:- {uuid} keeps its track id (sdp-transform\'s pattern stops at the brace)', () => {
      const { st, ours } = both(audio('a=msid:- {ba72a1c2-7d0e-4a3e-9b8f-0d4a4a1c2b3d}'));
      expect(st.media[0]!.msid).toEqual([{ id: '-' }]);
      expect(ours.media[0]!.msid).toEqual([{ id: '-', appdata: '{ba72a1c2-7d0e-4a3e-9b8f-0d4a4a1c2b3d}' }]);
    });

    it('an a=msid sdpscope does not read either stays as sdp-transform has it (a=msid: had become msid [], the line gone)', () => {
      const { st, ours } = both(audio('a=msid:'));
      expect(ours.media[0]!.msid).toEqual(st.media[0]!.msid);
      expect((ours.media[0] as { invalid?: unknown }).invalid).toEqual((st.media[0] as { invalid?: unknown }).invalid);
    });

    it('a=msid-semantic: WMS (Chromium, no stream) is semantic WMS, token ""', () => {
      const { st, ours } = both(`${head}a=msid-semantic: WMS\r\n`);
      expect(st.msidSemantic).toEqual({ semantic: '', token: 'WMS' });
      expect(ours.msidSemantic).toEqual({ semantic: 'WMS', token: '' });
    });

    it('a=ice-options keeps every option, at session and media level', () => {
      const { st, ours } = both(`${head}a=ice-options:trickle renomination\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-options:trickle ice2\r\n`);
      expect([st.iceOptions, st.media[0]!.iceOptions]).toEqual(['trickle', 'trickle']);
      expect([ours.iceOptions, ours.media[0]!.iceOptions]).toEqual(['trickle renomination', 'trickle ice2']);
    });

    it('tcptype, raddr and rport after generation are read', () => {
      const { st, ours } = both(audio('a=candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host generation 0 tcptype active network-id 1', 'a=candidate:2 1 udp 1686052607 203.0.113.9 5000 typ srflx generation 0 raddr 10.0.0.1 rport 5000'));
      expect(st.media[0]!.candidates!.map((c) => [c.tcptype, c.raddr])).toEqual([[undefined, undefined], [undefined, undefined]]);
      expect(ours.media[0]!.candidates).toEqual([expect.objectContaining({ tcptype: 'active', 'network-id': 1 }), expect.objectContaining({ raddr: '10.0.0.1', rport: 5000 })]);
    });

    it('a=rtcp-mux-only alone is not rtcp-mux: it is in invalid; with a=rtcp-mux, rtcpMux stands', () => {
      const alone = both(audio('a=rtcp-mux-only'));
      expect(alone.st.media[0]!.rtcpMux).toBe('rtcp-mux');
      expect(alone.ours.media[0]!.rtcpMux).toBeUndefined();
      expect((alone.ours.media[0] as { invalid?: unknown }).invalid).toEqual([{ value: 'rtcp-mux-only' }]);
      // Beside a=rtcp-mux (RFC 8858 §4's offers write both): rtcpMux stands, and the line is in invalid, not lost (audit of the change).
      const withMux = both(audio('a=rtcp-mux', 'a=rtcp-mux-only')).ours.media[0]!;
      expect([withMux.rtcpMux, (withMux as { invalid?: unknown }).invalid]).toEqual(['rtcp-mux', [{ value: 'rtcp-mux-only' }]]);
    });

    it('fields typed string are strings: a lone format, a numeric cname, label and simulcast list', () => {
      const text = `${head}m=application 9 DTLS/SCTP 5000\r\na=label:1\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\na=ssrc:1 cname:1234\r\na=rid:0 recv\r\na=simulcast:recv 0\r\n`;
      const { st, ours } = both(text);
      expect([st.media[0]!.payloads, st.media[0]!.label, st.media[1]!.payloads, st.media[1]!.ssrcs![0]!.value, st.media[1]!.simulcast!.list1]).toEqual([5000, 1, 96, 1234, 0]);
      expect([ours.media[0]!.payloads, ours.media[0]!.label, ours.media[1]!.payloads, ours.media[1]!.ssrcs![0]!.value, ours.media[1]!.simulcast!.list1]).toEqual(['5000', '1', '96', '1234', '0']);
      // A static name of digits, AES67's media clock, a fingerprint of digits (audit of the change).
      const more = both(`${head}a=fingerprint:sha-256 1234\r\nm=audio 9 RTP/AVP 1\r\na=rtpmap:1 1016/8000\r\na=mediaclk:direct=0\r\n`);
      // AES67's whole media clock (audit of the change: its id and rate were changed unlisted; they are listed now).
      const aes = both(`${head}m=audio 9 RTP/AVP 96\r\na=rtpmap:96 L24/48000/2\r\na=mediaclk:id=1 direct=0 rate=1000/1001\r\n`).ours.media[0] as { mediaClk?: Record<string, unknown> };
      expect(Object.values(aes.mediaClk ?? {}).every((v) => typeof v === 'string')).toBe(true);
      expect([typeof more.st.media[0]!.rtp[0]!.codec, typeof (more.st.media[0] as { mediaClk?: { mediaClockValue?: unknown } }).mediaClk?.mediaClockValue, typeof more.st.fingerprint!.hash]).toEqual(['number', 'number', 'number']);
      expect([more.ours.media[0]!.rtp[0]!.codec, (more.ours.media[0] as { mediaClk?: { mediaClockValue?: unknown } }).mediaClk?.mediaClockValue, more.ours.fingerprint!.hash]).toEqual(['1016', '0', '1234']);
    });

    it('session-level lines of a fragment are corrected as an m-section\'s are', () => {
      const text = 'a=mid:0\r\na=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0 ufrag u network-id 3\r\na=msid:{s} {t}\r\n';
      const ours = toSdpTransform(parseSdp(text, { fragment: true })) as unknown as Record<string, unknown>;
      expect(ours.mid).toBe('0');
      expect(ours.candidates).toEqual([expect.objectContaining({ foundation: '1', 'network-id': 3 })]);
      expect(ours.msid).toEqual([{ id: '{s}', appdata: '{t}' }]);
      expect(ours.invalid).toBeUndefined();
    });

    it('where a lone CR splits sections for sdp-transform and not for sdpscope, the m-sections keep sdp-transform\'s reading, identifiers as text', () => {
      const text = `${head}m=audio 9 RTP/AVP 0\ra=msid:{s} {t}\r\nm=audio 9 RTP/AVP 0\r\na=mid:1\r\n`;
      const { st, ours } = both(text);
      expect(ours.media.length).toBe(st.media.length);
      expect(ours.media.map((m) => m.mid)).toEqual(st.media.map((m) => (m.mid === undefined ? undefined : String(m.mid))));
    });
  });

  it('refuses what is not a description', () => {
    expect(() => toSdpTransform('v=0' as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
