/**
 * Reads line-oriented text one line at a time: SDP blocks (and a=/m= fragments), NDJSON, and log
 * lines with candidates or JSON-escaped SDPs in them. Memory stays bounded by the longest SDP
 * block; feed it with {@link LineScanner.push} and finish with {@link LineScanner.end}. Internal:
 * `scanInput` (whole texts) and `sdpscope/node`'s `scanStream` (streams) drive it.
 */
import { relayRecord } from './relay-runs.js';
import { percentDecoded } from '../escape.js';
import { listSome, pushAll } from '../arrays.js';
import { BaresipDump, mayBeDumpLine } from './baresip.js';
import { atLine, diagnostic } from '../diagnostics.js';
import { emitCandidate, emitDescription } from './found.js';
import { JsonParser, MAX_JSON_DEPTH, NOT_JSON, tooDeepToParse } from './json-check.js';
import { walkJson } from './json-walk.js';
import { PION_START, pionSignal } from './kvs.js';
import { SourceLiteral } from './source-literal.js';
import { scanText, statedType } from './text-scan.js';
import { GLUED_SUMMARY } from '../sdp/line.js';
import type { InputFormat, InputSink, SdpType } from './types.js';

export interface LineScannerOptions {
  /** Names the input in every Source (for several files). */
  readonly file?: string;
}

const SDP_LINE = /^[a-zA-Z]=/;
/** Blank lines held inside a description, at most, before they end it (about:webrtc copies have one). */
const MAX_HELD_BLANKS = 8;
/** Lines that are no SDP line held in a row inside a description (a thread's notes between its lines; see push). */
const MAX_HELD_STRAYS = 8;
/** A blank line: spaces and tabs only (node/stream.ts's `blank`, byte for byte). */
const BLANK = /^[ \t]*$/;

/**
 * What a log prefix ends with before an SDP's "v=0": a blank, or an ASCII punctuation mark other
 * than "=", "_" and "\\" (":", "]", ">", "|", and "-" of KVS's `Offer -----v=0`: its v=, o=, s=
 * and t= lines had been lost, an "SDP fragment", NO_SDP_FOUND to sdp-diff; sdp-diff audit).
 */
function prefixEnd(c: number): boolean {
  if (c === 32 || c === 9) return true;
  return c > 32 && c < 127 && !(c >= 48 && c <= 57) && !(c >= 65 && c <= 90) && !(c >= 97 && c <= 122) && c !== 61 && c !== 95 && c !== 92;
}

/**
 * An SDP printed with each line break written out before its line (`\na=ice-ufrag:y5V5`, a real
 * OpenWebRTC log): the length of that escape (`\n` or `\r\n`, before an SDP line), else 0.
 */
export function escapedLineBreak(line: string): number {
  const c = line.charCodeAt(0);
  // Chrome's console shows a string's line breaks as "↵": an SDP logged so and copied from the
  // console has one before each line (ion-sfu#151: its lines were dropped, 0 descriptions).
  if (c === 0x21b5) return SDP_LINE.test(line.slice(1, 3)) ? 1 : 0;
  if (c !== 92) return 0;
  const at = line.startsWith('\\n') ? 2 : line.startsWith('\\r\\n') ? 4 : 0;
  return at > 0 && SDP_LINE.test(line.slice(at, at + 2)) ? at : 0;
}

/** A whole SDP on one line, its line breaks escaped (`v=0\r\no=- …`): free text, where the escaped SDP is read. */
const ESCAPED_SDP = /^v=[0-9]*\\(?:r\\)?n/;
/** An escaped line break (`\r\n`, `\n`) where it starts. */
const ESCAPED_BREAK = /^\\(?:r\\)?n/;
/** An escaped line break before an SDP line. */
const ESCAPED_SDP_BREAK = /\\(?:r\\)?n[a-zA-Z]=/;
/** How a line with a whole escaped SDP ends: what closes the string around it (an escaped break at its end may be a wrap's: new-user audit, a wrap just after "\r\n" lost the rest). */
const WHOLE_END = /["'}\])>][.,;]?\s*$/;
/** A held escaped line is read past this length, whatever follows (a bound on what is held). */
const MAX_HELD_ESCAPED = 4 * 1024 * 1024;

/**
 * A time at the start of a log line, as loggers write it: "2026-11-24T06:00:00.123Z",
 * "2026-11-24 06:00:00,123 +0100", "06:21:10.200", logcat's "12-05 10:00:00.123", syslog's "Jan 19
 * 10:43:42", C's ctime "Tue Jan 19 10:43:42 2016" (Janus; candidates audit: no time column) and
 * JavaScript's Date "Tue Jan 05 2016 15:39:35 GMT-0200" (SIP.js, React Native's Metro: native-log audit), in
 * brackets or not, after a level word or not ("INFO 2026-…", "[WARN] 06:21:10", "debug: …": the
 * time had been lost behind it). Anchored: one pass.
 */
const LEADING_TIME = /^(?:\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRITICAL|VERBOSE|TRC|DBG|INF|WRN|ERR|CRT|FTL)\]?:? +)?\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?|\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?|\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?|\d{1,2}[./]\d{1,2}[./]\d{4},? \d{1,2}:\d{2}:\d{2}(?: ?[AP]M)?|(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d (?:\d{4} )?\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?: \d{4}| GMT[+-]\d{4})?)\]?(?=[\s\]]|$)/i;

/** The time a log line starts with, as written, or undefined (webrtc-internals' page shows toLocaleString's: "23/05/2021, 20:26:28", "10/12/2019, 12:46:31 PM"). */
export function leadingTime(line: string): string | undefined {
  const c = line.charCodeAt(0);
  // A digit, "[", or a day's, month's or level word's first letter (syslog, ctime, "INFO", "warn").
  if (!((c >= 48 && c <= 57) || c === 91 || (c >= 65 && c <= 87) || (c >= 97 && c <= 119))) return undefined;
  return LEADING_TIME.exec(line)?.[1];
}


/**
 * A line that may be a typo inside an SDP: short, and nothing a log's own line shows (a time, a
 * candidate, JSON, a blank), nor the `v=` that starts the next description (an offer and its answer
 * pasted or `cat` back to back were one description: SFU audit, a false "mid 0 is also the mid of"
 * error and NO_OFFER_ANSWER from sdp-diff).
 */
function strayLine(bare: string): boolean {
  if (bare.startsWith('v=') || bare.length > 200 || BLANK.test(bare) || leadingTime(bare) !== undefined || bare.includes('candidate:')) return false;
  const c = bare.trimStart().charCodeAt(0);
  // Nor a template literal's closing line ("`;": SDPs-in-text audit, an invalid-line error).
  return c !== 123 && c !== 91 && c !== 34 && c !== 96;
}

/** A note between an SDP's lines, not a line that starts an SDP ("… v=0") or states the type of the next ("Answer:"). */
function noteLine(bare: string): boolean {
  const t = bare.trimEnd();
  return !t.endsWith('v=0') && !/\b(?:offer|answer|pranswer)\b[ \t]*:?$/i.test(t);
}

/**
 * Whether `next` (a line that is no SDP line) reads as the rest of `last` (an SDP line with its
 * ending) cut by a copy's fold: `last` ends within a value (":", ";", ",", "/", "=", "-"), or a
 * fingerprint goes on in hex pairs. One word, no blank in it: a log's next line is not taken.
 */
function foldedTail(last: string, next: string): boolean {
  if (next.length === 0 || next.length > 200 || /\s/.test(next)) return false;
  const l = last.replace(/\r?\n$/, '').replace(/\r$/, '');
  const end = l.charCodeAt(l.length - 1);
  if (end === 58 || end === 59 || end === 44 || end === 47 || end === 61 || end === 45) return true;
  return l.startsWith('a=fingerprint:') && /^[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{2})*$/.test(next);
}

