/**
 * Node only: reads a stream of any size line by line into a LineScanner with flat memory. Lines
 * are split on raw bytes; a line is decoded only when it can hold something (an SDP line, JSON,
 * "candidate:" or "v=0"), the rest is skipped without decoding. Lines with NUL bytes (binary) and
 * lines longer than the limit are reported and skipped.
 */
import { factsEntry, readLineFacts } from '../analysis/fast-facts.js';
import { atLine, diagnostic } from '../diagnostics.js';
import { requireObject, requireOptions, SdpscopeError } from '../errors.js';
import { fileError } from './files.js';
import { toBuffer } from './chunks.js';
import { binaryLineFinding, CODE_FENCE, LineScanner, MAX_BINARY_REPORTS, nulLineFinding, opensLikeJson, textWithNul } from '../input/line-scanner.js';
import { tooDeepToParse } from '../input/json-check.js';
import { opensLoneBracket, scanInput } from '../input/read.js';
import { mayOpenObjectBytes, ObjectBlock } from '../input/object-block.js';
import type { InputSink } from '../input/types.js';
import { PION_START } from '../input/kvs.js';

export interface StreamReport {
  readonly lines: number;
  readonly bytes: number;
}

export interface ScanStreamOptions {
  /** Names the input in every Source. */
  readonly file?: string;
  /** Longest line kept, in bytes (default 64 MiB). */
  readonly maxLineBytes?: number;
  /** Called after each chunk with the bytes read so far and the lines seen. */
  readonly onProgress?: (bytes: number, lines: number) => void;
  /**
   * Called after each chunk: a promise it returns is awaited before the next chunk is read (a
   * writer's backpressure: what the sink writes waits for its reader, never piles up).
   */
  readonly pause?: () => Promise<void> | undefined;
  /**
   * A JSON document that spans lines (a pretty-printed array of frames, a webrtc-internals
   * dump) is read whole, up to this many bytes (default 256 MiB), so that its fields stay
   * together; a larger one is read line by line.
   */
  readonly maxDocumentBytes?: number;
}

/** True when the first line opens a JSON value it does not close: a multi-line document. */
function opensDocument(first: Buffer): boolean {
  const text = first.toString('utf8').trim();
  // "[INFO] start", Chrome's "[1:2:1124/060945.123:INFO:…]": a log prefix, not a document (audit:
  // such a first line made the whole log one document, read whole: no streaming, 816 MB).
  if (!opensLikeJson(text)) return false;
  // Nested past any input: not parsed here (read as a document, whose reader reads it as text).
  if (tooDeepToParse(text)) return true;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/**
 * Reads a multi-line JSON document whole (within the limit) and scans it as one; returns null,
 * with the bytes read, when it turns out larger than the limit.
 */
async function readDocument(head: Buffer[], rest: AsyncIterator<Uint8Array | string>, limit: number): Promise<{ text: string | null; chunks: Buffer[] }> {
  const chunks = [...head];
  let size = chunks.reduce((n, c) => n + c.length, 0);
  for (;;) {
    if (size > limit) return { text: null, chunks };
    const next = await rest.next();
    if (next.done) break;
    const c = toChunk(next.value);
    chunks.push(c);
    size += c.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), chunks };
}

/** A chunk as a Buffer (a view of the same bytes when it is a Uint8Array). */
const toChunk = (c: Uint8Array | string): Buffer => toBuffer(c, 'scanStream');

