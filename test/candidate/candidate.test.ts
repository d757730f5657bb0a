import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCandidate, parseCandidateScanned, tryParseCandidate, tryReadCandidate, writeCandidate, type Candidate } from '../../src/candidate/candidate.js';
import { SdpscopeError } from '../../src/errors.js';
import { explainCandidate } from '../../src/candidate/explain.js';
import { candidateLines, sample } from '../support/corpus.js';

/**
 * Corpus lines that are not candidates as posted (see the corpus README), and why they are
 * rejected. None today: the "[PUBLIC IP]" placeholder of libjuice-10.txt:3 and :5, whose address
 * has a space in it, is read as one (redacted) address on purpose.
 */
const EXPECTED_REJECTIONS: Record<string, string> = {};

describe('corpus candidate lines', () => {
  const lines = candidateLines();

  it('has the 223 lines the corpus README counts', () => {
    expect(lines).toHaveLength(223);
  });

  it.each(lines.map((l) => [`${l.file}:${l.line}`, l.text] as const))('%s round-trips or is rejected with a code', (where, text) => {
    const r = tryParseCandidate(text);
    const expected = EXPECTED_REJECTIONS[where];
    if (expected) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe(expected);
      return;
    }
    expect(r.ok).toBe(true);
    if (r.ok) expect(writeCandidate(r.candidate)).toBe(text);
  });
});

describe('redaction markers in the address', () => {
  it('reads "[PUBLIC IP]" (a space inside) as one address, and writes it back', () => {
    const line = 'candidate:2122599348 1 udp 1686052607 [PUBLIC IP] 52942 typ srflx raddr 192.168.122.127 rport 52942 generation 0 ufrag hCZ1 network-id 1';
    const c = parseCandidate(line);
    expect([c.address, c.port, c.type, c.relatedAddress, c.networkId]).toEqual(['[PUBLIC IP]', 52942, 'srflx', '192.168.122.127', '1']);
    expect(writeCandidate(c)).toBe(line);
  });

  it('reads "<IP address>" (a space inside angle brackets) as one address, and writes it back (session audit: "connection address is missing")', () => {
    const line = 'candidate:1 1 udp 2122260223 <IP address> 54321 typ host generation 0';
    const c = parseCandidate(line);
    expect([c.address, c.port, c.type]).toEqual(['<IP address>', 54321, 'host']);
    expect(writeCandidate(c)).toBe(line);
  });

  it('keeps an IPv6 literal in brackets as a token (not a marker): the port is then wrong', () => {
    expect(tryParseCandidate('candidate:1 1 udp 1 [fe80::1 x] 5000 typ host')).toMatchObject({ ok: false });
  });
});

describe('the seed candidates, field by field', () => {
  const frames = JSON.parse(sample('candidates.json')) as { candidate: { candidate: string } }[];

  it('reads the srflx candidate of the seed list', () => {
    const c = parseCandidate(frames[2]!.candidate.candidate);
    expect(c).toEqual<Candidate>({
      prefix: 'candidate:',
      foundation: '2649982101',
      component: 1,
      transport: 'udp',
      transportText: 'udp',
      priority: 1686052607,
      address: '219.142.117.143',
      port: 2213,
      type: 'srflx',
      relatedAddress: '10.25.39.1',
      relatedPort: 57043,
      tcpType: null,
      generation: 0,
      ufrag: 'N/KY',
      networkId: '1',
      networkCost: 10,
      extensions: [
        { name: 'generation', value: '0' },
        { name: 'ufrag', value: 'N/KY' },
        { name: 'network-id', value: '1' },
        { name: 'network-cost', value: '10' },
      ],
    });
  });

  it('keeps network-id and network-cost after ufrag (where sdp-transform loses them)', () => {
    const c = parseCandidate('candidate:2789144953 1 udp 2122129151 10.18.117.180 51018 typ host generation 0 ufrag ddSd network-id 3 network-cost 50');
    expect([c.ufrag, c.networkId, c.networkCost]).toEqual(['ddSd', '3', 50]);
  });

  it('keeps foundations as strings, leading zeros and all', () => {
    expect(parseCandidate('a=candidate:0560693492 1 udp 659136 1.2.3.4 19766 typ host generation 0').foundation).toBe('0560693492');
    expect(parseCandidate('candidate:0 1 UDP 2122252543 192.168.1.4 47176 typ host').foundation).toBe('0');
  });
});