export class LineScanner {
  private block: string[] = [];
  /**
   * Blank lines met inside a block, held: they join it if an SDP line follows (a description
   * copied from Firefox's about:webrtc has a blank line between every two lines: it was read as
   * fifteen descriptions, each missing what the others had; real-log audit), and are dropped with
   * the block's end otherwise.
   */
  private blanks: string[] = [];
  /** The input line of each held blank, and of each line of the block (where an SDP's lines are not one an input line). */
  private blankLines: number[] = [];
  private blockLines: number[] = [];
  /** The time of the input line a block starts on, where its SDP follows a log prefix on that line (a syslog line's). */
  private blockTime: string | undefined = undefined;
  private pieceTime: string | undefined = undefined;
  /**
   * Lines the block holds after its first, and how many of them came after exactly one blank
   * line: when all did, the blank lines are the copy's layout (about:webrtc's), not the SDP's,
   * and are left out of it (a blank line in an SDP is an error both browsers raise).
   */
  private joined = 0;
  private afterOneBlank = 0;
  /**
   * In an SDP printed with a log prefix on every line (logcat, os_log, a server's DEBUG lines:
   * candidates audit, read as no description and its candidates without their ufrag): the
   * column its lines start at, and the character before it; -1 otherwise.
   */
  private prefixCol = -1;
  private prefixSep = 0;
  /** Whether the prefix is the indent of m-sections after a description's unindented session lines. */
  private indentedTail = false;
  /** The prefixed block's first line, and its lines as read (scanned as text if the block turns out too short to be an SDP). */
  private prefixedFirst: string | null = null;
  private prefixedLines: [string, number][] = [];
  private blockStart = 0;
  /** The input line of the block's last line. */
  private blockEnd = 0;
  private blockFragment = false;
  /** The block is a description whose v= line is missing (it starts at its o= line): blank lines in it are held as in a whole one. */
  private blockOrigin = false;
  /** A line with an escaped SDP cut at its end, its input line, and the length of its first piece (scanOrHold). */
  private escapedHeld: [string, number, number] | null = null;
  /**
   * Lines that are no SDP line held inside a whole description (see push), with the blank lines
   * around them, in order: each its text with ending, number, and text (null for a blank line).
   */
  private held: [string, number, string | null][] = [];
  /** The input lines of the block's lines folded as an RFC prints them, joined to the line before (said when the block is read). */
  private unfolded: number[] = [];
  /** The block line folded lines go on (-1: none), and their pieces, each with its blank before it. */
  private foldAt = -1;
  private foldParts: string[] = [];
  /** The lines of `held` that are not blank. */
  private heldStrays = 0;
  /** The type the line before the SDP stated ("type: answer, sdp: v=0"), when it did. */
  private blockType: SdpType | null = null;
  /** A log line ending in "offer", "answer:" (go2rtc's `TRC [webrtc] answer`): the type of an SDP starting on the next line. */
  private typeLine: { readonly type: SdpType; readonly line: number } | null = null;
  /**
   * A pretty-printed JSON member `"type": "answer",` alone on its line, and that line's number:
   * the type of an SDP in a `"sdp": "v=0…` line up to MEMBER_REACH lines below it. A JSON object
   * cut short never parses whole, so its lines are read one by one and the type, on another line
   * than the SDP, had been lost ("SDP (type unknown)").
   */
  private memberType: { readonly type: SdpType; readonly line: number } | null = null;
  /** An SDP written as string literals over lines, being read: where it started, what stood before it, its pieces (still escaped). */
  private literal: SourceLiteral | null = null;
  /**
   * iOS's RTCIceCandidate as its description prints it (RTCIceCandidate.mm: "RTCIceCandidate:", then
   * its sdpMid, its sdpMLineIndex and its sdp, each on a line of its own), read so far: the line it
   * is at, and the mid and index when read (candidate-log audit: the candidate had lost its mid).
   */
  private iosCandidate: { readonly line: number; readonly mid?: string; readonly index?: string } | null = null;
  /** Where a baresip ICE dump is (its side, its media): baresip.ts. */
  private readonly baresip = new BaresipDump();
  /** Lines that open like JSON are parsed here: a log of ones that are not costs a check each, not an exception each. */
  private readonly json = new JsonParser();
  private readonly base: { format: InputFormat; file?: string };

  constructor(
    private readonly sink: InputSink,
    options: LineScannerOptions = {},
  ) {
    this.base = options.file !== undefined ? { format: 'json', file: options.file } : { format: 'json' };
  }

  /**
   * A source at `line` in this input: { format, file?, line }, the keys in that order (what
   * `{ ...this.base, line, format }` made; that spread, once per description or JSON line, was a
   * fifth of reading 4,895 one-line fragments).
   */
  private at(line: number, format: InputFormat): { format: InputFormat; file?: string; line: number } {
    const file = this.base.file;
    return file !== undefined ? { format, file, line } : { format, line };
  }

  /** Whether an SDP block (or a=/m= fragment) is being collected: the next SDP line joins it. */
  get inBlock(): boolean {
    return this.block.length > 0;
  }

  /** Whether the block is an SDP behind a log prefix: every line goes to push (stream.ts), none is skipped or read as facts. */
  get inPrefixedBlock(): boolean {
    return this.prefixCol > 0 && this.block.length > 0;
  }

  /** Ends an SDP block being collected (the reader skipped a line that cannot belong to one). */
  breakBlock(): void {
    this.flush();
  }

