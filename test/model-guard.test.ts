/**
 * Models handed back to the library (src/model-guard.ts, and requireCandidate in
 * src/candidate/candidate.ts): a description or candidate revived from JSON or edited by hand,
 * with a field of the wrong type, is INVALID_ARGUMENT naming the function and the argument; it
 * was a TypeError from inside negotiate, diffDescriptions, writeSdp, writeCandidate and
 * explainCandidate (left item of the library audit, 2026-12-05).
 */
import { CandidateAnalyzer, diffDescriptions, explainCandidate, negotiate, pairFromOne, parseCandidate, parseSdp, readInput, SdpscopeError, writeCandidate, writeSdp } from '../src/index.js';
import { corpusFile, sample } from './support/corpus.js';

/** A real offer with a BUNDLE group and candidates in its m-section. */
const WITH_CANDIDATES = corpusFile('sdp/aiortc__chrome_audio_offer_ipv6_tcp_networkid.sdp');

const pair = pairFromOne(readInput(sample('call.ndjson')).descriptions, 'call.ndjson');
const OFFER = JSON.stringify(pair.first.description);
const ANSWER = JSON.stringify(pair.second.description);
const CANDIDATE = 'candidate:3096071039 1 udp 1686052607 203.0.113.7 60751 typ srflx raddr 10.0.0.1 rport 5000 generation 0 ufrag N/KY network-id 1 network-cost 10';

/** A seeded generator (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every path to a value in `o`. */
function paths(o: unknown, at: string[] = [], out: string[][] = []): string[][] {
  if (o !== null && typeof o === 'object') for (const k of Object.keys(o)) {
    out.push([...at, k]);
    paths((o as Record<string, unknown>)[k], [...at, k], out);
  }
  return out;
}

const JUNK: readonly unknown[] = [null, 7, 'x', [], {}, true, -1, [null], { a: 1 }, Number.NaN];