const CANDIDATE = Buffer.from('candidate:');
/** A JSON "candidate" key: an end-of-candidates frame ({"candidate":null}) has no "candidate:". */
const CANDIDATE_KEY = Buffer.from('"candidate"');
const VERSION = Buffer.from('v=0');
/** Candidates written as fields: Jingle XML (Jitsi) and aiortc's repr. */
const JINGLE = Buffer.from('<candidate ');
/** aiortc's RTCIceCandidate(…) and aioice's Candidate(…) reprs (text-scan.ts). */
const REPR = Buffer.from('Candidate(');
/** A Trickle ICE page table's priority column ("126 | 32512 | 255"): its rows have no other marker. */
const BAR = Buffer.from(' | ');
/** Native libwebrtc's log of a candidate (`Gathered candidate: Cand[…]`): no other marker either. */
const LIBWEBRTC = Buffer.from('Cand[');
/** Amazon KVS signaling, its frames base64 in messagePayload (or MessagePayload): no other marker. */
const KVS = Buffer.from('essagePayload"');
/** werift's Candidate as util.inspect prints it (text-scan.ts), its fields joined on one line: no other marker. */
const INSPECTED = Buffer.from(' Candidate {');
/** A baresip ICE dump's first line, its rows and its section headers, after a log prefix too (src/input/baresip.ts): no other marker. */
const ICE_MEDIA = Buffer.from('----- ICE Media <');
const DUMP_ROW = Buffer.from('} fnd=');
const DUMP_SECTION = Buffer.from('Candidates:  (');
const DUMP_UFRAG = Buffer.from('local_ufrag="');
/** pion's base64 of a session description's JSON (src/input/kvs.ts): no other marker. */
const PION = Buffer.from(PION_START);
/** rsyslog's escaped line break (`#015#012a=…`, line-scanner.ts): an SDP's lines on one syslog line, maybe with no other marker (a line cut after "a=candid"). */
const SYSLOG_BREAK = Buffer.from('#012');
/** The end of gathering as native stacks log it (line-scanner.ts's GATHERING_DONE): "…gathering complete", "All candidates gathered". */
const GATHERING = Buffer.from('athering');
const GATHERED = Buffer.from('s gathered');
/** SDP lines glued together on one line (line-scanner.ts's sdp-lines-glued): no other marker. */
const RTPMAP = Buffer.from('a=rtpmap:');
/** An SDP URL-encoded whole (FreeSWITCH's CDRs and events, line-scanner.ts's BREAK_FORMS): its "v=0" is "v%3D0". */
const URL_VERSION = Buffer.from('v%3D0');
const URL_VERSION_LOWER = Buffer.from('v%3d0');
/** The Trickle ICE page's last row (text-scan.ts's TRICKLE_DONE): "Done", "Authentication failed?", "Not reachable?". */
const TRICKLE_END = Buffer.from('Done');
const TRICKLE_AUTH = Buffer.from('failed?');
const TRICKLE_UNREACHABLE = Buffer.from('reachable?');
/** iOS's RTCIceCandidate description's first line (line-scanner.ts): its mid, index and sdp on the next three lines. */
const IOS_CANDIDATE = Buffer.from('RTCIceCandidate:');
/** mediasoup's transport parameters as its apps signal them: "iceCandidates": [{foundation, ip, port, …}] (json-walk.ts). */
const MEDIASOUP_CANDIDATES = Buffer.from('"iceCandidates"');
/** doubango's log of a candidate, `Candidate: <its fields>` (text-scan.ts): no other marker. */
const CAPITAL_CANDIDATE = Buffer.from('Candidate: ');

/**
 * Where the next occurrence of a marker is in one buffer, searched once and reused for every
 * line before it: a line is tested without a view or a search of its own. For the markers most
 * lines of a log hold (a NUL, "candidate:"); the rare ones are looked for in the line itself
 * (rareMarkerIn), as a search from the line to the buffer's end for each of them, made again in
 * every buffer, cost 12% of `candidates --summary` on a log with one line in ten of neither.
 */
class Markers {
  private buf: Buffer | null = null;
  private static readonly NEEDLES: readonly (Buffer | number)[] = [0, CANDIDATE];
  /** Next occurrence at or after the position last asked about, per marker (-1: none left in the buffer). */
  private readonly next = Markers.NEEDLES.map(() => 0);
  private readonly from = Markers.NEEDLES.map(() => 0);
  reset(buf: Buffer): void {
    this.buf = buf;
    this.from.fill(-1);
  }
  /** Whether marker `m` (0 NUL, 1 "candidate:") lies within [start, end). */
  within(m: 0 | 1, start: number, end: number): boolean {
    const len = m === 0 ? 1 : CANDIDATE.length;
    let at = this.next[m]!;
    if (this.from[m]! < 0 || (at >= 0 && at < start) || this.from[m]! > start) {
      at = this.buf!.indexOf(Markers.NEEDLES[m]!, start);
      this.next[m] = at;
      this.from[m] = start;
    }
    return at >= 0 && at + len <= end;
  }
}