  /** One line without its ending (`ending` is "\n", "\r\n", or for the last line "" or "\r": cut before its LF). */
  push(content: string, ending: string, lineNo: number): void {
    // A byte order mark (an editor's) before the input's first line is not content: the SDP
    // starts at it (parse audit: a saved SDP's BOM made its v=0 line no SDP line, then "no v= line").
    if (lineNo === 1 && content.charCodeAt(0) === 0xfeff) content = content.slice(1);
    // A CR shown in caret notation, "^M" (`cat -v`, less, a terminal's copy of a SIP trace:
    // restcomm/media-core#103's INVITE): the line's CR (real-log audit of 2026-12-07: "0^M" had been
    // a generation Chromium refuses, "a=rtcp-mux^M" no rtcp-mux, "v=0^M" a version Firefox refuses).
    // Before a real CRLF too (a `cat -v` copy saved on Windows; change audit), its CR in the
    // content or in the ending, as the reader split it.
    const cr = content.length >= 3 && content.charCodeAt(content.length - 1) === 13 ? 1 : 0;
    const at = content.length - cr;
    if (at >= 2 && content.charCodeAt(at - 1) === 77 && content.charCodeAt(at - 2) === 94 && (ending === '\n' || ending === '' || ending === '\r\n')) {
      content = content.slice(0, at - 2);
      ending = ending === '' && cr === 0 ? '\r' : '\r\n';
    }
    if (this.literal !== null) {
      if (this.literal.take(content)) return;
      this.endLiteral();
    }
    const literal = content.includes('v=0\\') ? SourceLiteral.start(content, lineNo) : null;
    if (literal !== null) {
      this.flush();
      this.literal = literal;
      if (literal.done) this.endLiteral();
      return;
    }
    if (this.escapedHeld !== null && this.takeHeldEscaped(content.endsWith('\r') ? content.slice(0, -1) : content)) return;
    // An SDP copied from Chrome's console, its line breaks shown as "↵" on one line
    // (`sdp: "v=0↵o=- …↵"`, pasted so in threads: real-thread audit, NO_SDP_FOUND): its lines.
    const arrow = content.length > 4 && content.charCodeAt(0) !== 0x21b5 ? content.indexOf('v=0\u21b5') : -1;
    if (arrow >= 0) {
      this.flush();
      const before = content.slice(0, arrow);
      if (before.trim() !== '') this.scanLine(before, lineNo);
      const pieces = content.slice(arrow).split('\u21b5');
      pieces.forEach((piece, i) => {
        this.push(piece, i < pieces.length - 1 ? '\r\n' : ending, lineNo);
        if (i === 0) this.blockType = statedType(before);
      });
      return;
    }
    // rsyslog's escapes of control characters, `#015#012` for CR LF (its default
    // $EscapeControlCharactersOnReceive): a whole SDP on one syslog line (rtpengine's dumps;
    // server-log audit: fields made up across its lines, most candidates lost). Its lines, each at this line.
    // The same with the other escapes of a line break writers use, an SDP line after each: nginx's
    // `\x0D\x0A` (a WHIP body in its log), C's octal `\015\012`, URL encoding's `%0D%0A`
    // (FreeSWITCH's event headers, variable_switch_r_sdp: new-user audit, NO_SDP_FOUND).
    // Not in a line that is JSON, read as such below (a frame whose string holds an rtpengine
    // syslog line: the stream had cut the JSON at its escapes, the whole-text reader, reading the
    // text as one JSON document, had not; fuzz, parse's two renders on mutated input 54 of seed 11).
    const form = content.length > 6 ? escapedBreakForm(content) : null;
    if (form !== null && !(opensLikeJson(content.trimStart()) && this.json.parse(content.trim()) !== NOT_JSON)) {
      const crlf = content.includes(form.crlf);
      let pieces = content.split(crlf ? form.crlf : form.lf);
      // A line that ends in the escape ends an SDP line there: no empty line after it (audit of the change: "blank line" errors).
      if (pieces.length > 1 && pieces[pieces.length - 1] === '') pieces.pop();
      // Form encoding writes a blank as "+" (a "+" of the text itself as %2B): so read where the line has no blank of its own.
      if (form.url) pieces = pieces.map((p) => percentDecoded(content.includes(' ') ? p : p.replace(/\+/g, ' ')));
      // The syslog line's time is its SDP's (audit of the change: the time column had been lost).
      this.pieceTime = leadingTime(content);
      pieces.forEach((piece, i) => this.push(piece, i < pieces.length - 1 || content.endsWith(form.lf) ? (crlf ? '\r\n' : '\n') : ending, lineNo));
      this.pieceTime = undefined;
      return;
    }
    // webrtc-internals' section summaries glued to the lines around them by a copy of the rendered
    // page ("a=group:BUNDLE 0 1 2 m=audio 9 RTP/SAVPF 111 (16 more lines) mid=0 a=rtcp-mux", Cisco's
    // CMS notes of Chrome 122): each its own line again; parseSdp reads around the summary.
    // Every summary of the line at once, in a loop (one push each: a line of 60,000 of them had
    // been as many nested calls, past the stack; change audit).
    if (content.length > 20 && content.includes(' more line')) {
      const cr = content.endsWith('\r');
      const bare = cr ? content.slice(0, -1) : content;
      const pieces: string[] = [];
      let from = 0;
      GLUED_SUMMARY.lastIndex = 0;
      for (let m = GLUED_SUMMARY.exec(bare); m !== null; m = GLUED_SUMMARY.exec(bare)) {
        const end = m.index + m[0].length - 1;
        // Searched back to the last piece's end only (from the line's start it was quadratic).
        const mline = bare.slice(from, m.index).lastIndexOf(' m=');
        const start = mline >= 0 ? from + mline + 1 : from;
        if (start - 1 > from) pieces.push(bare.slice(from, start - 1));
        pieces.push(bare.slice(start, end));
        from = end + 1;
        GLUED_SUMMARY.lastIndex = from;
      }
      if (from > 0) {
        if (from < bare.length) pieces.push(bare.slice(from));
        const eol = cr ? '\r\n' : '\n';
        // What stands before the line's first SDP line (an indent, "> ", a log's time): before each piece
        // too, so that a copy read by its prefix's column stays one (new-user audit: 0 m-lines when indented).
        const first = FIRST_SDP_TOKEN.exec(bare);
        const lead = first === null ? '' : bare.slice(0, first.index + first[0].length - 2);
        for (let i = 0; i < pieces.length; i++) if (pieces[i] !== '') this.pushLine(i > 0 ? lead + pieces[i]! : pieces[i]!, i < pieces.length - 1 ? eol : ending, lineNo);
        return;
      }
    }
    this.pushLine(content, ending, lineNo);
  }

