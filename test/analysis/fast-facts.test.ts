import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { CandidateAnalyzer, type AnalyzerOptions, type SessionReport } from '../../src/index.js';
import { CANDIDATE_FACTS, readLineFacts } from '../../src/analysis/fast-facts.js';
import type { InputSink } from '../../src/input/types.js';
import { scanStream } from '../../src/node/stream.js';
import { corpusFile } from '../support/corpus.js';

/**
 * The fast path against the reference readers: the same log, read once with the analyzer's fast
 * entry and once through a plain sink (which has none, so every line goes to LineScanner and
 * walkJson), must give identical reports, records and sessions.
 */

/** Real candidates: every candidate line of the corpus's candidate logs. */
const REAL: string[] = readdirSync(new URL('../../../shared/corpus/candidates/', import.meta.url))
  .flatMap((f) => corpusFile(`candidates/${f}`).split(/\r?\n/))
  .map((l) => l.slice(Math.max(0, l.indexOf('candidate:') - (l.includes('a=candidate:') ? 2 : 0))).trim())
  .filter((l) => /^(?:a=)?candidate:\S/.test(l));

const GENERATED = [
  'candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 ufrag AbCd network-id 1 network-cost 10',
  'candidate:842163049 1 udp 1686052607 203.0.113.7 47330 typ srflx raddr 192.168.0.196 rport 46243 generation 0 ufrag AbCd network-id 1 network-cost 10',
  'candidate:842163050 1 udp 1686052607 203.0.113.9 51000 typ srflx raddr 192.168.0.196 rport 46243 generation 0 ufrag AbCd network-id 1 network-cost 10',
  'candidate:3 1 udp 25108479 198.51.100.4 3478 typ relay raddr 203.0.113.7 rport 47330 generation 0 ufrag AbCd',
  'candidate:4 1 udp 41885695 10.0.0.4 3478 typ relay raddr 203.0.113.7 rport 47330 generation 0 ufrag EfGh',
  'candidate:5 1 tcp 1518280447 192.168.0.196 9 typ host tcptype active generation 0 ufrag AbCd network-id 1',
  'candidate:6 1 udp 2122262783 2001:db8:1::5 50000 typ host generation 0 ufrag EfGh network-id 2 network-cost 10',
  'candidate:7 1 udp 2113937151 3b1e4b49-2b1f-4c6f-9b1a-2f0e8c1d2a3b.local 50001 typ host generation 0 ufrag EfGh network-cost 999',
  'candidate:8 1 UDP 2122252543 10.0.0.9 5000 typ host',
  'candidate:9 2 udp 1845501694 203.0.113.8 5001 typ prflx raddr 10.0.0.9 rport 5000 generation 0',
  'candidate:10 1 udp 2122260223 x.x.x.x 5000 typ host',
  'candidate:11 1 udp 2122260223 10.0.0.1 5000 typ weird',
  'candidate:12 1 udp 2122260223 fe80::1%eth0 5000 typ host',
  // libwebrtc's own log masks addresses: the masked form of the first two, then their whole copies above are the same candidates.
  'candidate:1467250027 1 udp 2122260223 192.168.0.x 46243 typ host generation 0 ufrag AbCd network-id 1 network-cost 10',
  'candidate:842163049 1 udp 1686052607 203.0.113.x 47330 typ srflx raddr 192.168.0.x rport 46243 generation 0 ufrag AbCd network-id 1 network-cost 10',
  'candidate:6 1 udp 2122262783 2001:db8:1:x:x:x:x:x 50000 typ host generation 0 ufrag EfGh network-id 2 network-cost 10',
  'candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 ufrag AbCd network-id 1 network-cost 10',
];

/** What the fuzzer puts into a line: the characters every reader decides on. */
const NOISE = ['（', '\u3000', '。', ' ', 'v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\n', '  ', '\t', '"', "'", '\\', '\\"', '{', '}', '[', ']', ':', ',', ';', ')', '<', '>', 'a=', 'candidate:', 'v=0', '\u00a0', '\u0001', 'é', '0', '99999999999', 'typ', 'raddr', 'UDP', '\r'];

const candidate = fc.oneof(fc.constantFrom(...REAL), fc.constantFrom(...GENERATED));
const mutated = fc.tuple(candidate, fc.nat(), fc.constantFrom(...NOISE), fc.boolean()).map(([c, at, n, replace]) => {
  const i = at % (c.length + 1);
  return c.slice(0, i) + n + c.slice(replace ? i + 1 : i);
});
const cand = fc.oneof({ weight: 3, arbitrary: candidate }, { weight: 1, arbitrary: mutated });
const ufrag = fc.constantFrom('AbCd', 'EfGh', 'q1', '');
const mid = fc.oneof(fc.constantFrom('0', '1', 'audio'), fc.constant(0), fc.constant(null));
const time = fc.oneof(fc.constant('2026-11-24T06:00:01.123Z'), fc.constant(1764000000000), fc.constant(null));