describe('grammar and tolerance', () => {
  it('reads the a= form and the trickle form', () => {
    expect(parseCandidate('a=candidate:1 1 udp 1 1.2.3.4 5 typ host').prefix).toBe('a=candidate:');
    expect(parseCandidate('candidate:1 1 udp 1 1.2.3.4 5 typ host').prefix).toBe('candidate:');
  });

  it('lower-cases the transport and keeps it as written', () => {
    const c = parseCandidate('a=candidate:0 1 UDP 2122252543 192.168.1.4 47176 typ host');
    expect([c.transport, c.transportText]).toEqual(['udp', 'UDP']);
  });

  it('keeps unknown extensions in order', () => {
    const line = 'candidate:1 1 udp 2 ::1 5 typ host foo bar generation 1 baz qux';
    const c = parseCandidate(line);
    expect(c.extensions.map((e) => e.name)).toEqual(['foo', 'generation', 'baz']);
    expect(writeCandidate(c)).toBe(line);
  });

  it('tolerates an empty foundation (Google ICE-lite server)', () => {
    const c = parseCandidate('a=candidate: 1 udp 2130706431 74.125.1.1 19305 typ host generation 0');
    expect(c.foundation).toBe('');
    expect(c.component).toBe(1);
  });

  it('tolerates a doubled prefix and keeps its spelling', () => {
    const line = 'candidate: candidate:1169731898 2 tcp 1518280447 192.168.1.165 0 typ host tcptype active generation 0';
    const c = parseCandidate(line);
    expect([c.foundation, c.component, c.tcpType]).toEqual(['1169731898', 2, 'active']);
    expect(writeCandidate(c)).toBe(line);
  });

  it('reads the empty tcptype an old writer produced', () => {
    const c = parseCandidate('a=candidate:229815620 1 tcp 1518280447 0.0.0.0 0 typ host tcptype  generation 0');
    expect([c.tcpType, c.generation]).toEqual(['', 0]);
  });

  it('reads column-aligned log lines (runs of spaces)', () => {
    const line = 'candidate:324259901  1 tcp 1671430143 10.0.0.5      7881  typ host tcptype passive';
    const c = parseCandidate(line);
    expect([c.address, c.port, c.tcpType]).toEqual(['10.0.0.5', 7881, 'passive']);
    expect(c.verbatim?.text).toBe(line);
  });

  it('reads one line ending after the candidate as Chromium does (not part of the type or an extension), and writes it back', () => {
    for (const end of ['\r\n', '\n', '\r']) {
      for (const body of ['candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', 'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0 ', 'candidate:1  1 udp 1 10.0.0.1 5000 typ srflx raddr 0.0.0.0 rport 0']) {
        const c = parseCandidate(body + end);
        const clean = parseCandidate(body);
        expect({ ...c, verbatim: undefined }).toEqual({ ...clean, verbatim: undefined });
        expect(c.verbatim?.text).toBe(body + end);
        expect(writeCandidate(c)).toBe(body + end);
        expect(parseCandidateScanned(body + end)).toEqual(c);
      }
    }
    // Two line endings are two lines, which Chromium refuses ("Expect one line only"): refused, at the first line break.
    for (const f of [parseCandidate, parseCandidateScanned]) {
      for (const t of ['candidate:1 1 udp 1 10.0.0.1 5000 typ host\r\n\r\n', 'candidate:1 1 udp 1 10.0.0.1 5000 typ host ufrag abc\n\n', 'candidate:1 1 udp 1 10.0.0.1 5000 typ host\ngeneration 0\r\n',
        // With no line ending at the end too (library audit: read as type "host\ncandidate:2", ufrag "ab\ncd").
        'candidate:1 1 udp 1 10.0.0.1 5000 typ host\ncandidate:2 1 udp 1 10.0.0.2 5000 typ host', 'candidate:1 1 udp 1 10.0.0.1 5000 typ host ufrag ab\ncd']) {
        expect(() => f(t)).toThrow(expect.objectContaining({ code: 'CANDIDATE_LINES', column: t.indexOf('\n') + 1 }));
      }
    }
    // A CR inside is no line break to Chromium (measured: "ufrag ab\rcd" taken): it stays in its token.
    for (const f of [parseCandidate, parseCandidateScanned]) expect(f('candidate:1 1 udp 1 10.0.0.1 5000 typ host ufrag ab\rcd').ufrag).toBe('ab\rcd');
    // An edit drops the ending with the rest of the old spelling.
    expect(writeCandidate({ ...parseCandidate('candidate:1 1 udp 1 10.0.0.1 5000 typ host\r\n'), port: 5001 })).toBe('candidate:1 1 udp 1 10.0.0.1 5001 typ host');
  });

  it('reads raddr/rport after tcptype (libnice order)', () => {
    const c = parseCandidate('candidate:15 1 TCP 843055615 70.49.101.197 53592 typ srflx raddr 192.168.2.16 rport 53592 tcptype passive');
    expect([c.relatedAddress, c.relatedPort, c.tcpType]).toEqual(['192.168.2.16', 53592, 'passive']);
  });
});