  /** push()'s reading of one line, the page's glued summaries split off it. */
  private pushLine(content: string, ending: string, lineNo: number): void {
    // A template literal's SDP line written with its escape before the real line break (`o=… \r`,
    // `` const sdp = `v=0\r ``): the escape ends the line, it is not the value's (SDPs-in-text
    // audit: "clock rate 90000\r" three times, v=0 not seen). Only on an SDP line, or a v=0 last.
    const lastAt = content.length - (content.endsWith('\r') ? 2 : 1);
    const tail = content.charCodeAt(lastAt - 1) === 92 && (content.charCodeAt(lastAt) === 114 || content.charCodeAt(lastAt) === 110) ? TRAILING_ESCAPE.exec(content.slice(-6)) : null;
    if (tail !== null) {
      const cut = content.slice(0, content.length - tail[0].length);
      // The only escape on the line: an SDP escaped on one line ends in its own \r\n, which is kept (hostile-input audit: node-webrtc#444's "no line ending" error).
      if ((SDP_LINE.test(cut.trimStart()) || cut.endsWith('v=0')) && !cut.includes('\\n') && !cut.includes('\\r')) content = cut + (content.endsWith('\r') ? '\r' : '');
    }
    const escape = escapedLineBreak(content);
    if (escape > 0) {
      // After "↵", blank lines held before it are the copy's layout, not the SDP's: an empty SDP
      // line would have shown as "↵" alone (ion-sfu#151's post: two false blank-line errors).
      if (content.charCodeAt(0) === 0x21b5 && this.blanks.length > 0 && this.block.length > 0) {
        this.blanks = [];
        this.blankLines = [];
      }
      content = content.slice(escape);
    }
    const bare = content.endsWith('\r') ? content.slice(0, -1) : content;
    if (ESCAPED_SDP.test(bare)) {
      this.flush();
      this.scanOrHold(bare, lineNo);
      return;
    }
    // The v= line alone so far and an o= line indented otherwise (a copy in a comment or a draft:
    // "v=0" at the margin, "   o=…" and the rest indented; the v= line's indent of spaces, the
    // others' of tabs; a log's "… bytes=762 v=0", the rest indented): the description read from the
    // o= line's column on, lines at the margin still its own. Each had lost its session lines: five
    // false invalid-line errors, or a fragment of no origin (SDPs-in-text and WHIP audits).
    if (this.block.length === 1 && !this.blockFragment && this.held.length === 0 && this.blanks.length === 0 && (bare.charCodeAt(0) === 32 || bare.charCodeAt(0) === 9)) {
      const lead = bare.length - bare.trimStart().length;
      if (bare.startsWith('o=', lead) && (this.prefixCol !== lead || bare.charCodeAt(lead - 1) !== this.prefixSep)) {
        if (this.prefixCol > 0) this.blockType = statedType(this.prefixedFirst ?? '') ?? prefixType(this.prefixedFirst ?? '');
        this.prefixCol = lead;
        this.prefixSep = bare.charCodeAt(lead - 1);
        this.prefixedFirst = null;
        this.prefixedLines = [];
        this.indentedTail = true;
      }
    }
    if (this.prefixCol > 0 && this.block.length === 1 && bare.startsWith('o=')) {
      // "type: offer, sdp: v=0" and the SDP's other lines without the prefix: webrtc-internals'
      // text form as pasted (real-thread audit: read as two fragments, the v=/o=/s=/t= lines and the type lost).
      this.blockType = statedType(this.prefixedFirst ?? '') ?? prefixType(this.prefixedFirst ?? '');
      this.prefixCol = -1;
      this.prefixedFirst = null;
      this.prefixedLines = [];
    }
    // One blank line just after the prefixed v=0, before an unprefixed o= (a copy with a blank line
    // between every two, as rtpengine's dump was posted: candidates audit, the ufrag and mid lost):
    // held, as blanks inside a description are.
    if (this.prefixCol > 0 && this.block.length === 1 && !this.blockFragment && this.blanks.length === 0 && BLANK.test(bare)) {
      this.blanks.push(content + ending);
      this.blankLines.push(lineNo);
      return;
    }
    if (this.prefixCol > 0 && this.block.length > 0) {
      // The same prefix width, the same character before the SDP line: one more line of it.
      const p = this.prefixCol;
      const rest = bare.length > p + 1 ? bare.slice(p) : '';
      if (bare.charCodeAt(p - 1) === this.prefixSep && SDP_LINE.test(rest) && !rest.startsWith('v=')) {
        this.joined++;
        if (this.held.length > 0) this.takeHeld();
        if (this.blanks.length > 0) this.takeBlanks();
        this.block.push(rest + (content.endsWith('\r') ? '\r' : '') + ending);
        this.blockLines.push(lineNo);
        this.blockEnd = lineNo;
        if (this.prefixedLines.length < 3) this.prefixedLines.push([bare, lineNo]);
        return;
      }
      // An indented copy's line folded as an RFC prints one (JSEP's examples: "a=msid:<stream>" then
      // "<track>" indented deeper on the next line; "a=fingerprint:sha-256" then its hex pairs):
      // joined to the line it goes on, with a blank (none where a ":" meets the fold), and said. It
      // had ended the description, every line after it lost without a word (SDPs-in-text audit: the
      // JSEP examples read as four descriptions and eight false errors).
      const indent = this.indentOnly();
      const lead = bare.length - bare.trimStart().length;
      // Not a line of code or a stack frame ("    at f (x.js:1:2)", "    }"): no bracket in it.
      // A piece with blanks in it only after an a=candidate line (JSEP's "typ host", "raddr … rport …"):
      // elsewhere a deeper-indented sentence is text after the SDP ("Caused by: timeout …"; audit of the change).
      if (indent && lead > p && this.blanks.length === 0 && this.held.length === 0 && bare.length - lead <= 200 && !SDP_LINE.test(bare.slice(lead)) && !/[(){}[\]]/.test(bare) && (!/\S\s+\S/.test(bare.slice(lead)) || this.block[this.block.length - 1]!.startsWith('a=candidate:'))) {
        // The pieces kept apart and joined once (joining each into the line rebuilt it per fold: quadratic, hostile-input audit).
        const last = this.block.length - 1;
        if (this.foldAt !== last) {
          this.joinFolds();
          this.foldAt = last;
        }
        const before = this.foldParts.length > 0 ? this.foldParts[this.foldParts.length - 1]! : this.block[last]!.replace(/\r?\n$/, '').replace(/\r$/, '');
        const piece = bare.slice(lead).trimEnd();
        this.foldParts.push((before.endsWith(':') || piece.startsWith(':') || before.endsWith(' ') ? '' : ' ') + piece);
        this.blockEnd = lineNo;
        this.unfolded.push(lineNo);
        return;
      }
      // A line at the indent that is no SDP line (a fingerprint's hex pairs on a line of their own, a
      // typo): held, the description's if an SDP line of it follows, where parseSdp says the line is
      // broken (it had ended the description, the rest lost without a word: WHIP audit, an SRS answer
      // in a C comment read as recvonly lost, no rtcp-mux, no rtpmap).
      const inner = bare.slice(p);
      if (bare.charCodeAt(p - 1) === this.prefixSep && (!indent || lead === p) && this.blanks.length === 0 && this.heldStrays < MAX_HELD_STRAYS && strayLine(inner) && (this.held.length === 0 || noteLine(inner))) {
        this.held.push([inner + (content.endsWith('\r') ? '\r' : '') + ending, lineNo, bare]);
        this.heldStrays++;
        return;
      }
      // A blank line between two lines of it (an SDP as an RFC prints it, indented, a blank line
      // before each m-section: RFC audit, every m-section after it had been lost without a word):
      // held, as in a description without a prefix; the description's if its next line is one of it.
      if (BLANK.test(bare) && (!this.blockFragment || this.blockOrigin) && this.blanks.length < MAX_HELD_BLANKS) {
        this.blanks.push(content + ending);
        this.blankLines.push(lineNo);
        return;
      }
      // An unindented line after the indented m-sections of a description whose session lines
      // were not (see below): one of it if an SDP line, as before the indent.
      if (!this.indentedTail) this.flush();
    }
    if (this.block.length > 0) {
      // A description whose session lines are at the margin and its m-sections indented (a mail's
      // or a chat's quoting of a copy: session audit, read as a description of 0 m-lines without a
      // word, its m-sections lost): each indented line one of it, read from the m-line's column.
      const c = bare.charCodeAt(0);
      if (!this.blockFragment && this.prefixCol <= 0 && (c === 32 || c === 9) && INDENTED_MLINE.test(bare)) {
        const p = bare.length - bare.trimStart().length;
        this.joined++;
        if (this.held.length > 0) this.takeHeld();
        if (this.blanks.length > 0) this.takeBlanks();
        this.block.push(bare.slice(p) + (content.endsWith('\r') ? '\r' : '') + ending);
        this.blockLines.push(lineNo);
        this.blockEnd = lineNo;
        this.prefixCol = p;
        this.prefixSep = bare.charCodeAt(p - 1);
        this.prefixedFirst = null;
        this.indentedTail = true;
        return;
      }
      if (SDP_LINE.test(bare) && !bare.startsWith('v=') && !(this.notesHeld() && bare.startsWith('a=candidate:'))) {
        this.joined++;
        if (this.held.length > 0) this.takeHeld();
        if (this.blanks.length > 0) this.takeBlanks();
        this.block.push(content + ending);
        this.blockLines.push(lineNo);
        this.blockEnd = lineNo;
        return;
      }
      // Only in a whole description (from v=), and a few in a row: two a=/m= fragments a blank line
      // apart are two (audit of the change: the second's ufrag was lost), and a run of blank lines
      // is not held in memory (70 million took 1 GB).
      if (BLANK.test(bare) && (!this.blockFragment || this.blockOrigin) && this.blanks.length < MAX_HELD_BLANKS) {
        this.blanks.push(content + ending);
        this.blankLines.push(lineNo);
        return;
      }
      // A line that is no SDP line inside a whole description (a typo: "*a=sendonly"), held:
      // the description's if an SDP line follows, where parseSdp says what it is (real-thread
      // audit: the SDP was cut in two there, its m-section losing its mid, rtcp-mux and rtpmap
      // to a second "fragment": three false errors). Not a log's own line: a time, a candidate, JSON.
      // A few in a row, blank lines around them: a thread's notes between its lines ("! -- 2. RID
      // DEFINITIONS --", webrtc-rs/rtc#20: its rid and simulcast lines had been fragments apart).
      // Past the first held line, or after blank lines, only a note: not a line that starts the
      // next SDP ("type: answer, sdp: v=0") or states its type ("Answer:"), and an a=candidate line
      // takes none of them (a log's trickled candidates, after its own lines).
      const first = this.held.length === 0 && this.blanks.length === 0;
      if (!this.blockFragment && this.heldStrays < MAX_HELD_STRAYS && strayLine(bare) && (first || noteLine(bare))) {
        for (let i = 0; i < this.blanks.length; i++) this.held.push([this.blanks[i]!, this.blankLines[i]!, null]);
        this.blanks = [];
        this.blankLines = [];
        this.held.push([content + ending, lineNo, bare]);
        this.heldStrays++;
        return;
      }
      this.flush();
    }
    if (bare.startsWith('v=')) {
      this.startBlock(content + ending, lineNo, false);
      return;
    }
    // A run of a= or m= lines, or an SDP whose v= line is missing (an origin line first: its o=,
    // s= and t= lines had been lost, not even a fragment; parse audit): a fragment, every line kept.
    if ((/^[am]=/.test(bare) && !bare.startsWith('a=candidate:')) || ORIGIN_LINE.test(bare)) {
      this.startBlock(content + ending, lineNo, true);
      // Blank lines in it held as in a whole description (a console copy with "↵" before each line
      // and blank lines after its session part, ion-sfu#151: its m-sections were fragments apart).
      this.blockOrigin = bare.charCodeAt(0) === 111;
      return;
    }
    // "<log prefix> v=0": an SDP whose every line has the prefix (read by the column it starts at).
    // Trimmed only when it ends in a blank: most lines scanned here end in neither "0" nor one.
    const c0 = bare.charCodeAt(0);
    const last = bare.charCodeAt(bare.length - 1);
    const t = last === 48 ? bare : last === 32 || last === 9 ? bare.trimEnd() : '';
    // The same, its v= line webrtc-internals' session summary ("<prefix> v=0 (6 more lines)": new-user audit).
    if (last === 41 && bare.endsWith(' more lines)')) {
      const i = bare.lastIndexOf('v=0 (');
      if (i > 0 && prefixEnd(bare.charCodeAt(i - 1)) && PAGE_V.test(bare.slice(i))) {
        this.startBlock(bare.slice(i) + (content.endsWith('\r') ? '\r' : '') + ending, lineNo, false);
        this.blockTime ??= leadingTime(bare);
        this.prefixCol = i;
        this.prefixSep = bare.charCodeAt(i - 1);
        this.prefixedFirst = bare;
        this.prefixedLines = [[bare, lineNo]];
        return;
      }
    }
    if (t.length >= 4 && t.endsWith('v=0') && prefixEnd(t.charCodeAt(t.length - 4))) {
      this.startBlock('v=0' + (content.endsWith('\r') ? '\r' : '') + ending, lineNo, false);
      this.blockTime ??= leadingTime(bare);
      this.prefixCol = t.length - 3;
      this.prefixSep = t.charCodeAt(t.length - 4);
      this.prefixedFirst = bare;
      this.prefixedLines = [[bare, lineNo]];
      return;
    }
    // An indented m-section (an RFC's example, a quoted mail, a code block): a fragment read from
    // the column its m= starts at, each next line of the same indent one of it (RFC audit: NO_SDP_FOUND).
    if ((c0 === 32 || c0 === 9) && INDENTED_MLINE.test(bare)) {
      const p = bare.length - bare.trimStart().length;
      this.startBlock(bare.slice(p) + (content.endsWith('\r') ? '\r' : '') + ending, lineNo, true);
      this.prefixCol = p;
      this.prefixSep = bare.charCodeAt(p - 1);
      this.prefixedFirst = bare;
      this.prefixedLines = [[bare, lineNo]];
      return;
    }
    this.scanOrHold(bare, lineNo);
  }

