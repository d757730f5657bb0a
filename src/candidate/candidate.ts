/**
 * ICE candidate lines: a scanner that follows the RFC 8839 §5.1 grammar, one rule per step, and
 * a writer that gives back the exact text it read.
 *
 *   candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                         connection-address SP port SP cand-type [SP rel-addr] [SP rel-port]
 *                         *(SP cand-extension)
 */
import { describe, requireObject, requireText, SdpscopeError, stacklessError, type ErrorCode, type ErrorInfo } from '../errors.js';

/** RFC 8839 §5.1 candidate-types; the grammar also allows any token (kept as written). */
export type KnownCandidateType = 'host' | 'srflx' | 'prflx' | 'relay';
/** RFC 6544 §4.5 tcp-type. */
export type TcpType = 'active' | 'passive' | 'so';

/** One `name value` pair after the candidate type (RFC 8839 §5.1 cand-extension). */
export interface CandidateExtension {
  /** extension-att-name = token, as written. */
  readonly name: string;
  /** extension-att-value = *VCHAR, as written. */
  readonly value: string;
}

/** The text as read, kept where it differs from the canonical spelling of the same fields. */
export interface Verbatim {
  readonly text: string;
  /** The canonical spelling of the fields when they were read: the writer uses `text` only while the fields still spell this. */
  readonly canonical: string;
}

export interface Candidate {
  /** `a=candidate:` (SDP attribute, RFC 8839 §5.1) or `candidate:` (RTCIceCandidate.candidate, trickle). */
  readonly prefix: 'a=candidate:' | 'candidate:';
  /** foundation = 1*32ice-char; a string, never a number ("0560693492" keeps its zero). Empty is tolerated (seen from a Google ICE-lite server). */
  readonly foundation: string;
  /** component-id = 1*3DIGIT: 1 RTP, 2 RTCP. */
  readonly component: number;
  /** transport, lower-cased ("udp", "tcp", or an extension token such as "ssltcp"). */
  readonly transport: string;
  /** transport as written ("UDP" from Firefox and libnice: ABNF strings are case-insensitive). */
  readonly transportText: string;
  /** priority = 1*10DIGIT, 32 bits (RFC 8445 §5.1.2). */
  readonly priority: number;
  /** connection-address: IPv4, IPv6, FQDN or an mDNS `.local` name, as written. */
  readonly address: string;
  /** port = 1*5DIGIT (0 and 9 are used by TCP active candidates). */
  readonly port: number;
  /** cand-type = "typ" SP candidate-types. */
  readonly type: KnownCandidateType | (string & {});
  /** rel-addr = "raddr" SP connection-address; null when absent. */
  readonly relatedAddress: string | null;
  /** rel-port = "rport" SP port; null when absent. */
  readonly relatedPort: number | null;
  /** RFC 6544 `tcptype` extension; "" when written with an empty value (an old sdp-transform writer bug); null when absent. */
  readonly tcpType: TcpType | (string & {}) | null;
  /** libwebrtc `generation` extension; null when absent. */
  readonly generation: number | null;
  /** `ufrag` extension (RFC 8840 usernameFragment echo); null when absent. */
  readonly ufrag: string | null;
  /** libwebrtc `network-id` extension: an identifier, kept as a string; null when absent. */
  readonly networkId: string | null;
  /** libwebrtc `network-cost` extension (0..999 in practice; up to 10 digits read); null when absent or not a number (the extension keeps its text). */
  readonly networkCost: number | null;
  /** Every cand-extension in order, as written: tcptype, generation, ufrag, network-id, network-cost and unknown ones. */
  readonly extensions: readonly CandidateExtension[];
  /** Present only when the line's spelling is not canonical (runs of spaces, leading zeros, a doubled prefix). */
  readonly verbatim?: Verbatim;
}

const NO_EXTENSIONS: readonly CandidateExtension[] = /* @__PURE__ */ Object.freeze([]);

/** Extensions one candidate may have: real ones have at most a dozen; past this the line is refused. */
const MAX_EXTENSIONS = 100;

const KNOWN_EXTENSIONS = ['tcptype', 'generation', 'ufrag', 'network-id', 'network-cost'] as const;

/** A number field's error: missing when the line ends before it (README walk: "candidate:x" said `not ""`), else what it must be and what it is. */
const badNumber = (field: string, must: string, text: string): string => (text === '' ? `${field} is missing` : `${field} must be ${must}, not ${quote(text)}`);

/** A token of the line in a message: quoted, and cut when long (a line may be megabytes). */
function quote(token: string): string {
  return JSON.stringify(token.length > 40 ? `${token.slice(0, 40)}…` : token);
}

/**
 * Above 0 while tryParseCandidate runs: the errors it makes are returned as values, and their
 * stacks, never read, are not captured (capturing them took 38% of reading an input of a thousand
 * bad candidates). A bug's error keeps its stack.
 */
let returning = 0;

function fail(code: ErrorCode, message: string, column: number): never {
  throw returning > 0 ? stacklessError(code, message, { column }) : new SdpscopeError(code, message, { column });
}

/** Reads `1*maxDigits DIGIT` as a number, or null. */
function digits(token: string, maxDigits: number): number | null {
  if (token.length === 0 || token.length > maxDigits) return null;
  let n = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  return n;
}

