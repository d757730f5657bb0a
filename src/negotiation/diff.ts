/**
 * diffDescriptions(before, after): what changed between two offers (or two answers) of one
 * session, as a renegotiation sees it: m-lines added, removed or recycled, codecs added, removed or
 * reordered, directions, ssrcs and msids, ICE credentials (an ICE restart), fingerprints,
 * DTLS roles, BUNDLE and candidates; and every other line added or removed (b=, a=ice-options,
 * a=ssrc-group, a=rtcp-fb, a=ptime…), as it is written.
 */
import { requireObject, SdpscopeError } from '../errors.js';
import { readingModels } from '../model-guard.js';
import type { Codec, MediaDescription, SdpLine, SessionDescription } from '../sdp/model.js';
import { browserDirection } from './negotiate.js';
import { bundleGroupsOf } from './one-side.js';
import { fnv1a32 } from '../text-hash.js';
import { fmtpText } from './codecs.js';
import { writeLine } from '../sdp/line.js';

export type ChangeKind =
  | 'session-changed'
  | 'version-not-increased'
  | 'mline-added'
  | 'mline-removed'
  | 'mline-recycled'
  | 'mline-rejected'
  | 'mline-reenabled'
  | 'mid-changed'
  | 'mline-moved'
  | 'origin-changed'
  | 'address-changed'
  | 'rtcp-mux-changed'
  | 'protocol-changed'
  | 'direction-changed'
  | 'session-direction-changed'
  | 'codec-added'
  | 'codec-removed'
  | 'payload-type-reassigned'
  | 'codecs-reordered'
  | 'codec-parameters-changed'
  | 'ssrc-added'
  | 'ssrc-removed'
  | 'msid-changed'
  | 'ice-restart'
  | 'ice-credentials-changed'
  | 'fingerprint-changed'
  | 'setup-changed'
  | 'bundle-changed'
  | 'extmap-added'
  | 'extmap-removed'
  | 'candidate-added'
  | 'candidate-removed'
  | 'line-added'
  | 'line-removed';

export interface DescriptionChange {
  readonly kind: ChangeKind;
  readonly mid: string | null;
  readonly index: number | null;
  readonly before: string | null;
  readonly after: string | null;
  readonly message: string;
}

export interface DescriptionDiff {
  /** Same o= username and session id: a renegotiation of one session rather than two sessions. */
  readonly sameSession: boolean;
  readonly changes: readonly DescriptionChange[];
}

/**
 * An m-section's msids as a browser reads them: its a=msid lines, else those its a=ssrc lines name
 * (libwebrtc reads those where there is no a=msid: a Plan B offer; munging audit: lib-jitsi-meet's
 * LocalSdpMunger renamed every stream and track on the a=ssrc lines, unsaid as such).
 */
function msidsOf(m: MediaDescription): string {
  if (m.msids.length > 0) return m.msids.map((x) => `${x.streamId} ${x.trackId ?? ''}`.trim()).join(', ');
  // A set: an m-section of thousands of a=ssrc lines is read in one pass.
  const named = new Set<string>();
  for (const y of m.ssrcs) if (y.attribute === 'msid' && y.value !== null) named.add(y.value.trim());
  return [...named].join(', ');
}

/** A codec as the diff names it: payload type, name, rate and channels (its parameters are said apart: codec-parameters-changed). */
const codecName = (c: Codec) => `${c.payloadType} ${c.name || '?'}/${c.clockRate ?? '?'}${c.channels !== null && c.channels > 1 ? '/' + c.channels : ''}`;
const codecKey = (m: MediaDescription) => m.codecs.map(codecName);
/** An m-section's codecs by codecName, the first of each (a payload type listed twice is one). */
function byCodecName(m: MediaDescription): Map<string, Codec> {
  const out = new Map<string, Codec>();
  for (const c of m.codecs) {
    const k = codecName(c);
    if (!out.has(k)) out.set(k, c);
  }
  return out;
}
/** A codec with its a=fmtp, as codec-added and codec-removed show it. */
const codecShown = (c: Codec) => `${codecName(c)}${c.parameters.length ? ' ' + fmtpText(c) : ''}`;
/** A codec's parameters, each as written ("stereo=1", a bare "0-16"), in order. */
const parameterTexts = (c: Codec) => c.parameters.map((p) => (p.name === null ? p.value : `${p.name}=${p.value}`));
const candidateKey = (m: MediaDescription) => m.candidates.map(({ candidate: c }) => `${c.type} ${c.transport} ${c.address}:${c.port} (component ${c.component}, foundation ${c.foundation})`);
/** What of `a` is not in `b`, in `a`'s order (a Set: includes per item was quadratic; parser audit). */
const setDiff = (a: readonly string[], b: readonly string[]) => {
  const there = new Set(b);
  return a.filter((x) => !there.has(x));
};

/**
 * Attributes whose changes are said by a kind of their own above (codecs, ssrcs, msid, ICE, DTLS,
 * mid, direction, extmap, candidates, rtcp-mux; BUNDLE groups by bundle-changed): not again as lines.
 */
const SAID: ReadonlySet<string> = new Set(['candidate', 'rtpmap', 'fmtp', 'msid', 'ice-ufrag', 'ice-pwd', 'fingerprint', 'setup', 'extmap', 'mid', 'sendrecv', 'sendonly', 'recvonly', 'inactive', 'rtcp-mux']);