  end(): void {
    if (this.literal !== null) this.endLiteral();
    this.flush();
  }

  /** Whether an SDP written as string literals over lines is being read (the stream reader then gives the scanner every line). */
  get holdsLiteral(): boolean {
    return this.literal !== null;
  }

  /** The literal read: its pieces joined, one escaped string on its first line, read as such a line is. */
  private endLiteral(): void {
    const lit = this.literal!;
    this.literal = null;
    // Past the bounds, said: the rest is read as the lines it is (hostile-input audit: cut without a word).
    if (lit.capped) this.sink.problem(diagnostic('sdp-cut', `the SDP written as string literals from line ${lit.line} is read as one up to ${lit.pieces.length === 1 ? 'its first piece' : `${lit.pieces.length} pieces`} (${Math.max(1, Math.round(lit.units / 1024))} KiB), its bound: the lines after are read as they are`, atLine(lit.line, null, null, this.base.file)));
    // One piece: the line as it is (what follows the literal, a JSON value's closing braces, is its own).
    // A string "continued" by a backslash that no line went on with is a line cut there: read as it is.
    // Several: one escaped string, read as text is (scanLine's JSON reading took a format!'s "{}" in it
    // for a JSON value: the SDP was lost; audit of the change).
    if (lit.pieces.length === 1) this.scanLine(lit.first, lit.line);
    else scanText(`${lit.before.replace(/[{}]/g, ' ')}"${lit.pieces.join('')}"`, lit.line, this.sink, this.base.file, undefined, undefined, false, null);
  }

  /** The blank lines held: the description's, its next line being one of it. */
  private takeBlanks(): void {
    if (this.blanks.length === 1) this.afterOneBlank++;
    pushAll(this.block, this.blanks);
    pushAll(this.blockLines, this.blankLines);
    this.blanks = [];
    this.blankLines = [];
  }

  private startBlock(text: string, lineNo: number, fragment: boolean): void {
    this.unfolded = [];
    this.foldAt = -1;
    this.foldParts = [];
    this.block = [text];
    this.blockLines = [lineNo];
    this.blockTime = this.pieceTime;
    this.prefixCol = -1;
    this.indentedTail = false;
    this.joined = 0;
    this.afterOneBlank = 0;
    this.blockStart = lineNo;
    this.blockEnd = lineNo;
    this.blockFragment = fragment;
    this.blockOrigin = false;
    // The line just before said it (real-log audit: go2rtc's "answer" line, then the SDP).
    this.blockType = !fragment && this.typeLine !== null && this.typeLine.line === lineNo - 1 ? this.typeLine.type : null;
    this.typeLine = null;
  }

  private flush(): void {
    this.joinFolds();
    if (this.escapedHeld !== null) {
      const [held, at] = this.escapedHeld;
      this.escapedHeld = null;
      this.scanLine(held, at);
    }
    // Held lines no SDP line followed are the text they are, read after the description (the
    // blank lines among them dropped with its end, as before).
    const held = this.held;
    this.held = [];
    this.heldStrays = 0;
    // Unless one is the rest of the description's last line, folded by a copy (session audit: a
    // fingerprint's last pairs on a line of their own after the SDP had been dropped without a
    // word): the description's, where parseSdp says the line is broken.
    const stray = held.length === 1 ? held[0]! : null;
    if (stray !== null && this.block.length > 0 && this.blanks.length === 0 && foldedTail(this.block[this.block.length - 1]!, stray[2]!.slice(this.prefixCol > 0 ? this.prefixCol : 0))) {
      this.block.push(stray[0]);
      this.blockLines.push(stray[1]);
      this.blockEnd = stray[1];
      this.flushBlock();
      return;
    }
    this.flushBlock();
    for (const [, n, bare] of held) if (bare !== null) this.scanLine(bare, n);
  }

  /** Held lines that are more than one line alone after an SDP line (see push). */
  private notesHeld(): boolean {
    return this.heldStrays > 1 || (this.held.length > 0 && this.held[0]![2] === null);
  }

  /** The folded pieces joined to the line they go on (see pushLine), once. */
  private joinFolds(): void {
    if (this.foldAt < 0) return;
    const line = this.block[this.foldAt];
    if (line !== undefined) {
      const body = line.replace(/\r?\n$/, '');
      const cr = body.endsWith('\r') ? '\r' : '';
      this.block[this.foldAt] = (cr ? body.slice(0, -1) : body) + this.foldParts.join('') + cr + line.slice(body.length);
    }
    this.foldAt = -1;
    this.foldParts = [];
  }

  /** Whether the block's prefix is an indent alone (blanks), not a log's prefix. */
  private indentOnly(): boolean {
    return this.indentedTail || this.prefixedFirst === null || BLANK.test(this.prefixedFirst.slice(0, this.prefixCol));
  }

  /** The held lines: the description's, an SDP line of it following them. */
  private takeHeld(): void {
    for (const [text, n] of this.held) {
      this.block.push(text);
      this.blockLines.push(n);
    }
    this.blockEnd = this.held[this.held.length - 1]![1];
    this.held = [];
    this.heldStrays = 0;
  }