describe('a field the line ends before is missing, not "" (README walk)', () => {
  it.each([
    ['candidate:x', 'CANDIDATE_COMPONENT', 'component id is missing'],
    ['candidate:1 1 udp', 'CANDIDATE_PRIORITY', 'priority is missing'],
    ['candidate:1 1 udp 2122260223 10.0.0.1', 'CANDIDATE_PORT', 'port is missing'],
    ['candidate:1 x udp 1 10.0.0.1 5 typ host', 'CANDIDATE_COMPONENT', 'component id must be a number from 1 to 256, not "x"'],
  ])('%s: %s', (line, code, reason) => {
    const r = tryParseCandidate(line);
    expect(r.ok ? null : [r.error.code, r.error.reason]).toEqual([code, reason]);
  });
});

describe('a text that is no candidate: what was found, and what it may be (library audit)', () => {
  it.each([
    [' candidate:1 1 udp 1 10.0.0.1 5 typ host', /found " candidate:1 1 udp 1 10\." \(blanks before it: trim the line\)/],
    ['{"candidate":"candidate:1 1 udp 1 10.0.0.1 5 typ host"}', /\(JSON: an RTCIceCandidateInit's "candidate" field is the line; readInput reads the whole object\)/],
    ['foo bar', /^expected "candidate:" or "a=candidate:", found "foo bar"$/],
  ])('%j', (text, reason) => {
    expect(() => parseCandidate(text)).toThrow(expect.objectContaining({ code: 'CANDIDATE_PREFIX', reason: expect.stringMatching(reason) }));
  });
});

describe('rejections carry a code and a column', () => {
  const full = 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0';
  // A ladder of truncations: every prefix of a valid line either parses or fails with a code.
  it.each([...Array(full.length).keys()].map((n) => [full.slice(0, n)]))('prefix %j', (text) => {
    const r = tryParseCandidate(text);
    if (r.ok) expect(writeCandidate(r.candidate)).toBe(text);
    // The empty one is the end of gathering's "" (library audit): EMPTY_INPUT, saying so.
    else expect(r.error.code).toMatch(text === '' ? /^EMPTY_INPUT$/ : /^CANDIDATE_/);
  });

  it.each(['', ' ', '\t'])('%j, as onicecandidate gives at the end of gathering: EMPTY_INPUT that says so (library audit: "expected candidate:, found \\"\\"")', (text) => {
    const r = tryParseCandidate(text);
    expect(r.ok ? null : [r.error.code, r.error.column]).toEqual(['EMPTY_INPUT', 1]);
    expect(() => parseCandidate(text)).toThrow(/the end of gathering, not a candidate/);
  });

  it.each([
    ['candidat:1 1 udp 1 1.2.3.4 5 typ host', 'CANDIDATE_PREFIX', 1],
    ['candidate:1 0 udp 1 1.2.3.4 5 typ host', 'CANDIDATE_COMPONENT', 13],
    ['candidate:1 1000 udp 1 1.2.3.4 5 typ host', 'CANDIDATE_COMPONENT', 13],
    ['candidate:1 1 udp 4294967296 1.2.3.4 5 typ host', 'CANDIDATE_PRIORITY', 19],
    ['candidate:1 1 udp 12345678901 1.2.3.4 5 typ host', 'CANDIDATE_PRIORITY', 19],
    ['candidate:1 1 udp 1 1.2.3.4 65536 typ host', 'CANDIDATE_PORT', 29],
    ['candidate:1 1 udp 1 1.2.3.4 5 type host', 'CANDIDATE_TYPE', 31],
    ['candidate:1 1 udp 1 1.2.3.4 5 typ', 'CANDIDATE_TYPE', 34],
    // An empty raddr before another field (a last "raddr" with nothing after it Chromium ignores: read, below).
    ['candidate:1 1 udp 1 1.2.3.4 5 typ srflx raddr  rport 5', 'CANDIDATE_RELATED', 47],
    ['candidate:1 1 udp 1 1.2.3.4 5 typ srflx raddr 1.1.1.1 rport x', 'CANDIDATE_RELATED', 61],
  ])('%j → %s at column %d', (text, code, column) => {
    expect(() => parseCandidate(text)).toThrow(SdpscopeError);
    const r = tryParseCandidate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.column).toBe(column);
    }
  });
});