/**
 * The lines of a section that no other change kind speaks of, as written: b=, a=ice-options,
 * a=ssrc-group, a=rtcp-fb (but of a codec added or removed: said with it), a=ptime, a=simulcast…
 * (munging audit: a bitrate cap, trickle's removal or a simulcast group added were "no changes").
 */
function otherLines(lines: readonly SdpLine[], codecsGone: ReadonlySet<string>, ssrcsGone: ReadonlySet<string> = NONE, session = false, listed: ReadonlySet<string> = NONE): string[] {
  const out: string[] = [];
  for (const l of lines) {
    // An m-section's c= is address-changed's (but gathering's placeholder filled in, no change);
    // the session's, every m-section's without its own (RFC 8866 §5.7), is a line (change audit: unsaid).
    if (l.kind === 'media' || l.kind === 'origin' || (l.kind === 'connection' && !session) || (l.kind === 'field' && l.letter === 'v')) continue;
    if (l.kind === 'attribute' || l.kind === 'other-attribute') {
      // An a=rtpmap or a=fmtp of a payload type the m= line does not list is no codec's: a line
      // (munging audit 5: Wowza's H264 lines moved under m=audio went unsaid).
      if (SAID.has(l.name) && !((l.name === 'rtpmap' || l.name === 'fmtp') && l.kind === 'attribute' && !listed.has(l.name === 'rtpmap' ? String((l.value as { payloadType: number }).payloadType) : (l.value as { format: string }).format))) continue;
      const text = writeLine(l);
      if (l.name === 'group' && /^a=group:BUNDLE(?: |$)/.test(text)) continue;
      if (l.name === 'rtcp-fb' && codecsGone.has(/^a=rtcp-fb:(\S+)/.exec(text)?.[1] ?? '')) continue;
      // An a=ssrc line of an ssrc added or removed is said with it; one of an ssrc kept is a line
      // (SIP/SFU munging audit: mediasoup-client rewrote the msid of the ssrcs it kept, unsaid).
      if (l.name === 'ssrc' && ssrcsGone.has(/^a=ssrc:(\S+)/.exec(text)?.[1] ?? '')) continue;
      out.push(text);
      continue;
    }
    out.push(writeLine(l));
  }
  return out;
}

const NONE: ReadonlySet<string> = new Set();

/** A short tag of a pwd (FNV-1a, 4 hex digits): two different ones tell apart, the value is not shown. */
const pwdTag = (pwd: string): string => (fnv1a32(pwd) & 0xffff).toString(16).padStart(4, '0');