  private flushBlock(): void {
    this.joinFolds();
    const prefixed = this.prefixCol > 0 ? this.prefixedFirst : null;
    this.prefixCol = -1;
    this.indentedTail = false;
    this.prefixedFirst = null;
    if (this.block.length === 0) return;
    // "… v=0" at the end of a log line with no SDP after it behind the same prefix (`log('offer: '
    // + sdp)` printed its first line there; change audit: a one-line description): text, as before.
    if (prefixed !== null && this.block.length < 3 && !this.blockFragment) {
      const lines = this.prefixedLines;
      this.block = [];
      this.blockLines = [];
      this.blanks = [];
      this.blankLines = [];
      this.prefixedLines = [];
      for (const [line, n] of lines) this.scanLine(line, n);
      return;
    }
    this.prefixedLines = [];
    // A blank line between every two lines (a copy from about:webrtc): layout, left out.
    const layout = this.joined > 1 && this.afterOneBlank === this.joined;
    const kept = layout ? this.block.map((l, i) => [l, i] as const).filter(([l]) => !BLANK.test(l.replace(/\r?\n?$/, '').replace(/\r$/, ''))) : null;
    const text = (kept !== null ? kept.map(([l]) => l) : this.block).join('');
    // An SDP within one input line (its breaks written `↵` or `#015#012`): each candidate at that line, with its SDP line.
    const oneLine = this.blockEnd === this.blockStart && this.block.length > 1;
    // Several SDP lines on some input lines, and not on others (rsyslog's escapes over a wrapped
    // dump): each candidate at its own input line, with its SDP line (audit of the change: the
    // lines after such a line were counted one per SDP line).
    const step = layout ? 2 : 1;
    const lines = kept !== null ? kept.map(([, i]) => this.blockLines[i]!) : this.blockLines;
    const uniform = lines.every((n, i) => n === this.blockStart + i * step);
    this.block = [];
    this.blockLines = [];
    this.blanks = [];
    this.blankLines = [];
    // An SDP held in one input line (its breaks escaped) is the line's text, as a JSON string's is:
    // its findings count its own lines, not the input's (README-as-typed audit: "line 8" of a
    // one-line file, for an URL-encoded SDP on line 1).
    const at = this.at(this.blockStart, oneLine ? 'text' : this.blockFragment ? 'sdp-fragment' : 'sdp');
    const unfolded = this.unfolded;
    this.unfolded = [];
    if (unfolded.length > 0) this.sink.problem(diagnostic('sdp-lines-unfolded', `${unfolded.length === 1 ? 'line' : 'lines'} ${listSome(unfolded, String)}, indented deeper than the SDP, ${unfolded.length === 1 ? 'goes' : 'go'} on with the SDP line before, as an RFC's or a comment's folded line does: joined to it (with a blank, none at a ":")`, atLine(unfolded[0]!, null, null, this.base.file)));
    emitDescription(text, this.blockType, this.blockTime !== undefined ? { ...at, timestamp: this.blockTime } : at, this.sink, this.blockFragment, false, oneLine ? 0 : step, oneLine || uniform ? undefined : lines);
  }

  /** Whether a line stated a type for an SDP that may follow (a blank line between them keeps it: the stream reader gives it such a line). */
  get holdsType(): boolean {
    return this.typeLine !== null;
  }

  /** Whether an iOS RTCIceCandidate's description is being read, line by line (the stream reader then gives the scanner every line). */
  get holdsIosCandidate(): boolean {
    return this.iosCandidate !== null;
  }

  /** Whether a line with an escaped SDP, cut at its end, is held for the next (the stream reader then gives the scanner every line, as the whole-text reader does). */
  get holdsEscaped(): boolean {
    return this.escapedHeld !== null;
  }

  /**
   * A line with an SDP whose line breaks are escaped (`… offer: v=0\r\no=…`) that does not end
   * as a whole one does is held: the next line may go on with it, a wrap made by a log's line
   * limit or a post (ZLMediaKit#4324: an SRS log line cut at 1,000 characters inside "a=ssrc:…
   * msid", its video section's rtcp-mux, rtpmap, ICE and setup lines on the next line, read as
   * missing, 12 lines lost without a word).
   */
  private scanOrHold(bare: string, lineNo: number): void {
    const v = bare.indexOf('v=0\\');
    if (v >= 0 && ESCAPED_BREAK.test(bare.slice(v + 3, v + 8)) && !WHOLE_END.test(bare.slice(-8)) && bare.length < MAX_HELD_ESCAPED) this.escapedHeld = [bare, lineNo, bare.length];
    else this.scanLine(bare, lineNo);
  }

  /** The held escaped line, joined by `bare` when it goes on there (true), or read (false). */
  private takeHeldEscaped(bare: string): boolean {
    const [held, at, width] = this.escapedHeld!;
    this.escapedHeld = null;
    const brk = ESCAPED_SDP_BREAK.exec(bare.slice(0, 4096));
    // Its next line goes on with it: an escaped break and an SDP line early in it, or (a wrap at
    // a fixed width, whose piece may fall inside one long SDP line: a fingerprint) as long as the
    // first piece; no log time or JSON before, no new description before that break.
    const plain = leadingTime(bare) === undefined && !opensLikeJson(bare.trimStart());
    // (A new description starts with "v=0" just before its first break: an Erlang binary's `<<"v=0\r\n…`, sample hunt.)
    const goesOn = plain && ((brk !== null && !bare.slice(0, brk.index + 2).includes('v=0\\')) || (bare.length === width && width >= 64 && !bare.includes('v=0\\')));
    if (goesOn) {
      // Held again while it still does not end as a whole one does: its own escaped SDP is known,
      // only the new end is looked at (a search of the whole joined text per line was quadratic).
      const joined = held + bare;
      if (!WHOLE_END.test(bare.slice(-8)) && joined.length < MAX_HELD_ESCAPED) this.escapedHeld = [joined, at, width];
      else this.scanLine(joined, at);
      return true;
    }
    this.scanLine(held, at);
    return false;
  }

  /** Whether a "type" member waits for its "sdp" line: the stream reader then gives the scanner every line, as the whole-text reader does. */
  get awaitsSdpMember(): boolean {
    return this.memberType !== null;
  }