describe('a last raddr or rport with no value (aiortc#219: an iOS srflx line cut after "raddr")', () => {
  it('is read as Chromium takes it (measured on the real line): the name kept with no value, written back as it was, the related address missing and said', () => {
    for (const line of ['candidate:842163049 1 udp 1677729535 66.90.166.74 49661 typ srflx raddr', 'candidate:1 1 udp 1677729535 66.90.166.74 49661 typ srflx raddr 10.0.0.1 rport']) {
      const c = parseCandidate(line);
      expect(c.relatedPort).toBeNull();
      expect(writeCandidate(c)).toBe(line);
      expect(explainCandidate(c).warnings.map((w) => w.kind)).toEqual(['candidate-extension-value', 'candidate-missing-related-address']);
      expect(explainCandidate(c).warnings[0]!.message).toMatch(/^the line ends in "r(?:addr|port)" with no value \(cut there\?\): Chromium ignores a last name without its value and takes the candidate, without its related (?:address|port)$/);
    }
  });
});

describe('writeCandidate after an edit', () => {
  it('writes the canonical spelling of the new fields', () => {
    const c = parseCandidate('candidate:324259901  1 tcp 1671430143 10.0.0.5      7881  typ host tcptype passive');
    expect(writeCandidate({ ...c, port: 9 })).toBe('candidate:324259901 1 tcp 1671430143 10.0.0.5 9 typ host tcptype passive');
  });

  it('writes a changed extension from its typed field, in place', () => {
    const c = parseCandidate('candidate:1 1 udp 2 1.2.3.4 5 typ host generation 0 ufrag abcd network-cost 10');
    expect(writeCandidate({ ...c, ufrag: 'wxyz', networkCost: null })).toBe('candidate:1 1 udp 2 1.2.3.4 5 typ host generation 0 ufrag wxyz');
    expect(writeCandidate({ ...c, networkId: '7' })).toBe('candidate:1 1 udp 2 1.2.3.4 5 typ host generation 0 ufrag abcd network-cost 10 network-id 7');
  });
});

describe('numbers in extensions (issue 13: lossless or refused)', () => {
  const base = 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0';
  it.each(['0', '999', '50000', '123456', '9999999999'])('network-cost %s reads as its number and writes back', (v) => {
    const c = parseCandidate(`${base} network-cost ${v}`);
    expect(c.networkCost).toBe(Number(v));
    expect(writeCandidate(c)).toBe(`${base} network-cost ${v}`);
  });
  it.each(['99999999999', '18446744073709551616', 'abc', '0999'])('network-cost %s keeps its text', (v) => {
    const c = parseCandidate(`${base} network-cost ${v}`);
    expect(writeCandidate(c)).toBe(`${base} network-cost ${v}`);
    expect(writeCandidate({ ...c, ufrag: 'u' })).toContain(`network-cost ${v}`);
  });
  it('refuses a line of candidates run together (more than 100 extensions), with the column', () => {
    const line = Array.from({ length: 60 }, (_, i) => `candidate:${i} 1 udp 2122260223 10.0.0.1 ${5000 + i} typ host`).join(' ');
    const r = tryParseCandidate(line);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CANDIDATE_EXTENSION');
      expect(r.error.column).toBeGreaterThan(100);
    }
    // A hundred extensions are still a candidate.
    const hundred = `${base.replace(' generation 0', '')} ${Array.from({ length: 100 }, (_, i) => `x${i} ${i}`).join(' ')}`;
    expect(parseCandidate(hundred).extensions).toHaveLength(100);
  });
});

