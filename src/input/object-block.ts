/**
 * An object a log prints over several lines, read as the one line it stands for. Node's
 * util.inspect (`console.log('candidate', e.candidate)`, the `debug` module) writes
 *
 *     12:00:01 onicecandidate {
 *       candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host',
 *       sdpMid: '0',
 *       sdpMLineIndex: 0
 *     }
 *
 * (Node before 12: `{ candidate: '…',` on the first line), and a log of `JSON.stringify(msg, null, 2)`
 * after a prefix writes the same shape in JSON. Read a line at a time, the candidate lost its mid
 * and its time, which sit on other lines (real logs: Kurento's tutorial server, a `debug` log of
 * node-webrtc). Joined, the lines are one log line: its time, then a JSON value or an object whose
 * sdpMid the text reader finds around the candidate (text-scan.ts objectInit).
 *
 * A block opens on a line that leaves a bracket open (outside quoted strings) and takes the
 * indented lines after it until the brackets close (a "> " or "< " before each, a direction a
 * log marks, is left out). It is given up, its lines then read one by one
 * as before, at a line that cannot be inside such an object (one that starts at the margin, blank,
 * or an SDP line), past MAX_OBJECT_LINES lines or MAX_OBJECT_UNITS, and at the input's end.
 * Internal: read.ts and node/stream.ts drive it, alike.
 */

/**
 * Lines of one object, at most (a candidate's is 4 to 6, a signaling message's 10 to 30, an offer
 * util.inspect prints a piece a line several hundred: change audit, one of 250 lines was cut).
 */
export const MAX_OBJECT_LINES = 4096;
/** UTF-16 units of one object, at most (an SDP in it is one line of a few KB). */
export const MAX_OBJECT_UNITS = 256 * 1024;

/** A line held: its text (without its ending), its ending, its number. */
export interface HeldLine {
  readonly text: string;
  readonly ending: string;
  readonly line: number;
}

export type ObjectStep =
  /** The line is the block's: nothing to read yet. */
  | { readonly kind: 'held' }
  /** The block closed with this line: `text` is its lines joined, at the first line's number. */
  | { readonly kind: 'closed'; readonly text: string; readonly ending: string; readonly line: number }
  /** The line cannot be the block's: the lines held are to be read one by one, then this one as any line. */
  | { readonly kind: 'gave-up'; readonly held: readonly HeldLine[] };

const HELD: ObjectStep = { kind: 'held' };

/**
 * The brackets (`{`, `[`) left open after `text`, from `depth`: quoted strings (either quote,
 * backslash escapes) are skipped and end at the line's end; a closer with nothing open is ignored.
 */
export function openDepth(text: string, depth: number): number {
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92) i++;
      else if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && depth > 0) depth--;
  }
  return depth;
}

/** The last character of `text` that is not a blank or a CR (its code), or 0. */
function lastCode(text: string): number {
  let i = text.length - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i--;
  return i < 0 ? 0 : text.charCodeAt(i);
}

/**
 * Whether a line may open a block, from its last character that is not a blank: `{` or `[`
 * (util.inspect, JSON) or `,` (util.inspect before Node 12). A quick test before openDepth; the
 * stream reader makes it on bytes (node/stream.ts), so that other lines are not decoded for it.
 */
export function mayOpenObject(text: string): boolean {
  const c = lastCode(text);
  return c === 123 || c === 91 || c === 44;
}

/** The same test on the bytes [start, end) of a line. */
export function mayOpenObjectBytes(buf: Uint8Array, start: number, end: number): boolean {
  let i = end - 1;
  while (i >= start && (buf[i] === 32 || buf[i] === 9 || buf[i] === 13)) i--;
  const c = i < start ? 0 : buf[i]!;
  return c === 123 || c === 91 || c === 44;
}

export class ObjectBlock {
  private held: HeldLine[] = [];
  /** The lines after the first as they are joined (a direction mark left out). */
  private parts: string[] = [];
  private depth = 0;
  private units = 0;

  /** Whether a block is open: every line goes to {@link push}. */
  get open(): boolean {
    return this.held.length > 0;
  }

  /**
   * A line outside any block (mayOpenObject true of it): true when it opens one (held), false
   * when it leaves nothing open (to be read as any line).
   */
  start(text: string, ending: string, line: number): boolean {
    if (text.length > MAX_OBJECT_UNITS) return false;
    const depth = openDepth(text, 0);
    if (depth === 0) return false;
    this.held = [{ text, ending, line }];
    this.parts = [];
    this.depth = depth;
    this.units = text.length;
    return true;
  }

  /** A line while a block is open. */
  push(line0: string, ending: string, line: number): ObjectStep {
    // A direction mark before each line of the object (webrtc-janus' debug log: "> " sent,
    // "< " received, ">}" the close) is the log's, not the object's: left out.
    const text = (line0.charCodeAt(0) === 62 || line0.charCodeAt(0) === 60) && /^[<>][ \t}\]]/.test(line0) ? line0.slice(1) : line0;
    const c0 = text.charCodeAt(0);
    // Inside, a line is indented or closes ("}", "]"): a line at the margin is the log's next one.
    const inside = c0 === 32 || c0 === 9 || c0 === 125 || c0 === 93;
    if (!inside || this.held.length >= MAX_OBJECT_LINES || this.units + text.length > MAX_OBJECT_UNITS || blankOrSdp(text)) return this.giveUp();
    // Held as written (a block given up reads its lines as they were), joined without the mark.
    this.held.push({ text: line0, ending, line });
    this.parts.push(text);
    this.units += text.length;
    this.depth = openDepth(text, this.depth);
    if (this.depth > 0) return HELD;
    const first = this.held[0]!;
    const parts = this.parts;
    this.release();
    // One line: the first as written, each next one without its indentation, a blank between.
    let joined = withoutCr(first.text);
    for (const p of parts) joined += ' ' + withoutCr(p).trimStart();
    return { kind: 'closed', text: joined, ending, line: first.line };
  }

  /** The lines held, the block given up (the input's end, a line that is skipped). */
  release(): readonly HeldLine[] {
    const held = this.held;
    this.held = [];
    this.parts = [];
    return held;
  }

  private giveUp(): ObjectStep {
    return { kind: 'gave-up', held: this.release() };
  }
}

const withoutCr = (t: string): string => (t.charCodeAt(t.length - 1) === 13 ? t.slice(0, -1) : t);

/** A blank line, or an SDP line after its indentation (`  a=rtpmap:…`: an SDP printed raw, not an object's). */
function blankOrSdp(text: string): boolean {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i >= text.length || text.charCodeAt(i) === 13) return true;
  // A string literal that starts an SDP alone on its line (a C table's, a JS array's): read by the
  // line reader, each SDP at its own line (audit of the change: a table's five at its brace's line).
  const q = text.charCodeAt(i);
  if ((q === 34 || q === 39) && text.startsWith('v=0\\', i + 1)) return true;
  const c = text.charCodeAt(i) | 0x20;
  return c >= 97 && c <= 122 && text.charCodeAt(i + 1) === 61;
}
