/**
 * What a description breaks of the offer/answer rules on its own, once its type is known: the
 * DTLS setup an offer and an answer must each say (RFC 8842 §5, JSEP RFC 8829 §5.2.1/§5.3.1) and
 * their fingerprints' hash (RFC 8122 §5). negotiate() applies the same checks to each side of a
 * pair; sideFindings() to one description whose input states its type (`parse` of an offer frame),
 * where there is no other side to compare.
 */
import { requireObject, SdpscopeError } from '../errors.js';
import { listSome } from '../arrays.js';
import { INSIDE_CLASSES } from '../candidate/address.js';
import { readingModels } from '../model-guard.js';
import type { MediaDescription, SessionDescription } from '../sdp/model.js';
import { diagnostic, type BrowserVerdicts, type NegotiationDiagnostic, type NegotiationDiagnosticKind } from '../diagnostics.js';

export const FIREFOX_REJECTS: BrowserVerdicts = { chromium: 'accepts', firefox: 'rejects' };

/**
 * A mid as a message shows it: as written, or quoted when it holds anything but visible ASCII
 * (sdp-diff audit: "mid 0, the answer's is audio mid 0" hid a trailing space; an empty one read
 * "bundles mid ,").
 */
export const shownMid = (mid: string | null): string => (mid === null ? '-' : /^[\x21-\x7e]+$/.test(mid) ? mid : JSON.stringify(mid));

/** True for a protocol that names DTLS itself (UDP/TLS/RTP/SAVPF, UDP/DTLS/SCTP …). */
export const usesDtls = (protocol: string): boolean => /(^|\/)(TLS|DTLS)\//i.test(protocol) || /DTLS\/SCTP/i.test(protocol);

/**
 * Whether an m-line's media is keyed by DTLS-SRTP: a DTLS protocol, or RTP/SAVP(F) with a
 * fingerprint on either side (JSEP RFC 8829 §5.8 takes it so, as both browsers do).
 */
export const keyedByDtls = (m: MediaDescription, other: MediaDescription | null = null): boolean =>
  usesDtls(m.protocol) || (/^RTP\/SAVPF?$/i.test(m.protocol) && (m.fingerprints.length > 0 || (other !== null && other.fingerprints.length > 0)));

/** An a=setup written but not read (a value outside RFC 4145's four): its own browser finding (setup-value), not a missing one. */
export const unreadSetup = (m: MediaDescription): boolean => m.lines.some((l) => l.kind === 'other-attribute' && l.name === 'setup');

/**
 * One m-line's own DTLS findings as `side` of an exchange, told to `add`: an offer without
 * a=setup (Firefox refuses it, measured; Chromium reads actpass) or with another value than
 * actpass, an answer without one (RFC 8842 §5.3: MUST; both browsers take it as active, measured),
 * and a fingerprint hash weaker than SHA-256. The caller decides that the m-line uses DTLS and is in use.
 */
export function dtlsSideFindings(m: MediaDescription, side: 'offer' | 'answer', mid: string | null, index: number, add: (d: NegotiationDiagnostic) => void, shared = false): void {
  const at = (kind: NegotiationDiagnosticKind, message: string) => add(diagnostic(kind, message, { mid, index }));
  // `shared`: a bundled m-section that uses its BUNDLE tag's transport (no a=setup of its own is read).
  if (m.setup === null && shared) return weak(m, side, at);
  if (m.setup === null) {
    // An a=setup that does not read says so itself (rejected-by-browser, setup-value): it was "the offer says a=setup:null".
    if (unreadSetup(m)) return weak(m, side, at);
    if (side === 'offer') add(diagnostic('offer-setup-missing', 'the offer m-line has no a=setup: Firefox rejects it (Chromium accepts, reading it as actpass)', { mid, index, browsers: FIREFOX_REJECTS }));
    else at('missing-setup', 'the answer m-line has no a=setup');
  } else if (side === 'offer' && m.setup === 'holdconn') add(diagnostic('offer-setup-holdconn', 'the offer says a=setup:holdconn: Firefox rejects it, Chromium takes it and cannot answer it (measured)', { mid, index, browsers: FIREFOX_REJECTS }));
  else if (side === 'offer' && m.setup !== 'actpass') at('offer-setup-not-actpass', `the offer says a=setup:${m.setup}`);
  weak(m, side, at);
}

