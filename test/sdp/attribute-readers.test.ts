/**
 * The hand-written readers of a=rtcp-fb, a=rtpmap, a=fmtp and a=extmap against their regular
 * expressions (the reference): the same value, or the same refusal, and the same verdict on
 * spelling, for every such line of the corpus and for mutations of them (spaces, tabs, digits,
 * leading zeros, separators, Unicode blanks), fast-check with a fixed seed.
 */
import fc from 'fast-check';
import {
  extmapByRegex,
  extmapExact,
  extmapExactByRegex,
  fmtpByRegex,
  fmtpExact,
  fmtpExactByRegex,
  readExtmap,
  readFmtp,
  readRtcpFb,
  readRtpmap,
  rtcpFbByRegex,
  rtcpFbExact,
  rtcpFbExactByRegex,
  rtpmapByRegex,
  rtpmapExact,
  rtpmapExactByRegex,
} from '../../src/sdp/attribute-readers.js';
import { sdpFiles } from '../support/corpus.js';

const READERS = [
  { name: 'rtcp-fb', read: readRtcpFb, reference: rtcpFbByRegex, exact: rtcpFbExact, exactReference: rtcpFbExactByRegex },
  { name: 'rtpmap', read: readRtpmap, reference: rtpmapByRegex, exact: rtpmapExact, exactReference: rtpmapExactByRegex },
  { name: 'fmtp', read: readFmtp, reference: fmtpByRegex, exact: fmtpExact, exactReference: fmtpExactByRegex },
  { name: 'extmap', read: readExtmap, reference: extmapByRegex, exact: extmapExact, exactReference: extmapExactByRegex },
] as const;

/** Every value of the attribute in the corpus's descriptions. */
function corpusValues(name: string): string[] {
  const values = new Set<string>();
  for (const { text } of sdpFiles()) for (const line of text.split(/\r?\n/)) if (line.startsWith(`a=${name}:`)) values.add(line.slice(name.length + 3));
  return [...values];
}

const PIECES = [' ', '  ', '\t', '\u00a0', '\u2028', '\r', '0', '00', '9', '1234567890', '/', ';', '; ', ' ;', '=', ':', '*', 'sendonly', '/sendrecv', 'x', 'é', ''];

const mutated = (values: string[]) =>
  fc.tuple(fc.constantFrom(...values), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom(...PIECES), fc.nat({ max: 2 })), { maxLength: 4 })).map(([v, ops]) => {
    let t = v;
    for (const [pos, len, piece, op] of ops) {
      const p = pos % (t.length + 1);
      t = op === 0 ? t.slice(0, p) + piece + t.slice(p) : op === 1 ? t.slice(0, p) + t.slice(p + len) : t.slice(0, p) + piece + t.slice(p + len);
    }
    return t;
  });

describe.each(READERS)('a=$name: the hand-written reader reads as its regular expression', ({ name, read, reference, exact, exactReference }) => {
  const values = corpusValues(name);

  it('the corpus has such lines to start from', () => {
    expect(values.length).toBeGreaterThan(name === 'extmap' ? 10 : 20);
  });

  it('on every value in the corpus: the same value, and the same verdict on its spelling', () => {
    for (const v of values) {
      const ours = read(v);
      expect(ours).toEqual(reference(v));
      expect(ours).toBeDefined();
      expect(exact(v)).toBe(exactReference(v));
    }
  });

  it('on mutated values: the same value or the same refusal; for a value that reads, the same verdict on its spelling', () => {
    fc.assert(
      fc.property(mutated(values), (v) => {
        const ours = read(v);
        expect(ours).toEqual(reference(v));
        if (ours !== undefined) expect(exact(v)).toBe(exactReference(v));
      }),
      { seed: 20261204, numRuns: 3000 },
    );
  });

  it('on the edges: null, empty, blanks, leading zeros, over-long numbers', () => {
    const edges = [null, '', ' ', '96', '96 ', ' 96 nack', '096 VP8/90000', '96 VP8/090000', '111 opus/48000/02', '1234 x/1', '1 x/12345678901', '1 x/1/1234', '96 a b/9', '96 /9', '01 urn:x', '123456 urn:x', '1/sendrecv urn:x', '1/sendrecv  urn:x', '1/bogus urn:x', '1 urn:x ', '1 urn:x  y', '96 nack  pli', '96  nack', '96 nack pli ', '96 a=1; b=2', '96 a=1 ;b=2', '96  a=1', '96 ;;', '96 =', '96 a==b'];
    for (const v of edges) {
      const ours = read(v);
      expect(ours).toEqual(reference(v));
      if (ours !== undefined && v !== null) expect(exact(v)).toBe(exactReference(v));
    }
  });
});