const line = fc.oneof(
  cand.map((c) => `2026-11-24T06:00:00.123Z DEBUG [pc-1] onicecandidate ${c}`),
  cand.map((c) => `[06:21:10.200] (${c}), next`),
  cand.map((c) => (c.startsWith('a=') ? c : `a=${c}`)),
  cand.map((c) => `  ${c}`),
  // An SDP printed with its line breaks written out before each line (OpenWebRTC's log).
  cand.map((c) => `\\n${c.startsWith('a=') ? c : `a=${c}`}`),
  fc.constantFrom('\\na=ice-ufrag:EfGh', '\\r\\na=ice-ufrag:q1', '\\nv=0', '\\nm=audio 9 UDP/TLS/RTP/SAVPF 111', 'v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\na=ice-ufrag:AbCd\\r\\n'),
  fc.tuple(cand, mid, fc.nat(3)).map(([c, m, i]) => JSON.stringify({ type: 'candidate', candidate: c, sdpMid: m, sdpMLineIndex: i })),
  fc.tuple(cand, mid, ufrag, fc.constantFrom('candidate', 'onicecandidate', 'addIceCandidate', 'ice')).map(([c, m, u, t]) => JSON.stringify({ type: t, candidate: { candidate: c, sdpMid: m, sdpMLineIndex: 0, usernameFragment: u } })),
  fc.tuple(cand, time, fc.constantFrom('room-1', 'room-2', 7), fc.constantFrom('alice', 'bob', 'bob', 'type: x', 12), fc.constantFrom([], ['bob'], ['alice', 'v=0 x']), fc.boolean()).map(([c, t, room, from, to, typed]) =>
    JSON.stringify({ time: t, room, from, to, size: 200, frame: { ...(typed ? { type: 'candidate' } : {}), candidate: c, sdpMid: '0', sdpMLineIndex: 0 } })),
  // The relay's own records: a frame summary (walked, finding nothing, unless it holds a frame) and a binary flag.
  fc.tuple(cand, fc.constantFrom(
    { kind: 'candidate', type: 'host', protocol: 'udp', address: '10.0.1.2', port: 40293, priority: '126 | 32542 | 1', relayProtocol: null, sdpMid: '0', ufrag: 'xp03' },
    { kind: 'offer', mids: ['0', '1'], codecs: [{ name: 'opus' }], note: 'v=0 in text' },
    { kind: 'x', nested: { deeper: ['candidate:1 1 udp 1 1.1.1.1 1 typ host'] } },
    { kind: 'x', candidate: null },
    { kind: 'x', sdp: 'not an sdp' },
    { kind: 'x', type: 'candidate', list: [1, true, null, 'type: offer, sdp: v=0'] },
  ), fc.boolean()).map(([c, summary, binary]) =>
    JSON.stringify({ time: '2026-11-24T08:35:00.196Z', room: 'lab-1', from: 'c1', to: ['c2'], size: 164, ...(binary ? { binary: true } : {}), frame: { type: 'candidate', candidate: c, sdpMid: '0', sdpMLineIndex: 0 }, summary })),
  fc.tuple(cand, fc.constantFrom('{"x":1,', '{"type":"candidate","sdp":"v=0",', '{ "candidate" : ', '{"candidate":"')).map(([c, head]) => `${head}${JSON.stringify(c)}}`),
  fc.constantFrom('{"candidate":null,"sdpMid":"0"}', '{"type":"candidate","candidate":""}', 'a=end-of-candidates', 'heartbeat ok, 4 clients', '', 'v=0', 'o=- 1 2 IN IP4 0.0.0.0', 's=-', 'a=ice-ufrag:EfGh', 'm=audio 9 UDP/TLS/RTP/SAVPF 111'),
  fc.tuple(cand, cand).map(([a, b]) => `two: ${a} and ${b}`),
  // Words that name the m-line before a candidate (Janus's, old iOS'), a libwebrtc Cand[…] beside one, an AppRTC frame.
  cand.map((c) => `[Tue Jan 19 10:43:42 2016] [227755585] Trickle candidate (sdparta_0): ${c}`),
  cand.map((c) => `Jan 19 10:43:42 host app: ${c}`),
  cand.map((c) => `INFO 2026-01-01T12:00:00.123Z send ${c}`),
  // Words that give a candidate a side (the reference's when it has no ufrag).
  cand.map((c) => `[webrtc] local candidate: ${c}`),
  cand.map((c) => `DBG remote candidate=${c} (mid=0)`),
  cand.map((c) => `[warn] 12:00:01 ${c}`),
  cand.map((c) => `12-05 10:00:00.123  1234  1250 D PC: ${c}`),
  cand.map((c) => `  Mid[audio] Index[0] Sdp[${c}]`),
  cand.map((c) => `(basicportallocator.cc:883): Port[9c3b2cc0:audio:1:0:relay:Net[wlan0:10.0.0.2/24:Wifi]]: Gathered candidate: Cand[:1218638837:1:udp:41885695:203.0.113.5:32105:relay:198.51.100.7:39285:otZH:pw:3:10:0] ${c}`),
  fc.tuple(cand, mid).map(([c, m]) => JSON.stringify({ type: 'candidate', id: m, candidate: c, label: 1 })),
  fc.tuple(cand, fc.constantFrom(...NOISE)).map(([c, n]) => `${n}${JSON.stringify({ type: 'candidate', candidate: c })}${n}`),
);