function weak(m: MediaDescription, side: 'offer' | 'answer', at: (kind: NegotiationDiagnosticKind, message: string) => void): void {
  // SHA-2 of any size is no finding: mediasoup answers with sha-224, which libwebrtc takes (a real Chrome 142 call to one connected: the hush_fm dump; SFU audit: a warning on every mediasoup answer).
  // A hash no browser knows is fingerprint-invalid's (a weak sha-999 said beside it: DTLS audit).
  for (const f of m.fingerprints) if (/^(sha-1|md5|md2)$/i.test(f.algorithm)) at('weak-fingerprint', `${side} fingerprint uses ${f.algorithm}`);
}

export const BOTH_REJECT: BrowserVerdicts = { chromium: 'rejects', firefox: 'rejects' };

/**
 * An answer's SCTP m-line without a port it can be read to have (RFC 8841 §5.2), said by
 * negotiate and by sideFindings (`parse --type answer`; DTLS audit: sdp-diff alone said it):
 * none, and no a=sctpmap (Firefox refuses it, measured; Chromium takes 5000); written and not a
 * number (both refuse it, measured); a=sctp-port:0, no port (RFC 9260 §3.1: Firefox refuses it as
 * one with none, Chromium takes it, measured). Null when it has one. The caller decides the
 * m-line is an answer's, accepted.
 */
export function answerSctpPortFinding(a: MediaDescription, mid: string | null, index: number): NegotiationDiagnostic | null {
  const written = a.lines.filter((l) => l.kind === 'other-attribute' && (l.name === 'sctp-port' || l.name.startsWith('sctp-port ')));
  // Blanks around the port, after a colon or for it, Firefox reads through (measured: "a=sctp-port:5000 ", "a=sctp-port: 5000", "a=sctp-port  5000").
  const firefoxReads = written.some((l) => {
    const x = l as { name: string; value: string | null };
    return /^sctp-port +[0-9]{1,5} *$/.test(x.name) || (x.name === 'sctp-port' && x.value !== null && /^ *[0-9]{1,5} *$/.test(x.value));
  });
  const unreadPort = written.length > 0 && !firefoxReads;
  // Declared: an a=sctp-port that reads, or an a=sctpmap (the legacy form's port in its format alone Firefox refuses: measured, sctp-legacy-no-sctpmap).
  const zero = a.lines.some((l) => l.kind === 'attribute' && l.name === 'sctp-port' && l.value === 0);
  const declared = !zero && (a.sctpmap !== null || a.lines.some((l) => l.kind === 'attribute' && l.name === 'sctp-port'));
  if (declared || firefoxReads) return null;
  return diagnostic('sctp-port-missing', unreadPort ? 'the answer\'s a=sctp-port is not a port number: both browsers reject it' : zero ? 'the answer\'s a=sctp-port:0 is no SCTP port (RFC 9260 §3.1): Firefox rejects it, as one with none; Chromium accepts it' : `the answer has no a=sctp-port or a=sctpmap: Firefox rejects it (Chromium accepts, taking ${a.sctpPort ?? 5000})`, { mid, index, browsers: unreadPort ? BOTH_REJECT : FIREFOX_REJECTS });
}