  private scanLine(line: string, lineNo: number): void {
    let trimmed = line.trim();
    const ios = this.iosCandidate;
    this.iosCandidate = null;
    if (ios !== null && ios.line === lineNo - 1) {
      if (ios.mid === undefined && /^[^\s:]{1,64}$/.test(trimmed)) {
        this.iosCandidate = { line: lineNo, mid: trimmed };
        return;
      }
      if (ios.mid !== undefined && ios.index === undefined && /^-?\d{1,5}$/.test(trimmed)) {
        this.iosCandidate = { line: lineNo, mid: ios.mid, index: trimmed };
        return;
      }
      // Read as Android's IceCandidate.toString() is ("<mid>:<index>:candidate:…"). A nil mid ("(null)")
      // keeps its index, which then says the m-section (audit of the change: both had been lost).
      if (ios.index !== undefined && trimmed.startsWith('candidate:')) {
        if (ios.mid === '(null)') {
          emitCandidate(trimmed, { sdpMLineIndex: Number(ios.index) }, this.at(lineNo, 'text'), this.sink);
          return;
        }
        line = trimmed = `${ios.mid}:${ios.index}:${trimmed}`;
      }
    }
    if (trimmed.endsWith('RTCIceCandidate:') && (trimmed.length === 16 || /\s/.test(trimmed.charAt(trimmed.length - 17)))) {
      this.iosCandidate = { line: lineNo };
      return;
    }
    // A stated type holds over blank lines (about:webrtc's "Local SDP (Offer)", a blank line, the SDP),
    // and over a Markdown code fence ("Offer:", "```", the SDP: how issues paste them; sdp-diff audit).
    if (trimmed === '' || CODE_FENCE.test(trimmed)) {
      if (this.typeLine !== null && this.typeLine.line === lineNo - 1) this.typeLine = { ...this.typeLine, line: lineNo };
      return;
    }
    // webrtc-internals' page: 'setLocalDescription (type: "offer", 3 sections)', then its button's
    // words, then the description (the summary of its v= line first; parseSdp reads around it).
    if (trimmed.endsWith('Copy description to clipboard') && this.typeLine !== null && this.typeLine.line === lineNo - 1) {
      this.typeLine = { ...this.typeLine, line: lineNo };
      return;
    }
    const ending = trimmed.endsWith(' sections)') || trimmed.endsWith(' section)') ? PAGE_ROW.exec(trimmed) : TYPE_LINE_END.exec(trimmed.slice(-12));
    this.typeLine = ending !== null ? { type: ending[1]!.toLowerCase() as SdpType, line: lineNo } : null;
    const member = TYPE_MEMBER.exec(line);
    if (member !== null) {
      this.memberType = { type: member[1]!.toLowerCase() as SdpType, line: lineNo };
      return;
    }
    // The type carries to the "sdp" member within reach, across members and opening braces only:
    // a closing brace, a log line or anything else ends the object it was in (audit of the change:
    // a log line and another object's "sdp" below took it).
    let above: SdpType | null = null;
    if (this.memberType !== null) {
      const near = lineNo - this.memberType.line <= MEMBER_REACH;
      if (near && SDP_MEMBER.test(line)) above = this.memberType.type;
      // Kept across a `{` or another member's line only (the SDP's own line has used it).
      if (above !== null || !near || !(trimmed === '{' || trimmed.charCodeAt(0) === 34)) this.memberType = null;
    }
    // A dump's lines are short: a long line (a JSON frame with an SDP) is not searched for their marks.
    if (line.length <= MAX_DUMP_LINE && mayBeDumpLine(line) && this.baresip.line(line, this.at(lineNo, 'text'), this.sink)) return;
    const c0 = trimmed.charCodeAt(0);
    // A line that opens like a JSON value is one, or a problem; "[06:21:10.200] …" and "[pc1] …" are log prefixes.
    // A line of one "{" or "[" opens a pretty-printed block in a log (console.log of JSON with
    // indentation): no warning for it, in either reader (audit of the change: "invalid-json, raise
    // the logger's line limit" for every such block).
    if (trimmed.length > 1 && opensLikeJson(trimmed)) {
      const value = this.json.parse(trimmed);
      if (value !== NOT_JSON) {
        relayRecord(this.sink, this.base.file, value);
        walkJson(value, this.at(lineNo, 'json'), this.sink);
        return;
      }
      const deep = tooDeepToParse(trimmed);
      this.sink.problem(diagnostic('invalid-json', deep ? `line ${lineNo} is JSON nested more than ${MAX_JSON_DEPTH} deep, deeper than any input: read as text` : `line ${lineNo} starts like JSON but does not parse`, atLine(lineNo, null, null, this.base.file)));
    }
    // pion's base64 of a description (`signal.Encode(offer)`), alone or after words: decoded and read.
    if (line.includes(PION_START)) {
      const value = pionSignal(line);
      if (value !== null) walkJson(value, { ...this.at(lineNo, 'json'), path: '$(base64)' }, this.sink);
    }
    // A log line: its time (a JSON value's own time, if it has one, wins), then a JSON value after a prefix ("12:00:01 recv {…}").
    // A piece of a syslog line (rsyslog's #015#012) has that line's time.
    const time = leadingTime(trimmed) ?? this.pieceTime;
    if (c0 !== 123) {
      const brace = line.indexOf('{');
      const close = brace < 0 ? -1 : line.lastIndexOf('}');
      if (brace >= 0 && close > brace) {
        const value = this.json.parse(line.slice(brace, close + 1));
        if (value !== NOT_JSON) {
          // A candidate in the prefix (`send candidate:… {…}`) is the line's too (audit of the change: lost).
          if (line.lastIndexOf('candidate:', brace) >= 0) scanText(line.slice(0, brace), lineNo, this.sink, this.base.file, time);
          const ctx = this.at(lineNo, 'json');
          walkJson(value, time !== undefined ? { ...ctx, timestamp: time } : ctx, this.sink);
          return;
        }
        // Not JSON: look for candidates and escaped SDPs in the text.
      }
    }
    // The end of gathering as native stacks log it (libwebrtc's "component 1 gathering complete",
    // "All candidates gathered for 0:1:0", libjuice's "Candidate gathering done", libdatachannel's
    // "Changed gathering state to complete"): an end-of-candidates (native-log audit: a false
    // end-of-candidates-missing on each such log).
    if (line.length <= MAX_DUMP_LINE && GATHERING_DONE.test(line) && !GATHERING_NOT_DONE.test(line) && !line.includes('candidate:')) {
      const at = this.at(lineNo, 'text');
      this.sink.endOfCandidates({ sdpMid: null, source: time !== undefined ? { ...at, timestamp: time } : at });
      return;
    }
    // SDP lines glued together, their line breaks lost (a post's or a copy's: go2rtc's thread,
    // "…a=rtcp-muxa=rtcp-rsizea=rtpmap:111…", read as nothing without a word): not read, said.
    if (line.length >= 64 && line.includes('a=rtpmap:') && gluedSdpLines(line)) this.sink.problem(diagnostic('sdp-lines-glued', `line ${lineNo} holds SDP lines glued together, their line breaks lost ("${gluedSample(line)}"): not read as a description`, atLine(lineNo, null, null, this.base.file)));
    scanText(line, lineNo, this.sink, this.base.file, time, undefined, false, above);
  }
}

