/**
 * The fuzzer's inputs: input number i of a run is a function of (seed, i) alone, so any input a
 * run reports can be made again from its number, by the watchdog after a worker stalled and by
 * whoever reads the report. Mutations of real input: byte-level edits, tokens of the formats,
 * numbers at the edges of their ranges, lines repeated, SDP wrapped in the JSON shapes the readers
 * know, and growth (one hostile unit repeated up to a megabyte after an attribute prefix).
 */

/** sfc32: small, fast, good enough to pick mutations; seeded from two 32-bit words. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    this.a = seed >>> 0;
    this.b = stream >>> 0;
    this.c = 0x9e3779b9;
    this.d = (seed ^ Math.imul(stream, 0x85ebca6b)) >>> 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** 0 ≤ n < max. */
  below(max: number): number {
    return max <= 1 ? 0 : this.next() % max;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)]!;
  }

  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }

  /** Mostly small, sometimes large: 2^(0..bits) scaled. */
  size(bits: number): number {
    return 1 + this.below(1 << this.below(bits + 1));
  }
}

/** Tokens of the formats: SDP and candidate syntax, JSON, log prefixes, and text that breaks things. */
const TOKENS = [
  '\r\n', '\n', '\r', ' ', '  ', '\t', '=', ':', ';', '/', ',', '.', '-', '"', '\\', '\\"', '\\r\\n', '\\n', '\\u0000', '\\ud800',
  '{', '}', '[', ']', '{}', '[]', 'null', 'true', '""',
  'v=0', 'o=- 0 0 IN IP4 0.0.0.0', 's=-', 't=0 0', 'c=IN IP4 0.0.0.0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'm=video 0 RTP/AVP 96', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'a=', 'a=candidate:', 'candidate:', 'a=rtpmap:', 'a=fmtp:', 'a=rtcp-fb:', 'a=extmap:', 'a=ssrc:', 'a=ssrc-group:FID', 'a=mid:', 'a=group:BUNDLE', 'a=msid:',
  'a=ice-ufrag:', 'a=ice-pwd:', 'a=fingerprint:sha-256 ', 'a=setup:', 'a=sendrecv', 'a=inactive', 'a=rtcp-mux', 'a=ptime:', 'a=maxptime:', 'a=sctp-port:', 'a=end-of-candidates',
  ' typ ', 'host', 'srflx', 'prflx', 'relay', ' raddr ', ' rport ', ' tcptype ', 'passive', ' generation ', ' ufrag ', ' network-id ', ' network-cost ', 'udp', 'tcp', 'UDP',
  '"type":"offer",', '"type":"answer",', '"type":"candidate",', '"sdp":"', '"candidate":"', '"sdpMid":"0",', '"sdpMLineIndex":0,', '"usernameFragment":"', '"ice":{',
  '"time":', '"from":"c1",', '"room":"r",', '"frame":', '"PeerConnections":{', '"updateLog":[', '"value":"',
  '2026-12-02T10:00:00.000Z ', '[10:00:00] ', 'INFO ', 'onicecandidate: ', 'addIceCandidate: ', 'sdpMid: 0, sdpMLineIndex: 0, candidate: ',
  '\u0000', '\uFEFF', '\u00e9', '\u{1F600}', '\ud800', '\udc00', '\u2028', '\u0085', 'Ω', '\x1b[31m',
  '127.0.0.1', '::1', '[::1]', 'fe80::1%eth0', 'x.x.x.x', '*.*.*.*', '[PUBLIC IP]', 'abcd.local', '0.0.0.0', '255.255.255.255', '::ffff:1.2.3.4',
];

/** Numbers at the edges: of 8, 16, 32 and 53 bits, past them, and what JSON and Number make of text. */
const NUMBERS = [
  '0', '00', '-0', '-1', '1', '7', '127', '128', '255', '256', '999', '1000', '65535', '65536', '2147483647', '2147483648', '4294967295', '4294967296',
  '9007199254740991', '9007199254740993', '18446744073709551616', '99999999999999999999', '9'.repeat(400), '1e3', '1e999', '-1e999', '1.5', '1.00000000000000001', '0x10', 'NaN', 'Infinity', '',
];

