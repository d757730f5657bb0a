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
    ['setup', 'a=setup:sideways', 'rejected-by-browser'],
    ['rtpmap', 'a=rtpmap:abc opus/48000', 'attribute-syntax'],
    ['extmap', 'a=extmap:x urn:foo', 'rejected-by-browser'],
    ['sctp-port', 'a=sctp-port:port', 'rejected-by-browser'],
    ['ssrc-group', 'a=ssrc-group:FID abc', 'attribute-syntax'],
  ])('a %s value off its grammar is kept as text with a diagnostic (a browser\'s refusal when one was measured)', (_name, line, kind) => {
    const d = parseSdp(`v=0\r\n${line}\r\n`);
    expect(d.lines[1]!.kind).toBe('other-attribute');
    // (A minimal SDP: its missing o=, s=, t= are missing-line, tested in parse.test.ts.)
    expect(d.diagnostics.map((x) => x.kind).filter((k) => k !== 'missing-line')).toEqual([kind]);
    expect(writeSdp(d)).toBe(`v=0\r\n${line}\r\n`);
  });
});

describe('a=sctp-port with a blank for the colon', () => {
  const media = (line: string) => `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n${line}\r\n`;
  it('"a=sctp-port 5000" is the port (both browsers open the data channel on it, measured), written back as read', () => {
    const text = media('a=sctp-port 5000');
    const d = parseSdp(text);
    const line = d.media[0]!.lines[1]!;
    expect(line).toMatchObject({ kind: 'attribute', name: 'sctp-port', value: 5000, verbatim: { text: 'a=sctp-port 5000', canonical: 'a=sctp-port:5000' } });
    expect(d.media[0]!.sctpPort).toBe(5000);
    expect(writeSdp(d)).toBe(text);
  });
  it('"a=sctp-port 5000 " (a blank after the port too) is the port: libwebrtc reads the second field alone (measured)', () => {
    const text = media('a=sctp-port 5000 ');
    const d = parseSdp(text);
    expect(d.media[0]!.sctpPort).toBe(5000);
    expect(writeSdp(d)).toBe(text);
  });
  it.each([['a=sctp-port  5000', true], ['a=sctp-port abc', true], ['a=sctp-port', true], ['a=sctp-port:x', true], ['a=sctp-port\t5000', false]])('%j: no port, and Chromium\'s refusal said: %s (measured)', (raw, refused) => {
    const d = parseSdp(media(raw));
    expect(d.media[0]!.sctpPort).toBeNull();
    expect(d.diagnostics.some((x) => (x as { rule?: string }).rule === 'sctp-port-value')).toBe(refused);
  });
  it.each(['a=sctp-port  5000', 'a=sctp-port\t5000', 'a=sctp-port 5000 x', 'a=sctp-port 123456'])('%j stays text (libwebrtc reads one blank and one number)', (raw) => {
    const d = parseSdp(media(raw));
    expect(d.media[0]!.lines[1]!.kind).toBe('other-attribute');
    expect(d.media[0]!.sctpPort).toBeNull();
    expect(writeSdp(d)).toBe(media(raw));
  });
});