/** What Chromium takes: ice-chars, and "-", "=", "#", "_" that libwebrtc lets through (measured: "!" rejected, "-", "_", "=" taken; Firefox takes all). */
const CHROMIUM_ICE_CHARS = /^[A-Za-z0-9+/=#_-]*$/;
/** An ICE ufrag both browsers take (RFC 8839 §5.4: 4 to 256 ice-chars; Chromium's characters). */
export const ufragValid = (ufrag: string | null): boolean => ufrag !== null && ufrag.length >= 4 && ufrag.length <= 256 && CHROMIUM_ICE_CHARS.test(ufrag);
/** An ICE pwd both browsers take (RFC 8839 §5.4: 22 to 256 ice-chars; Chromium's characters). */
export const pwdValid = (pwd: string | null): boolean => pwd !== null && pwd.length >= 22 && pwd.length <= 256 && CHROMIUM_ICE_CHARS.test(pwd);
/** invalid-ice-credentials' words for one side's ufrag and pwd, the first that is not legal named. */
export const iceCredentialsWords = (side: 'offer' | 'answer' | null, ufrag: string, pwd: string): string => {
  const chars = (n: number) => `${n} char${n === 1 ? '' : 's'}`;
  // Why a length in range is not legal: the character that is not (new-user audit: "0XWt " of 5
  // characters read "4..256 ice-chars" with nothing wrong to see; the blank a padded log left).
  const which = (x: string, min: number) => {
    if (x.length < min || x.length > 256) return '';
    const c = [...x].find((ch) => !CHROMIUM_ICE_CHARS.test(ch));
    if (c === undefined) return '';
    // A character that does not show itself (a no-break space looks like a blank): its code point too (new-user audit).
    const code = c.codePointAt(0)!;
    const named = c === ' ' ? 'a blank' : c === '\t' ? 'a tab' : code === 0xa0 ? 'a no-break space (U+00A0)' : code < 0x21 || (code > 0x7e && code < 0xa1) || /\p{Z}|\p{Cf}/u.test(c) ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(c);
    return `, ${named} in it`;
  };
  const bad = [!ufragValid(ufrag) ? `ufrag ${JSON.stringify(ufrag.length > 32 ? `${ufrag.slice(0, 32)}…` : ufrag)} (${chars(ufrag.length)}; 4..256 ice-chars${which(ufrag, 4)})` : '', !pwdValid(pwd) ? `pwd (${chars(pwd.length)}; 22..256 ice-chars${which(pwd, 22)})` : ''].filter(Boolean);
  return `${side === null ? 'the' : `the ${side}'s`} ${bad.join(' and ')} ${bad.length > 1 ? 'are' : 'is'} not legal`;
};

/** Every a=group:BUNDLE's mids (a hand-made model with `bundle` only: that one). */
export const bundleGroupsOf = (d: SessionDescription): readonly (readonly string[])[] => (Array.isArray(d.bundleGroups) ? d.bundleGroups : d.bundle ? [d.bundle] : []);

/** An m-section in use: a port, or bundle-only (RFC 3264 §6, RFC 9143 §7.5.3). */
const inUse = (m: MediaDescription): boolean => m.port !== 0 || m.bundleOnly;

/**
 * The BUNDLE groups of an answer whose tag (first mid) it rejects while it accepts another of
 * their m-lines (RFC 9143 §7.3.3 has them all rejected): the tag and the ones in use. Both
 * browsers refuse such an answer (measured: bundle-tag-rejected). Each such group's other m-lines
 * have no tag transport to share.
 */
export function deadTagGroups(d: SessionDescription): { readonly tag: MediaDescription; readonly used: readonly MediaDescription[] }[] {
  const out: { tag: MediaDescription; used: MediaDescription[] }[] = [];
  for (const group of bundleGroupsOf(d)) {
    const tag = d.media.find((m) => m.mid === group[0]);
    if (tag === undefined || inUse(tag)) continue;
    const used = group.slice(1).map((mid) => d.media.find((m) => m.mid === mid)).filter((m): m is MediaDescription => m !== undefined && inUse(m));
    if (used.length > 0) out.push({ tag, used });
  }
  return out;
}

/**
 * An offer whose BUNDLE tag (a group's first mid) is bundle-only (RFC 9143 §7.2.1 forbids it):
 * Firefox answered the WHIP draft's example offer unbundled (sdp-diff audit, measured), and the
 * answer's moved-out-of-bundle had blamed the answerer. Negotiate's and sideFindings'.
 */
export function bundleOnlyTagFindings(offer: SessionDescription): NegotiationDiagnostic[] {
  const out: NegotiationDiagnostic[] = [];
  for (const group of bundleGroupsOf(offer)) {
    const tag = offer.media.find((m) => m.mid === group[0]);
    if (tag === undefined || !tag.bundleOnly) continue;
    out.push(diagnostic('offer-tag-bundle-only', `the offer's BUNDLE tag, mid ${shownMid(tag.mid!)} (its group's first), has a=bundle-only${tag.port !== 0 ? ` with port ${tag.port}` : ''}: RFC 9143 §7.2.1 forbids suggesting a bundle-only m-section as the tag; Firefox answered such an offer (the WHIP draft's) with no BUNDLE group, every m-line on a transport of its own, Chromium bundled it (both measured)`, { mid: tag.mid, index: tag.index }));
  }
  return out;
}

/**
 * An ICE-lite description whose candidates are all addresses no peer elsewhere reaches (loopback,
 * private, link-local, unique-local): the server's public address is not configured (SFU-pairs
 * audit: a mediasoup answer of one 127.0.0.1 candidate, its call never connected, read "0 errors,
 * 0 warnings"). Negotiate's and sideFindings'; the candidates command's is lite-hosts-not-routable.
 */
export function liteUnreachableFinding(d: SessionDescription, side: 'offer' | 'answer' | null, peer: SessionDescription | null = null): NegotiationDiagnostic | null {
  if (!d.iceLite) return null;
  const candidatesOf = (x: SessionDescription) => [...x.candidates, ...x.media.filter((m) => m.port !== 0 || m.bundleOnly).flatMap((m) => m.candidates)];
  const all = candidatesOf(d);
  if (all.length === 0 || !all.every((c) => INSIDE_CLASSES.has(c.explanation.address.class))) return null;
  // The other side on such a network too (a LAN call: both 192.168.x): it may well reach them (audit of the change).
  const classes = new Set(all.map((c) => c.explanation.address.class));
  if (peer !== null && candidatesOf(peer).some((c) => classes.has(c.explanation.address.class))) return null;
  const addresses = [...new Set(all.map((c) => `${c.candidate.address} (${c.explanation.address.class})`))];
  return diagnostic('lite-candidates-not-routable', `the ${side ?? 'description'} is ICE-lite and its candidates are ${listSome(addresses, (x) => x, 3)} only: addresses no peer outside that ${addresses.every((x) => x.endsWith('(loopback)')) ? 'machine' : 'network'} reaches, and a lite agent sends no checks of its own (its public address is not configured)`, { mid: null, index: null });
}

/** The answer's finding for one such group (negotiate's and sideFindings'). */
export const deadTagFinding = (g: { readonly tag: MediaDescription; readonly used: readonly MediaDescription[] }): NegotiationDiagnostic =>
  diagnostic('bundle-answer-tag-rejected', `the answer rejects mid ${shownMid(g.tag.mid!)} (port 0), the tag of its BUNDLE group, and accepts mid ${g.used.map((m) => shownMid(m.mid!)).join(', mid ')} in that group, which then has no transport: both browsers reject it (Chromium: "The m= section with mid='${g.used[0]!.mid}' should be rejected."); reject them all, or take the rejected mid out of the group and tag it with an accepted one`, { mid: g.tag.mid, index: g.tag.index, browsers: { chromium: 'rejects', firefox: 'rejects' } });

/**
 * The findings of one description whose side nobody stated (a bare SDP file): the ICE credentials
 * written and not legal, which both browsers refuse on either side (measured; Safari audit: Chime's
 * "a=ice-ufrag:-" had been said only with --type). An m-section bundled behind its group's tag is
 * left out: in an answer it uses the tag's transport. A fragment has none.
 */
export function untypedFindings(description: SessionDescription): NegotiationDiagnostic[] {
  const out: NegotiationDiagnostic[] = [];
  if (description.fragment) return out;
  const notTags = new Set(bundleGroupsOf(description).flatMap((g) => g.slice(1)));
  // Said once for each pair of credentials, at its first m-line: a session-level pair every
  // m-line inherits is one finding (fuzz seed 777: 330 m-lines of one 842 KB ufrag).
  const said = new Map<string, { first: MediaDescription; more: number }>();
  for (const m of description.media) {
    // Keyed by DTLS or not: RFC 8839 §5.4's (and RFC 5245's) 4 to 256 characters are ICE's own, and
    // the browsers check them before the keys (real-log audit of 2026-12-07: RestComm's SAVPF INVITE
    // with no fingerprint and a 3-character ufrag, restcomm/media-core#103, passed `parse`).
    if ((m.port === 0 && !m.bundleOnly) || (m.mid !== null && notTags.has(m.mid))) continue;
    const { ufrag, pwd } = m.ice;
    if (ufrag === null || pwd === null || (ufragValid(ufrag) && pwdValid(pwd))) continue;
    const key = `${ufrag}\n${pwd}`;
    const seen = said.get(key);
    if (seen !== undefined) seen.more++;
    else said.set(key, { first: m, more: 0 });
  }
  for (const { first: m, more } of said.values()) {
    const also = more > 0 ? ` (and ${more} more m-line${more === 1 ? '' : 's'} with the same credentials)` : '';
    out.push(diagnostic('invalid-ice-credentials', `${m.kind} m-line ${m.index}${m.mid === null ? '' : `, mid ${shownMid(m.mid)}`}${also}: ${iceCredentialsWords(null, m.ice.ufrag!, m.ice.pwd!)}`, { mid: m.mid, index: m.index }));
  }
  // What holds whichever side the description is (parse audit: said only with --type): an ICE-lite
  // server's unreachable candidates, and a weak fingerprint hash (said once per hash).
  const lite = liteUnreachableFinding(description, null);
  if (lite !== null) out.push(lite);
  const weak = new Map<string, MediaDescription>();
  for (const m of description.media) {
    if ((m.port === 0 && !m.bundleOnly) || !keyedByDtls(m)) continue;
    for (const f of m.fingerprints) if (/^(sha-1|md5|md2)$/i.test(f.algorithm) && !weak.has(f.algorithm.toLowerCase())) weak.set(f.algorithm.toLowerCase(), m);
  }
  for (const [hash, m] of weak) out.push(diagnostic('weak-fingerprint', `${m.kind} m-line ${m.index}${m.mid === null ? '' : `, mid ${shownMid(m.mid)}`}: the fingerprint uses ${hash}`, { mid: m.mid, index: m.index }));
  return out;
}

/**
 * The offer/answer findings of one description taken as `side` (an "offer" or an "answer"; a
 * pranswer is an answer here): for each m-line in use (a port, or bundle-only) that uses DTLS
 * (a DTLS protocol, or RTP/SAVP(F) with a fingerprint, as JSEP §5.8 reads it), what
 * dtlsSideFindings says, and for an answer an a=setup of actpass or holdconn, which an answerer
 * may not say (RFC 8842 §5.3; both browsers refuse it, measured). A fragment has none.
 * Findings that need the other side (roles that conflict, codecs, bundles) are negotiate()'s.
 */
export function sideFindings(description: SessionDescription, side: 'offer' | 'answer'): NegotiationDiagnostic[] {
  // The shape negotiate requires (library audit: {media: 'abc'} gave "no findings").
  requireObject(description, 'sideFindings: the description', 'media', 'bundle');
  if (!Array.isArray(description.media)) throw new SdpscopeError('INVALID_ARGUMENT', 'sideFindings: the description\'s media must be an array, as parseSdp makes it');
  if (side !== 'offer' && side !== 'answer') throw new SdpscopeError('INVALID_ARGUMENT', `sideFindings: the side must be "offer" or "answer", got ${typeof side === 'string' ? JSON.stringify(side) : typeof side}`);
  return readingModels('sideFindings', [description], ['the description'], () => {
    const out: NegotiationDiagnostic[] = [];
    if (description.fragment) return out;
    // A bundled m-section other than its group's tag uses the tag's transport (negotiate's reading,
    // measured): an answer's, and an offer's where it is bundle-only (foreign-offer oracle: RFC
    // 8829's B1 offer, which Firefox takes, had "Firefox rejects it").
    // Not where the group's tag is rejected: there is no tag transport (change audit: an accepted
    // member's actpass passed `parse --type answer` beside a rejected tag).
    const dead = side === 'answer' ? deadTagGroups(description) : [];
    const orphans = new Set(dead.flatMap((g) => g.used.map((m) => m.mid)));
    const notTags = new Set(bundleGroupsOf(description).flatMap((g) => g.slice(1)).filter((mid) => !orphans.has(mid)));
    for (const g of dead) out.push(deadTagFinding(g));
    if (side === 'offer') out.push(...bundleOnlyTagFindings(description));
    // An answer of no m= line: one per offered m-line is owed (RFC 3264 §6), whatever the offer
    // (parse audit: SRS's answer got the offer's advice, "add what the call carries before createOffer()").
    if (side === 'answer' && description.media.length === 0) out.push(diagnostic('mline-count-mismatch', 'the answer has no m= line: an answer has one for each m-line of its offer (RFC 3264 §6), rejected ones with port 0; Chromium refuses it ("The order of m-lines in answer doesn\'t match order in offer", measured by the parse audit)', { mid: null, index: null }));
    const lite = liteUnreachableFinding(description, side);
    if (lite !== null) out.push(lite);
    for (const m of description.media) {
      // Alone, a finding names its m-line (under sdp-diff's m-line heading it need not).
      const where = `${m.kind} m-line ${m.index}${m.mid === null ? '' : `, mid ${shownMid(m.mid)}`}: `;
      const add = (d: NegotiationDiagnostic) => void out.push({ ...d, message: where + d.message });
      if (m.port === 0 && !m.bundleOnly) continue;
      const shared = m.mid !== null && notTags.has(m.mid) && (side === 'answer' || m.bundleOnly);
      // ICE credentials written and not legal: both browsers refuse them (measured; foreign-offer
      // oracle: a Jitsi offer's "a=ice-pwd:somepwd" had passed `parse --type offer`), keyed by DTLS
      // or not (restcomm/media-core#103's SAVPF offer, no fingerprint). Missing ones are parseSdp's.
      const { ufrag, pwd } = m.ice;
      if (!shared && ufrag !== null && pwd !== null && (!ufragValid(ufrag) || !pwdValid(pwd))) add(diagnostic('invalid-ice-credentials', iceCredentialsWords(side, ufrag, pwd), { mid: m.mid, index: m.index }));
      // An answer's data channel with no SCTP port it can be read to have (DTLS audit: sdp-diff alone said it).
      if (side === 'answer' && m.kind === 'application' && /SCTP/i.test(m.protocol)) {
        const missing = answerSctpPortFinding(m, m.mid, m.index);
        if (missing !== null) add(missing);
      }
      if (!keyedByDtls(m)) continue;
      dtlsSideFindings(m, side, m.mid, m.index, add, shared);
      // Not one bundled behind its group's tag: its a=setup is not applied (measured: setup-actpass-not-tag).
      if (side === 'answer' && !shared && (m.setup === 'actpass' || m.setup === 'holdconn')) {
        add(diagnostic('dtls-role-conflict', `the answer says a=setup:${m.setup}: an answerer must choose active or passive, both browsers reject it`, { mid: m.mid, index: m.index }));
      }
    }
    return out;
  });
}