/** The markers a line rarely holds: "v=0", '"candidate"', "<candidate ", "Candidate(", " | ", "Cand[", 'essagePayload"', " Candidate {", "----- ICE Media <", "} fnd=", "Candidates:  (", 'local_ufrag="', pion's base64 start, "#012", "athering", "s gathered". */
const RARE: readonly Buffer[] = [VERSION, CANDIDATE_KEY, JINGLE, REPR, BAR, LIBWEBRTC, KVS, INSPECTED, ICE_MEDIA, DUMP_ROW, DUMP_SECTION, DUMP_UFRAG, PION, SYSLOG_BREAK, GATHERING, GATHERED, RTPMAP, URL_VERSION, URL_VERSION_LOWER, TRICKLE_END, TRICKLE_AUTH, TRICKLE_UNREACHABLE, IOS_CANDIDATE, MEDIASOUP_CANDIDATES, CAPITAL_CANDIDATE];
/** Per byte, which rare markers (bit i: RARE[i]) start with it. */
const RARE_FIRST = new Uint32Array(256);
RARE.forEach((w, i) => (RARE_FIRST[w[0]!]! |= 1 << i));

/** Whether one of the rare markers lies within [start, end) of `buf`: one pass over the line. */
function rareMarkerIn(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    let bits = RARE_FIRST[buf[i]!]!;
    while (bits !== 0) {
      const k = 31 - Math.clz32(bits);
      bits ^= 1 << k;
      const w = RARE[k]!;
      if (i + w.length > end) continue;
      let j = 1;
      while (j < w.length && buf[i + j] === w[j]) j++;
      if (j === w.length) return true;
    }
  }
  return false;
}

/** Whether the line at [start, end) of `buf` starts as an SDP line does, "<letter>=". */
const sdpLineBytes = (buf: Buffer, start: number, end: number): boolean => end - start >= 2 && buf[start + 1] === 0x3d && ((buf[start]! | 0x20) >= 0x61 && (buf[start]! | 0x20) <= 0x7a);

/** Whether the line at [start, end) of `buf` is white space only (spaces, tabs; its CR is cut already). */
function blank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0x20 && buf[i] !== 0x09) return false;
  return true;
}

/** Whether the line at [start, end) of `buf` can hold anything a scan looks for. */
function interesting(buf: Buffer, start: number, end: number, markers: Markers): boolean {
  // A line of one character holds nothing (a lone "{" or "[" opens a pretty-printed block: the
  // whole text's reader passes over it too).
  if (end - start < 2) return false;
  // "<letter>=": an SDP line (or a fragment's).
  if (sdpLineBytes(buf, start, end)) return true;
  // The same with its line break written out before it (`\na=…`, `\r\na=…`: line-scanner.ts's escapedLineBreak)…
  if (buf[start] === 0x5c) {
    const at = buf[start + 1] === 0x6e ? start + 2 : buf[start + 1] === 0x72 && buf[start + 2] === 0x5c && buf[start + 3] === 0x6e ? start + 4 : -1;
    const c = at > 0 && at + 1 < end ? buf[at]! | 0x20 : 0;
    if (c >= 0x61 && c <= 0x7a && buf[at + 1] === 0x3d) return true;
  }
  // …or shown as "↵" by Chrome's console (E2 86 B5 in UTF-8).
  if (buf[start] === 0xe2 && buf[start + 1] === 0x86 && buf[start + 2] === 0xb5 && start + 4 < end && ((buf[start + 3]! | 0x20) >= 0x61 && (buf[start + 3]! | 0x20) <= 0x7a) && buf[start + 4] === 0x3d) return true;
  let i = start;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
  if (buf[i] === 0x7b || buf[i] === 0x5b) return true;
  // An indented m-line: an m-section as an RFC prints it (line-scanner.ts's INDENTED_MLINE).
  if (i > start && buf[i] === 0x6d && buf[i + 1] === 0x3d) return true;
  // A Markdown code fence between a stated type and its SDP ("Offer:", "```", "v=0"): the scanner's, as the whole-text reader gives it every line.
  if ((buf[i] === 0x60 || buf[i] === 0x7e) && end - i <= 24 && CODE_FENCE.test(buf.toString('latin1', i, end).trimEnd())) return true;
  // A line whose last word is a type ("… TRC [webrtc] answer"): the type of an SDP on the next line (line-scanner.ts).
  if (endsWithTypeWord(buf, start, end)) return true;
  // webrtc-internals' page: a description's row ('… (type: "offer", 3 sections)') and its button's words (line-scanner.ts).
  if (endsWith(buf, start, end, SECTIONS) || endsWith(buf, start, end, SECTION) || endsWith(buf, start, end, COPY_BUTTON)) return true;
  return markers.within(1, start, end) || rareMarkerIn(buf, start, end);
}