/** Units a growth op repeats: the shapes a backtracking scanner chokes on. */
const GROWTH_UNITS = [' ', '\t', '=', ':', ';', '/', '0', '9', '"', '\\', '\\\\', '\\"', '\\r\\n', '\\n', 'v=0\\n', '\r\n', '\n', 'a=', 'a=x\r\n', '{', '[', '{"a":', '[[', ',', '.', ' x', '= ', 'candidate:', ' typ host', ' a b', 'a=candidate:1 1 udp 1 1.2.3.4 1 typ host\r\n'];

/** Places a growth run goes after (or the start of a line). */
const GROWTH_PREFIXES = ['', 'a=candidate:', 'candidate:', 'a=rtcp-fb:96 nack', 'a=rtpmap:111 opus', 'a=fmtp:111 ', 'a=extmap:1 ', 'a=ssrc:1 ', 'a=ptime:', 'a=ice-ufrag:', 'a=group:BUNDLE', 'a=fingerprint:sha-256', 'm=audio 9 RTP/AVP', 'o=-', 'v=0', '{"sdp":"', '{"candidate":"', 'x ', '"'];

export interface Seeds {
  /** Whole inputs: SDP files, candidate logs, dumps, frames, NDJSON logs. */
  readonly texts: readonly string[];
}

/** A slice of `t` to work on: a position and a length (mostly short). */
function span(rng: Rng, t: string): [number, number] {
  const p = rng.below(t.length + 1);
  return [p, Math.min(t.length - p, rng.size(8))];
}

