/**
 * The sdp-transform bridge on every SDP of the corpus and the samples: toSdpTransform(parseSdp(t))
 * equals sdpTransform.parse(t) except at the places SDP_TRANSFORM_CORRECTIONS lists, each of which
 * the corpus shows at least once.
 */
import * as sdpTransform from 'sdp-transform';
import { parseSdp } from '../../src/sdp/parse.js';
import { SDP_TRANSFORM_CORRECTIONS, toSdpTransform, type SdpTransformCorrection } from '../../src/sdp/sdp-transform.js';
import { candidateLines, sample, sdpFiles } from '../support/corpus.js';

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
  ...['chromium156-recvonly-offer.sdp', 'chromium156-answer.sdp'].map((name) => ({ name, text: sample(name) })),
  { name: `chromium156-answer.sdp with the corpus's ${realCandidates.length} candidate lines that have extensions after ufrag`, text: withCandidates },
];
const seen = new Set<SdpTransformCorrection>();

describe('toSdpTransform: what sdp-transform gives, right where it is wrong', () => {
  it.each(inputs.map((f) => [f.name, f.text] as const))('%s', (_name, text) => {
    const theirs = sdpTransform.parse(text);
    const ours = toSdpTransform(parseSdp(text));
    for (const d of differences(theirs, ours)) {
      const f = field(d.path);
      const why = (Object.keys(SDP_TRANSFORM_CORRECTIONS) as SdpTransformCorrection[]).find((k) => (SDP_TRANSFORM_CORRECTIONS[k].fields as readonly string[]).includes(f));
      expect({ path: d.path, listed: why !== undefined }).toEqual({ path: d.path, listed: true });
      seen.add(why!);
      if (why === 'identifier-as-number') expect([typeof d.theirs, d.ours]).toEqual(['number', String(d.theirs)]);
      // A lost extension: absent there, present here.
      if (why === 'candidate-extensions-out-of-order') expect(d.theirs).toBeUndefined();
    }
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

  it('refuses what is not a description', () => {
    expect(() => toSdpTransform('v=0' as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