describe('the canonical fast path reads what the scanner reads', () => {
  const NASTY = [' ', '  ', '\t', 'a=', 'candidate:', 'CANDIDATE:', 'typ', ' raddr ', ' rport ', ' tcptype ', ' generation ', ' network-cost ', ' ufrag ', '0', '00', '9999999999', '4294967296', '65536', '[', ']', '-', 'UDP', 'x', '\r', '\n', '\r\n'];
  /** The scanner alone, and parseCandidate (fast path first): the same candidate, or the same error. */
  const both = (line: string) => {
    const read = (f: (l: string) => unknown) => {
      try {
        return { ok: f(line) };
      } catch (e) {
        return { error: (e as SdpscopeError).code, column: (e as SdpscopeError).column };
      }
    };
    return [read(parseCandidate), read(parseCandidateScanned)];
  };
  it('on every corpus candidate line and the bench generator\'s shapes', () => {
    const lines = [...candidateLines().map((l) => l.text),
      'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0 ufrag P4MJ network-id 1 network-cost 10',
      'candidate:3 1 udp 1686052607 203.0.113.9 40000 typ srflx raddr 10.0.0.1 rport 5000 generation 0 ufrag u network-id 1 network-cost 10',
      'candidate:6 1 tcp 1518280447 10.0.0.1 9 typ host tcptype active generation 0 ufrag u network-id 1',
      'a=candidate:20 1 UDP 2122252543 10.110.164.188 48157 typ host',
      'candidate:1 1 udp 2113937151 d3abf697-d3ce-4c65-a6e0-5b5e9543eb9a.local 6144 typ host generation 0 ufrag ly2M network-cost 999'];
    for (const l of lines) {
      const [fast, scanned] = both(l);
      expect(fast).toEqual(scanned);
    }
  });
  it('on 20,000 mutations of them (seeded): equal candidates, or the same error and column', () => {
    const base = candidateLines().map((l) => l.text);
    let seed = 99;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const differ: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let t = base[rnd(base.length)]!;
      for (let k = 1 + rnd(3); k > 0; k--) {
        const p = rnd(t.length + 1);
        const piece = NASTY[rnd(NASTY.length)]!;
        t = rnd(2) ? t.slice(0, p) + piece + t.slice(p) : t.slice(0, p) + piece + t.slice(p + 1 + rnd(6));
      }
      const [fast, scanned] = both(t);
      if (JSON.stringify(fast) !== JSON.stringify(scanned)) differ.push(t);
    }
    expect(differ.slice(0, 5)).toEqual([]);
  });
});

describe('extension values may be empty (RFC 8839 §5.1: extension-att-value = *VCHAR)', () => {
  it('two spaces and a trailing one: two extensions with empty values, written back as read', () => {
    const line = 'candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host tcptype active empty-value-1  empty-value-2 ';
    const c = parseCandidate(line);
    expect(c.extensions).toEqual([
      { name: 'tcptype', value: 'active' },
      { name: 'empty-value-1', value: '' },
      { name: 'empty-value-2', value: '' },
    ]);
    expect(writeCandidate(c)).toBe(line);
  });

  it('sdp-transform 1.5.1\'s empty tcptype reads as written: tcptype "", then generation 0', () => {
    const c = parseCandidate('candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host tcptype  generation 0');
    expect([c.tcpType, c.generation]).toEqual(['', 0]);
  });

  it('a last name with no value at all reads, as Chromium takes it (measured): kept with an empty value, said, written back as it was', () => {
    const line = 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0 ufrag';
    const c = parseCandidate(line);
    expect([c.generation, c.ufrag, c.extensions]).toEqual([0, null, [{ name: 'generation', value: '0' }, { name: 'ufrag', value: '' }]]);
    expect(writeCandidate(c)).toBe(line);
    expect(explainCandidate(c).warnings.map((w) => [w.kind, w.message])).toEqual([['candidate-extension-value', 'extension "ufrag" has no value (or an empty one): Chromium ignores a last name without its value and takes the candidate']]);
  });

  it('a tcptype outside active/passive/so is a warning (RFC 6544 §4.5), not silently taken', () => {
    const e = explainCandidate(parseCandidate('candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host tcptype bogus'));
    expect(e.warnings.map((f) => f.kind)).toContain('candidate-unknown-tcptype');
  });
});