/** `o` with the value at one random path replaced by junk. */
function mutate(o: object, rnd: () => number): string {
  const all = paths(o);
  const p = all[Math.floor(rnd() * all.length)]!;
  let at = o as Record<string, unknown>;
  for (const k of p.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[p.at(-1)!] = JUNK[Math.floor(rnd() * JUNK.length)];
  return p.join('.');
}

/** What `f` throws, if anything. */
function thrown(f: () => unknown): unknown {
  try {
    f();
    return undefined;
  } catch (e) {
    return e;
  }
}

describe('descriptions revived from JSON', () => {
  it('read as parseSdp made them when nothing was changed', () => {
    const offer = JSON.parse(OFFER);
    const answer = JSON.parse(ANSWER);
    expect(negotiate(offer, answer)).toEqual(negotiate(pair.first.description, pair.second.description));
    expect(writeSdp(answer)).toBe(writeSdp(pair.second.description));
  });

  it('a field of the wrong type is INVALID_ARGUMENT naming the function and the argument (it was a TypeError)', () => {
    const answer = JSON.parse(ANSWER);
    answer.media[1].codecs[0].name = { a: 1 };
    const e = thrown(() => negotiate(pair.first.description, answer));
    expect(e).toBeInstanceOf(SdpscopeError);
    expect(e).toMatchObject({ code: 'INVALID_ARGUMENT', reason: expect.stringMatching(/^negotiate: the answer is not a description as parseSdp makes it \(revived from JSON or edited: a field of the wrong type\?\): reading it failed with TypeError: /) });
    // Both revived: which of the two is not known.
    const again = JSON.parse(ANSWER);
    again.media[1].codecs[0].name = { a: 1 };
    expect(thrown(() => negotiate(JSON.parse(OFFER), again))).toMatchObject({ reason: expect.stringMatching(/^negotiate: the offer or the answer is not/) });
    const lines = JSON.parse(OFFER);
    lines.media[0].lines[3] = null;
    expect(thrown(() => writeSdp(lines))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: expect.stringMatching(/^writeSdp: the description is not/) });
    const codecs = JSON.parse(OFFER);
    codecs.media[0].codecs[0] = null;
    expect(thrown(() => diffDescriptions(pair.first.description, codecs))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: expect.stringMatching(/^diffDescriptions: the second description is not/) });
  });

  it('writeSdp refuses lines and line endings of the wrong kind instead of writing "undefined" lines (audit of the change)', () => {
    for (const change of [(d: { media: { lines: unknown }[] }) => (d.media[0]!.lines = 'oops'), (d: { eol: unknown }) => (d.eol = 5), (d: { lines: unknown[] }) => (d.lines[1] = 7), (d: { lines: unknown[] }) => d.lines.push({ kind: 'nonsense' })]) {
      const d = JSON.parse(OFFER);
      change(d);
      expect(thrown(() => writeSdp(d))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: expect.stringMatching(/^writeSdp: the description is not one parseSdp makes/) });
    }
  });

  it('writeSdp refuses eol "\\r" before another line, and flags that are not booleans; its errors carry the line (library audit, ninth session)', () => {
    const d = JSON.parse(OFFER);
    d.media[0].lines[1].eol = '\r';
    const e = thrown(() => writeSdp(d));
    expect(e).toMatchObject({ code: 'INVALID_ARGUMENT', line: d.lines.length + 2, reason: expect.stringMatching(/^writeSdp: a line has eol "\\r", which only the last line may have/) });
    // The last line cut after its CR, as parseSdp reads it, still writes back.
    const cut = writeSdp(pair.first.description).slice(0, -1);
    expect(writeSdp(parseSdp(cut))).toBe(cut);
    for (const [flag, value] of [['bom', 'false'], ['finalEol', 'no'], ['bom', 1]] as const) {
      const x = JSON.parse(OFFER);
      x[flag] = value;
      expect(thrown(() => writeSdp(x))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: `writeSdp: the description's ${flag} must be true or false, got ${JSON.stringify(value)}` });
    }
    const origin = JSON.parse(OFFER);
    origin.lines[1].value = {};
    expect(thrown(() => writeSdp(origin))).toMatchObject({ line: 2 });
  });

  it('writeSdp refuses a line whose value has fields missing, of the wrong type or holding a line feed, naming the line (library audit: "o=undefined …", "a=rtpmap:undefined …", more lines)', () => {
    const cases: [string, (d: { lines: { kind: string; value: unknown }[]; media: { lines: { kind: string; name?: string; value: unknown }[] }[] }) => void, RegExp][] = [
      ['origin {}', (d) => (d.lines[1]!.value = {}), /^writeSdp: a line does not write as SDP: its origin fields give "o=undefined undefined undefined undefined undefined undefined", from a field missing/],
      ['rtpmap {}', (d) => (d.media[0]!.lines.find((l) => l.name === 'rtpmap')!.value = {}), /its a=rtpmap value gives "a=rtpmap:undefined undefined\/undefined\/undefined", which does not read back/],
      ['mid with CRLF', (d) => (d.media[0]!.lines.find((l) => l.name === 'mid')!.value = 'a\r\nb'), /its a=mid value gives "a=mid:a\\r\\nb", which holds a line feed/],
      ['other attribute with CRLF', (d) => d.media[0]!.lines.push({ kind: 'other-attribute', name: 'x', value: 'y\r\na=evil:1' }), /its a=x value gives .*holds a line feed/],
      ['media port a string', (d) => (d.media[0]!.lines[0]!.value = { ...(d.media[0]!.lines[0]!.value as object), port: 'x' }), /its media fields give "m=audio x /],
      // The grammar reads these back: the value itself is checked (audit of the change).
      ['mid undefined', (d) => (d.media[0]!.lines.find((l) => l.name === 'mid')!.value = undefined), /its a=mid value gives "a=mid:undefined"/],
      ['mid an object', (d) => (d.media[0]!.lines.find((l) => l.name === 'mid')!.value = {}), /its a=mid value gives "a=mid:\[object Object\]"/],
      ['rtpmap without its name', (d) => { const l = d.media[0]!.lines.find((x) => x.name === 'rtpmap')!; l.value = { ...(l.value as object), encodingName: undefined }; }, /gives "a=rtpmap:\d+ undefined\/48000\/2"/],
      ['group without semantics', (d) => { const l = d.lines.find((x) => (x as { name?: string }).name === 'group')!; l.value = { ...(l.value as object), semantics: undefined }; }, /its a=group value gives "a=group: /],
      ['other attribute without a name', (d) => d.media[0]!.lines.push({ kind: 'other-attribute', name: undefined as never, value: 'x' }), /gives "a=undefined:x"/],
    ];
    for (const [, change, message] of cases) {
      const d = parseSdp(writeSdp(pair.first.description)) as unknown as Parameters<(typeof cases)[0][1]>[0];
      change(d);
      expect(thrown(() => writeSdp(d as never))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: expect.stringMatching(message) });
    }
    // What parseSdp read writes back, whatever words it holds; an edit of the right type is written.
    const odd = 'v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=undefined NaN null\r\nt=0 0\r\na=msid-semantic: WMS undefined\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:null\r\na=msid:undefined NaN\r\na=rtpmap:111 opus/48000/2\r\n';
    expect(writeSdp(parseSdp(odd))).toBe(odd);
    const d = parseSdp(odd);
    (d.media[0]!.lines.find((l) => l.kind === 'attribute' && l.name === 'mid') as { value: string }).value = 'audio';
    expect(writeSdp(d)).toBe(odd.replace('a=mid:null', 'a=mid:audio'));
  });

  it('writeSdp refuses fields that would read back as other ones, edited in place or in a copy (library audit: each was written)', () => {
    type Lines = { kind: string; name?: string; value: Record<string, unknown> }[];
    type D = { eol: unknown; lines: Lines; media: { lines: Lines }[] };
    const cases: [string, (d: D) => void, RegExp][] = [
      ['a candidate\'s port 99999', (d) => (d.media[0]!.lines.find((l) => l.name === 'candidate')!.value.port = 99999), /a line does not write as SDP: its a=candidate value gives .*out of its range/],
      ['a candidate\'s address with blanks', (d) => (d.media[0]!.lines.find((l) => l.name === 'candidate')!.value.address = '1.2.3.4 typ relay'), /its a=candidate value gives "a=candidate:\S+ 1 udp \d+ 1\.2\.3\.4 typ relay/],
      ['a BUNDLE mid with a blank', (d) => (d.lines.find((l) => l.name === 'group')!.value.mids = ['a b']), /its a=group value gives "a=group:BUNDLE a b"/],
      ['an rtpmap payload type -5', (d) => (d.media[0]!.lines.find((l) => l.name === 'rtpmap')!.value.payloadType = -5), /gives "a=rtpmap:-5 /],
      ['a clock rate 48000.5', (d) => (d.media[0]!.lines.find((l) => l.name === 'rtpmap')!.value.clockRate = 48000.5), /gives "a=rtpmap:\d+ \w+\/48000\.5/],
      ['an m-line port 10^12', (d) => (d.media[0]!.lines[0]!.value.port = 1e12), /its media fields give "m=audio 1000000000000 /],
      ['an origin username with a blank', (d) => (d.lines[1]!.value.username = 'a b'), /its origin fields give "o=a b /],
      ['an attribute named "x:y"', (d) => d.media[0]!.lines.push({ kind: 'other-attribute', name: 'x:y', value: { toString: () => 'z' } as never }), /gives "a=x:y:z"|a line does not write/],
      // Field lines of a letter that is not one, or an attribute's (library audit: "ab=x y" and "a=x y" were written).
      ['a field line of letter "ab"', (d) => d.lines.push({ kind: 'field', letter: 'ab', value: 'x y' } as never), /a line does not write/],
      ['a field line of letter "a"', (d) => d.lines.push({ kind: 'field', letter: 'a', value: 'x y' } as never), /a line does not write/],
      ['a field line of no letter', (d) => d.lines.push({ kind: 'field', letter: '', value: 'x' } as never), /a line does not write/],
    ];
    for (const [what, change, message] of cases) {
      for (const copy of [false, true]) {
        // In place on what parseSdp made, and on a copy revived from JSON.
        const parsed = parseSdp(WITH_CANDIDATES);
        const d = (copy ? JSON.parse(JSON.stringify(parsed)) : parsed) as D;
        change(d);
        expect([what, copy, thrown(() => writeSdp(d as never))]).toMatchObject([what, copy, { code: 'INVALID_ARGUMENT', reason: expect.stringMatching(message) }]);
      }
    }
    const d = parseSdp(WITH_CANDIDATES) as unknown as D;
    d.eol = ' ';
    expect(thrown(() => writeSdp(d as never))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: expect.stringMatching(/its eol must be "\\r\\n" or "\\n"/) });
    // A candidate parsed from a trickled "candidate:…" (RTCIceCandidate.candidate) is written as an a=candidate line, its spelling kept (library audit: refused).
    for (const trickled of ['candidate:1 1 udp 2122260223 192.0.2.10 50000 typ host generation 0', 'candidate:1  1 udp 2122260223 192.0.2.10 50000 typ host']) {
      const withIt = parseSdp(WITH_CANDIDATES);
      (withIt.media[0]!.lines as unknown[]).push({ kind: 'attribute', name: 'candidate', value: parseCandidate(trickled), line: 0 });
      const out = writeSdp(withIt);
      expect(out.split(/\r?\n/)).toContain(`a=${trickled}`);
      expect(parseSdp(out).media[0]!.candidates.at(-1)).toMatchObject({ candidate: { address: '192.0.2.10', port: 50000 } });
    }
    // A line added, in the right form, is written; every line after it still checked and written.
    const added = parseSdp(WITH_CANDIDATES);
    (added.media[0]!.lines as unknown[]).splice(1, 0, { kind: 'other-attribute', name: 'x-note', value: 'kept' });
    expect(writeSdp(added)).toBe(WITH_CANDIDATES.replace('\nc=IN IP4', '\na=x-note:kept\r\nc=IN IP4'));
  });

  it('writeSdp writes the odd lines parseSdp reads wherever they end up: after a line added or removed, and revived from JSON (audit of the change: "a=sendrecv " with its blank was refused)', () => {
    const head = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n';
    for (const odd of ['a=sendrecv ', 'a=foo bar', 'a=rtcp-mux ', 'a= ', 'a=:x', 'x', 'b=AS:30 ', 'a=rtpmap:111  opus/48000/2', 'm=audio 99999 RTP/AVP 0', 'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host  generation 0']) {
      const text = `${head}${odd}\r\na=end\r\n`;
      expect([odd, writeSdp(JSON.parse(JSON.stringify(parseSdp(text))))]).toEqual([odd, text]);
      const added = parseSdp(text);
      (added.lines as unknown[]).push({ kind: 'attribute', name: 'ice-lite', value: null, line: 0 });
      expect([odd, writeSdp(added)]).toEqual([odd, text.replace('a=group:BUNDLE 0\r\n', 'a=group:BUNDLE 0\r\na=ice-lite\r\n')]);
      const removed = parseSdp(text);
      (removed.media[0]!.lines as unknown[]).splice(1, 1);
      expect([odd, writeSdp(removed)]).toEqual([odd, text.replace('c=IN IP4 0.0.0.0\r\n', '')]);
    }
  });

  it('seeded: whatever one field becomes, negotiate, diffDescriptions and writeSdp answer or throw an SdpscopeError', () => {
    const rnd = prng(20261205);
    let refused = 0;
    for (let i = 0; i < 600; i++) {
      const offer = JSON.parse(OFFER);
      const answer = JSON.parse(ANSWER);
      const target = rnd() < 0.5 ? offer : answer;
      const where = mutate(target, rnd);
      for (const f of [() => negotiate(offer, answer), () => diffDescriptions(offer, answer), () => writeSdp(target)]) {
        const e = thrown(f);
        if (e !== undefined && !(e instanceof SdpscopeError)) throw new Error(`${where}: ${String(e)}`);
        if (e !== undefined) refused++;
      }
    }
    // Most changes are read (a value no reader looks at); some are refused.
    expect(refused).toBeGreaterThan(50);
  });
});

describe('candidates revived from JSON or edited', () => {
  it('read when nothing was changed', () => {
    const c = JSON.parse(JSON.stringify(parseCandidate(CANDIDATE)));
    expect(writeCandidate(c)).toBe(CANDIDATE);
    expect(explainCandidate(c)).toEqual(explainCandidate(parseCandidate(CANDIDATE)));
  });

  it.each([
    ['foundation', null, 'foundation must be a string, as parseCandidate makes it; got null'],
    ['port', '60751', 'port must be a whole number, not negative, as parseCandidate makes it; got "60751"'],
    ['port', -1.5, 'port must be a whole number, not negative, as parseCandidate makes it; got -1.5'],
    ['relatedPort', Number.NaN, 'relatedPort must be a whole number, not negative or null, as parseCandidate makes it; got NaN'],
    ['transportText', [], 'transportText must be a string, as parseCandidate makes it; got an array'],
    ['prefix', 'cand:', 'prefix must be "candidate:" or "a=candidate:", as parseCandidate makes it; got "cand:"'],
    ['extensions', [null], 'extensions must be an array of {name, value} strings, as parseCandidate makes it; got an array'],
    // The reader's ten digits (library audit: 2^40 was written, and read back as null).
    ['generation', 2 ** 40, 'generation must be from 0 to 9999999999, as parseCandidate makes it; got 1099511627776'],
    ['networkCost', 1e10, 'networkCost must be from 0 to 9999999999, as parseCandidate makes it; got 10000000000'],
  ])('%s = %j: INVALID_ARGUMENT naming the field (it was a TypeError)', (field, value, message) => {
    const c = { ...parseCandidate(CANDIDATE), [field]: value };
    expect(thrown(() => writeCandidate(c))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: `writeCandidate: the candidate: ${message}` });
    expect(thrown(() => explainCandidate(c))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: `explainCandidate: the candidate: ${message}` });
  });

  it('seeded: whatever one field becomes, writeCandidate and explainCandidate answer or throw an SdpscopeError', () => {
    const rnd = prng(7);
    for (let i = 0; i < 2000; i++) {
      const c = JSON.parse(JSON.stringify(parseCandidate(CANDIDATE)));
      const where = mutate(c, rnd);
      for (const f of [() => writeCandidate(c), () => explainCandidate(c)]) {
        const e = thrown(f);
        if (e !== undefined && !(e instanceof SdpscopeError)) throw new Error(`${where}: ${String(e)}`);
      }
    }
  });
});

describe('CandidateAnalyzer given found candidates and descriptions revived from JSON', () => {
  const report = readInput(sample('call.ndjson'));
  const CANDIDATES = JSON.stringify(report.candidates.slice(0, 3));
  const DESCRIPTION = JSON.stringify(report.descriptions[0]);
  const feed = (d: unknown, cs: unknown[]) => {
    const a = new CandidateAnalyzer();
    a.description(d as never);
    for (const c of cs) a.candidate(c as never);
    return a.finish();
  };

  it('read as readInput made them when nothing was changed', () => {
    expect(feed(JSON.parse(DESCRIPTION), JSON.parse(CANDIDATES)).sessions).toEqual(feed(report.descriptions[0], report.candidates.slice(0, 3)).sessions);
  });

  it('a field of the wrong type is INVALID_ARGUMENT naming it (it was a TypeError inside)', () => {
    const cs = JSON.parse(CANDIDATES);
    cs[0].explanation.address = undefined;
    expect(thrown(() => feed(JSON.parse(DESCRIPTION), cs))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: "CandidateAnalyzer.candidate: the found candidate's explanation must be explainCandidate(candidate), as readInput makes it" });
    const typed = JSON.parse(CANDIDATES);
    typed[1].candidate.transport = null;
    expect(thrown(() => feed(JSON.parse(DESCRIPTION), typed))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: expect.stringContaining('transport must be a string') });
    const d = JSON.parse(DESCRIPTION);
    d.description.media = 'x';
    expect(thrown(() => feed(d, []))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: expect.stringMatching(/^CandidateAnalyzer\.description: the found description is not a description as parseSdp makes it/) });
  });

  it('seeded: whatever one field becomes, the analyzer answers or throws an SdpscopeError', () => {
    const rnd = prng(11);
    for (let i = 0; i < 1500; i++) {
      const cs = JSON.parse(CANDIDATES);
      const d = JSON.parse(DESCRIPTION);
      const where = mutate(rnd() < 0.5 ? cs : d, rnd);
      const e = thrown(() => feed(d, cs));
      if (e !== undefined && !(e instanceof SdpscopeError)) throw new Error(`${where}: ${String(e)}`);
    }
  });
});

