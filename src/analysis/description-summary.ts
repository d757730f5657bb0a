/**
 * The summary of an SDP held in a frame (frame.ts), read in one pass over its lines without
 * building the model: only the lines a summary needs are read, each with the grammar's own rule
 * (grammar.ts) and the parser's own line and m-line readers, so it says what parseSdp's model
 * says. The relay's logger summarises every description it logs; parseSdp's model, its browser
 * rules and candidate explanations were three quarters of that logger's time on the seed offer.
 * test/analysis/frame.test.ts holds it equal to the summary made from parseSdp on the corpus and
 * on mutated descriptions. Internal.
 */
import { GRAMMAR } from '../sdp/grammar.js';
import { readMedia } from '../sdp/line.js';
import type { Direction, Setup } from '../sdp/model.js';
import { staticPayloadType } from '../sdp/static-payload-types.js';
import { payloadType } from '../sdp/views.js';
import type { MediaSummary } from './frame.js';

/** What one section (the session, or an m-section) says, as the summary reads it. */
interface Section {
  /** The m-line's fields (null for the session). */
  readonly kind: string;
  readonly port: number;
  readonly formats: readonly string[];
  mid: string | null;
  direction: Direction | null;
  /** The last a=ice-ufrag read here (an m-section without one has the session's). */
  ufrag: string | null;
  setup: Setup | null;
  fingerprint: string | null;
  /** The first a=rtpmap's encoding name by payload type (0–127). */
  rtpmaps: (string | undefined)[] | null;
}

const section = (kind: string, port: number, formats: readonly string[]): Section => ({ kind, port, formats, mid: null, direction: null, ufrag: null, setup: null, fingerprint: null, rtpmaps: null });

/** The description part of a frame summary. */
export interface DescriptionSummary {
  readonly media: MediaSummary[];
  readonly bundle: readonly string[] | null;
  readonly iceLite: boolean;
  readonly fingerprint: string | null;
  readonly candidates: number;
}

/**
 * The summary parseSdp's model gives of `text`, or null where parseSdp refuses the text (then the
 * caller asks the reference, which reports that).
 */