const TYPE_WORDS = ['offer', 'answer', 'pranswer'].map((w) => Buffer.from(w));
const SECTIONS = Buffer.from(' sections)');
const SECTION = Buffer.from(' section)');
const COPY_BUTTON = Buffer.from('Copy description to clipboard');

/** Whether the line at [start, end) ends with `w` (a CR and blanks after it aside). */
function endsWith(buf: Buffer, start: number, end: number, w: Buffer): boolean {
  let j = end;
  while (j > start && (buf[j - 1] === 0x20 || buf[j - 1] === 0x09 || buf[j - 1] === 0x0d)) j--;
  // The last byte first: most lines end otherwise, and a compare is a call out of JavaScript.
  return j - start >= w.length && buf[j - 1] === w[w.length - 1] && buf.compare(w, 0, w.length, j - w.length, j) === 0;
}

/** Whether the line's last word, a colon after it or not, is offer, answer or pranswer (any case), as line-scanner.ts's TYPE_LINE_END. */
function endsWithTypeWord(buf: Buffer, start: number, end: number): boolean {
  let j = end;
  while (j > start && (buf[j - 1] === 0x20 || buf[j - 1] === 0x09 || buf[j - 1] === 0x0d)) j--;
  if (j > start && buf[j - 1] === 0x3a) j--;
  // about:webrtc's "Local SDP (Offer)".
  const paren = j > start && buf[j - 1] === 0x29;
  if (paren) j--;
  for (const w of TYPE_WORDS) {
    const k = j - w.length;
    if (k < start) continue;
    let same = true;
    for (let x = 0; x < w.length && same; x++) same = (buf[k + x]! | 0x20) === w[x];
    const before = k === start ? 0x20 : buf[k - 1];
    if (same && (paren ? before === 0x28 : before === 0x20 || before === 0x09 || before === 0x5d || before === 0x3e || before === 0x7c)) return true;
  }
  return false;
}

/**
 * Feeds every line of `stream` to a LineScanner over `sink`. Resolves when the stream ends; the
 * scanner is finished (its last SDP block flushed).
 */
export async function scanStream(stream: AsyncIterable<Uint8Array | string>, sink: InputSink, options: ScanStreamOptions = {}): Promise<StreamReport> {
  requireStream(stream);
  requireObject(sink, 'scanStream: the sink', 'description', 'candidate', 'endOfCandidates', 'problem');
  requireOptions(options, 'scanStream: the options', { file: 'string', maxLineBytes: 'integer', onProgress: 'function', pause: 'function', maxDocumentBytes: 'integer' });
  const chunks = fileErrors(stream, options.file);
  const head = await readHead(chunks, sink, options);
  return 'report' in head ? head.report : scanLines(head.lines, sink, options);
}

/**
 * The stream's chunks, its own failure (a file stream on a missing file: ENOENT) made the file's
 * error, as readTextInput says it (library audit: Node's own Error came out). Only the stream's:
 * an error of the sink or of `pause` is thrown as it was (audit of the change: a sink's EBADF was
 * called the input file's).
 */
async function* fileErrors(stream: AsyncIterable<Uint8Array | string>, file: string | undefined): AsyncIterable<Uint8Array | string> {
  try {
    yield* stream;
  } catch (e) {
    const errno = e !== null && typeof e === 'object' && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
    throw errno ? fileError(file ?? (e as NodeJS.ErrnoException).path ?? 'the stream', e) : e;
  }
}

/**
 * Peeks at the first line of a stream: a multi-line JSON document (a pretty-printed array of
 * frames, a webrtc-internals dump) is read and scanned whole, within the limit (the report);
 * otherwise the stream, first line included, is left to be read line by line (the lines).
 */