describe('a=extmap\'s direction (RFC 8285 §8)', () => {
  const media = (line: string) => `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n${line}\r\n`;
  const extmap = (text: string) => {
    const d = parseSdp(text);
    const line = d.media[0]!.lines.find((l) => l.kind === 'attribute' && l.name === 'extmap');
    return { d, line, value: line?.kind === 'attribute' ? line.value : undefined };
  };
  it.each([['a=extmap:3/sendonly urn:x', 'sendonly', false], ['a=extmap:3/SENDONLY urn:x', 'sendonly', true], ['a=extmap:3/RecvOnly urn:x y', 'recvonly', true], ['a=extmap:3 urn:x', null, false]])('%s reads direction %s (ABNF strings are case-insensitive, RFC 5234 §2.3), written back as read', (raw, direction, verbatim) => {
    const text = media(raw);
    const { d, line, value } = extmap(text);
    expect(value).toMatchObject({ id: 3, direction, uri: 'urn:x' });
    expect(line!.verbatim !== undefined).toBe(verbatim);
    expect(d.diagnostics.filter((x) => x.kind === 'attribute-syntax')).toEqual([]);
    expect(writeSdp(d)).toBe(text);
  });
  it('a word that is no direction ("/sideways") keeps the extension, with no direction, and says so: both browsers take it (measured), libwebrtc reads no direction at all', () => {
    const text = media('a=extmap:3/sideways urn:x');
    const { d, line, value } = extmap(text);
    expect(value).toMatchObject({ id: 3, direction: null, uri: 'urn:x' });
    expect(line!.verbatim).toBeDefined();
    const found = d.diagnostics.filter((x) => x.kind === 'attribute-syntax');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 7, column: 11 });
    expect(found[0]!.message).toContain('"sideways" is none of sendrecv');
    expect(writeSdp(d)).toBe(text);
  });
  it('a URI written with backslashes (Skype for Business\'s abs-send-time) is kept as written and said no URI, with the one it was meant to be; a plain one is not', () => {
    const text = media('a=extmap:1 http:\\\\www.webrtc.org\\experiments\\rtp-hdrext\\abs-send-time');
    const { d, value } = extmap(text);
    expect(value).toMatchObject({ id: 1, uri: 'http:\\\\www.webrtc.org\\experiments\\rtp-hdrext\\abs-send-time' });
    const found = d.diagnostics.filter((x) => x.kind === 'attribute-syntax');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 7, column: 12 });
    expect(found[0]!.message).toContain('holds a backslash, which no URI does (RFC 8285 §5: an absolute URI, RFC 3986); it is not http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time to a browser');
    expect(writeSdp(d)).toBe(text);
    const other = extmap(media('a=extmap:1 urn:x\\y')).d.diagnostics.filter((x) => x.kind === 'attribute-syntax');
    expect(other.map((x) => x.message)).toEqual(['a=extmap URI urn:x\\y holds a backslash, which no URI does (RFC 8285 §5: an absolute URI, RFC 3986): no browser negotiates the extension']);
  });
  it.each(['a=extmap:3/ urn:x', 'a=extmap:3/sendonly/x urn:x', 'a=extmap:3/sendonly'])('%s stays text with a finding', (raw) => {
    const text = media(raw);
    const { d, line } = extmap(text);
    expect(line).toBeUndefined();
    expect(d.diagnostics.some((x) => x.kind === 'attribute-syntax' || x.kind === 'rejected-by-browser')).toBe(true);
    expect(writeSdp(d)).toBe(text);
  });
});

describe('numbers write back as read, or stay text (issue 13: lossless or refused)', () => {
  const round = (line: string) => {
    const d = parseSdp(`v=0\r\n${line}\r\n`);
    return { d, line: d.lines[1]!, back: writeSdp(d) };
  };
  it.each(['a=ptime:20', 'a=ptime:2.5', 'a=maxptime:120', 'a=ptime:0.125', 'a=ptime:9999999999', 'a=ptime:20.000001'])('%s is modeled and exact', (text) => {
    const { line, back } = round(text);
    expect(line.kind).toBe('attribute');
    expect(line.verbatim).toBeUndefined();
    expect(back).toBe(`v=0\r\n${text}\r\n`);
  });
  it.each(['a=ptime:20.0', 'a=ptime:020', 'a=ptime:1.50'])('%s is modeled, kept verbatim', (text) => {
    const { line, back } = round(text);
    expect(line.kind).toBe('attribute');
    expect(back).toBe(`v=0\r\n${text}\r\n`);
  });
  it.each([
    'a=ptime:16744073709551615',
    'a=maxptime:10000000000000001',
    'a=ptime:1.00000000000000001',
    `a=ptime:${'9'.repeat(400)}`,
    'a=ptime:Infinity',
    'a=ptime:NaN',
    'a=ptime:-20',
    'a=ptime:1e3',
  ])('%s is off the grammar: text and a diagnostic, no rounding, never Infinity', (text) => {
    const { d, line, back } = round(text);
    expect(line.kind).toBe('other-attribute');
    expect(d.diagnostics.map((x) => x.kind)).toContain('attribute-syntax');
    expect(back).toBe(`v=0\r\n${text}\r\n`);
    const numbers: number[] = [];
    JSON.stringify(d, (_k, v: unknown) => (typeof v === 'number' && numbers.push(v), v));
    expect(numbers.every(Number.isFinite)).toBe(true);
  });
});