const log = fc.tuple(fc.array(line, { minLength: 1, maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 300 }));

/** A plain sink over the analyzer: no fast entry, so every line is the reference readers'. */
const plain = (a: CandidateAnalyzer): InputSink => ({
  description: (f) => a.description(f),
  candidate: (f) => a.candidate(f),
  endOfCandidates: (f) => a.endOfCandidates(f),
  problem: (p) => a.problem(p),
});

async function analyse(text: string, chunk: number, options: AnalyzerOptions, fast: boolean) {
  const json: string[] = [];
  const sessions: SessionReport[] = [];
  const a = new CandidateAnalyzer({ ...options, onCandidateJson: (j) => json.push(j), onSession: (s) => sessions.push(s) });
  let taken = 0;
  const entry = a[CANDIDATE_FACTS].bind(a);
  Object.assign(a, { [CANDIDATE_FACTS]: (f: Parameters<typeof entry>[0]) => (taken++, entry(f)) });
  const b = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < b.length; i += chunk) chunks.push(b.subarray(i, i + chunk));
  await scanStream(Readable.from(chunks), fast ? a : plain(a), { file: 'x.log' });
  const report = a.finish();
  return { taken, out: JSON.parse(JSON.stringify({ report, json, sessions })) as unknown };
}

describe('the candidate-log fast path', () => {
  const variants: [string, AnalyzerOptions][] = [
    ['records and kept candidates', { keepRecords: true }],
    ['a summary with eviction', { maxCandidatesPerSession: 0, maxSessions: 2 }],
  ];

  it.each(variants)('gives the reference report on fuzzed logs (%s)', async (_name, options) => {
    let taken = 0;
    let lines = 0;
    await fc.assert(
      fc.asyncProperty(log, async ([ls, eol, chunk]) => {
        const text = ls.join(eol) + eol;
        const fast = await analyse(text, chunk, options, true);
        const ref = await analyse(text, chunk, options, false);
        expect(ref.taken).toBe(0);
        expect(fast.out).toEqual(ref.out);
        taken += fast.taken;
        lines += ls.length;
      }),
      { numRuns: 150, seed: 20261203 },
    );
    // Both paths were exercised: the fast one took a good share of the lines, not all.
    expect(taken).toBeGreaterThan(lines / 10);
    expect(taken).toBeLessThan(lines);
  });

  it('reads the shapes of a fleet log and leaves the rest to the reference readers', () => {
    const c = GENERATED[1]!;
    const taken = (l: string) => readLineFacts(l, 1, undefined, false) !== null;
    expect(taken(`2026-11-24T06:00:00.123Z DEBUG [pc-1] onicecandidate ${c}`)).toBe(true);
    expect(taken(JSON.stringify({ type: 'candidate', candidate: c, sdpMid: '0', sdpMLineIndex: 0 }))).toBe(true);
    expect(taken(JSON.stringify({ type: 'candidate', candidate: { candidate: c, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'AbCd' } }))).toBe(true);
    expect(taken(JSON.stringify({ time: 't', room: 'r', from: 'a', to: ['b'], size: 1, frame: { type: 'candidate', candidate: c, sdpMid: '0', sdpMLineIndex: 0 } }))).toBe(true);
    // The relay's own records, with their frame summary (audit: they all went to the full reader).
    const relayed = readFileSync(new URL('../../samples/lab-chromium-firefox.ndjson', import.meta.url), 'utf8').split('\n').filter((l) => l.includes('"candidate:'));
    expect(relayed.length).toBeGreaterThan(3);
    for (const l of relayed) expect(taken(l)).toBe(true);
    expect(taken(`a=${c}`)).toBe(true);
    // An SDP line joins an open block; JSON with an escape, another key or a second candidate; a text line with JSON in it.
    expect(readLineFacts(`a=${c}`, 1, undefined, true)).toBeNull();
    expect(taken(JSON.stringify({ type: 'candidate', candidate: c, note: 'x' }))).toBe(false);
    expect(taken(JSON.stringify({ type: 'candidate', candidate: `${c} "q"` }))).toBe(false);
    expect(taken(`${c} then ${c}`)).toBe(false);
    expect(taken(`sent {"a":1} ${c}`)).toBe(false);
    // What makes a candidate break a rule is still read (its findings are the reference's).
    const f = readLineFacts('candidate:x_y 1 udp 2122260223 10.0.0.1 5000 typ srflx', 3, undefined, false);
    expect(f?.warnings.map((w) => w.kind)).toEqual(['candidate-foundation', 'candidate-missing-related-address', 'type-preference-mismatch']);
  });
});