/** An SDP attribute written right after another line's value, no break or blank between (`…a=rtcp-muxa=rtpmap:111 …`); not after an escaped break (`\\na=`, `#012a=`, `\\x0Aa=`, `\\012a=`, `%0Aa=`, `\\u000aa=`: the breaks are there, written otherwise) nor after a separator (`;a=`). */
const GLUED_ATTRIBUTE = /(?<=[A-Za-z0-9.\-+/])(?<!\\[nr]|#01[25]|\\01[25]|\\x0[aAdD]|%0[aAdD]|\\u000[aAdD])a=(?:rtpmap|fmtp|rtcp-fb|ice-ufrag|ice-pwd|fingerprint|setup|mid|extmap|ssrc|msid|rtcp-mux|sendrecv|sendonly|recvonly|candidate):/g;

/** Whether a line holds three or more SDP attributes glued to what comes before them. */
export function gluedSdpLines(line: string): boolean {
  GLUED_ATTRIBUTE.lastIndex = 0;
  let n = 0;
  while (GLUED_ATTRIBUTE.exec(line) !== null) if (++n >= 3) return true;
  return false;
}

/** A few characters around the first glued attribute, for the message. */
function gluedSample(line: string): string {
  GLUED_ATTRIBUTE.lastIndex = 0;
  const m = GLUED_ATTRIBUTE.exec(line);
  const at = m === null ? 0 : m.index;
  return JSON.stringify(line.slice(Math.max(0, at - 12), at + 16)).slice(1, -1);
}

/**
 * A native stack's words for the end of gathering, as they write them (the whole agent's, not one
 * port's: "Port completed gathering candidates" is not one), and a page's state; not a line that
 * waits for it, gives up on it or asks ("waiting for gathering complete", "timed out", "?":
 * audit of the change, each had read as the end).
 */
const GATHERING_DONE = /\b(?:component \d+ gathering complete|all candidates gathered for|candidate gathering done|changed gathering state to complete|ice ?gathering ?state(?: changed)?(?: to|:|=)? ?["']?complete\b|ice gathering completed?\b)/i;
const GATHERING_NOT_DONE = /wait|timed? ?out|\bnot\b|\?|false|fail/i;

/** A Markdown code fence's opening or closing line, with a language or none ("```", "```sdp", "~~~"). */
export const CODE_FENCE = /^(?:```|~~~)[\w-]{0,16}$/;

/** rsyslog's escaped line break before an SDP line (`…#015#012a=candidate:…`). */
const SYSLOG_SDP_BREAK = /#012(?:[a-z]=|$)/;

/** A line break as a writer escapes it: its CRLF and LF forms, the test that one stands before an SDP line, and whether the text is URL-encoded. */
interface BreakForm {
  readonly crlf: string;
  readonly lf: string;
  readonly test: RegExp;
  readonly url: boolean;
}
const BREAK_FORMS: readonly BreakForm[] = [
  { crlf: '#015#012', lf: '#012', test: SYSLOG_SDP_BREAK, url: false },
  { crlf: '\\x0D\\x0A', lf: '\\x0A', test: /v=0(?:\\x0D)?\\x0A(?:[a-z]=|$)/, url: false },
  { crlf: '\\x0d\\x0a', lf: '\\x0a', test: /v=0(?:\\x0d)?\\x0a(?:[a-z]=|$)/, url: false },
  { crlf: '\\015\\012', lf: '\\012', test: /v=0(?:\\015)?\\012(?:[a-z]=|$)/, url: false },
  // URL encoding, of the breaks alone or of every reserved character (FreeSWITCH's CDRs and ESL
  // events: `v%3D0%0D%0Ao%3D-%20…`; Skype for Business's mediaOffer data URL, lower case with "+"
  // for blanks: sample hunt).
  { crlf: '%0D%0A', lf: '%0A', test: /v(?:=|%3D)0(?:%0D)?%0A(?:[a-z](?:=|%3D)|$)/, url: true },
  { crlf: '%0d%0a', lf: '%0a', test: /v(?:=|%3d)0(?:%0d)?%0a(?:[a-z](?:=|%3d)|$)/, url: true },
];

/** The escape of line breaks a line's SDP is written with (rsyslog's anywhere before an SDP line; the others after its v=0), or null. */
function escapedBreakForm(content: string): BreakForm | null {
  for (const f of BREAK_FORMS) if (content.includes(f.lf) && f.test.test(content)) return f;
  return null;
}



/** A line's escaped line break at its end (`\r`, `\r\n`, `\n` as written), a CR after it too, not after an escaped backslash. */
const TRAILING_ESCAPE = /(?<!\\)(?:\\r\\n|\\r|\\n)\r?$/;

/** An m-line behind blanks only: `    m=audio 49170 RTP/AVP 0`. */
const INDENTED_MLINE = /^[ \t]{1,16}m=[a-z]{3,16} [0-9]{1,5}(?:\/[0-9]{1,5})? [A-Za-z]/;
/** An SDP origin line (RFC 8866 §5.2: o=<username> <sess-id> <sess-version> IN IP4|IP6 <address>), bounded. */
const ORIGIN_LINE = /^o=\S{1,256} \S{1,64} \S{1,64} IN IP[46] \S/;

/** The type a prefix names just before its v=0 (`Offer -----v=0`, `answer: v=0`), or null. */
function prefixType(first: string): SdpType | null {
  const m = PREFIX_TYPE.exec(first);
  return m === null ? null : (m[1]!.toLowerCase() as SdpType);
}
// "offer sdp v=0" too (a C header's "offer sdp " prefix: simulcast audit, the type was unknown).
const PREFIX_TYPE = /(?:^|[^A-Za-z])(offer|answer|pranswer)(?:[^A-Za-z0-9]{0,16}sdp)?[^A-Za-z0-9]{0,16}v=0[ \t]*$/i;

/** webrtc-internals' session summary: the v= line of a page copy. */
const PAGE_V = /^v=0 \([0-9]{1,7} more lines?\)$/;
/** A line's first SDP line: "<letter>=" at its start or after a blank, "]", ">" or "|". */
const FIRST_SDP_TOKEN = /(?:^|[ \t\]>|])[a-z]=/;
/** A description's row on webrtc-internals' page (peer_connection_update_table.js). */
const PAGE_ROW = /\(type: "(offer|answer|pranswer)", [0-9]{1,7} sections?\)$/;
/**
 * A line's last word a description's type, a colon after it or not (`… TRC [webrtc] answer`,
 * `offer:`), or in brackets as about:webrtc's headings end: "Local SDP (Offer)", "Remote SDP (Answer)".
 */
const TYPE_LINE_END = /(?:^|[\s\]>|]|\()(offer|answer|pranswer)(?:\)|:?)$/i;

/** `"type": "offer",` alone on its line: a member of a pretty-printed JSON object (bounded blanks, linear). */
const TYPE_MEMBER = /^[ \t]{0,64}"type"[ \t]{0,8}:[ \t]{0,8}"(offer|answer|pranswer)"[ \t]{0,8},?[ \t]{0,8}$/i;
/** `"sdp": "v=0…`: the SDP member of such an object. */
const SDP_MEMBER = /^[ \t]{0,64}"sdp"[ \t]{0,8}:[ \t]{0,8}"v=0/i;
/** How far below its "type" member an SDP member may be (`"answer": {` and the like between them). */
const MEMBER_REACH = 4;
/** The longest line a baresip dump's is taken to be (a row is under 200 characters, with a log prefix). */
const MAX_DUMP_LINE = 1024;

/**
 * True when a (trimmed) line opens as a JSON object or array would: "{" then a key or "}"; "[" then
 * a value or "]" — and not a leading time in brackets. A log prefix in brackets ("[pc1]",
 * "[2026-11-24 06:00:00,123]", "[INFO]") is not JSON, so not an invalid-json problem either.
 */
export function opensLikeJson(t: string): boolean {
  const c0 = t.charCodeAt(0);
  if (c0 !== 123 && c0 !== 91) return false;
  let i = 1;
  // JSON's white space (RFC 8259 §2), a CR too: a document with CR-only line ends is one "line".
  while (i < t.length && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9 || t.charCodeAt(i) === 13)) i++;
  if (i >= t.length) return true;
  const c = t[i]!;
  if (c0 === 123) return c === '"' || c === '}';
  if (c === '{' || c === '[' || c === '"' || c === ']') return true;
  // "-" opens a negative number only before a digit: "[-] handleIceCandidate event." is a log's
  // marker (real-log audit of 2026-12-07, UCI_OmletRTC#2: invalid-json), read as the numbers are.
  const digit = (x: string | undefined) => x !== undefined && x >= '0' && x <= '9';
  if (digit(c) || (c === '-' && digit(t[i + 1]))) {
    if (leadingTime(t) !== undefined) return false;
    const m = /^\[\s*-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*([,\]])/.exec(t.slice(0, 64));
    // "[1981012534] Trickle candidate…": one number in brackets and text after it is a log prefix
    // (Janus's handle id), not an array (real-log audit: invalid-json on every line of a Janus log).
    return m !== null && !(m[1] === ']' && t.length > m[0].length);
  }
  return /^(?:true|false|null)\s*[,\]]/.test(t.slice(i, i + 8));
}

/** Lines with NUL bytes reported one by one, per input; past this, skipped without a word. */
export const MAX_BINARY_REPORTS = 10;

/** The finding for a line of binary data (NUL bytes), skipped: one wording for the stream and the text readers. */
export function binaryLineFinding(lineNo: number, file: string | undefined) {
  return diagnostic('binary-data', `line ${lineNo} holds binary data (NUL bytes): skipped`, atLine(lineNo, null, null, file));
}

/**
 * An SDP line with a stray NUL or two in it ("a=send\0only"): one line of text with a byte in it,
 * kept as read (a browser gets it so), not binary data that splits the description in two
 * (parse audit: one NUL in a Janus offer gave five false errors). `line` is its text, NULs and all.
 */
export function textWithNul(line: string): boolean {
  if (line.length < 3 || line.length > 4096 || line.charCodeAt(1) !== 61 /* = */ || !/^[a-z]/.test(line)) return false;
  let nuls = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0 && ++nuls > 2) return false;
    if (c < 32 && c !== 0 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** The finding for such a line, read as it is. */
export function nulLineFinding(lineNo: number, file: string | undefined) {
  return diagnostic('binary-data', `line ${lineNo} holds a NUL byte in an SDP line: read as it is (a browser given it reads the same bytes; the attribute is not the one it looks like)`, atLine(lineNo, null, null, file));
}