async function readHead(stream: AsyncIterable<Uint8Array | string>, sink: InputSink, options: ScanStreamOptions): Promise<{ report: StreamReport } | { lines: AsyncIterable<Uint8Array | string> }> {
  const it = stream[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headDone = false;
  for (;;) {
    const next = await it.next();
    if (next.done) {
      headDone = true;
      break;
    }
    const c = toChunk(next.value);
    head.push(c);
    if (c.indexOf(0x0a) >= 0 || head.reduce((n, x) => n + x.length, 0) > 1 << 20) break;
  }
  const headBuf = Buffer.concat(head);
  const nl = headBuf.indexOf(0x0a);
  if (headBuf.length > 0 && headBuf.indexOf(0) < 0 && opensDocument(headBuf.subarray(0, nl < 0 ? headBuf.length : nl))) {
    const doc = headDone ? { text: headBuf.toString('utf8'), chunks: [headBuf] } : await readDocument([headBuf], it, options.maxDocumentBytes ?? 256 * 1024 * 1024);
    if (doc.text !== null) {
      const fileOpt = options.file !== undefined ? { file: options.file } : {};
      scanInput(doc.text, sink, fileOpt);
      options.onProgress?.(Buffer.byteLength(doc.text), 0);
      return { report: { lines: doc.text.split('\n').length - (doc.text.endsWith('\n') ? 1 : 0), bytes: Buffer.byteLength(doc.text) } };
    }
    return { lines: rest(doc.chunks, it) };
  }
  // A first line of a lone "{" or "[" that is not read as a document (it holds a NUL: not JSON):
  // said as the whole-text reader says it (read.ts).
  if (headBuf.indexOf(0) >= 0 && opensLoneBracket(headBuf.subarray(0, nl < 0 ? headBuf.length : nl).toString('utf8').replace(/^\uFEFF/, ''))) {
    sink.problem(diagnostic('invalid-json', 'line 1 starts like JSON but does not parse', atLine(1, null, null, options.file)));
  }
  return { lines: rest([headBuf], headDone ? null : it) };
}

function requireStream(stream: unknown): asserts stream is AsyncIterable<Uint8Array | string> {
  if (stream === null || typeof stream !== 'object' || typeof (stream as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
    throw new SdpscopeError('INVALID_ARGUMENT', 'scanStream: the input must be an async iterable of chunks (a Readable, process.stdin)');
  }
}

/** The chunks already read, then the rest of the stream. */
async function* rest(first: Buffer[], it: AsyncIterator<Uint8Array | string> | null): AsyncIterable<Uint8Array | string> {
  yield* first;
  if (!it) return;
  for (;;) {
    const next = await it.next();
    if (next.done) return;
    yield next.value;
  }
}

async function scanLines(stream: AsyncIterable<Uint8Array | string>, sink: InputSink, options: ScanStreamOptions): Promise<StreamReport> {
  const maxLine = options.maxLineBytes ?? 64 * 1024 * 1024;
  const scanner = new LineScanner(sink, options.file !== undefined ? { file: options.file } : {});
  const take = factsEntry(sink);
  const markers = new Markers();
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let lineNo = 0;
  let bytes = 0;
  let binaryReported = 0;

  // An object printed over several lines is read as one line, as the whole-text reader reads it (object-block.ts).
  const objects = new ObjectBlock();
  /**
   * A line held by the block, or one it joined, read as any line: its bytes a buffer of their own,
   * searched with markers of their own (resetting the chunk's made every line after a block search
   * the rest of its chunk again: change audit, a log of many small objects 20 times slower).
   */
  const ownMarkers = new Markers();
  const readText = (text: string, ending: string, line: number) => {
    const b = Buffer.from(text);
    ownMarkers.reset(b);
    dispatch(b, 0, b.length, ending, line, ownMarkers);
  };
  const release = () => {
    for (const h of objects.release()) readText(h.text, h.ending, h.line);
  };

  const handle = (buf: Buffer, start: number, end: number, ending: string) => {
    lineNo++;
    if (end > start && buf[end - 1] === 0x0d) {
      end--;
      // A last line with no LF keeps its CR as its ending (an SDP cut between the two).
      ending = ending === '\n' ? '\r\n' : '\r';
    }
    if (end - start > maxLine) {
      release();
      sink.problem(diagnostic('line-too-long', `line ${lineNo} is longer than ${maxLine} bytes: skipped`, atLine(lineNo, null, null, options.file)));
      scanner.breakBlock();
      return;
    }
    if (markers.within(0, start, end)) {
      const line = buf.toString('utf8', start, end);
      if (!textWithNul(line)) {
        release();
        if (binaryReported++ < MAX_BINARY_REPORTS) sink.problem(binaryLineFinding(lineNo, options.file));
        scanner.breakBlock();
        return;
      }
      if (binaryReported++ < MAX_BINARY_REPORTS) sink.problem(nulLineFinding(lineNo, options.file));
    }
    // An SDP behind a log prefix: each of its lines is the scanner's, whatever it holds.
    if (scanner.inPrefixedBlock) {
      scanner.push(buf.toString('utf8', start, end), ending, lineNo);
      return;
    }
    if (objects.open) {
      const step = objects.push(buf.toString('utf8', start, end), ending, lineNo);
      if (step.kind === 'held') return;
      if (step.kind === 'closed') {
        readText(step.text, step.ending, step.line);
        return;
      }
      for (const h of step.held) readText(h.text, h.ending, h.line);
    }
    // An object may open after an SDP block too (a log's next line): not on an SDP line.
    if (mayOpenObjectBytes(buf, start, end) && !sdpLineBytes(buf, start, end) && objects.start(buf.toString('utf8', start, end), ending, lineNo)) {
      scanner.breakBlock();
      return;
    }
    dispatch(buf, start, end, ending, lineNo, markers);
  };

  /** A line as read: skipped, read as facts (the fast path), or the scanner's. */
  const dispatch = (buf: Buffer, start: number, end: number, ending: string, lineNo: number, markers: Markers) => {
    // A "type" member waits for its "sdp" line, or a line with an escaped SDP cut at its end for
    // the next (line-scanner.ts): the next lines, whatever they are, are the scanner's (no fast
    // path), as the whole-text reader gives it every line.
    if (scanner.awaitsSdpMember || scanner.holdsEscaped || scanner.holdsIosCandidate || scanner.holdsLiteral) {
      scanner.push(buf.toString('utf8', start, end), ending, lineNo);
      return;
    }
    if (!interesting(buf, start, end, markers)) {
      // A pretty-printed JSON member `"type": "answer",` is the type of an SDP a few lines below
      // (line-scanner.ts): the scanner's, as the whole-text reader gives it every line.
      if (end - start <= 128 && typeMemberBytes(buf, start, end)) {
        scanner.push(buf.toString('latin1', start, end), ending, lineNo);
        return;
      }
      // A blank line inside an SDP block is the scanner's to hold (it joins the block if an SDP
      // line follows), and so is a short line that may be a typo in it ("*a=sendonly": line-scanner.ts).
      if ((scanner.inBlock || scanner.holdsType) && blank(buf, start, end)) scanner.push(buf.toString('latin1', start, end), ending, lineNo);
      else if (scanner.inBlock && end - start <= 200) scanner.push(buf.toString('utf8', start, end), ending, lineNo);
      else scanner.breakBlock();
      return;
    }
    const text = buf.toString('utf8', start, end);
    if (take !== null) {
      // The fast path: a line of the common shapes goes to the analyzer as facts (see fast-facts.ts).
      const facts = readLineFacts(text, lineNo, options.file, scanner.inBlock);
      if (facts !== null) {
        scanner.breakBlock();
        take(facts);
        return;
      }
    }
    scanner.push(text, ending, lineNo);
  };

  for await (const chunk of stream) {
    const buf = toChunk(chunk);
    markers.reset(buf);
    bytes += buf.length;
    let pos = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) {
        if (!skipping) {
          pending.push(buf.subarray(pos));
          pendingBytes += buf.length - pos;
          if (pendingBytes > maxLine) {
            sink.problem(diagnostic('line-too-long', `line ${lineNo + 1} is longer than ${maxLine} bytes: skipped`, atLine(lineNo + 1, null, null, options.file)));
            pending = [];
            pendingBytes = 0;
            skipping = true;
          }
        }
        break;
      }
      if (skipping) {
        skipping = false;
        lineNo++;
        scanner.breakBlock();
      } else if (pending.length > 0) {
        pending.push(buf.subarray(pos, nl));
        const line = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        markers.reset(line);
        handle(line, 0, line.length, '\n');
        markers.reset(buf);
      } else {
        handle(buf, pos, nl, '\n');
      }
      pos = nl + 1;
    }
    options.onProgress?.(bytes, lineNo);
    const paused = options.pause?.();
    if (paused !== undefined) await paused;
  }
  if (!skipping && pending.length > 0) {
    const line = Buffer.concat(pending);
    markers.reset(line);
    handle(line, 0, line.length, '');
  } else if (skipping) lineNo++;
  release();
  scanner.end();
  return { lines: lineNo, bytes };
}

/** Whether a line opens, after blanks, with `"type"` in any case (a JSON member, maybe the type of an SDP below it). */
function typeMemberBytes(buf: Buffer, start: number, end: number): boolean {
  let i = start;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
  // Any case, as the scanner reads it ("Type" too).
  return end - i >= 6 && buf[i] === 0x22 && (buf[i + 1]! | 0x20) === 0x74 && (buf[i + 2]! | 0x20) === 0x79 && (buf[i + 3]! | 0x20) === 0x70 && (buf[i + 4]! | 0x20) === 0x65 && buf[i + 5] === 0x22;
}