export function summarizeDescriptionText(text: string): DescriptionSummary | null {
  // parseSdp's own checks, in its order: a byte order mark is dropped, a blank or non-SDP text refused.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.startsWith('v=')) return null;
  const session = section('', 0, []);
  const media: Section[] = [];
  let current = session;
  let bundle: readonly string[] | null = null;
  let iceLite = false;
  let candidates = 0;
  let start = 0;
  while (start < text.length) {
    // Lines as parseSdp splits them: at LF, without the CR before it (or a last line's CR).
    const nl = text.indexOf('\n', start);
    let end = nl < 0 ? text.length : nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const at = start;
    start = nl < 0 ? text.length : nl + 1;
    if (end - at < 2 || text.charCodeAt(at + 1) !== 61 /* = */) continue;
    const letter = text.charCodeAt(at);
    if (letter === 109 /* m */) {
      const m = readMedia(text.slice(at + 2, end));
      if (m !== undefined) {
        current = section(m.kind, m.port, /RTP\//i.test(m.protocol) ? m.formats : []);
        current.rtpmaps = [];
        media.push(current);
      }
      continue;
    }
    if (letter !== 97 /* a */) continue;
    // Only the names read are looked for, by their first letter: most lines (a=rtcp-fb, a=ssrc,
    // a=fmtp, a=extmap) are passed over without their name scanned. A name runs to the first ":"
    // (readAttribute's reading): "mid" is the name of "a=mid:0", not of "a=midx:0".
    const n = at + 2;
    switch (text.charCodeAt(n)) {
      case 109 /* m */:
        if (current.mid === null && named(text, n, end, 'mid')) current.mid = GRAMMAR.mid.parse(valueOf(text, n + 3, end)) ?? null;
        break;
      case 115 /* s */:
        if (named(text, n, end, 'setup')) {
          // The last one, as parseSdp's model and Chromium read a repeated one (attribute-repeated).
          const v = GRAMMAR.setup.parse(valueOf(text, n + 5, end));
          if (v !== undefined) current.setup = v;
        } else if (flag(text, n, end, 'sendrecv')) current.direction = 'sendrecv';
        else if (flag(text, n, end, 'sendonly')) current.direction = 'sendonly';
        break;
      case 114 /* r */:
        if (current.rtpmaps !== null && named(text, n, end, 'rtpmap')) {
          const r = GRAMMAR.rtpmap.parse(valueOf(text, n + 6, end));
          if (r !== undefined && r.payloadType < 128 && current.rtpmaps[r.payloadType] === undefined) current.rtpmaps[r.payloadType] = r.encodingName;
        } else if (flag(text, n, end, 'recvonly')) current.direction = 'recvonly';
        break;
      case 105 /* i */:
        if (named(text, n, end, 'ice-ufrag')) {
          const u = GRAMMAR['ice-ufrag'].parse(valueOf(text, n + 9, end));
          if (u !== undefined) current.ufrag = u;
        } else if (current === session && flag(text, n, end, 'ice-lite')) iceLite = true;
        else if (flag(text, n, end, 'inactive')) current.direction = 'inactive';
        break;
      case 103 /* g */:
        if (current === session && bundle === null && named(text, n, end, 'group')) {
          const g = GRAMMAR.group.parse(valueOf(text, n + 5, end));
          if (g !== undefined && g.semantics.toUpperCase() === 'BUNDLE') bundle = g.mids;
        }
        break;
      case 102 /* f */:
        if (current.fingerprint === null && named(text, n, end, 'fingerprint')) current.fingerprint = GRAMMAR.fingerprint.parse(valueOf(text, n + 11, end))?.algorithm ?? null;
        break;
      case 99 /* c */:
        if (named(text, n, end, 'candidate')) candidates++;
        break;
    }
  }
  // The model's fingerprint: the first m-section's own, or the session's it inherits.
  let fingerprint: string | null = null;
  for (const m of media) {
    fingerprint = m.fingerprint ?? session.fingerprint;
    if (fingerprint !== null) break;
  }
  return {
    media: media.map((m) => ({
      mid: m.mid,
      kind: m.kind,
      port: m.port,
      direction: m.direction ?? session.direction ?? 'sendrecv',
      codecs: codecNames(m),
      // Its own a=ice-ufrag, else the session's, as parseSdp's model reads each attribute (RFC 8839 §5.4).
      ufrag: cutUfrag(m.ufrag ?? session.ufrag),
      setup: m.setup ?? session.setup,
    })),
    bundle,
    iceLite,
    fingerprint,
    candidates,
  };
}

/** The longest ufrag a summary gives whole (RFC 8839 §5.4's most); a longer one ends in "…" at this length. */
export const MAX_SUMMARY_UFRAG = 256;

/** A ufrag as a summary gives it (see MediaSummary.ufrag). */
export function cutUfrag<T extends string | null>(u: T): T {
  return (u !== null && u.length > MAX_SUMMARY_UFRAG ? `${u.slice(0, MAX_SUMMARY_UFRAG - 1)}…` : u) as T;
}

/** The attribute at `n` (its name's start) is `name`: the name, then ":" or the line's end. */
function named(text: string, n: number, end: number, name: string): boolean {
  const after = n + name.length;
  return after <= end && text.startsWith(name, n) && (after === end || text.charCodeAt(after) === 58);
}

/**
 * A flag attribute (a=sendrecv, a=ice-lite): the name alone, or with a value ("a=recvonly:x") or a
 * blank and more after it ("a=recvonly  note: …"), as both browsers and readAttribute read it.
 */
function flag(text: string, n: number, end: number, name: string): boolean {
  const after = n + name.length;
  if (after > end || !text.startsWith(name, n)) return false;
  if (after === end) return true;
  const c = text.charCodeAt(after);
  if (c === 58) return true;
  return c === 32;
}

/** The value after the name ending at `after`: null without a ":" (readAttribute's). */
const valueOf = (text: string, after: number, end: number): string | null => (after < end ? text.slice(after + 1, end) : null);

/** Distinct codec names in the m-line's order (buildCodecs': a=rtpmap's, else the static payload type's). */
function codecNames(m: Section): string[] {
  const names: string[] = [];
  for (const format of m.formats) {
    const pt = payloadType(format);
    if (pt < 0) continue;
    const name = (pt < 128 ? m.rtpmaps![pt] : undefined) ?? staticPayloadType(pt)?.name ?? '';
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}