describe('a line\'s own spelling (verbatim.text) edited or revived (library audit: written unchecked, a line injected through it)', () => {
  const text = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10; useinbandfec=1\r\n';
  type Editable = { media: { lines: { kind: string; name?: string; verbatim?: { text: unknown } }[] }[] };
  const revived = () => JSON.parse(JSON.stringify(parseSdp(text))) as Editable;
  it('is written when it reads back as its fields (the blank after ";" kept), refused when it does not: another value, a second line, not a string', () => {
    expect(writeSdp(revived() as never)).toBe(text);
    for (const [bad, why] of [
      ['a=fmtp:111 minptime=10; useinbandfec=0', /its own spelling \(verbatim\.text\), which does not read back as its fields/],
      ['a=fmtp:111 minptime=10; useinbandfec=1\r\na=ssrc:1 cname:injected', /which holds a line feed/],
      [42, /which is number, not text/],
    ] as const) {
      const d = revived();
      d.media[0]!.lines.find((l) => l.name === 'fmtp')!.verbatim!.text = bad;
      expect(() => writeSdp(d as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(why) }));
    }
    // The same edit on the description parseSdp made (not revived): refused too.
    const made = parseSdp(text);
    (made.media[0]!.lines.find((l) => l.kind === 'attribute' && l.name === 'fmtp')!.verbatim as { text: string }).text = 'a=fmtp:111 minptime=10; useinbandfec=0';
    expect(() => writeSdp(made)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
  it('an invalid line whose text reads as another line (an m= line, an a=mid) is refused: read back, it would be that line', () => {
    const d = parseSdp('v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n');
    for (const t of ['m=audio 9 RTP/AVP 0', 'a=mid:evil']) expect(() => writeSdp({ ...d, lines: [...d.lines, { line: 0, kind: 'invalid', text: t }] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/an invalid line's text that reads as another line/) }));
    expect(writeSdp({ ...d, lines: [...d.lines, { line: 0, kind: 'invalid', text: 'not sdp' }] })).toMatch(/\r\nnot sdp\r\n$/);
    // …nor when the text is a line of the description elsewhere (audit of the change: "a=mid:0", "v=0" added to an m-section were written).
    const m = parseSdp('v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=mid:0\r\n');
    for (const t of ['a=mid:0', 'v=0', 't=0 0']) expect(() => writeSdp({ ...m, media: [{ ...m.media[0]!, lines: [...m.media[0]!.lines, { line: 0, kind: 'invalid', text: t }] }] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
  it('writeCandidate: the same (another address and a second line through verbatim.text), a trailing line ending still its own', () => {
    const c = JSON.parse(JSON.stringify(parseCandidate('candidate:1  1 udp 2122260223 10.0.0.1 5000 typ host'))) as { verbatim: { text: string } };
    expect(writeCandidate(c as never)).toBe('candidate:1  1 udp 2122260223 10.0.0.1 5000 typ host');
    for (const t of ['candidate:1 1 udp 2122260223 6.6.6.6 5000 typ host', 'candidate:1  1 udp 2122260223 10.0.0.1 5000 typ host\na=candidate:x']) {
      expect(() => writeCandidate({ ...c, verbatim: { ...c.verbatim, text: t } } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/own spelling \(verbatim\.text\)/) }));
    }
    expect(writeCandidate(parseCandidate('candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\r\n'))).toBe('candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\r\n');
  });
});
