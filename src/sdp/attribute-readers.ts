/**
 * The readers of the attributes that make most of a real description's lines (a=rtcp-fb,
 * a=rtpmap, a=fmtp, a=extmap: 128 of the seed offer's 168 lines). Each is a regular expression,
 * the reference, and a hand-written scan of the same grammar for values of printable ASCII
 * (0x20–0x7e: no tab, no CR, no Unicode blank, where `\S` and `.` mean "not a space" and "any"):
 * three to four times faster, and used only there; any other value goes to the expression.
 * test/sdp/attribute-readers.test.ts holds each scan to its expression, value for value and
 * spelling for spelling, on the corpus and on mutated lines. Internal to the grammar (grammar.ts).
 */
import type { Direction, Extmap, Fmtp, FmtpParameter, RtcpFb, RtpMap } from './model.js';

/**
 * The last value a reader found plain: the parser asks whether a value is exact right after
 * reading it, and need not scan it a second time (equal text is equally plain).
 */
let lastPlain: string | null = null;

/** Every UTF-16 unit is printable ASCII (0x20–0x7e). */
function plain(v: string): boolean {
  if (v === lastPlain) return true;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  lastPlain = v;
  return true;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The end of the run of digits from `i`. */
function digitsEnd(v: string, i: number): number {
  while (i < v.length && isDigit(v.charCodeAt(i))) i++;
  return i;
}

/** The value of v[from, to), all digits (at most 10 of them: exact in a double). */
function digitsValue(v: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (v.charCodeAt(i) - 48);
  return n;
}

/** A run of digits written without a leading zero ("0" itself is fine). */
const canonicalDigits = (v: string, from: number, to: number): boolean => to - from === 1 || v.charCodeAt(from) !== 48;

// a=rtcp-fb: <format> SP <type> [SP <parameter>] (RFC 4585 §4.2).

/** The reference. Trailing blanks ("96 nack ", seen from Medooze) read as absent; the line keeps its spelling. No backtracking over the rest: a run of blanks stays linear (the growth test). */
export function rtcpFbByRegex(v: string | null): RtcpFb | undefined {
  const m = v ? /^(\S+) (\S+)/.exec(v) : null;
  if (!m) return undefined;
  const rest = v!.slice(m[0].length);
  const parameter = rest.startsWith(' ') ? rest.slice(1).trimEnd() : rest.trim() === '' ? '' : undefined;
  return parameter === undefined ? undefined : { format: m[1]!, type: m[2]!, parameter: parameter || null };
}

export function readRtcpFb(v: string | null): RtcpFb | undefined {
  if (!v || !plain(v)) return rtcpFbByRegex(v);
  const sp1 = v.indexOf(' ');
  if (sp1 <= 0 || sp1 + 1 === v.length || v.charCodeAt(sp1 + 1) === 32) return undefined;
  const sp2 = v.indexOf(' ', sp1 + 1);
  if (sp2 < 0) return { format: v.slice(0, sp1), type: v.slice(sp1 + 1), parameter: null };
  const parameter = v.slice(sp2 + 1).trimEnd();
  return { format: v.slice(0, sp1), type: v.slice(sp1 + 1, sp2), parameter: parameter || null };
}

/** Whether a value that read is spelled as written back: single spaces between tokens, none at either end. */
export const rtcpFbExactByRegex = (v: string): boolean => /^\S+ \S+(?: \S+)*$/.test(v);

export function rtcpFbExact(v: string): boolean {
  if (!plain(v)) return rtcpFbExactByRegex(v);
  return v.length > 0 && v.charCodeAt(0) !== 32 && v.charCodeAt(v.length - 1) !== 32 && v.includes(' ') && !v.includes('  ');
}

// a=rtpmap: <payload type> SP <encoding name>/<clock rate>[/<encoding parameters>] (RFC 8866 §6.6).

export function rtpmapByRegex(v: string | null): RtpMap | undefined {
  const m = v ? /^([0-9]{1,3}) ([^/\s]+)\/([0-9]{1,10})(?:\/([0-9]{1,3}))?$/.exec(v) : null;
  if (!m) return undefined;
  return { payloadType: Number(m[1]), encodingName: m[2]!, clockRate: Number(m[3]), channels: m[4] === undefined ? null : Number(m[4]) };
}

export function readRtpmap(v: string | null): RtpMap | undefined {
  if (!v || !plain(v)) return rtpmapByRegex(v);
  const pt = digitsEnd(v, 0);
  if (pt === 0 || pt > 3 || v.charCodeAt(pt) !== 32) return undefined;
  const slash = v.indexOf('/', pt + 1);
  if (slash <= pt + 1) return undefined;
  const name = v.slice(pt + 1, slash);
  if (name.includes(' ')) return undefined;
  const clock = digitsEnd(v, slash + 1);
  if (clock === slash + 1 || clock - slash - 1 > 10) return undefined;
  let channels: number | null = null;
  if (clock < v.length) {
    if (v.charCodeAt(clock) !== 47) return undefined;
    const end = digitsEnd(v, clock + 1);
    if (end !== v.length || end === clock + 1 || end - clock - 1 > 3) return undefined;
    channels = digitsValue(v, clock + 1, end);
  }
  return { payloadType: digitsValue(v, 0, pt), encodingName: name, clockRate: digitsValue(v, slash + 1, clock), channels };
}

/** Whether a value that read is spelled as written back: its numbers without leading zeros. */
export const rtpmapExactByRegex = (v: string): boolean => /^(?:0|[1-9][0-9]*) [^/\s]+\/(?:0|[1-9][0-9]*)(?:\/(?:0|[1-9][0-9]*))?$/.test(v);

export function rtpmapExact(v: string): boolean {
  if (!plain(v)) return rtpmapExactByRegex(v);
  const pt = digitsEnd(v, 0);
  const slash = v.indexOf('/', pt + 1);
  const clock = digitsEnd(v, slash + 1);
  return canonicalDigits(v, 0, pt) && canonicalDigits(v, slash + 1, clock) && (clock === v.length || canonicalDigits(v, clock + 1, v.length));
}

// a=fmtp: <format> SP <format specific parameters> (RFC 8866 §6.15), parameters split at ";".

function fmtpParameters(text: string): FmtpParameter[] {
  return text.split(';').map((p) => {
    const t = p.trim();
    const eq = t.indexOf('=');
    return eq < 0 ? { name: null, value: t } : { name: t.slice(0, eq), value: t.slice(eq + 1) };
  });
}

export function fmtpByRegex(v: string | null): Fmtp | undefined {
  const m = v ? /^(\S+) (.*)$/.exec(v) : null;
  if (!m) return undefined;
  return { format: m[1]!, parameters: fmtpParameters(m[2]!) };
}

export function readFmtp(v: string | null): Fmtp | undefined {
  if (!v || !plain(v)) return fmtpByRegex(v);
  const sp = v.indexOf(' ');
  if (sp <= 0) return undefined;
  // fmtpParameters without the copies: trim() of printable ASCII trims spaces only.
  const parameters: FmtpParameter[] = [];
  for (let start = sp + 1; ; ) {
    const semi = v.indexOf(';', start);
    const end = semi < 0 ? v.length : semi;
    let a = start;
    let b = end;
    while (a < b && v.charCodeAt(a) === 32) a++;
    while (b > a && v.charCodeAt(b - 1) === 32) b--;
    // The "=" within this parameter only (an indexOf to the end would make ";;;…" quadratic).
    let eq = a;
    while (eq < b && v.charCodeAt(eq) !== 61) eq++;
    parameters.push(eq === b ? { name: null, value: v.slice(a, b) } : { name: v.slice(a, eq), value: v.slice(eq + 1, b) });
    if (semi < 0) break;
    start = semi + 1;
  }
  return { format: v.slice(0, sp), parameters };
}

/** Canonical unless a parameter has blanks around it ("minptime=10; useinbandfec=1"). */
export const fmtpExactByRegex = (v: string): boolean => /^\S+ \S/.test(v) && !/\s;|;\s|\s$/.test(v);

export function fmtpExact(v: string): boolean {
  if (!plain(v)) return fmtpExactByRegex(v);
  const sp = v.indexOf(' ');
  return sp > 0 && sp + 1 < v.length && v.charCodeAt(sp + 1) !== 32 && v.charCodeAt(v.length - 1) !== 32 && !v.includes(' ;') && !v.includes('; ');
}

// a=extmap: <id>[/<direction>] SP <URI> [SP <extension attributes>] (RFC 8285 §8).

const DIRECTIONS: ReadonlySet<string> = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/**
 * The direction a=extmap's "/<word>" names: ABNF's quoted strings are case-insensitive (RFC 5234
 * §2.3), so "SENDONLY" is sendonly. A word that is none of the four reads as no direction, as
 * libwebrtc's ParseExtmap reads every a=extmap (it takes the id before the "/" and never the
 * word; both browsers take such a description, measured): the extension is kept, and the parser
 * says the word is unknown (extmapDirectionWord).
 */
function directionOf(word: string): Direction | null {
  const d = DIRECTIONS.has(word) ? word : word.toLowerCase();
  return DIRECTIONS.has(d) ? (d as Direction) : null;
}

/** The word after an a=extmap id's "/" when it names no direction; null when there is none or it does. */
export function extmapDirectionWord(v: string): string | null {
  const slash = v.indexOf('/');
  const sp = v.indexOf(' ');
  if (slash < 0 || sp < slash) return null;
  const word = v.slice(slash + 1, sp);
  return directionOf(word) === null ? word : null;
}

export function extmapByRegex(v: string | null): Extmap | undefined {
  const m = v ? /^([0-9]{1,5})(?:\/([^ /]+))? (\S+)(?: (.*))?$/.exec(v) : null;
  if (!m) return undefined;
  return { id: Number(m[1]), direction: m[2] === undefined ? null : directionOf(m[2]), uri: m[3]!, attributes: m[4] ?? null };
}

export function readExtmap(v: string | null): Extmap | undefined {
  if (!v || !plain(v)) return extmapByRegex(v);
  const id = digitsEnd(v, 0);
  if (id === 0 || id > 5) return undefined;
  let at = id;
  let direction: Direction | null = null;
  if (v.charCodeAt(at) === 47) {
    const sp = v.indexOf(' ', at + 1);
    const word = sp < 0 ? '' : v.slice(at + 1, sp);
    if (word === '' || word.includes('/')) return undefined;
    direction = directionOf(word);
    at = sp;
  }
  if (v.charCodeAt(at) !== 32 || at + 1 === v.length || v.charCodeAt(at + 1) === 32) return undefined;
  const sp = v.indexOf(' ', at + 1);
  return { id: digitsValue(v, 0, id), direction, uri: sp < 0 ? v.slice(at + 1) : v.slice(at + 1, sp), attributes: sp < 0 ? null : v.slice(sp + 1) };
}

/** Whether a value that read is spelled as written back: its id without a leading zero, its direction (if any) one of the four in lower case. */
export const extmapExactByRegex = (v: string): boolean => /^(?:0|[1-9][0-9]*)(?: |\/(?:sendrecv|sendonly|recvonly|inactive) )/.test(v);

export function extmapExact(v: string): boolean {
  if (!plain(v)) return extmapExactByRegex(v);
  const end = digitsEnd(v, 0);
  if (!canonicalDigits(v, 0, end)) return false;
  if (v.charCodeAt(end) !== 47) return true;
  const sp = v.indexOf(' ', end);
  return DIRECTIONS.has(v.slice(end + 1, sp));
}

/** RFC 6904 §4: an encrypted header extension is written a=extmap:<id> urn:ietf:params:rtp-hdrext:encrypt <its URI>. */
export const ENCRYPTED_EXTENSION = 'urn:ietf:params:rtp-hdrext:encrypt';

/**
 * What an a=extmap names: its URI, or for an encrypted one (RFC 6904) "urn:…:encrypt <its URI>",
 * so that an encrypted extension is told from the plain one and from another encrypted one (as
 * libwebrtc's ParseExtmap reads the URI after the wrapper). Derived once for every reader.
 */
export function extensionOf(e: { readonly uri: string; readonly attributes: string | null }): string {
  return e.uri === ENCRYPTED_EXTENSION && e.attributes !== null && e.attributes !== '' ? `${ENCRYPTED_EXTENSION} ${e.attributes.split(' ')[0]}` : e.uri;
}

/** The extension itself, encrypted or not: its URI, the one after RFC 6904's wrapper. */
export const innerExtension = (e: { readonly uri: string; readonly attributes: string | null }): string => {
  const x = extensionOf(e);
  return x.startsWith(`${ENCRYPTED_EXTENSION} `) ? x.slice(ENCRYPTED_EXTENSION.length + 1) : x;
};