/** Lines of `t`, the start of each. */
function lineStarts(t: string): number[] {
  const out = [0];
  for (let i = t.indexOf('\n'); i >= 0 && out.length < 4096; i = t.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

const jsonString = (t: string) => JSON.stringify(t);

/** The shapes the readers know, wrapped around the text (as a string, as SDP, as a candidate). */
const WRAPS: ReadonlyArray<(t: string, rng: Rng) => string> = [
  (t) => `{"type":"offer","sdp":${jsonString(t)}}`,
  (t) => `{"type":"answer","answer":{"type":"answer","sdp":${jsonString(t)}}}`,
  (t) => `{"type":"candidate","candidate":${jsonString(t)},"sdpMid":"0","sdpMLineIndex":0}`,
  (t) => `{"type":"ice","ice":{"candidate":${jsonString(t)},"sdpMid":"0"}}`,
  (t, rng) => t.split('\n').map((l) => JSON.stringify({ time: '2026-12-02T10:00:00.000Z', room: 'r', from: rng.chance(0.5) ? 'c1' : 'c2', frame: { type: 'candidate', candidate: l } })).join('\n'),
  (t) => `{"PeerConnections":{"1-1":{"updateLog":[{"time":"1","type":"setRemoteDescription","value":${jsonString(`type: offer, sdp: ${t}`)}},{"time":"2","type":"addIceCandidate","value":${jsonString(`sdpMid: 0, sdpMLineIndex: 0, candidate: ${t}`)}}]}}}`,
  (t) => `log line ${jsonString(t)} end`,
  (t) => t.split(/\r?\n/).map((l, i) => `2026-12-02 10:00:${String(i % 60).padStart(2, '0')} INFO ${l}`).join('\n'),
  (t) => `[${jsonString(t)},${jsonString(t)}]`,
];

/** One mutation of `t`. */
function mutateOnce(rng: Rng, t: string, seeds: Seeds, maxBytes: number): string {
  switch (rng.below(14)) {
    case 0: {
      const [p] = span(rng, t);
      return t.slice(0, p) + rng.pick(TOKENS) + t.slice(p);
    }
    case 1: {
      const [p, n] = span(rng, t);
      return t.slice(0, p) + t.slice(p + n);
    }
    case 2: {
      const [p, n] = span(rng, t);
      return t.slice(0, p) + rng.pick(TOKENS) + t.slice(p + n);
    }
    case 3: {
      // A slice copied elsewhere.
      const [p, n] = span(rng, t);
      const q = rng.below(t.length + 1);
      return t.slice(0, q) + t.slice(p, p + n) + t.slice(q);
    }
    case 4: {
      // A line repeated, up to a thousand times.
      const starts = lineStarts(t);
      const s = rng.pick(starts);
      const e = t.indexOf('\n', s);
      const line = t.slice(s, e < 0 ? t.length : e + 1);
      const times = Math.min(rng.size(10), Math.floor(maxBytes / Math.max(1, line.length)));
      return t.slice(0, s) + line.repeat(times) + t.slice(s);
    }
    case 5: {
      // Growth: a hostile unit repeated after a prefix, up to a megabyte.
      const unit = rng.pick(GROWTH_UNITS);
      const times = Math.min(rng.size(20), Math.floor(maxBytes / 2 / unit.length));
      const run = rng.pick(GROWTH_PREFIXES) + unit.repeat(times) + (rng.chance(0.5) ? 'x' : '');
      const starts = lineStarts(t);
      const s = rng.chance(0.5) ? rng.pick(starts) : rng.below(t.length + 1);
      return t.slice(0, s) + run + t.slice(s);
    }
    case 6: {
      // A slice of another input.
      const other = rng.pick(seeds.texts);
      const [p, n] = span(rng, other);
      const q = rng.below(t.length + 1);
      return t.slice(0, q) + other.slice(p, p + n * 4) + t.slice(q);
    }
    case 7:
      return t.slice(0, rng.below(t.length + 1));
    case 8: {
      // One character changed to one that breaks things.
      const p = rng.below(t.length);
      return t.slice(0, p) + String.fromCharCode(rng.pick([0, 9, 10, 13, 32, 34, 92, 0xfeff, 0xd800, 0xdc00, 0x2028, rng.below(0x10000)])) + t.slice(p + 1);
    }
    case 9: {
      // A number at the edge of its range, in place of a run of digits.
      const starts: number[] = [];
      const re = /[0-9]+/g;
      for (let m = re.exec(t); m && starts.length < 512; m = re.exec(t)) starts.push(m.index, m.index + m[0].length);
      if (starts.length === 0) return t + rng.pick(NUMBERS);
      const k = rng.below(starts.length / 2) * 2;
      return t.slice(0, starts[k]) + rng.pick(NUMBERS) + t.slice(starts[k + 1]);
    }
    case 10:
      return rng.pick(WRAPS)(t, rng);
    case 11: {
      // Line endings changed throughout.
      const eol = rng.pick(['\n', '\r\n', '\r', '\n\n', '\r\r\n', '\\r\\n']);
      return t.replace(/\r?\n/g, eol);
    }
    case 12: {
      // Case flipped over a slice.
      const [p, n] = span(rng, t);
      const s = t.slice(p, p + n);
      return t.slice(0, p) + (rng.chance(0.5) ? s.toUpperCase() : s.toLowerCase()) + t.slice(p + n);
    }
    default: {
      // Two inputs spliced at a line.
      const other = rng.pick(seeds.texts);
      const a = rng.pick(lineStarts(t));
      const b = rng.pick(lineStarts(other));
      return t.slice(0, a) + other.slice(b);
    }
  }
}

/** Input number `index` of the run seeded `seed`: a seed text and 1 to 8 mutations, at most `maxBytes` (UTF-16 units). */
export function generate(seeds: Seeds, seed: number, index: number, maxBytes: number): string {
  const rng = new Rng(seed, index);
  let t = rng.pick(seeds.texts);
  const ops = 1 + rng.below(rng.chance(0.2) ? 8 : 3);
  for (let i = 0; i < ops; i++) {
    t = mutateOnce(rng, t, seeds, maxBytes);
    if (t.length > maxBytes) t = t.slice(0, maxBytes);
  }
  return t;
}