/** What of `a` is not in `b`, counting repeats (a line written twice and then once is one removed). */
/** The items of `a` not matched one for one in `b`. */
export function multisetDiff(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

/** The first m-section of each mid. */
function byMid(media: readonly MediaDescription[]): Map<string, MediaDescription> {
  const map = new Map<string, MediaDescription>();
  for (const m of media) if (m.mid !== null && !map.has(m.mid)) map.set(m.mid, m);
  return map;
}

function pairMedia(before: SessionDescription, after: SessionDescription, afterByMid: ReadonlyMap<string, MediaDescription>): [MediaDescription | null, MediaDescription | null][] {
  const pairs: [MediaDescription | null, MediaDescription | null][] = [];
  const used = new Set<MediaDescription>();
  for (const b of before.media) {
    const a = (b.mid !== null ? afterByMid.get(b.mid) : undefined) ?? (b.mid === null ? after.media[b.index] : undefined) ?? null;
    if (a) used.add(a);
    pairs.push([b, a]);
  }
  for (const a of after.media) if (!used.has(a)) pairs.push([null, a]);
  return pairs;
}

/**
 * The pairs with an m-line in use (not stopped) that went unpaired by mid, paired with the new
 * m-line at its place when that is of the same kind and its mid is new: one m-line renamed.
 */
function renamedPairsOf(pairs: readonly [MediaDescription | null, MediaDescription | null][], beforeByMid: ReadonlyMap<string, MediaDescription>, recycled: ReadonlySet<MediaDescription>): [MediaDescription | null, MediaDescription | null][] {
  const newAt = new Map<number, MediaDescription>();
  for (const [b, a] of pairs) if (b === null && a !== null && a.mid !== null && !beforeByMid.has(a.mid) && !recycled.has(a)) newAt.set(a.index, a);
  if (newAt.size === 0) return pairs as [MediaDescription | null, MediaDescription | null][];
  const taken = new Set<MediaDescription>();
  const out: [MediaDescription | null, MediaDescription | null][] = [];
  for (const [b, a] of pairs) {
    if (b !== null && a === null && (b.port !== 0 || b.bundleOnly) && b.mid !== null && !recycled.has(b)) {
      const n = newAt.get(b.index);
      if (n !== undefined && n.kind === b.kind) {
        taken.add(n);
        newAt.delete(b.index);
        out.push([b, n]);
        continue;
      }
    }
    out.push([b, a]);
  }
  return taken.size === 0 ? out : out.filter(([b, a]) => !(b === null && a !== null && taken.has(a)));
}

/**
 * Stopped m-lines (port 0) whose place a new mid took: recycled (RFC 8829 §5.2.2, RFC 3264
 * §8.1), not one removed and one added (sdp-diff audit: Chromium's re-offer after
 * transceiver.stop() and addTransceiver read "is gone: m-lines are never removed"). One pass
 * over the pairs, the new m-lines found by index.
 */
function recycledPairsOf(pairs: readonly [MediaDescription | null, MediaDescription | null][], beforeByMid: ReadonlyMap<string, MediaDescription>): [MediaDescription, MediaDescription][] {
  const newAt = new Map<number, MediaDescription>();
  for (const [b, a] of pairs) if (b === null && a !== null && a.mid !== null && !beforeByMid.has(a.mid)) newAt.set(a.index, a);
  const out: [MediaDescription, MediaDescription][] = [];
  for (const [b, a] of pairs) {
    if (b === null || a !== null || b.port !== 0 || b.bundleOnly) continue;
    const taken = newAt.get(b.index);
    if (taken !== undefined) {
      out.push([b, taken]);
      newAt.delete(b.index);
    }
  }
  return out;
}

/**
 * What changed between two descriptions of one side (a re-offer, a renegotiation): m-lines added,
 * rejected or recycled, ICE restarts, DTLS fingerprint and role, codecs, directions, ssrcs,
 * extmaps, the o= version (RFC 3264 §8). `sdp-diff --diff` prints it. Pure.
 */
export function diffDescriptions(before: SessionDescription, after: SessionDescription): DescriptionDiff {
  requireObject(before, 'diffDescriptions: the first description', 'media', 'origin');
  requireObject(after, 'diffDescriptions: the second description', 'media', 'origin');
  // A list, as parseSdp makes it (sdp-diff audit: a string's characters were read as m-lines, and made-up changes came out).
  for (const [d, what] of [[before, 'first'], [after, 'second']] as const) {
    if (!Array.isArray(d.media)) throw new SdpscopeError('INVALID_ARGUMENT', `diffDescriptions: the ${what} description's media must be the list of m-sections parseSdp makes`);
  }
  return readingModels('diffDescriptions', [before, after], ['the first description', 'the second description'], () => diffModels(before, after));
}

/** A direction that puts the stream on hold when a later offer says it (RFC 3264 §8.4). */
const held = (d: string) => d === 'sendonly' || d === 'inactive';

function diffModels(before: SessionDescription, after: SessionDescription): DescriptionDiff {
  const changes: DescriptionChange[] = [];
  const add = (kind: ChangeKind, m: MediaDescription | null, before_: string | null, after_: string | null, message: string) =>
    changes.push({ kind, mid: m?.mid ?? null, index: m?.index ?? null, before: before_, after: after_, message });

  const ob = before.origin;
  const oa = after.origin;
  const sameSession = ob !== null && oa !== null && ob.username === oa.username && ob.sessionId === oa.sessionId;
  /** Two sessions by their o= lines (session-changed): the renegotiation rules (ICE restart, payload types kept) are not theirs. */
  const twoSessions = ob !== null && oa !== null && !sameSession;
  // The username alone changed (Chime's withUnifiedPlanFormat writes "mozilla-chrome"): said as
  // that, not as "session id X → X" (munging audit 6).
  if (ob && oa && !sameSession) {
    if (ob.sessionId === oa.sessionId) add('session-changed', null, `${ob.username} ${ob.sessionId}`, `${oa.username} ${oa.sessionId}`, `o= username ${ob.username} → ${oa.username}, session id ${ob.sessionId} kept: the username and session id name a session (RFC 8866 §5.2), so by the letter these are two sessions`);
    else add('session-changed', null, ob.sessionId, oa.sessionId, `o= session id ${ob.sessionId} → ${oa.sessionId}${ob.username !== oa.username ? ` (and username ${ob.username} → ${oa.username})` : ''}: these are two sessions, not a renegotiation`);
  }
  // The rest of o= (its network and address) is kept across offers but for the version (RFC 3264 §8;
  // renegotiation audit: an o= address change went unsaid). Browsers ignore it; SIP peers key on it.
  if (ob && oa && sameSession && `${ob.netType} ${ob.addressType} ${ob.address}` !== `${oa.netType} ${oa.addressType} ${oa.address}`) {
    add('origin-changed', null, `${ob.netType} ${ob.addressType} ${ob.address}`, `${oa.netType} ${oa.addressType} ${oa.address}`, `o= address ${ob.netType} ${ob.addressType} ${ob.address} → ${oa.netType} ${oa.addressType} ${oa.address}: a later offer keeps its o= line but for the version (RFC 3264 §8); browsers ignore it, a SIP peer or B2BUA may not`);
  }
  // Every BUNDLE group, ' | ' between two (a second group changed was not said).
  const bundles = (d: SessionDescription) => {
    const gs = bundleGroupsOf(d);
    return gs.length > 0 ? gs.map((g) => g.join(' ')).join(' | ') : null;
  };
  // The session's c= as a line where every m-section has its own (none inherits it, so
  // address-changed cannot say it); where one inherits it, address-changed says what it moves.
  const ownConnections = (d: SessionDescription) => d.media.every((m) => m.lines.some((l) => l.kind === 'connection'));
  const sessionConnection = ownConnections(before) && ownConnections(after);
  const sessionLinesBefore = before.lines === after.lines ? [] : otherLines(before.lines, NONE, NONE, sessionConnection);
  const sessionLinesAfter = before.lines === after.lines ? [] : otherLines(after.lines, NONE, NONE, sessionConnection);
  for (const l of multisetDiff(sessionLinesAfter, sessionLinesBefore)) add('line-added', null, null, l, `line added: ${JSON.stringify(l)}`);
  for (const l of multisetDiff(sessionLinesBefore, sessionLinesAfter)) add('line-removed', null, l, null, `line removed: ${JSON.stringify(l)}`);
  const bb = bundles(before);
  const ba = bundles(after);
  if (bb !== ba) add('bundle-changed', null, bb, ba, `BUNDLE ${bb ?? 'none'} → ${ba ?? 'none'}`);

  // The BUNDLE tag of each bundled mid of the new description: only the tag's ICE credentials are the transport's.
  const tagOf = new Map<string, string>();
  for (const g of bundleGroupsOf(after)) for (const mid of g) if (g[0] !== undefined) tagOf.set(mid, g[0]);
  const beforeByMid = byMid(before.media);
  const afterByMid = byMid(after.media);
  const pairedByMid = pairMedia(before, after, afterByMid);
  // Stopped m-lines taken over by a new mid, said once as such.
  const recycledPairs = recycledPairsOf(pairedByMid, beforeByMid);
  const recycledSet = new Set<MediaDescription>(recycledPairs.flat());
  for (const [b, a] of recycledPairs) add('mline-recycled', a, `${b.kind} mid ${b.mid ?? '-'} (stopped)`, `${a.kind} mid ${a.mid}`, `m-line ${a.index} recycled: ${b.kind} mid ${b.mid ?? '-'}, stopped (port 0), is now ${a.kind} mid ${a.mid}, a new transceiver in its place (RFC 8829 §5.2.2)`);
  // An m-line in use whose mid alone changed (same place, same kind: sdp-interop's toPlanB renames
  // 0, 1, 2 to audio, video, data): that, and the rest compared, not one "gone" and one "added"
  // (munging audit: "m-lines are never removed, only rejected", the wrong fix).
  const paired = renamedPairsOf(pairedByMid, beforeByMid, recycledSet);
  for (const [b, a] of paired) {
    if (b && a && b.mid !== null && a.mid !== null && b.mid !== a.mid && !recycledSet.has(b)) {
      add('mid-changed', b, b.mid, a.mid, `m-line ${a.index} (${a.kind}): mid ${JSON.stringify(b.mid)} → ${JSON.stringify(a.mid)}; a later offer keeps each m-section's mid (RFC 8829 §5.2.2): libwebrtc refuses one whose m-line in use has another (its m-lines' order check compares mids)`);
    }
  }
  // An m-line in use that moved, or whose mid now names another kind of media: libwebrtc compares
  // each index's mid and media type with the last negotiation's (MediaSectionsInSameOrder, a
  // stopped m-section recycled apart) and refuses the offer (renegotiation audit: a re-offer with
  // video ahead of audio read only "BUNDLE 0 1 → 1 0"; RFC 3264 §8.1 adds new streams below).
  for (const b of before.media) {
    if (b.mid === null || (b.port === 0 && !b.bundleOnly)) continue;
    const a = afterByMid.get(b.mid);
    if (a === undefined) continue;
    const moved = a.index !== b.index;
    if (!moved && a.kind === b.kind) continue;
    add('mline-moved', a, `${b.kind} mid ${b.mid} at m-line ${b.index}`, `${a.kind} mid ${a.mid} at m-line ${a.index}`, `${moved ? `mid ${b.mid} (${b.kind}) moved from m-line ${b.index} to m-line ${a.index}` : `mid ${b.mid} at m-line ${b.index} is ${a.kind} now, ${b.kind} before`}: a later offer keeps each m-line in its place with its mid and kind, new ones added after them (RFC 3264 §8.1, RFC 8829 §5.2.2); Chromium refuses it ("The order of m-lines in subsequent offer doesn't match order from previous offer/answer")`);
  }
  for (const [b, a] of paired) {
    if ((b && recycledSet.has(b)) || (a && recycledSet.has(a))) continue;
    if (!b) {
      add('mline-added', a, null, `${a!.kind} mid ${a!.mid ?? '-'}`, `m-line ${a!.index} (${a!.kind}, mid ${a!.mid ?? '-'}) added`);
      continue;
    }
    if (!a) {
      add('mline-removed', b, `${b.kind} mid ${b.mid ?? '-'}`, null, `m-line ${b.index} (${b.kind}, mid ${b.mid ?? '-'}) is gone (m-lines are never removed, only rejected with port 0: RFC 3264 §8.2)`);
      continue;
    }
    const here = b;
    // The media type changed in place where no mid says (a SIP re-INVITE that turns audio into T.38's
    // image: RFC 3264 §8.3.3): said, as mline-moved says it of a mid (new-user audit: unsaid).
    if (b.kind !== a.kind && (b.mid === null || a.mid === null)) add('mline-moved', a, `${b.kind} at m-line ${b.index}`, `${a.kind} at m-line ${a.index}`, `m-line ${a.index} is ${a.kind} now, ${b.kind} before: the stream's media type changed in place (RFC 3264 §8.3.3: a T.38 switch does so; browsers refuse it, a new m-line takes another kind)`);
    if (b.port !== 0 && a.port === 0 && !a.bundleOnly) add('mline-rejected', here, String(b.port), '0', `${b.kind} mid ${b.mid ?? '-'} now has port 0 (stopped)`);
    if (b.port === 0 && !b.bundleOnly && a.port !== 0) add('mline-reenabled', here, '0', String(a.port), `${b.kind} mid ${b.mid ?? '-'} is back (port ${a.port})`);
    // Where media goes when ICE does not say (RFC 3264 §8.3.1: a new address or port in a
    // re-offer; RFC 9143 §18.4: an m-line moved out of BUNDLE takes its own): c= and m= port, both
    // m-lines in use (RFC audit: a re-offer's new port went unsaid).
    // Not the placeholder "9" with 0.0.0.0 or :: that gathering fills in (Firefox writes its default candidate there).
    const address = (m: MediaDescription, d: SessionDescription) => (m.connection ?? d.connection)?.address ?? '-';
    const placeholder = (m: MediaDescription, d: SessionDescription) => m.port === 9 && /^(?:0\.0\.0\.0|::)$/.test(address(m, d));
    if (b.port !== 0 && a.port !== 0 && !placeholder(b, before) && !placeholder(a, after)) {
      const wb = `${address(b, before)} port ${b.port}`;
      const wa = `${address(a, after)} port ${a.port}`;
      // c=0.0.0.0 is RFC 2543's hold, which RFC 3264 §8.4 keeps for backward compatibility (renegotiation audit: unsaid).
      const oldHold = /^0\.0\.0\.0 /.test(wa) && !/^0\.0\.0\.0 /.test(wb) ? ': c=0.0.0.0 is the old hold (RFC 2543; RFC 3264 §8.4 keeps it): no media is sent here until an offer gives an address again' : '';
      if (wb !== wa) add('address-changed', here, wb, wa, `media address ${wb} → ${wa}${oldHold}`);
    }
    // The transport protocol (RFC 3264 §8.3: a new transport is a change of the stream): a T.38 switch
    // (udptl), SRTP turned on or off (RTP/AVP ↔ RTP/SAVP). Said whatever else changed (SIP audit: it had
    // come out only when nothing else did, as line-added and line-removed of the m= line).
    if (b.protocol !== a.protocol) add('protocol-changed', here, b.protocol, a.protocol, `protocol ${b.protocol} → ${a.protocol}${/SAVP/.test(b.protocol) !== /SAVP/.test(a.protocol) ? `: SRTP turned ${/SAVP/.test(a.protocol) ? 'on' : 'off'}` : ''}${/udptl/i.test(a.protocol) !== /udptl/i.test(b.protocol) ? `: T.38 over UDPTL ${/udptl/i.test(a.protocol) ? 'from now' : 'no more'}` : ''} (RFC 3264 §8.3.1: a new transport for the stream)`);
    if (b.port !== 0 && a.port !== 0 && b.rtcpMux !== a.rtcpMux) add('rtcp-mux-changed', here, b.rtcpMux ? 'rtcp-mux' : null, a.rtcpMux ? 'rtcp-mux' : null, `a=rtcp-mux ${b.rtcpMux ? 'removed' : 'added'}`);
    // As the browsers read it, as negotiation mode does: a session-level direction they ignore is no change (sdp-diff audit).
    const db = browserDirection(b);
    const da = browserDirection(a);
    // A hold (RFC 3264 §8.4): what the answer must then say, and what it stops (renegotiation audit: "video stopped after hold" got the direction alone).
    const hold = held(da) && !held(db) ? `: a hold (RFC 3264 §8.4): this side stops receiving${da === 'inactive' ? ' and sending' : ''}, and the answer must say ${da === 'sendonly' ? 'recvonly or inactive' : 'inactive'}` : held(db) && !held(da) ? (db === 'sendonly' ? ': out of hold, if sendonly was one (RFC 3264 §8.4; a side that only ever sent, as an SFU\'s sending transport, was not on hold)' : ': out of hold (RFC 3264 §8.4)') : '';
    // Not where either side has the m-line at port 0: a stream removed is no hold, nor one taken up
    // again an end of hold (RFC 3264 §8.2; rounds audit: a removed video read "a hold … the answer
    // must say inactive"); mline-rejected and the m-line's own changes say those.
    const used = (m: MediaDescription) => m.port !== 0 || m.bundleOnly;
    if (db !== da && used(b) && used(a)) add('direction-changed', here, db, da, `direction ${db} → ${da}${hold}`);

    const cb = codecKey(b);
    const ca = codecKey(a);
    // Each side's codecs by name, made once (a search per codec was quadratic in the m= line's formats).
    const beforeCodecs = byCodecName(b);
    const afterCodecs = byCodecName(a);
    const shown = (m: ReadonlyMap<string, Codec>, key: string) => codecShown(m.get(key)!);
    // A codec whose a=rtpmap went (or came) while its payload type stayed on the m= line (apprtc's
    // maybeRemoveVideoFec: "codec added: 63 ?/?" beside "codec removed: 63 red…"; change audit):
    // one change, said so.
    const unnamed = (m: MediaDescription) => new Set(m.codecs.filter((c) => c.name === '').map((c) => String(c.payloadType)));
    const unnamedA = unnamed(a);
    const unnamedB = unnamed(b);
    const pt = (key: string) => key.slice(0, key.indexOf(' '));
    const removed = setDiff(cb, ca);
    const added = setDiff(ca, cb);
    const leftBare = new Set(removed.filter((c) => unnamedA.has(pt(c))).map(pt));
    const named = new Set(added.filter((c) => unnamedB.has(pt(c))).map(pt));
    // A dynamic payload type given to another codec (RFC 3264 §8.3.2: its mapping holds for the whole
    // session; SIP audit: a re-INVITE's 101 telephone-event → G726-32 read as one codec added and one
    // removed): one change, said so, in their place.
    const removedAt = new Map(removed.map((c) => [pt(c), c]));
    const reassigned = new Set<string>();
    for (const c of added) {
      const was = removedAt.get(pt(c));
      // Two sessions map their payload types each their own: a codec removed and one added, no rule broken.
      if (was === undefined || twoSessions || Number(pt(c)) < 96 || named.has(pt(c)) || leftBare.has(pt(c))) continue;
      const before_ = beforeCodecs.get(was)!;
      const after_ = afterCodecs.get(c)!;
      if (before_.name.toLowerCase() === after_.name.toLowerCase()) continue;
      reassigned.add(pt(c));
      add('payload-type-reassigned', here, shown(beforeCodecs, was), shown(afterCodecs, c), `payload type ${pt(c)} is ${after_.name} now, ${before_.name} before: a dynamic payload type keeps its codec for the whole session (RFC 3264 §8.3.2); a peer that kept the old mapping decodes it as the wrong codec`);
    }
    for (const c of added) {
      if (leftBare.has(pt(c)) || reassigned.has(pt(c))) continue;
      add('codec-added', here, null, shown(afterCodecs, c), `codec added: ${shown(afterCodecs, c)}${named.has(pt(c)) ? ` (its a=rtpmap added: payload type ${pt(c)} was on the m= line with none)` : ''}`);
    }
    for (const c of removed) {
      if (named.has(pt(c)) || reassigned.has(pt(c))) continue;
      add('codec-removed', here, shown(beforeCodecs, c), null, `codec removed: ${shown(beforeCodecs, c)}${leftBare.has(pt(c)) ? ` (its a=rtpmap removed, payload type ${pt(c)} left on the m= line with no codec)` : ''}`);
    }
    // The same codec at the same payload type with other a=fmtp parameters (munging audit: an
    // Opus given stereo=1 read "codec removed" and "codec added"): the parameters added and removed.
    for (const c of b.codecs) {
      const n = afterCodecs.get(codecName(c));
      if (n === undefined) continue;
      const pb = parameterTexts(c);
      const pa = parameterTexts(n);
      if (pb.join(';') === pa.join(';')) continue;
      const plus = multisetDiff(pa, pb);
      const minus = multisetDiff(pb, pa);
      // A parameter written again as it was (stereo=1 added to an Opus that had it: Ant Media's,
      // Millicast's, Pixel Streaming's munges on Firefox's offers) changes nothing the browsers
      // read (a name → value map): said so, not "+stereo=1" (munging audits 5 and 6).
      const setA = new Set(pa);
      const setB = new Set(pb);
      const again = (x: string, other: ReadonlySet<string>) => other.has(x);
      // Each parameter once, with how many times it was written ("+stereo=1 (written twice)": new-user audit).
      const once = (xs: readonly string[]) => {
        const n = new Map<string, number>();
        for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
        return [...n.entries()];
      };
      const times = (n: number) => (n === 2 ? ' (written twice)' : n > 2 ? ` (written ${n} times)` : '');
      const said = [...once(minus).map(([x, n]) => (again(x, setA) ? `-${x} (one of its copies: still there)` : `-${x}${times(n)}`)), ...once(plus).map(([x, n]) => (again(x, setB) ? `+${x} again (it was there: no change)` : `+${x}${times(n)}`))];
      const only = plus.every((x) => again(x, setB)) && minus.every((x) => again(x, setA));
      const what = (said.join(' ') || 'the same parameters in another order') + (only && said.length > 0 ? ': the parameters the browsers read are the same' : '');
      add('codec-parameters-changed', here, fmtpText(c) || null, fmtpText(n) || null, `${codecName(c)} a=fmtp: ${what}`);
    }
    const inA = new Set(ca);
    const inB = new Set(cb);
    const commonB = cb.filter((c) => inA.has(c));
    const commonA = ca.filter((c) => inB.has(c));
    if (commonB.join('|') !== commonA.join('|')) {
      // The first codec is the one a call sends with: named when it changed (munging audit 7:
      // Nextcloud's preferH264 put H264 High 64001f first, which the payload types alone hid).
      const first = commonB[0] !== commonA[0] ? `; the first codec ${shown(beforeCodecs, commonB[0]!)} → ${shown(afterCodecs, commonA[0]!)}` : '';
      add('codecs-reordered', here, commonB.map((c) => c.split(' ')[0]).join(' '), commonA.map((c) => c.split(' ')[0]).join(' '), `codec order ${commonB.map((c) => c.split(' ')[0]).join(' ')} → ${commonA.map((c) => c.split(' ')[0]).join(' ')}${first}`);
    }

    const sb = [...new Set(b.ssrcs.map((s) => s.ssrc))];
    const sa = [...new Set(a.ssrcs.map((s) => s.ssrc))];
    for (const s of setDiff(sa, sb)) add('ssrc-added', here, null, s, `ssrc ${s} added`);
    for (const s of setDiff(sb, sa)) add('ssrc-removed', here, s, null, `ssrc ${s} removed`);
    const mb = msidsOf(b);
    const ma = msidsOf(a);
    if (mb !== ma) add('msid-changed', here, mb || null, ma || null, `msid ${mb || 'none'} → ${ma || 'none'}`);
    // An a=msid gone while the a=ssrc lines still name it (sdp-interop's toPlanB): libwebrtc reads
    // those without an a=msid, so the track keeps its stream (change audit: "→ none" read as lost).
    else if (b.msids.length > 0 && a.msids.length === 0) add('msid-changed', here, mb, null, `a=msid ${mb} removed; the a=ssrc lines still name it, which libwebrtc reads where there is no a=msid`);

    const ufragChanged = b.ice.ufrag !== a.ice.ufrag;
    const pwdChanged = b.ice.pwd !== a.ice.pwd;
    // A bundled m-line other than the tag, whose tag kept its credentials: they are not used, and
    // nothing restarts (sdp-diff audit: Chromium, answering such a re-offer, kept its ufrag).
    const tag = a.mid !== null ? tagOf.get(a.mid) : undefined;
    const tagLine = tag !== undefined && tag !== a.mid ? afterByMid.get(tag) : undefined;
    const tagBefore = tagLine !== undefined ? beforeByMid.get(tag!) : undefined;
    if ((ufragChanged || pwdChanged) && twoSessions) {
      // Two sessions (session-changed): each has credentials of its own, no restart of one (README audit: "an ICE restart" under "two sessions, not a renegotiation").
      add('ice-credentials-changed', here, b.ice.ufrag, a.ice.ufrag, `ICE credentials differ (${ufragChanged ? `ufrag ${b.ice.ufrag ?? 'none'} → ${a.ice.ufrag ?? 'none'}${pwdChanged ? ', and the pwd' : ''}` : 'the pwd'}): two sessions, each with its own, not a restart`);
    } else if ((ufragChanged || pwdChanged) && tagLine !== undefined && tagBefore !== undefined && tagBefore.ice.ufrag === tagLine.ice.ufrag && tagBefore.ice.pwd === tagLine.ice.pwd) {
      add('ice-credentials-changed', here, b.ice.ufrag, a.ice.ufrag, `ICE credentials changed (${ufragChanged ? `ufrag ${b.ice.ufrag ?? 'none'} → ${a.ice.ufrag ?? 'none'}${pwdChanged ? ', and the pwd' : ''}` : 'the pwd'}) on an m-line bundled behind mid ${tag}, whose credentials are the transport's and did not change: no ICE restart`);
    } else if (ufragChanged || pwdChanged) {
      // The pwd is a secret: said to have changed, never shown (library audit: a pwd-only change read "ufrag JDVd → JDVd").
      const ub = b.ice.ufrag ?? 'none';
      const ua = a.ice.ufrag ?? 'none';
      const pwdWord = a.ice.pwd === null ? 'the pwd removed' : b.ice.pwd === null ? 'a pwd added' : 'the pwd';
      const what = ufragChanged && pwdChanged ? `ufrag ${ub} → ${ua}, and ${pwdWord}` : ufragChanged ? `ufrag ${ub} → ${ua}, the pwd kept` : `${pwdWord}, ufrag ${ub} kept`;
      const one = ufragChanged !== pwdChanged ? '; libwebrtc restarts when either changes, though a restart changes both (RFC 8839 §4.4.1.1.1)' : ' (RFC 8839 §4.4.1.1.1)';
      const missing = a.ice.pwd === null || a.ice.ufrag === null ? `; the new description has no ICE ${a.ice.ufrag === null ? 'ufrag' : 'pwd'}, which browsers refuse` : '';
      add('ice-restart', here, pwdChanged && !ufragChanged ? `${ub} (pwd before)` : b.ice.ufrag, pwdChanged && !ufragChanged ? `${ua} (${a.ice.pwd === null ? 'no pwd' : 'new pwd'})` : a.ice.ufrag, `ICE credentials changed (${what}): an ICE restart${one}${missing}`);
    }
    // Compared field by field before any text is made: the session's fingerprints each m-line
    // inherits had been joined into new strings twice per m-line (an 853 KB input's 667 KB
    // fingerprint under 330 m-lines: 0.27 s; fuzz seed 20261214, input 2224).
    const same = b.fingerprints === a.fingerprints || (b.fingerprints.length === a.fingerprints.length && b.fingerprints.every((f, i) => f.algorithm === a.fingerprints[i]!.algorithm && f.value === a.fingerprints[i]!.value));
    if (!same) {
      const fb = b.fingerprints.map((f) => `${f.algorithm} ${f.value}`).join(', ');
      const fa = a.fingerprints.map((f) => `${f.algorithm} ${f.value}`).join(', ');
      if (fb !== fa) add('fingerprint-changed', here, fb || null, fa || null, 'DTLS fingerprint changed: a new certificate, so a new DTLS handshake');
    }
    if (b.setup !== a.setup) add('setup-changed', here, b.setup, a.setup, `a=setup ${b.setup ?? 'none'} → ${a.setup ?? 'none'}`);

    const eb = b.extmaps.map((e) => `${e.id} ${e.uri}`);
    const ea = a.extmaps.map((e) => `${e.id} ${e.uri}`);
    for (const e of setDiff(ea, eb)) add('extmap-added', here, null, e, `header extension added: ${e}`);
    for (const e of setDiff(eb, ea)) add('extmap-removed', here, e, null, `header extension removed: ${e}`);

    // Every other line, as written; a=rtcp-fb of a codec added or removed is said with the codec.
    const gone = new Set([...setDiff(ca, cb), ...setDiff(cb, ca)].map((c) => c.split(' ')[0]!));
    const ssrcsGone = new Set([...setDiff(sa, sb), ...setDiff(sb, sa)]);
    const lb = b.lines === a.lines ? [] : otherLines(b.lines, gone, ssrcsGone, false, new Set(b.formats));
    const la = b.lines === a.lines ? [] : otherLines(a.lines, gone, ssrcsGone, false, new Set(a.formats));
    for (const l of multisetDiff(la, lb)) add('line-added', here, null, l, `line added: ${JSON.stringify(l)}`);
    for (const l of multisetDiff(lb, la)) add('line-removed', here, l, null, `line removed: ${JSON.stringify(l)}`);

    const kb = candidateKey(b);
    const ka = candidateKey(a);
    for (const c of setDiff(ka, kb)) add('candidate-added', here, null, c, `candidate added: ${c}`);
    for (const c of setDiff(kb, ka)) add('candidate-removed', here, c, null, `candidate removed: ${c}`);
  }
  // Nothing said, and lines differ all the same (a candidate's priority, an a=ssrc cname, the m=
  // line's protocol, a session-level direction the browsers ignore): those lines, as written, so
  // that "no changes" is never said of two descriptions whose lines differ.
  // The session-level direction (RFC 8866 §6.7: every m-line's that says none): the hold most SIP phones
  // send (a=sendonly at session level). Browsers read only the m-line's (session-direction-ignored), so
  // this is said as SIP peers read it (SIP audit: unsaid when anything else changed, and never a hold).
  if (before.direction !== after.direction && (before.direction !== null || after.direction !== null)) {
    const db = before.direction ?? 'sendrecv';
    const da = after.direction ?? 'sendrecv';
    // Only where an m-line takes it: one with a direction of its own overrides it (RFC 8866 §6.7; audits of the change: "a hold" with every m-line sendrecv).
    const takers = after.media.filter((m) => m.port !== 0 && m.directionSource !== 'media').length;
    const hold = takers === 0 ? '' : held(da) && !held(db) ? ': a hold, as SIP peers read it (RFC 3264 §8.4)' : held(db) && !held(da) ? ': out of hold, as SIP peers read it (RFC 3264 §8.4)' : '';
    if (db !== da) add('session-direction-changed', null, db, da, `session-level direction ${before.direction ?? '(none: sendrecv)'} → ${after.direction ?? '(none: sendrecv)'}${hold}; ${takers === 0 ? 'every m-line has a direction of its own, which overrides it (RFC 8866 §6.7): no stream takes it' : `it applies to ${takers === 1 ? 'the m-line' : `the ${takers} m-lines`} without a direction of ${takers === 1 ? 'its' : 'their'} own (RFC 8866 §6.7), though browsers read only the m-line's`}`);
  }
  if (changes.length === 0) {
    // Not c= nor the m= port: address-changed says those, but for gathering's placeholder (9, 0.0.0.0) filled in, which is no change.
    // An ice-pwd is a secret: its line said, its value not (rounds audit: credentials moved from the
    // session to the m-lines, the same values, printed the pwd, which ice-restart never shows).
    const all = (lines: readonly SdpLine[]) => lines.filter((l) => !(l.kind === 'origin' || l.kind === 'connection' || (l.kind === 'field' && l.letter === 'v'))).map((l) => (l.kind === 'media' ? writeLine(l).replace(/^(m=\S+ )[0-9]+/, '$1<port>') : writeLine(l).replace(/^(a=ice-pwd:)(.*)$/, (_m, a: string, pwd: string) => `${a}(not shown, ${pwd.length} characters, #${pwdTag(pwd)})`)));
    const sections: [MediaDescription | null, readonly SdpLine[], readonly SdpLine[]][] = [[null, before.lines, after.lines]];
    for (const [b, a] of paired) if (b && a) sections.push([b, b.lines, a.lines]);
    for (const [m, lb, la] of sections) {
      // The same lines (one description given twice): nothing to compare.
      if (lb === la) continue;
      const tb = all(lb);
      const ta = all(la);
      for (const l of multisetDiff(ta, tb)) add('line-added', m, null, l, `line added: ${JSON.stringify(l)}`);
      for (const l of multisetDiff(tb, ta)) add('line-removed', m, l, null, `line removed: ${JSON.stringify(l)}`);
    }
  }
  // RFC 3264 §8: a description that changed must raise the version; one that did not keeps it.
  // Candidates gathered into a description (createOffer, then localDescription) are no new offer
  // and keep its version (sdp-diff audit: Chromium's own pair read "must increase it"); a munged copy
  // of one offer need not raise it either, which the words say (munging audit: said of every munge as a must).
  const offerChanged = changes.some((c) => c.kind !== 'candidate-added' && c.kind !== 'candidate-removed');
  if (sameSession && offerChanged && /^[0-9]{1,30}$/.test(ob!.sessionVersion) && /^[0-9]{1,30}$/.test(oa!.sessionVersion) && BigInt(oa!.sessionVersion) <= BigInt(ob!.sessionVersion)) {
    changes.unshift({ kind: 'version-not-increased', mid: null, index: null, before: ob!.sessionVersion, after: oa!.sessionVersion, message: `o= version ${ob!.sessionVersion} → ${oa!.sessionVersion}: a new offer of the session must raise it (RFC 3264 §8); a munged copy of one offer, set in its place, need not` });
  }
  return { sameSession, changes };
}