describe('errors returned, errors thrown', () => {
  const bad = 'candidate:1 1 udp x 10.0.0.1 5000 typ host';

  it('tryParseCandidate returns the error parseCandidate throws as plain data, which structuredClone keeps whole (library audit: the instance lost its code)', () => {
    let thrown: unknown;
    try {
      parseCandidate(bad);
    } catch (e) {
      thrown = e;
    }
    const r = tryParseCandidate(bad);
    expect(r).toEqual({ ok: false, error: (thrown as SdpscopeError).toJSON() });
    expect(Object.getPrototypeOf((r as { error: object }).error)).toBe(Object.prototype);
    expect(structuredClone(r)).toEqual(r);
  });

  it('tryReadCandidate (internal) returns the same error parseCandidate throws, without capturing a stack (never read), and leaves the stack limit as it was', () => {
    const limit = Error.stackTraceLimit;
    const r = tryReadCandidate(bad);
    expect(r.ok).toBe(false);
    let thrown: unknown;
    try {
      parseCandidate(bad);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SdpscopeError);
    const t = thrown as SdpscopeError;
    const e = (r as { error: SdpscopeError }).error;
    expect(e).toBeInstanceOf(SdpscopeError);
    expect(e.toJSON()).toEqual(t.toJSON());
    expect(e.stack).not.toMatch(/\n\s+at /);
    // A thrown one keeps its stack, for whoever catches it.
    expect(t.stack).toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(limit);
  });
});

describe('held to Chromium\'s addIceCandidate (test/fixtures/verdicts/candidates.json, npm run verdicts)', () => {
  const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/verdicts/candidates.json', import.meta.url)), 'utf8')) as { cases: Record<string, { chromium: string; firefox: string }> };
  /** What sdpscope says of a line: refused (its code), or read with the findings that say a browser refuses it. */
  const verdict = (line: string): string => {
    const r = tryParseCandidate(line);
    if (!r.ok) return `refused ${r.error.code}`;
    // An unknown type, and a tcptype other than empty (which Chromium takes), are refused by Chromium as their table entries say.
    const refusing = explainCandidate(r.candidate).warnings.filter((w) => / Chromium refuses/.test(w.message) || w.kind === 'candidate-unknown-type' || (w.kind === 'candidate-unknown-tcptype' && r.candidate.tcpType !== ''));
    return refusing.length > 0 ? `read, said refused (${refusing.map((w) => w.kind).join(', ')})` : 'read';
  };
  // Chromium takes these and never pairs them; RFC 8445's range refuses them (§5.1.2.1: 1 to 256; RFC 8839's grammar takes 1*3DIGIT), and so does sdpscope.
  const GRAMMAR_ONLY = new Set(['candidate:1 0 udp 2122260223 10.0.0.1 50000 typ host', 'candidate:1 257 udp 2122260223 10.0.0.1 50000 typ host']);
  it.each(Object.entries(fixture.cases))('%s: Chromium %j', (line, v) => {
    const ours = verdict(line);
    if (v.chromium.startsWith('rejects')) expect(ours).toMatch(/^(refused|read, said refused)/);
    else if (GRAMMAR_ONLY.has(line)) expect(ours).toBe('refused CANDIDATE_COMPONENT');
    else expect(ours).toBe('read');
  });
  it('Firefox\'s addIceCandidate resolves whatever the line (so its verdicts say nothing, and none is claimed)', () => {
    expect(fixture.cases['candidate:x']).toEqual({ chromium: 'rejects: Error processing ICE candidate', firefox: 'accepts' });
  });
});
