import { GRAMMAR, isModeled } from '../../src/sdp/grammar.js';
import { parseSdp } from '../../src/sdp/parse.js';
import { writeSdp } from '../../src/sdp/write.js';

describe('the attribute table', () => {
  it.each(Object.entries(GRAMMAR).map(([name, rule]) => [name, rule.sample] as const))('a=%s: its sample reads and writes back canonically', (name, sample) => {
    expect(sample.startsWith(`a=${name}`)).toBe(true);
    const d = parseSdp(`v=0\r\n${sample}\r\n`);
    const line = d.lines[1]!;
    expect(line.kind).toBe('attribute');
    expect(line.verbatim).toBeUndefined();
    expect(writeSdp(d)).toBe(`v=0\r\n${sample}\r\n`);
  });

  it('knows which names it models', () => {
    expect(isModeled('rtpmap')).toBe(true);
    expect(isModeled('x-google-flag')).toBe(false);
    expect(isModeled('toString')).toBe(false);
  });

  it.each([
    ['setup', 'a=setup:sideways'],
    ['rtpmap', 'a=rtpmap:abc opus/48000'],
    ['extmap', 'a=extmap:x urn:foo'],
    ['sctp-port', 'a=sctp-port:port'],
    ['rtcp-mux', 'a=rtcp-mux:yes'],
    ['ssrc-group', 'a=ssrc-group:FID abc'],
  ])('a %s value off its grammar is kept as text with a diagnostic', (_name, line) => {
    const d = parseSdp(`v=0\r\n${line}\r\n`);
    expect(d.lines[1]!.kind).toBe('other-attribute');
    // (A minimal SDP: its missing o=, s=, t= are missing-line, tested in parse.test.ts.)
    expect(d.diagnostics.map((x) => x.kind).filter((k) => k !== 'missing-line')).toEqual(['attribute-syntax']);
    expect(writeSdp(d)).toBe(`v=0\r\n${line}\r\n`);
  });
});