const isSpace = (c: number): boolean => c === 32 || c === 9;

/** `text` has `word` (lower case) at `at`, in any case (ABNF literals are case-insensitive). */
function hasWordAt(text: string, at: number, word: string): boolean {
  if (text.length - at < word.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = text.charCodeAt(at + i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** A cursor over one line: tokens are runs of non-blank characters. */
class Scanner {
  pos = 0;
  /**
   * Whether the line is spelled canonically so far (single spaces, no leading zeros, RFC order):
   * then the writer gives it back as is, with no need to format it here to compare.
   */
  canonical = true;
  constructor(readonly text: string) {}
  /** Skips the blanks before a field; a gap other than one space is not canonical. */
  gap(): void {
    if (!this.single()) this.canonical = false;
  }
  /** A number token with a leading zero is not canonical. */
  plain(t: string): void {
    if (t.length > 1 && t.charCodeAt(0) === 48) this.canonical = false;
  }
  /** Skips SP (and, tolerated, runs of spaces/tabs as column-aligned logs have); returns how many. */
  skipSpace(): number {
    const start = this.pos;
    while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
    return this.pos - start;
  }
  /** "[" words with blanks "]" (no ":", so never an IPv6 literal) or "<" words with blanks ">", or null. */
  bracketed(): string | null {
    const open = this.text.charCodeAt(this.pos);
    if (open !== 91 /* [ */ && open !== 60 /* < */) return null;
    const close = this.text.indexOf(open === 91 ? ']' : '>', this.pos);
    if (close < 0) return null;
    const inner = this.text.slice(this.pos + 1, close);
    if (!/^[A-Za-z][A-Za-z0-9_ -]*$/.test(inner) || !inner.includes(' ')) return null;
    this.pos = close + 1;
    return this.text.slice(this.pos - inner.length - 2, this.pos);
  }
  token(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !isSpace(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }
  /** Skips blanks; true when they were exactly one space (the canonical separator). */
  single(): boolean {
    const start = this.pos;
    return this.skipSpace() === 1 && this.text.charCodeAt(start) === 32;
  }
  get column(): number {
    return this.pos + 1;
  }
  get done(): boolean {
    return this.pos >= this.text.length;
  }
}

/** A run of ASCII digits at `from` (up to `to`) as a number, without a leading zero (but "0"): -1 otherwise. */
function plainDigits(line: string, from: number, to: number, max: number): number {
  const n = to - from;
  if (n <= 0 || n > max || (n > 1 && line.charCodeAt(from) === 48)) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Which known extension (KNOWN_EXTENSIONS index) the name at line[from, to) is, or -1. */
function knownExtension(line: string, from: number, to: number): number {
  // Told apart by length and first letter, then compared (the hot path of a candidate log).
  let k: number;
  switch (to - from) {
    case 5:
      k = 2; // ufrag
      break;
    case 7:
      k = 0; // tcptype
      break;
    case 10:
      k = line.charCodeAt(from) === 103 ? 1 : 3; // generation, network-id
      break;
    case 12:
      k = 4; // network-cost
      break;
    default:
      return -1;
  }
  const word = KNOWN_EXTENSIONS[k]!;
  for (let i = 0; i < word.length; i++) if (line.charCodeAt(from + i) !== word.charCodeAt(i)) return -1;
  return k;
}

/**
 * Where the fields of a canonically spelled candidate are in the text it was read from, and its
 * numbers: what {@link readCanonical} reads into a reused record, making no string (a reader can
 * cut the strings it needs, or hand the positions on).
 */
interface CanonicalFields {
  /** The text read (the candidate is at [from, to) in it). */
  text: string;
  from: number;
  to: number;
  hasA: boolean;
  /** [start, end) of each string field in `text` (see FIELD; -1 when absent). */
  readonly at: Int32Array;
  component: number;
  priority: number;
  port: number;
  /** -1 when absent. */
  relatedPort: number;
  generation: number;
  networkCost: number;
  /** 0 none, 1 active, 2 passive, 3 so. */
  tcpType: number;
  /** Every extension in order: [nameStart, nameEnd, valueStart, valueEnd] each, `extensionCount` of them. */
  readonly extensions: Int32Array;
  extensionCount: number;
}

/** The string fields of CanonicalFields.at, two entries each. */
const FIELD = { foundation: 0, transport: 2, address: 4, type: 6, relatedAddress: 8, ufrag: 10, networkId: 12 } as const;

const TCP_TYPES: readonly (TcpType | null)[] = [null, 'active', 'passive', 'so'];

/** A fresh record for {@link readCanonical}. */
function canonicalFields(): CanonicalFields {
  return { text: '', from: 0, to: 0, hasA: false, at: new Int32Array(14), component: 0, priority: 0, port: 0, relatedPort: -1, generation: -1, networkCost: -1, tcpType: 0, extensions: new Int32Array(4 * MAX_EXTENSIONS + 4), extensionCount: 0 };
}

/** A string field of a read, or null when absent. */
function fieldText(f: CanonicalFields, field: number): string | null {
  const b = f.at[field]!;
  return b < 0 ? null : f.text.slice(b, f.at[field + 1]);
}

/** The end of the token at `from`: the next space before `to`, or `to`. */
function tokenEndIn(s: string, from: number, to: number): number {
  const i = s.indexOf(' ', from);
  return i < 0 || i > to ? to : i;
}

/**
 * The common case, fast: a candidate spelled canonically (the prefix in lower case, one space
 * between fields, numbers without leading zeros, raddr and rport in RFC order, each known
 * extension once, with a value), as browsers write them, at [from, to) of `s`, read into `out`.
 * False for anything else: the scanner then reads it. What it reads is exactly what the scanner
 * reads (a property test holds the two equal).
 */
function readCanonical(s: string, from: number, to: number, out: CanonicalFields): boolean {
  const hasA = s.charCodeAt(from) === 97; /* a */
  const start = from + (hasA ? 12 : 10);
  if (!s.startsWith(hasA ? 'a=candidate:' : 'candidate:', from) || start > to) return false;
  const tab = s.indexOf('\t', from);
  if (tab >= 0 && tab < to) return false;
  out.text = s;
  out.from = from;
  out.to = to;
  out.hasA = hasA;
  const at = out.at;
  at.fill(-1);
  // foundation (non-empty; a doubled "candidate:" prefix is the scanner's)
  let e = tokenEndIn(s, start, to);
  if (e <= start || e >= to || hasWordAt(s, start, 'candidate:')) return false;
  at[0] = start;
  at[1] = e;
  // component-id
  let b = e + 1;
  e = tokenEndIn(s, b, to);
  out.component = plainDigits(s, b, e, 3);
  if (out.component < 1 || out.component > 256 || e >= to) return false;
  // transport
  b = e + 1;
  e = tokenEndIn(s, b, to);
  if (e <= b || e >= to) return false;
  at[2] = b;
  at[3] = e;
  // priority
  b = e + 1;
  e = tokenEndIn(s, b, to);
  out.priority = plainDigits(s, b, e, 10);
  if (out.priority < 0 || out.priority > 0xffffffff || e >= to) return false;
  // connection-address (a bracketed redaction marker is the scanner's)
  b = e + 1;
  e = tokenEndIn(s, b, to);
  if (e <= b || e >= to || s.charCodeAt(b) === 91) return false;
  at[4] = b;
  at[5] = e;
  // port
  b = e + 1;
  e = tokenEndIn(s, b, to);
  out.port = plainDigits(s, b, e, 5);
  if (out.port < 0 || out.port > 65535 || e >= to) return false;
  // "typ" cand-type
  if (!s.startsWith('typ ', e + 1) || e + 5 > to) return false;
  b = e + 5;
  e = tokenEndIn(s, b, to);
  if (e <= b) return false;
  at[6] = b;
  at[7] = e;
  out.relatedPort = -1;
  out.generation = -1;
  out.networkCost = -1;
  out.tcpType = 0;
  const exts = out.extensions;
  let count = 0;
  let seen = 0;
  while (e < to) {
    // SP name SP value, each non-empty
    b = e + 1;
    e = tokenEndIn(s, b, to);
    if (e <= b || e >= to) return false;
    const nameEnd = e;
    const vb = e + 1;
    e = tokenEndIn(s, vb, to);
    if (e <= vb) return false;
    if (s.charCodeAt(b) === 114 /* r */ && nameEnd - b === 5 && (s.startsWith('raddr', b) || s.startsWith('rport', b))) {
      // raddr then rport, right after the type, once each: anything else is the scanner's.
      if (count > 0) return false;
      if (s.charCodeAt(b + 1) === 97) {
        if (at[8]! >= 0 || out.relatedPort >= 0) return false;
        at[8] = vb;
        at[9] = e;
      } else {
        if (at[8]! < 0 || out.relatedPort >= 0) return false;
        out.relatedPort = plainDigits(s, vb, e, 5);
        if (out.relatedPort < 0 || out.relatedPort > 65535) return false;
      }
      continue;
    }
    const k = knownExtension(s, b, nameEnd);
    if (k >= 0) {
      if (seen & (1 << k)) return false;
      seen |= 1 << k;
      switch (k) {
        case 0:
          out.tcpType = e - vb === 6 && s.startsWith('active', vb) ? 1 : e - vb === 7 && s.startsWith('passive', vb) ? 2 : e - vb === 2 && s.startsWith('so', vb) ? 3 : 0;
          if (out.tcpType === 0) return false;
          break;
        case 1:
          out.generation = plainDigits(s, vb, e, 10);
          // Past 32 bits is the reference reader's to warn of (audit of the change: the candidates command had said nothing).
          if (out.generation < 0 || out.generation > 0xffffffff) return false;
          break;
        case 2:
          at[10] = vb;
          at[11] = e;
          break;
        case 3:
          at[12] = vb;
          at[13] = e;
          break;
        default:
          out.networkCost = plainDigits(s, vb, e, 10);
          if (out.networkCost < 0) return false;
      }
    } else if (nameEnd - b === 5 && (s.startsWith('raddr', b) || s.startsWith('rport', b))) return false;
    if (count >= MAX_EXTENSIONS) return false;
    const x = 4 * count++;
    exts[x] = b;
    exts[x + 1] = nameEnd;
    exts[x + 2] = vb;
    exts[x + 3] = e;
  }
  out.extensionCount = count;
  return at[8]! < 0 || out.relatedPort >= 0;
}

/** The Candidate of a canonical read. */
function candidateOfFields(f: CanonicalFields): Candidate {
  const s = f.text;
  let extensions: readonly CandidateExtension[] = NO_EXTENSIONS;
  if (f.extensionCount > 0) {
    const list: CandidateExtension[] = [];
    const x = f.extensions;
    for (let i = 0; i < 4 * f.extensionCount; i += 4) list.push({ name: s.slice(x[i], x[i + 1]), value: s.slice(x[i + 2], x[i + 3]) });
    extensions = list;
  }
  const t = fieldText(f, FIELD.transport)!;
  return {
    prefix: f.hasA ? 'a=candidate:' : 'candidate:',
    foundation: fieldText(f, FIELD.foundation)!,
    component: f.component,
    transport: t === 'udp' || t === 'tcp' ? t : t.toLowerCase(),
    transportText: t,
    priority: f.priority,
    address: fieldText(f, FIELD.address)!,
    port: f.port,
    type: fieldText(f, FIELD.type)!,
    relatedAddress: fieldText(f, FIELD.relatedAddress),
    relatedPort: f.relatedPort < 0 ? null : f.relatedPort,
    tcpType: TCP_TYPES[f.tcpType]!,
    generation: f.generation < 0 ? null : f.generation,
    ufrag: fieldText(f, FIELD.ufrag),
    networkId: fieldText(f, FIELD.networkId),
    networkCost: f.networkCost < 0 ? null : f.networkCost,
    extensions,
  };
}

const FIELDS = /* @__PURE__ */ canonicalFields();

/** What {@link readCanonicalCandidate} reads: positions in the text and numbers (see CanonicalFields). */
export type CanonicalCandidate = Readonly<Omit<CanonicalFields, 'at' | 'extensions'>> & {
  /** [start, end) of foundation, transport, address, type, relatedAddress, ufrag, networkId in `text` (-1 when absent). */
  readonly at: Int32Array;
  /** [nameStart, nameEnd, valueStart, valueEnd] per extension, in order (`extensionCount` of them). */
  readonly extensions: Int32Array;
};

const SHARED_READ = /* @__PURE__ */ canonicalFields();

/** Internal (the candidate-log fast path): the Candidate of a canonical read, as parseCandidate makes it. */
export function candidateOfCanonical(r: CanonicalCandidate): Candidate {
  return candidateOfFields(r as CanonicalFields);
}

/**
 * Internal (the candidate-log fast path): the candidate at [from, to) of `s` read without making
 * a string, when it is spelled canonically; null otherwise (parseCandidate's scanner then reads
 * it). The record is shared: valid until the next call. For such a text, parseCandidate gives
 * exactly these fields.
 */
export function readCanonicalCandidate(s: string, from: number, to: number): CanonicalCandidate | null {
  return readCanonical(s, from, to, SHARED_READ) ? SHARED_READ : null;
}

/** The full scanner, whatever the spelling (the canonical fast path aside): for the property test that holds the two equal. */
export function parseCandidateScanned(line: string): Candidate {
  requireText(line, 'parseCandidate');
  notCandidate(line);
  const ending = lineEnding(line);
  if (ending === 0) {
    oneLine(line);
    return scanCandidate(line);
  }
  const body = line.slice(0, -ending);
  oneLine(body);
  return withEnding(scanCandidate(body), line);
}

/**
 * Refuses a candidate that holds a line feed once its own line ending is off (Chromium: "Expect
 * one line only"; measured: test/fixtures/verdicts/candidates.json). A CR inside is no break to
 * Chromium: it stays in its token ("ufrag ab\rcd" is taken, "typ host\rx" an unknown type).
 */
function oneLine(body: string): void {
  const nl = body.indexOf('\n');
  if (nl >= 0) fail('CANDIDATE_LINES', 'the candidate holds a line break before its end: it is more than one line (Chromium refuses it: "Expect one line only")', nl + 1);
}

/**
 * Parses `candidate:…` or `a=candidate:…`. Throws {@link SdpscopeError} with a CANDIDATE_* code
 * and the column of the offending token. One line ending after it (CRLF, LF or CR: a candidate
 * copied from an SDP with its line's end, an RTCIceCandidate.candidate some stacks send so) is
 * not part of its last field, as Chromium reads it (webrtc_sdp.cc ParseCandidate: one line, its
 * return character trimmed): "typ host\r\n" is type host; the line keeps it (`verbatim`).
 */
export function parseCandidate(line: string): Candidate {
  requireText(line, 'parseCandidate');
  notCandidate(line);
  const ending = lineEnding(line);
  if (ending === 0) {
    // A line feed inside is a second line whatever ends the text (library audit: "typ host\ncandidate:2 …" was type "host\ncandidate:2").
    oneLine(line);
    return readCanonical(line, 0, line.length, FIELDS) ? candidateOfFields(FIELDS) : scanCandidate(line);
  }
  // One ending only: a line break before it is a second line, which Chromium refuses.
  const body = line.slice(0, -ending);
  oneLine(body);
  return withEnding(readCanonical(body, 0, body.length, FIELDS) ? candidateOfFields(FIELDS) : scanCandidate(body), line);
}

/**
 * A text that does not open as a candidate is refused for that first, with what it may be (an
 * SDP, JSON), before any line break in it is (audit of the change: a whole SDP was "more than one line").
 */
function notCandidate(line: string): void {
  if (!hasWordAt(line, line.startsWith('a=') ? 2 : 0, 'candidate:')) scanCandidate(line);
}

/** The length of the line ending `line` ends with (CRLF 2, LF or CR 1, none 0), when there is text before it. */
function lineEnding(line: string): number {
  const n = line.length;
  const last = line.charCodeAt(n - 1);
  if (last === 10) return n > 2 && line.charCodeAt(n - 2) === 13 ? 2 : n > 1 ? 1 : 0;
  return last === 13 && n > 1 ? 1 : 0;
}

/** A candidate read without its line's ending, which its text keeps (written back as read). */
function withEnding(c: Candidate, line: string): Candidate {
  const { verbatim: _, ...fields } = c;
  return { ...fields, verbatim: { text: line, canonical: formatCandidate(c) } };
}

/** What a text that does not start as a candidate probably is (library audit: the message did not say what it found). */
function prefixHint(line: string): string {
  const t = line.trimStart();
  if (t !== line && hasWordAt(t, t.startsWith('a=') ? 2 : 0, 'candidate:')) return ' (blanks before it: trim the line)';
  if (t.startsWith('{')) return ' (JSON: an RTCIceCandidateInit\'s "candidate" field is the line; readInput reads the whole object)';
  if (t.startsWith('v=0')) return ' (an SDP: parseSdp reads it, its a=candidate lines among the rest)';
  return '';
}

function scanCandidate(line: string): Candidate {
  const s = new Scanner(line);
  // "a=" is the SDP attribute form; RTCIceCandidate.candidate has none.
  const hasA = line.startsWith('a=');
  if (hasA) s.pos = 2;
  // What onicecandidate gives at the end of gathering (RTCIceCandidate.candidate "", or a null
  // candidate): no candidate (library audit: "expected candidate:, found \"\"" did not say so).
  if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) fail('EMPTY_INPUT', `an empty candidate${line === '' ? '' : ' (white space only)'}: RTCIceCandidate.candidate "" in onicecandidate is the end of gathering, not a candidate (readInput counts {"candidate":""} as an end of candidates)`, 1);
  // "candidate" ":" — case-insensitive like every ABNF literal.
  if (!hasWordAt(line, s.pos, 'candidate:')) fail('CANDIDATE_PREFIX', `expected "candidate:" or "a=candidate:", found ${JSON.stringify(line.slice(s.pos, s.pos + 24))}${prefixHint(line)}`, s.column);
  if (!line.startsWith('candidate:', s.pos)) s.canonical = false;
  s.pos += 10;
  // Tolerated: a doubled "candidate: candidate:" prefix (seen quoted in a review thread).
  const save = s.pos;
  s.skipSpace();
  if (!hasWordAt(line, s.pos, 'candidate:')) s.pos = save;
  else {
    s.pos += 10;
    s.canonical = false;
  }

  // foundation = 1*32ice-char. Tolerated: an empty foundation (a Google ICE-lite server writes
  // "candidate: 1 udp …"), longer or other characters (checked by lintCandidate, not here).
  const foundation = isSpace(line.charCodeAt(s.pos)) ? '' : s.token();

  // SP component-id = 1*3DIGIT
  s.gap();
  let col = s.column;
  const componentText = s.token();
  s.plain(componentText);
  const component = digits(componentText, 3);
  if (component === null || component < 1 || component > 256) fail('CANDIDATE_COMPONENT', badNumber('component id', 'a number from 1 to 256', componentText), col);

  // SP transport = "UDP" / transport-extension (token)
  s.gap();
  col = s.column;
  const transportText = s.token();
  if (transportText === '') fail('CANDIDATE_TRANSPORT', 'transport is missing', col);

  // SP priority = 1*10DIGIT
  s.gap();
  col = s.column;
  const priorityText = s.token();
  s.plain(priorityText);
  const priority = digits(priorityText, 10);
  if (priority === null || priority > 0xffffffff) fail('CANDIDATE_PRIORITY', badNumber('priority', 'a whole number up to 4294967295', priorityText), col);

  // SP connection-address (IP4-address / IP6-address / FQDN); any token is kept, classifyAddress says what it is.
  // Tolerated: a redaction marker in brackets with spaces in it ("[PUBLIC IP]", "<IP address>", seen in shared logs) is one token.
  s.gap();
  col = s.column;
  const address = s.bracketed() ?? s.token();
  if (address === '') fail('CANDIDATE_ADDRESS', 'connection address is missing', col);

  // SP port = 1*5DIGIT
  s.gap();
  col = s.column;
  const portText = s.token();
  s.plain(portText);
  const port = digits(portText, 5);
  if (port === null || port > 65535) fail('CANDIDATE_PORT', badNumber('port', 'a number from 0 to 65535', portText), col);

  // SP cand-type = "typ" SP candidate-types
  s.gap();
  col = s.column;
  const typ = s.token();
  if (typ !== 'typ') {
    if (typ.toLowerCase() !== 'typ') fail('CANDIDATE_TYPE', `expected "typ", found ${quote(typ)}`, col);
    s.canonical = false;
  }
  s.gap();
  col = s.column;
  const type = s.token();
  if (type === '') fail('CANDIDATE_TYPE', 'candidate type is missing after "typ"', col);

  // [SP rel-addr] [SP rel-port] *(SP cand-extension): name/value pairs. raddr/rport are read
  // wherever they stand (libnice puts tcptype after them, RFC order puts them first).
  let relatedAddress: string | null = null;
  let relatedPort: number | null = null;
  const extensions: CandidateExtension[] = [];
  // The known extensions seen, one bit each (KNOWN_EXTENSIONS order): a repeat is not canonical.
  let knownSeen = 0;
  let tcpType: string | null = null;
  let generation: number | null = null;
  let ufrag: string | null = null;
  let networkId: string | null = null;
  let networkCost: number | null = null;
  for (;;) {
    const at = s.pos;
    const one = s.single();
    if (s.done) {
      if (s.pos > at) s.canonical = false;
      break;
    }
    if (!one) s.canonical = false;
    col = s.column;
    const name = s.token();
    // RFC 8839 §5.1: cand-extension = SP extension-att-name SP extension-att-value, the value
    // *VCHAR, so possibly empty: exactly one blank separates name and value, and a blank right
    // after it (or the end of the line) is an empty value ("tcptype  generation 0", the empty
    // tcptype sdp-transform 1.5.1 wrote, reads as it was written).
    let value = '';
    if (!s.done) {
      if (s.text.charCodeAt(s.pos) !== 32) s.canonical = false;
      s.pos++;
    }
    const valueCol = s.column;
    if (!s.done && !isSpace(s.text.charCodeAt(s.pos))) value = s.token();
    // "raddr" or "rport" last, with no value at all (a line cut after it: aiortc#219's iOS srflx):
    // Chromium ignores a last name without its value and takes the candidate (measured on the
    // real line), so it is read as any such name is, below, the related address then missing.
    const lastBare = value === '' && s.done && (name === 'raddr' || name === 'rport');
    if (name === 'raddr' && !lastBare) {
      if (value === '') fail('CANDIDATE_RELATED', '"raddr" has no address', valueCol);
      // Canonical order: raddr first after the type, once.
      if (extensions.length > 0 || relatedAddress !== null || relatedPort !== null) s.canonical = false;
      relatedAddress = value;
    } else if (name === 'rport' && !lastBare) {
      const p = digits(value, 5);
      if (p === null || p > 65535) fail('CANDIDATE_RELATED', `"rport" must be followed by a port from 0 to 65535, not ${quote(value)}`, valueCol);
      if (extensions.length > 0 || relatedPort !== null || relatedAddress === null) s.canonical = false;
      s.plain(value);
      relatedPort = p;
    } else {
      // A last name with no value at all ("… generation 0 foo"): Chromium ignores it and takes the
      // candidate (measured, test/fixtures/verdicts/candidates.json): kept with an empty value
      // (candidate-extension-value says it), the line written back as it was.
      if (value === '') s.canonical = false;
      const k = (KNOWN_EXTENSIONS as readonly string[]).indexOf(name);
      if (k >= 0) {
        if (knownSeen & (1 << k) || value === '') s.canonical = false;
        knownSeen |= 1 << k;
        // The typed fields take the last of each (the writer writes them back in place).
        switch (k) {
          case 0:
            tcpType = value;
            break;
          case 1:
            generation = digits(value, 10);
            break;
          // An empty ufrag or network-id names nothing (a session keyed "" was the cost): the field stays unset.
          case 2:
            if (value !== '') ufrag = value;
            break;
          case 3:
            if (value !== '') networkId = value;
            break;
          case 4:
            networkCost = digits(value, 10);
            break;
        }
        // generation and network-cost are written back from their numbers.
        if ((k === 1 || k === 4) && (digits(value, 10) === null || (value.length > 1 && value.charCodeAt(0) === 48))) s.canonical = false;
      }
      if (extensions.length >= MAX_EXTENSIONS) fail('CANDIDATE_EXTENSION', `more than ${MAX_EXTENSIONS} extensions: several candidates run together on one line?`, col);
      extensions.push({ name, value });
    }
  }

  const candidate: Candidate = {
    prefix: hasA ? 'a=candidate:' : 'candidate:',
    foundation,
    component: component!,
    transport: transportText === 'udp' || transportText === 'tcp' ? transportText : transportText.toLowerCase(),
    transportText,
    priority: priority!,
    address,
    port: port!,
    type,
    relatedAddress,
    relatedPort,
    tcpType,
    generation,
    ufrag,
    networkId,
    networkCost,
    extensions: extensions.length === 0 ? NO_EXTENSIONS : extensions,
  };
  if (s.canonical) return candidate;
  const text = formatCandidate(candidate);
  return text === line ? candidate : { ...candidate, verbatim: { text: line, canonical: text } };
}

/**
 * Like {@link parseCandidate}, but returns the error instead of throwing it, as plain data
 * (ErrorInfo: what its `toJSON` gives), so that the result survives structuredClone and
 * postMessage whole (library audit: the error instance came back from a worker as a plain Error
 * without its code).
 */
export function tryParseCandidate(line: string): { ok: true; candidate: Candidate } | { ok: false; error: ErrorInfo } {
  const r = tryReadCandidate(line);
  return r.ok ? r : { ok: false, error: r.error.toJSON() };
}

/** Internal: tryParseCandidate with the error itself, its stack never captured (the readers' hot path). */
export function tryReadCandidate(line: string): { ok: true; candidate: Candidate } | { ok: false; error: SdpscopeError } {
  returning++;
  try {
    return { ok: true, candidate: parseCandidate(line) };
  } catch (e) {
    if (e instanceof SdpscopeError) return { ok: false, error: e };
    throw e;
  } finally {
    returning--;
  }
}

/** A number field's text: as written while it still says the same number (or the field could not hold it), else canonical. */
function numberText(v: number | null, written: string | undefined): string | null {
  if (v === null) return written !== undefined && digits(written, 10) === null ? written : null;
  return written !== undefined && digits(written, 10) === v ? written : String(v);
}

/** The value the typed field gives a known extension (KNOWN_EXTENSIONS index), or null when the field is unset. */
function typedExtensionValue(c: Candidate, known: number, written: string | undefined): string | null {
  switch (known) {
    case 0:
      return c.tcpType;
    case 1:
      return numberText(c.generation, written);
    case 2:
      return c.ufrag;
    case 3:
      return c.networkId;
    default:
      return numberText(c.networkCost, written);
  }
}

/** Canonical spelling: single spaces, extensions in the order read, typed fields winning. */
function formatCandidate(c: Candidate): string {
  const transport = c.transportText === c.transport || c.transportText.toLowerCase() === c.transport ? c.transportText : c.transport;
  let out = `${c.prefix}${c.foundation} ${c.component} ${transport} ${c.priority} ${c.address} ${c.port} typ ${c.type}`;
  if (c.relatedAddress !== null) out += ` raddr ${c.relatedAddress}`;
  if (c.relatedPort !== null) out += ` rport ${c.relatedPort}`;
  // The known extensions written so far, one bit each.
  let written = 0;
  for (const ext of c.extensions) {
    const k = (KNOWN_EXTENSIONS as readonly string[]).indexOf(ext.name);
    if (k < 0) {
      out += ` ${ext.name} ${ext.value}`;
      continue;
    }
    if (written & (1 << k)) continue;
    written |= 1 << k;
    const v = typedExtensionValue(c, k, ext.value);
    if (v !== null) out += ` ${ext.name} ${v}`;
  }
  for (let k = 0; k < KNOWN_EXTENSIONS.length; k++) {
    if (written & (1 << k)) continue;
    const v = typedExtensionValue(c, k, undefined);
    if (v !== null) out += ` ${KNOWN_EXTENSIONS[k]} ${v}`;
  }
  return out;
}

/** Fields of a Candidate and the JSON types they may have ('string?': a string or null). */
const CANDIDATE_FIELDS: readonly (readonly [keyof Candidate, 'string' | 'number' | 'string?' | 'number?'])[] = [
  ['prefix', 'string'], ['foundation', 'string'], ['component', 'number'], ['transport', 'string'], ['transportText', 'string'], ['priority', 'number'],
  ['address', 'string'], ['port', 'number'], ['type', 'string'], ['relatedAddress', 'string?'], ['relatedPort', 'number?'], ['tcpType', 'string?'],
  ['generation', 'number?'], ['ufrag', 'string?'], ['networkId', 'string?'], ['networkCost', 'number?'],
];

/** generation and network-cost as the reader reads them, up to ten digits (library audit: 2^40 was written, and read back as null). */
const MAX_TEN_DIGITS = 9_999_999_999;

/** The number fields' bounds: the reader's own (what it refuses to read is not written either). */
const BOUNDS = [['component', 1, 256], ['port', 0, 65535], ['relatedPort', 0, 65535], ['priority', 0, 0xffffffff], ['generation', 0, MAX_TEN_DIGITS], ['networkCost', 0, MAX_TEN_DIGITS]] as const;

/** CANDIDATE_FIELDS as requireCandidate checks them (made once: it runs on every candidate the analyzer is given). */
const FIELD_CHECKS = /* @__PURE__ */ CANDIDATE_FIELDS.map(([field, type]) => ({ field, number: type.startsWith('number'), nullable: type.endsWith('?') }));

/** The checks of requireCandidate, each field read by its name (the analyzer runs them on every candidate it is given): true when all pass. */
function wellFormed(c: Candidate): boolean {
  const uint = (n: unknown, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
  const optUint = (n: unknown, max: number) => n === null || uint(n, max);
  const optString = (v: unknown) => v === null || typeof v === 'string';
  if (!((c.prefix === 'candidate:' || c.prefix === 'a=candidate:') && typeof c.foundation === 'string' && typeof c.transport === 'string' && typeof c.transportText === 'string')) return false;
  if (!(uint(c.component, 256) && c.component >= 1 && uint(c.priority, 0xffffffff) && typeof c.address === 'string' && uint(c.port, 65535) && typeof c.type === 'string')) return false;
  if (!(optString(c.relatedAddress) && optUint(c.relatedPort, 65535) && optString(c.tcpType) && optUint(c.generation, MAX_TEN_DIGITS) && optString(c.ufrag) && optString(c.networkId) && optUint(c.networkCost, MAX_TEN_DIGITS))) return false;
  const ext = c.extensions;
  if (!Array.isArray(ext)) return false;
  for (let i = 0; i < ext.length; i++) {
    const e = ext[i] as CandidateExtension | null;
    if (e === null || typeof e !== 'object' || typeof e.name !== 'string' || typeof e.value !== 'string') return false;
  }
  const v = c.verbatim;
  return v === undefined || (v !== null && typeof v === 'object' && typeof v.text === 'string' && typeof v.canonical === 'string');
}

/**
 * A candidate as parseCandidate makes it, field by field (one revived from JSON or edited by hand
 * may not be: writeCandidate and explainCandidate failed inside with a TypeError; library
 * audit); throws INVALID_ARGUMENT naming the first field that is not. Internal.
 */
export function requireCandidate(c: unknown, what: string): asserts c is Candidate {
  requireObject(c, what);
  if (wellFormed(c as Candidate)) return;
  const o = c as Record<string, unknown>;
  // A browser's RTCIceCandidate (or its toJSON): its line is in .candidate (library audit: "the
  // prefix must be a string… got undefined" sent users to the wrong field).
  if (typeof o['candidate'] === 'string' && o['prefix'] === undefined) throw new SdpscopeError('INVALID_ARGUMENT', `${what} is an RTCIceCandidate (or its init): parse its .candidate first (parseCandidate(c.candidate))`);
  const bad = (field: string, want: string) => new SdpscopeError('INVALID_ARGUMENT', `${what}: ${field} must be ${want}, as parseCandidate makes it; got ${describe(o[field])}`);
  for (let i = 0; i < FIELD_CHECKS.length; i++) {
    const { field, number, nullable } = FIELD_CHECKS[i]!;
    const v = o[field];
    // Numbers are the digits the grammar has: whole, not negative (-1.5 and NaN were written).
    // Strings are what the reader kept, whatever it kept: it reads lossless, so a line's odd
    // characters come back as they were (no stricter check than the reader's own).
    if (number ? Number.isInteger(v) && (v as number) >= 0 : typeof v === 'string') continue;
    if (nullable && v === null) continue;
    throw bad(field, `${number ? 'a whole number, not negative' : 'a string'}${nullable ? ' or null' : ''}`);
  }
  if (o['prefix'] !== 'candidate:' && o['prefix'] !== 'a=candidate:') throw bad('prefix', '"candidate:" or "a=candidate:"');
  // The reader's own bounds: what it refuses to read is not written either (candidates audit:
  // port 70000 and component 0 were written as lines that do not read back). Strings stay as
  // the reader keeps them (lossless: a line's odd characters come back as they were).
  for (const [field, min, max] of BOUNDS) {
    const n = o[field] as number | null;
    if (n !== null && (n < min || n > max)) throw bad(field, `from ${min} to ${max}`);
  }
  const ext = o['extensions'];
  if (!Array.isArray(ext)) throw bad('extensions', 'an array of {name, value} strings');
  for (let i = 0; i < ext.length; i++) {
    const e = ext[i] as CandidateExtension | null;
    if (e === null || typeof e !== 'object' || typeof e.name !== 'string' || typeof e.value !== 'string') throw bad('extensions', 'an array of {name, value} strings');
  }
  const v = o['verbatim'];
  if (v !== undefined && (v === null || typeof v !== 'object' || typeof (v as Verbatim).text !== 'string' || typeof (v as Verbatim).canonical !== 'string')) throw bad('verbatim', 'absent, or {text, canonical} strings');
}

/**
 * Writes a candidate line. For a parsed candidate whose fields are unchanged this is the exact
 * text that was read; after a change it is the canonical spelling of the new fields.
 */
export function writeCandidate(c: Candidate): string {
  requireCandidate(c, 'writeCandidate: the candidate');
  const text = writeParsed(c);
  // Its own spelling is written only if it reads back as its fields (library audit: a verbatim
  // text edited to another address and a second line was written whole, beside fields that
  // said otherwise).
  if (c.verbatim !== undefined && text === c.verbatim.text) {
    // Read again as parseCandidate reads it (what it took, a line ending after the candidate or a
    // lone CR within, reads back; a second line does not: fuzz, the audit of the change).
    const back = tryReadCandidate(text);
    if (!back.ok || formatCandidate(back.candidate) !== formatCandidate(c)) {
      throw new SdpscopeError('INVALID_ARGUMENT', `writeCandidate: the candidate's own spelling (verbatim.text) ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)} does not read back as its fields: change the fields, not verbatim.text, or drop verbatim to write their canonical spelling`);
    }
  }
  return text;
}

/** writeCandidate of a candidate sdpscope's own readers made (not checked again). Internal. */
export function writeParsed(c: Candidate): string {
  const canonical = formatCandidate(c);
  return c.verbatim !== undefined && c.verbatim.canonical === canonical ? c.verbatim.text : canonical;
}
