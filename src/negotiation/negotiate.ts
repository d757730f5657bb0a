/**
 * negotiate(offer, answer): what an offer/answer exchange agreed on, m-line by m-line, and
 * every RFC 3264 / JSEP rule it breaks, as coded diagnostics.
 */
import { listSome } from '../arrays.js';
import { requireObject } from '../errors.js';
import { readingModels } from '../model-guard.js';
import type { Bandwidth, Codec, Direction, Extmap, MediaDescription, SessionDescription, Setup } from '../sdp/model.js';
import { diagnostic, type BrowserVerdicts, type NegotiationDiagnostic, type NegotiationDiagnosticKind } from '../diagnostics.js';
import { describeCodec, fmtpText, h264LevelRaised, negotiateCodecs, unnegotiatedCodecs, type CodecNegotiation, type NegotiatedCodec } from './codecs.js';
import { isKnownProtocol, simulcastRids } from '../sdp/browser-rules.js';
import { keyingWords, RID_PARAMS_BLANK_JOINED } from '../sdp/views.js';
import { ENCRYPTED_EXTENSION, extensionOf, innerExtension } from '../sdp/attribute-readers.js';
import { answerSctpPortFinding, BOTH_REJECT, bundleGroupsOf, bundleOnlyTagFindings, deadTagFinding, liteUnreachableFinding, deadTagGroups, dtlsSideFindings, FIREFOX_REJECTS, iceCredentialsWords, keyedByDtls, pwdValid, shownMid, ufragValid, unreadSetup } from './one-side.js';

const CHROMIUM_REJECTS: BrowserVerdicts = { chromium: 'rejects', firefox: 'accepts' };
const SAVPF_VARIANTS = new Set(['UDP/TLS/RTP/SAVPF', 'RTP/SAVPF']);
const SCTP_VARIANTS = new Set(['UDP/DTLS/SCTP', 'TCP/DTLS/SCTP', 'DTLS/SCTP']);



/**
 * Whether a description uses ICE or DTLS anywhere (an a=ice-ufrag, an a=fingerprint, a DTLS profile): a browser's,
 * or one meant for one. Two descriptions without either are SIP/RTP legs (sip-legs): no browser in
 * the exchange, so their browser refusals fail nothing (sdp-diff's pairs audit: a Kurento RTP leg
 * exited 1 with four).
 */
export function iceOrDtls(d: SessionDescription): boolean {
  // A DTLS profile is a browser's too, its ICE and fingerprint lines stripped (audit of the change:
  // a munged browser pair read as SIP legs, exit 0).
  return d.iceUfrag !== null || d.fingerprints.length > 0 || d.media.some((m) => m.ice.ufrag !== null || m.fingerprints.length > 0 || DTLS_PROFILE.test(m.protocol));
}

/**
 * The transport profiles keyed by DTLS: RFC 5764's UDP/TLS/RTP/SAVP(F), TCP/TLS/RTP/SAVP(F), JSEP's
 * TCP/DTLS/RTP/SAVPF, RFC 8841's SCTP ones (audit of the change: the TCP one and SAVP were missed).
 */
const DTLS_PROFILE = /\/D?TLS\/RTP\/SAVPF?$|DTLS\/SCTP$/i;

/** c=0.0.0.0 with a real port (not 0, not gathering's 9) and no ICE: RFC 2543's hold, nothing sent to it. */
function addressHold(m: MediaDescription, d: SessionDescription): boolean {
  return m.port !== 0 && m.port !== 9 && (m.connection ?? d.connection)?.address === '0.0.0.0' && m.ice.ufrag === null && d.iceUfrag === null;
}

/** An m-section's a=crypto lines (RFC 4568 §9.1: a=crypto:<tag> <crypto-suite> <key-params>), tag and suite. */
function cryptoLines(m: MediaDescription): { tag: string; suite: string }[] {
  const out: { tag: string; suite: string }[] = [];
  for (const l of m.lines) {
    if (l.kind !== 'other-attribute' || l.name !== 'crypto' || l.value === null) continue;
    const x = /^([0-9]{1,9})[ \t]+(\S{1,64})/.exec(l.value);
    if (x !== null) out.push({ tag: x[1]!, suite: x[2]! });
  }
  return out;
}

const finding = (kind: NegotiationDiagnosticKind, message: string, mid: string | null = null, index: number | null = null): NegotiationDiagnostic =>
  diagnostic(kind, message, { mid, index });

/**
 * How the answer takes an offer m-line (RFC 3264 §6): `mismatched` is an answer m-line of
 * another kind in its place (audio answering an application m-line): nothing is negotiated, and
 * both browsers refuse the answer (mline-mismatch says it).
 */
export type MediaStatus = 'accepted' | 'rejected' | 'bundle-only' | 'moved-out-of-bundle' | 'missing' | 'mismatched';
export type DtlsRole = 'client' | 'server';

export interface DirectionNegotiation {
  /**
   * The direction the browsers read: the m-section's own a=sendrecv/sendonly/recvonly/inactive,
   * else sendrecv. One written only at session level is not applied (RFC 8866 §6.7 and RFC 3264
   * §5.1 apply it; Chromium 156 and Firefox ESR 153 ignore it, measured): said by
   * session-direction-ignored.
   */
  readonly offer: Direction;
  /** Null when there is no answer m-line. */
  readonly answer: Direction | null;
  /** Whether the answer's direction is allowed for the offer's (RFC 3264 §6.1). */
  readonly valid: boolean;
  /** The answers RFC 3264 §6.1 allows for this offer direction. */
  readonly allowed: readonly Direction[];
  /** Media flows offerer → answerer. */
  readonly offererSends: boolean;
  /** Media flows answerer → offerer. */
  readonly answererSends: boolean;
}

export interface DtlsNegotiation {
  readonly offerSetup: Setup | null;
  readonly answerSetup: Setup | null;
  /** The DTLS role each side ends up with: active = client (sends ClientHello), passive = server. */
  readonly offererRole: DtlsRole | null;
  readonly answererRole: DtlsRole | null;
  /**
   * Whether DTLS can start on this m-line as negotiated: the a=setup roles are compatible
   * (RFC 8842 §5), and, where it uses a transport of its own, each side has an a=fingerprint
   * (RFC 8122 §5; library audit: an answer without any read valid). True where DTLS is not used.
   */
  readonly valid: boolean;
  readonly offerFingerprints: readonly string[];
  readonly answerFingerprints: readonly string[];
}

export interface IceSide {
  readonly ufrag: string | null;
  readonly pwd: string | null;
  readonly ufragValid: boolean;
  readonly pwdValid: boolean;
  readonly options: readonly string[];
  readonly lite: boolean;
}

export interface ExtensionNegotiation {
  readonly uri: string;
  readonly offerId: number;
  readonly answerId: number;
  /** The answer's a=extmap direction (RFC 8285 §8: a=extmap:<id>/<direction>); null: none written, sendrecv. */
  readonly direction: Direction | null;
  /** The offer's, likewise. */
  readonly offerDirection: Direction | null;
  /** Who sends the extension, as the two directions allow (RFC 8285 §7): neither, for one answered inactive or in the offer's own direction. */
  readonly sends: { readonly offerer: boolean; readonly answerer: boolean };
}

export interface MediaNegotiation {
  readonly index: number;
  readonly mid: string | null;
  readonly kind: string;
  readonly status: MediaStatus;
  readonly protocol: { readonly offer: string; readonly answer: string | null };
  readonly direction: DirectionNegotiation;
  readonly codecs: CodecNegotiation;
  readonly headerExtensions: {
    readonly negotiated: readonly ExtensionNegotiation[];
    readonly offerOnly: readonly Extmap[];
    readonly answerOnly: readonly Extmap[];
  };
  readonly dtls: DtlsNegotiation;
  readonly ice: { readonly offer: IceSide; readonly answer: IceSide | null };
  readonly rtcpMux: { readonly offer: boolean; readonly answer: boolean | null };
  readonly bundle: {
    readonly inOffer: boolean;
    readonly inAnswer: boolean;
    /** This m-line is the first of the offer's / answer's BUNDLE group (RFC 8843 "tagged" m-line). */
    readonly offerTag: boolean;
    readonly answerTag: boolean;
    readonly offerBundleOnly: boolean;
    /**
     * The answer's m-line uses its group's tag's transport (RFC 9143 §7.1.3: in the answer's group,
     * not its tag, the tag in use): its own ICE credentials, fingerprint and a=setup are not applied.
     */
    readonly answerSharesTag: boolean;
  };
  /** For SCTP m-lines: ports and max-message-size per side; null otherwise. */
  readonly sctp: {
    readonly offerPort: number | null;
    readonly answerPort: number | null;
    readonly offerMaxMessageSize: number | null;
    readonly answerMaxMessageSize: number | null;
  } | null;
  /**
   * Each side's ssrcs and msids; `sim`, its a=ssrc-group:SIM lists (legacy simulcast by ssrc,
   * libwebrtc's before rids: nothing for the answer to take, no a=simulcast), each the layers' ssrcs.
   */
  readonly streams: {
    readonly offer: { readonly ssrcs: readonly string[]; readonly msids: readonly string[]; readonly sim: readonly (readonly string[])[] };
    readonly answer: { readonly ssrcs: readonly string[]; readonly msids: readonly string[]; readonly sim: readonly (readonly string[])[] };
  };
  /** The simulcast the offer sends, as the answer takes it; null when the offer has no a=simulcast send. */
  readonly simulcast: SimulcastNegotiation | null;
  /**
   * The simulcast the offer receives (its a=simulcast recv: a server that asks for layers), as the
   * answer sends it (RFC 8853 §5.3: the answer's a=simulcast send); null when the offer has none.
   * `offer` is then the offer's recv list, `answer` the answer's send list.
   */
  readonly simulcastReceived: SimulcastNegotiation | null;
}

/** Simulcast the offer sends (RFC 8853): what it offers, what the answer receives, layer by layer. */
export interface SimulcastNegotiation {
  /** The offer's `a=simulcast:send` list as written (`r0;r1;r2`, RFC 8853 §5.1). */
  readonly offer: string;
  /** The answer's `a=simulcast:recv` list as written; null when it has none (one stream is sent). */
  readonly answer: string | null;
  /**
   * Each stream the offer sends: its rids (several are alternatives, `f,h`), whether the answer's
   * recv list takes it, and whether it takes it paused (`~r0`, RFC 8853 §5.2: Chromium makes that
   * encoding inactive, libwebrtc's UpdateSimulcastLayerStatusInSender). A received layer may
   * still not be sent: the findings say why (a missing a=rid recv line, alternatives).
   * `answered`: the stream's rids the answer's recv list names (RFC 8853 §6.2.1: an answerer
   * may keep fewer alternatives, `send 1;2,3` answered `recv 1;2` keeps 2, not 3); none when not received.
   */
  readonly layers: readonly { readonly rids: readonly string[]; readonly received: boolean; readonly paused: boolean; readonly answered: readonly string[] }[];
  /**
   * Chromium sends nothing on this m-line though its direction sends: the answer's recv list
   * takes every layer paused (`recv ~r0;~r1`, RFC 8853 §5.2: every encoding inactive), or names
   * only rids the offer does not send (no encoding left). Measured, Chromium 156: 0 packets sent
   * (sdp-diff audit, a Teams-style answer); Firefox ESR 153 ignores "~" and sends every layer, and
   * sends one stream of unknown rids.
   */
  readonly chromiumSendsNothing: boolean;
}

export interface Negotiation {
  readonly media: readonly MediaNegotiation[];
  /**
   * BUNDLE (RFC 8843): `offer` and `answer`, the first a=group:BUNDLE of each (null: none);
   * `offerGroups` and `answerGroups`, every one (a description may have several, RFC 8843 §7;
   * Chromium makes and takes them).
   */
  readonly bundle: {
    readonly offer: readonly string[] | null;
    readonly answer: readonly string[] | null;
    readonly offerGroups: readonly (readonly string[])[];
    readonly answerGroups: readonly (readonly string[])[];
  };
  readonly iceLite: { readonly offer: boolean; readonly answer: boolean };
  readonly diagnostics: readonly NegotiationDiagnostic[];
}

/** Codecs an rtx does not retransmit (its apt names media, red or FEC): another rtx, DTMF, comfort noise. */
const NOT_RETRANSMITTED: ReadonlySet<string> = new Set(['rtx', 'telephone-event', 'cn']);

/** An m-section's direction as Chromium and Firefox read it: its own, else sendrecv (a session-level one is ignored, measured). */
/** An m-line's direction as the browsers read it: a session-level one they ignore (session-direction-ignored). */
export const browserDirection = (m: MediaDescription): Direction => (m.directionSource === 'session' ? 'sendrecv' : m.direction);

/** The rids an a=simulcast list names, paused ones (~) with their name. */
const layers = (list: string | null): string[] => simulcastRids(list).map((r) => r.replace(/^~/, '')).filter((r) => r !== '');

/** The streams an a=simulcast list names (RFC 8853 §5.1: ";" between streams), each its alternative rids (","). */
const streams = (list: string | null): string[][] => (list === null ? [] : list.split(';').map((s) => layers(s)).filter((s) => s.length > 0));

type SimulcastDirection = 'send' | 'recv';
const reverse = (d: SimulcastDirection): SimulcastDirection => (d === 'send' ? 'recv' : 'send');

/**
 * Simulcast as the answer takes it (RFC 8853 §5.3: the offer's streams, their direction reversed):
 * the offer's send list (its layers; no a=simulcast recv in the answer, one stream; recv of fewer
 * rids, those layers only: audit against Chromium, dropped layers went unsaid) and its recv list
 * (a server asking for layers; the answerer sends them: simulcast audit, 2026-12-07, it had been
 * said by nothing), and a direction the answer adds that the offer has not.
 */
function simulcastAnswered(o: MediaDescription, a: MediaDescription, sends: { readonly offerer: boolean; readonly answerer: boolean }, at: (kind: NegotiationDiagnosticKind, message: string) => void): void {
  // An answer's a=simulcast where the offer has none: it answers nothing (RFC 8853 §5.3: the
  // answer takes the offer's streams, its direction reversed). Both browsers take the answer
  // (measured: simulcast-send-unoffered, simulcast-recv-unoffered), so a warning (a server that
  // thinks it asked for layers gets one stream, or none it sends is read as simulcast).
  // No a=simulcast line in the offer at all: one the parser could not read (draft-03's form)
  // libwebrtc may still read (change audit: a false warning).
  const said = (x: { send: string | null; recv: string | null }, only?: SimulcastDirection) => [x.send !== null && only !== 'recv' ? `send ${x.send}` : null, x.recv !== null && only !== 'send' ? `recv ${x.recv}` : null].filter((y) => y !== null).join(' ');
  if (o.simulcast === null && a.simulcast !== null && !o.lines.some((l) => (l.kind === 'attribute' || l.kind === 'other-attribute') && l.name === 'simulcast')) {
    return at('simulcast-not-offered', `the answer's a=simulcast:${said(a.simulcast)} answers no a=simulcast in the offer: no simulcast is negotiated (RFC 8853 §5.3: only the offer's streams are answered); the browsers take the answer (measured: Chromium 156, Firefox ESR 153)`);
  }
  if (o.simulcast !== null && a.simulcast !== null) {
    // A direction the answer adds: its send where the offer receives nothing, or its recv where
    // the offer sends nothing, beside the answer to what the offer has (one in the offer's own
    // direction instead of the reversed one is simulcast-layers-dropped's, said there).
    for (const x of ['send', 'recv'] as const) {
      const wrongWay = o.simulcast[x] !== null && a.simulcast[reverse(x)] === null;
      if (a.simulcast[x] !== null && o.simulcast[reverse(x)] === null && !wrongWay) {
        at('simulcast-not-offered', `the answer's a=simulcast:${said(a.simulcast, x)} answers no a=simulcast ${reverse(x)} in the offer: that direction is not negotiated (RFC 8853 §5.3: only the offer's streams are answered)`);
      }
    }
  }
  // Only where the side that would send the layers sends on the m-line (README audit: "one stream is sent" beside an inactive answer).
  if (sends.offerer) answeredOneWay(o, a, 'send', at);
  if (sends.answerer) answeredOneWay(o, a, 'recv', at);
}

/** One direction of the offer's simulcast as the answer takes it (simulcastAnswered). */
function answeredOneWay(o: MediaDescription, a: MediaDescription, dir: SimulcastDirection, at: (kind: NegotiationDiagnosticKind, message: string) => void): void {
  // Streams on both sides, not rids: "f,~h" is one stream with two alternatives (audit of the
  // change: counted as two layers); an answer's "recv f,h" takes one stream, "recv f;h" two.
  const sent = streams(o.simulcast?.[dir] ?? null);
  if (sent.length < 2) return;
  const back = reverse(dir);
  // The browsers' words are measured with a browser as the offerer that sends; a server's recv
  // offer answered by a browser is said by the RFC alone.
  const browserSends = dir === 'send';
  const name = (s: readonly string[]) => s.join(',');
  const offered = `the offer ${dir === 'send' ? 'sends' : 'receives'} ${sent.length} simulcast layers (rids ${sent.map(name).join(', ')})`;
  const recv = a.simulcast?.[back] ?? null;
  if (recv === null) {
    const answerSends = layers(a.simulcast?.[dir] ?? null);
    if (answerSends.length > 0) return at('simulcast-layers-dropped', `${offered}; the answer's a=simulcast says ${dir} ${answerSends.join(';')} where it must say ${back}: no layer is taken as simulcast${browserSends ? ` (Chromium sends no rid encoding; Firefox sends one stream, rid ${sent[0]![0]})` : ' (RFC 8853 §5.3: the answer reverses the direction)'}`);
    return at('simulcast-not-answered', browserSends ? `${offered}; the answer has no a=simulcast recv: one stream is sent (Chromium sends the first layer, rid ${sent[0]![0]})` : `${offered}; the answer has no a=simulcast send: the answerer sends one stream (RFC 8853 §5.3), not the layers the offerer asks for`);
  }
  // Each stream the answer takes takes one offered stream: the first its rids name.
  const taken = new Map<number, string[]>();
  const unknown: string[] = [];
  const rids = answerRids(a, back);
  for (const stream of streams(recv)) {
    const inOffer = stream.filter((r) => sent.some((s) => s.includes(r)));
    for (const r of stream) if (!inOffer.includes(r)) unknown.push(r);
    // Taken only through a rid with its one a=rid line of that direction (the others are said below: repeated, undeclared).
    const known = inOffer.filter((r) => rids.usable.has(r));
    const index = sent.findIndex((s, i) => !taken.has(i) && s.some((r) => known.includes(r)));
    if (index >= 0) taken.set(index, known.filter((r) => sent[index]!.includes(r)));
  }
  // A recv rid with no "a=rid:<id> recv" line: Firefox refuses the answer (simulcast-rid-missing),
  // Chromium drops that layer (measured with getParameters().encodings: q,h,f with f's line
  // missing left q,h; every a=rid on the send side left one encoding, q; audit of the change).
  // A rid id on two a=rid lines has them all discarded (RFC 8851 §5): Chromium drops that layer
  // (measured, Chromium 156: a=rid:f recv twice left encodings q and h); Firefox takes the answer.
  const repeated = layers(recv).filter((r) => sent.some((s) => s.includes(r)) && rids.repeated.has(r));
  const unreadable = layers(recv).filter((r) => sent.some((s) => s.includes(r)) && rids.unreadable.has(r) && !rids.repeated.has(r));
  const undeclared = layers(recv).filter((r) => sent.some((s) => s.includes(r)) && !rids.usable.has(r) && !rids.repeated.has(r) && !rids.unreadable.has(r));
  if (taken.size === sent.length && unknown.length === 0 && undeclared.length === 0 && repeated.length === 0 && unreadable.length === 0) return;
  const kept = [...taken.entries()].sort((x, y) => x[0] - y[0]).map(([, rids]) => name(rids));
  const dropped = sent.filter((_, i) => !taken.has(i)).map(name);
  const takes = browserSends ? 'receives' : 'sends';
  const parts = [kept.length === 0 ? `the answer ${takes} none of them (${back} ${recv.trim()})` : `the answer ${takes} ${kept.join(', ')}`];
  // Alternatives ("q,h"): Firefox takes the first of each, Chromium every rid listed (sdp-diff
  // audit, measured: recv q,h;f kept q, h and f in Chromium 156, q and f in Firefox ESR 153).
  const listed = streams(recv).flatMap((st) => st.filter((r) => sent.some((x) => x.includes(r)) && !undeclared.includes(r) && !repeated.includes(r)));
  const alternatives = streams(recv).some((st) => st.filter((r) => sent.some((x) => x.includes(r))).length > 1);
  if (dropped.length > 0 && kept.length > 0) parts[0] += alternatives && browserSends ? `: Firefox sends the first rid of each alternative, so ${dropped.join(', ')} not; Chromium sends every rid the answer lists (${listed.join(', ')})` : `: ${dropped.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} not sent`;
  if (unknown.length > 0) parts.push(`rid ${unknown.join(', ')} the offer did not ${dir === 'send' ? 'send' : 'ask for'}`);
  if (undeclared.length > 0) {
    const all = undeclared.length === layers(recv).filter((r) => sent.some((s) => s.includes(r))).length;
    parts.push(`rid ${undeclared.join(', ')} ${undeclared.length === 1 ? 'has' : 'have'} no a=rid … ${back} line in the answer: ${browserSends ? `Chromium drops ${undeclared.length === 1 ? 'that layer' : 'those layers'}${all ? ` and sends one stream, rid ${sent[0]![0]}` : ''} (Firefox refuses the answer)` : `a layer without its rid's description (RFC 8851 §4)`}`);
  }
  if (unreadable.length > 0) parts.push(`rid ${unreadable.join(', ')} ${unreadable.length === 1 ? 'has its' : 'have their'} a=rid line's parameters joined by a blank, not ";" (RFC 8851 §10)${browserSends ? `: Chromium cannot read ${unreadable.length === 1 ? 'it and drops that layer' : 'them and drops those layers'} (measured)` : ''}`);
  if (repeated.length > 0) parts.push(`rid ${repeated.join(', ')} ${repeated.length === 1 ? 'is' : 'are'} on two a=rid lines of the answer, which discards every line of a repeated rid (RFC 8851 §5)${browserSends ? `: Chromium drops ${repeated.length === 1 ? 'that layer' : 'those layers'} (measured; Firefox takes the answer)` : ''}`);
  at('simulcast-layers-dropped', `${offered}; ${parts.join('; ')}${kept.length === 0 && undeclared.length + repeated.length + unreadable.length === 0 ? (browserSends ? `: no layer is taken as simulcast (Chromium sends nothing on this m-line, no encoding left; Firefox sends one stream, rid ${sent[0]![0]}; measured)` : ': no layer is taken as simulcast') : ''}`);
}

/**
 * The simulcast field: each stream the offer sends (`dir` send; recv: each it receives), taken
 * or not by the answer's list of the other direction (each stream of it takes the first offered
 * stream its rids name, as answeredOneWay counts them), and paused when the answer writes one of
 * its rids with "~".
 */
function simulcastOf(o: MediaDescription, a: MediaDescription | null, dir: SimulcastDirection = 'send'): SimulcastNegotiation | null {
  const send = o.simulcast?.[dir] ?? null;
  const sent = streams(send);
  if (send === null || sent.length === 0) return null;
  const recv = a?.simulcast?.[reverse(dir)] ?? null;
  const taken = new Map<number, { paused: boolean; answered: string[] }>();
  // Only rids with one a=rid line of that direction count: a repeated one is discarded (RFC 8851 §5), one with
  // none has no description; Chromium drops both layers (measured), Firefox refuses the latter
  // (README-as-typed audit: the row said ✓ beside simulcast-layers-dropped).
  const { usable } = answerRids(a, reverse(dir));
  for (const stream of recv === null ? [] : recv.split(';')) {
    const rids = stream.split(',').map((r) => r.trim()).filter((r) => r !== '' && r !== '~' && usable.has(r.replace(/^~/, '')));
    const index = sent.findIndex((st, i) => !taken.has(i) && rids.some((r) => st.includes(r.replace(/^~/, ''))));
    // "~" is each rid's (RFC 8853 §5.1, sc-id-paused): "~2,3" pauses 2 alone, and the layer is paused when every rid of it the answer names is (audit of the change).
    if (index >= 0) {
      const answered = sent[index]!.filter((r) => rids.some((x) => x.replace(/^~/, '') === r));
      taken.set(index, { paused: answered.length > 0 && answered.every((r) => rids.includes(`~${r}`)), answered });
    }
  }
  const layers = sent.map((rids, i) => ({ rids, received: taken.has(i), paused: taken.get(i)?.paused === true, answered: taken.get(i)?.answered ?? [] }));
  // Every rid the recv list names that Chromium takes (one the offer sends, with its one a=rid line)
  // is paused: Chromium makes an encoding of each rid listed, alternatives too, active unless "~"
  // (audit of the change: "~1,2" had read as nothing sent; rid 2 was active). Or the recv list
  // names no rid the offer sends (rids it does send without their a=rid line are a one-stream case:
  // simulcast-layers-dropped).
  const named = recv === null ? [] : simulcastRids(recv);
  const offered = (r: string) => sent.some((st) => st.includes(r.replace(/^~/, '')));
  const listed = named.filter((r) => usable.has(r.replace(/^~/, '')) && offered(r));
  const allPaused = listed.length > 0 && listed.every((r) => r.startsWith('~'));
  const onlyUnknown = taken.size === 0 && named.length > 0 && !named.some(offered);
  return { offer: send, answer: recv, layers, chromiumSendsNothing: dir === 'send' && (allPaused || onlyUnknown) };
}


/** The answer's rids with exactly one a=rid line, that line of direction `dir` (`usable`), and those on several lines (`repeated`). */
function answerRids(a: MediaDescription | null, dir: SimulcastDirection = 'recv'): { readonly usable: Set<string>; readonly repeated: Set<string>; readonly unreadable: Set<string> } {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const r of a?.rids ?? []) (seen.has(r.id) ? repeated : seen).add(r.id);
  // Parameters joined by a blank ("pt=96 max-br=1137"): Chromium cannot read the line and drops its
  // layer (audit of the change, measured; with ";" it keeps it).
  const unreadable = new Set((a?.rids ?? []).filter((r) => r.direction === dir && r.params !== null && RID_PARAMS_BLANK_JOINED.test(r.params)).map((r) => r.id));
  return { usable: new Set((a?.rids ?? []).filter((r) => r.direction === dir && !repeated.has(r.id) && !unreadable.has(r.id)).map((r) => r.id)), repeated, unreadable };
}

const MID_EXTENSION = 'urn:ietf:params:rtp-hdrext:sdes:mid';
const RID_EXTENSION = 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id';
/** A negotiated extension's URI without RFC 6904's wrapper (an encrypted MID is the MID: audit of the change). */
const plainUri = (uri: string): string => (uri.startsWith(`${ENCRYPTED_EXTENSION} `) ? uri.slice(ENCRYPTED_EXTENSION.length + 1) : uri);
/** Whether `side` sends the extension `uri` (encrypted or not) on this m-line. */
const sendsExtension = (m: MediaNegotiation, uri: string, side: 'offerer' | 'answerer'): boolean => m.headerExtensions.negotiated.some((e) => plainUri(e.uri) === uri && e.sends[side]);
/** RFC 8852 §3.2: the rid of the stream an rtx packet repairs. */
const REPAIRED_RID_EXTENSION = 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id';

/**
 * Bundled audio/video m-lines that a side sends with nothing for the receiver to route their
 * packets by (RFC 9143 §9.2): no MID header extension negotiated for that side, no a=ssrc of
 * its own, and a payload type another such m-line of the group sends too (libwebrtc's RtpDemuxer
 * routes by a payload type only when one m-line has it); rids that differ between the two would
 * still tell them apart, the same rids (l, m, h in both) do not.
 */
function bundleDemux(media: readonly MediaNegotiation[], offer: SessionDescription, answer: SessionDescription, answerGroupOf: ReadonlyMap<string, number>, add: (d: NegotiationDiagnostic) => void): void {
  // Each group's members, and the answer's m-lines by mid, made once: a search per pair of m-lines
  // was cubic (audit of the change: 4,000 bundled simulcast m-lines, 125 s).
  const groups = new Map<number, MediaNegotiation[]>();
  for (const m of media) {
    if (m.status !== 'accepted' || !m.bundle.inAnswer || m.mid === null || (m.kind !== 'audio' && m.kind !== 'video')) continue;
    const g = answerGroupOf.get(m.mid);
    if (g === undefined) continue;
    const list = groups.get(g);
    if (list === undefined) groups.set(g, [m]);
    else list.push(m);
  }
  let answerByMid: Map<string, MediaDescription> | null = null;
  const answerOf = (mid: string): MediaDescription | undefined => {
    if (answerByMid === null) {
      answerByMid = new Map();
      for (const x of answer.media) if (x.mid !== null && !answerByMid.has(x.mid)) answerByMid.set(x.mid, x);
    }
    return answerByMid.get(mid);
  };
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    for (const side of ['offerer', 'answerer'] as const) {
      const bare = members.filter((m) => (side === 'offerer' ? m.direction.offererSends : m.direction.answererSends) && !sendsExtension(m, MID_EXTENSION, side) && (side === 'offerer' ? m.streams.offer.ssrcs : m.streams.answer.ssrcs).length === 0);
      if (bare.length < 2) continue;
      // The answer's m-line by its mid, else at its index (one without a=mid has the offer's filled in: audit of the change).
      const own = (m: MediaNegotiation) => (side === 'offerer' ? offer.media[m.index] : answerOf(m.mid!) ?? answer.media[m.index]);
      const clash = demuxClash(bare, side, own);
      if (clash === null) continue;
      const [x, y] = clash;
      const ptsOf = (m: MediaNegotiation) => new Set(m.codecs.negotiated.map((c) => c.answerPayloadType));
      const py = ptsOf(y);
      const shared = [...ptsOf(x)].filter((pt) => py.has(pt));
      const named = x.codecs.negotiated.find((c) => c.answerPayloadType === shared[0])!;
      const ridsOf = (m: MediaNegotiation) => new Set((own(m)?.rids ?? []).filter((r) => r.direction === 'send').map((r) => r.id));
      const ry = ridsOf(y);
      const sameRids = [...ridsOf(x)].filter((r) => ry.has(r));
      add(finding('bundle-demux-ambiguous', `the ${side} sends mid ${shownMid(x.mid)} and mid ${shownMid(y.mid)} on one BUNDLE transport with nothing to tell their packets apart: no MID header extension negotiated for it (${MID_EXTENSION}), no a=ssrc for them${sameRids.length > 0 ? `, the same rids in both (${sameRids.join(', ')})` : ''}, and payload type ${shared[0]} (${named.name}) in both${shared.length > 1 ? ` (and ${shared.length - 1} more)` : ''}`, x.mid, x.index));
    }
  }
}

/**
 * Two of `bare` (m-lines a side sends without MID or ssrcs) that share a payload type and that no
 * rid tells apart, the earlier first; null when there are none. Linear in the m-lines and their
 * payload types: by payload type, one that sends no rids (or without the rid extension) clashes
 * with any other, and those that all send rids clash on a rid in common.
 */
function demuxClash(bare: readonly MediaNegotiation[], side: 'offerer' | 'answerer', own: (m: MediaNegotiation) => MediaDescription | undefined): [MediaNegotiation, MediaNegotiation] | null {
  const byPt = new Map<number, { m: MediaNegotiation; rids: ReadonlySet<string>; told: boolean }[]>();
  for (const m of bare) {
    const rids = new Set((own(m)?.rids ?? []).filter((r) => r.direction === 'send').map((r) => r.id));
    // Rids tell m-lines apart only where the rid extension carries them (audit of the change).
    const entry = { m, rids, told: rids.size > 0 && sendsExtension(m, RID_EXTENSION, side) };
    for (const pt of new Set(m.codecs.negotiated.map((c) => c.answerPayloadType))) {
      const list = byPt.get(pt);
      if (list === undefined) byPt.set(pt, [entry]);
      else list.push(entry);
    }
  }
  let best: [MediaNegotiation, MediaNegotiation] | null = null;
  const consider = (x: MediaNegotiation, y: MediaNegotiation) => {
    const pair: [MediaNegotiation, MediaNegotiation] = x.index < y.index ? [x, y] : [y, x];
    if (best === null || pair[0].index < best[0].index || (pair[0].index === best[0].index && pair[1].index < best[1].index)) best = pair;
  };
  for (const list of byPt.values()) {
    if (list.length < 2) continue;
    // One that no rid tells apart clashes with every other: the earliest such pair is it with the first other.
    const weak = list.find((e) => !e.told);
    if (weak !== undefined) consider(weak.m, (weak === list[0] ? list[1] : list[0])!.m);
    // And any two that send a rid in common (audit of the change: a weak one had hidden an earlier pair of the same rids).
    const seen = new Map<string, MediaNegotiation>();
    for (const e of list) {
      for (const r of e.rids) {
        const had = seen.get(r);
        if (had !== undefined && had !== e.m) consider(had, e.m);
        else if (had === undefined) seen.set(r, e.m);
      }
    }
  }
  return best;
}

/** Each mid's group (its first, where a mid is named twice), by index. */
function groupByMid(groups: readonly (readonly string[])[]): Map<string, number> {
  const out = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const mid of g) if (!out.has(mid)) out.set(mid, i);
  });
  return out;
}

const ALLOWED: Record<Direction, readonly Direction[]> = {
  sendrecv: ['sendrecv', 'sendonly', 'recvonly', 'inactive'],
  sendonly: ['recvonly', 'inactive'],
  recvonly: ['sendonly', 'inactive'],
  inactive: ['inactive'],
};
/** Whether an Opus codec's last stereo parameter is 1 (libwebrtc's map keeps the last). */
/** A codec's last a=fmtp value for `name` (case as written), or null. */
function fmtpValue(c: Codec | undefined, name: string): string | null {
  if (c === undefined) return null;
  for (let i = c.parameters.length - 1; i >= 0; i--) if (c.parameters[i]!.name === name) return c.parameters[i]!.value;
  return null;
}

/**
 * What one side's Opus a=fmtp asks of the other's encoder (RFC 7587 §6.1: each is the writer's
 * wish as a receiver), said where it narrows what the other sends: a maxaveragebitrate below
 * libwebrtc's 32 kb/s, a maxplaybackrate below 48 kHz, no in-band FEC where the other side asks
 * for it itself. Negotiation audit: an answer's maxaveragebitrate=6000 capped the offerer at 6 kb/s
 * in silence.
 */
function opusWishes(receiver: Codec | undefined, sender: Codec | undefined, senderSide: 'offer' | 'answer'): string[] {
  const out: string[] = [];
  const rate = Number(fmtpValue(receiver, 'maxaveragebitrate'));
  if (Number.isFinite(rate) && rate > 0 && rate < 32000) out.push(`maxaveragebitrate=${rate}: at most ${rate / 1000} kb/s (libwebrtc's default is 32)`);
  const playback = Number(fmtpValue(receiver, 'maxplaybackrate'));
  if (Number.isFinite(playback) && playback > 0 && playback < 48000) out.push(`maxplaybackrate=${playback}: encoded for ${playback <= 8000 ? 'narrowband' : playback <= 12000 ? 'medium band' : playback <= 16000 ? 'wideband' : 'super-wideband'} (${playback / 1000} kHz) playback`);
  if (fmtpValue(receiver, 'useinbandfec') !== '1' && fmtpValue(sender, 'useinbandfec') === '1') out.push(`no in-band FEC (no useinbandfec=1, which the ${senderSide} writes for itself: less resilience to loss)`);
  return out;
}

const stereo = (c: Codec | undefined): boolean => fmtpValue(c, 'stereo') === '1';
const sends = (d: Direction) => d === 'sendrecv' || d === 'sendonly';
const receives = (d: Direction) => d === 'sendrecv' || d === 'recvonly';

const ICE_CHARS = /^[A-Za-z0-9+/]*$/;
function iceSide(m: MediaDescription, lite: boolean): IceSide {
  const { ufrag, pwd, options } = m.ice;
  return { ufrag, pwd, ufragValid: ufragValid(ufrag), pwdValid: pwdValid(pwd), options, lite };
}

const isSctp = (m: MediaDescription) => /SCTP/i.test(m.protocol);
const ssrcList = (m: MediaDescription) => [...new Set(m.ssrcs.map((s) => s.ssrc))];
const simGroups = (m: MediaDescription): string[][] => m.ssrcGroups.filter((g) => g.semantics.toUpperCase() === 'SIM').map((g) => [...g.ssrcs]);
const msidList = (m: MediaDescription) => {
  const fromMsid = m.msids.map((x) => `${x.streamId} ${x.trackId ?? ''}`.trim());
  const fromSsrc = m.ssrcs.filter((s) => s.attribute === 'msid' && s.value !== null).map((s) => s.value!);
  return [...new Set([...fromMsid, ...fromSsrc])];
};

function dtlsRoles(offer: Setup | null, answer: Setup | null): { offererRole: DtlsRole | null; answererRole: DtlsRole | null; valid: boolean } {
  // An offer without a=setup: libwebrtc reads it as actpass (Chromium accepts the answer's role,
  // measured; Firefox refuses the offer, offer-setup-missing). An answer without: RFC 4145 §4's
  // default, active (both browsers accept, measured).
  const o = offer ?? 'actpass';
  const a = answer ?? 'active';
  const role = (s: Setup): DtlsRole | null => (s === 'active' ? 'client' : s === 'passive' ? 'server' : null);
  if (a === 'actpass' || a === 'holdconn' || o === 'holdconn') return { offererRole: null, answererRole: null, valid: false };
  const answererRole = role(a)!;
  const offererRole: DtlsRole = answererRole === 'client' ? 'server' : 'client';
  const valid = o === 'actpass' || role(o) === offererRole;
  return { offererRole: valid ? offererRole : role(o), answererRole, valid };
}

/** The answer's m-line for an offer m-line: the one at its index when the mids agree, else the first of its mid. */
function findAnswerMedia(offer: MediaDescription, answer: SessionDescription, byMid: () => ReadonlyMap<string, MediaDescription>, offerByMid: () => ReadonlyMap<string, MediaDescription>): MediaDescription | null {
  const byIndex = answer.media[offer.index] ?? null;
  if (offer.mid !== null && byIndex?.mid !== offer.mid) {
    const same = byMid().get(offer.mid);
    if (same !== undefined) return same;
    // The m-line at this index answers another offer m-line, by its mid: this one has no answer
    // (pairs audit: a mediasoup answer of one m-line for a two m-line offer had the audio "accepted",
    // compared with the video that answered the other).
    if (byIndex !== null && byIndex.mid !== null && offerByMid().has(byIndex.mid)) return null;
  }
  return byIndex;
}

/** The first m-line of each mid, made when first asked (a find per m-line was quadratic when the mids were reordered; parser audit). */
function firstByMid(media: readonly MediaDescription[]): () => ReadonlyMap<string, MediaDescription> {
  let map: Map<string, MediaDescription> | null = null;
  return () => {
    if (map === null) {
      map = new Map();
      for (const m of media) if (m.mid !== null && !map.has(m.mid)) map.set(m.mid, m);
    }
    return map;
  };
}

/**
 * Applies the offer/answer rules (RFC 3264, RFC 8829 JSEP, RFC 8843 BUNDLE) as the browsers do to
 * a parsed offer and its answer: per m-line, whether it is accepted, the codecs both sides can
 * use (by name, clock rate, channels and the fmtp parameters that must match, H.264 by
 * profile-level-id), directions, ICE, DTLS roles, BUNDLE, header extensions, simulcast; with a
 * diagnostic for each rule broken. `sdp-diff` prints it. Pure.
 */
export function negotiate(offer: SessionDescription, answer: SessionDescription): Negotiation {
  requireObject(offer, 'negotiate: the offer', 'media', 'bundle');
  requireObject(answer, 'negotiate: the answer', 'media', 'bundle');
  return readingModels('negotiate', [offer, answer], ['the offer', 'the answer'], () => negotiateModels(offer, answer));
}

function negotiateModels(offer: SessionDescription, answer: SessionDescription): Negotiation {
  const diags: NegotiationDiagnostic[] = [];
  const add = (d: NegotiationDiagnostic) => diags.push(d);
  const offerBundle = offer.bundle;
  const answerBundle = answer.bundle;
  // Every BUNDLE group, each m-line in its own (audit against Chromium: a second group, "BUNDLE 1 2",
  // was read as no group at all, its m-lines "bundle-not-in-offer" and "moved out").
  const offerGroups = bundleGroupsOf(offer);
  const answerGroups = bundleGroupsOf(answer);
  const offerGroupOf = groupByMid(offerGroups);
  const answerGroupOf = groupByMid(answerGroups);
  const offerBundled: ReadonlySet<string> = new Set(offerGroupOf.keys());
  const answerBundled: ReadonlySet<string> = new Set(answerGroupOf.keys());

  if (answer.media.length !== offer.media.length) {
    add(finding('mline-count-mismatch', `the offer has ${offer.media.length} m-lines, the answer ${answer.media.length}`));
  }
  if (offer.iceLite && answer.iceLite) add(finding('ice-lite-both', 'both descriptions carry a=ice-lite'));
  // A direction written only at session level, read by no browser (audit against Chromium and Firefox: sdp-diff applied it and called their own answers invalid).
  // Two SIP legs: no ICE, no DTLS fingerprint on either side, so no browser in the call.
  const sipLegs = !iceOrDtls(offer) && !iceOrDtls(answer);
  if (sipLegs) {
    const withheld = (d: SessionDescription) => [...new Set(d.diagnostics.flatMap((x) => (x.kind === 'rejected-by-browser' ? [x.rule] : [])))];
    const w = { offer: withheld(offer), answer: withheld(answer) };
    const told = (side: string, rules: readonly string[]) => (rules.length === 0 ? null : `the ${side} (${rules.join(', ')})`);
    const refused = [told('offer', w.offer), told('answer', w.answer)].filter((x) => x !== null);
    add(diagnostic('sip-legs', `neither description uses ICE or DTLS (no a=ice-ufrag, no a=fingerprint, no DTLS profile): two SIP/RTP legs, no browser in this exchange${refused.length > 0 ? `; what a browser would refuse in ${refused.join(' and ')} fails nothing here (sdpscope parse shows it)` : ''}`, { mid: null, index: null, withheld: w }));
  }
  // Not said between two SIP legs, whose reading of it is RFC 8866's (no browser in the call).
  for (const [side, d] of sipLegs ? [] : ([['offer', offer], ['answer', answer]] as const)) {
    const inherit = d.media.filter((m) => m.directionSource === 'session' && m.direction !== 'sendrecv');
    if (inherit.length > 0) add(finding('session-direction-ignored', `the ${side}'s a=${inherit[0]!.direction} is at session level only, and ${inherit.length === 1 ? 'its m-line has' : `${inherit.length} m-lines have`} no direction of ${inherit.length === 1 ? 'its' : 'their'} own: RFC 8866 §6.7 applies it to them, but Chromium and Firefox ignore it and read sendrecv`));
  }
  // c=0.0.0.0 with a real port and no ICE: RFC 2543's hold (with ICE, 0.0.0.0 and port 9 are gathering's
  // placeholder). Nothing is sent there, whatever the direction says (SIP audit: rtpengine#702, the
  // direction row had read "offerer sends, answerer sends").
  for (const [side, d] of [['offer', offer], ['answer', answer]] as const) {
    for (const m of d.media) {
      if (!addressHold(m, d)) continue;
      add(finding('address-hold', `the ${side}'s m-line ${m.index} (${m.kind}) has c=0.0.0.0, port ${m.port}, and no ICE: RFC 2543's hold (RFC 3264 §8.4 keeps it): the other side sends nothing there, whatever the direction says${side === 'offer' ? '; in an initial offer some SIP peers refuse it (Lync and Skype for Business answer 488, "Call hold not allowed for initial INVITE offer": rtpengine#702)' : ''}`, m.mid, m.index));
    }
  }
  // A group in the answer to an offer with none (sdp-diff audit; measured: bundle-added-unoffered).
  // An empty group is none (libwebrtc skips it; measured, both take one: bundle-group-empty; change audit).
  const namedGroup = answerGroups.find((g) => g.some((mid) => mid !== ''));
  if (namedGroup !== undefined && offerGroups.every((g) => g.every((mid) => mid === ''))) {
    add(diagnostic('bundle-not-in-offer', `the answer has a BUNDLE group (mids ${namedGroup.filter((mid) => mid !== '').map(shownMid).join(' ')}) and the offer has none: Chromium rejects it ("A BUNDLE group was added in the answer that did not exist in the offer"; Firefox accepts it)`, { mid: null, index: null, browsers: CHROMIUM_REJECTS }));
  }
  // An answer group whose tag (its first mid) the answer rejects, while it accepts another of its
  // m-lines: that one has no transport (RFC 9143 §7.3.3 has the answerer reject them all). Both
  // browsers refuse it (measured: bundle-tag-rejected; Chromium "The m= section with mid='1'
  // should be rejected.", Firefox "mid specified for bundle transport in group attribute points at
  // a disabled m-section"; pion/webrtc#840, Safari). It had been a warning (sdp-diff audit).
  for (const d of bundleOnlyTagFindings(offer)) add(d);
  for (const [d, side, peer] of [[offer, 'offer', answer], [answer, 'answer', offer]] as const) {
    const lite = liteUnreachableFinding(d, side, peer);
    if (lite !== null) add(lite);
  }
  const dead = deadTagGroups(answer);
  const deadTags = new Set(dead.map((g) => g.tag.mid!));
  const orphans = new Set(dead.flatMap((g) => g.used.map((m) => m.mid!)));
  for (const g of dead) add(deadTagFinding(g));
  // A rejected m-line the answer still names in a group (its tag's case is the error above): RFC
  // 9143 §7.3.3 (RFC 8843's) has the answerer leave its mid out. Both browsers take it (measured:
  // port-zero), so an info (sdp-diff audit: unsaid). Not of a group whose m-lines are all rejected
  // (everything-rejected, or the group's own end, says it; change audit: an info per m-line).
  for (const group of answerGroups) {
    const members = group.map((mid) => answer.media.find((x) => x.mid === mid)).filter((x) => x !== undefined);
    if (members.every((x) => x!.port === 0 && !x!.bundleOnly)) continue;
    for (const mid of group) {
      if (deadTags.has(mid)) continue;
      const m = answer.media.find((x) => x.mid === mid);
      if (m !== undefined && m.port === 0 && !m.bundleOnly) add(finding('bundle-rejected-member', `the answer rejects mid ${shownMid(mid)} (port 0) and still names it in its BUNDLE group: RFC 9143 §7.3.3 has a rejected m-line's mid left out (both browsers accept it)`, mid, m.index));
    }
  }
  if (answerGroups.length > 0 && offerGroups.length > 0) {
    // Which answer group answers each offered group: a second one for the same is a split (sdp-diff audit: Chromium rejects it).
    const answeredBy = new Map<number, number>();
    answerGroups.forEach((group, gi) => {
      for (const mid of group) {
        const og = offerGroupOf.get(mid);
        if (og === undefined) continue;
        const was = answeredBy.get(og);
        if (was === undefined) answeredBy.set(og, gi);
        else if (was !== gi) {
          add(diagnostic('bundle-group-split', `the answer puts mid ${JSON.stringify(mid)} in a BUNDLE group of its own, apart from mid ${JSON.stringify(answerGroups[was]!.find((m) => offerGroupOf.get(m) === og) ?? '?')}, which the offer bundled with it: Chromium rejects it (Firefox accepts)`, { mid, index: null, browsers: CHROMIUM_REJECTS }));
          return;
        }
      }
    });
    for (const group of answerGroups) {
      // One answer group answers one offer group: an m-line is never moved to another (RFC 8843 §7.3.2).
      let from: number | undefined;
      for (const mid of group) {
        const g = offerGroupOf.get(mid);
        if (g === undefined) add(finding('bundle-not-in-offer', `the answer bundles mid ${shownMid(mid)}, which the offer did not bundle`, mid));
        else if (from === undefined) from = g;
        else if (g !== from) add(finding('bundle-not-in-offer', `the answer bundles mid ${shownMid(mid)} with mid ${shownMid(offerGroups[from]!.find((m) => group.includes(m)) ?? '?')}, which the offer put in another BUNDLE group`, mid));
      }
    }
  }

  // Per description, what a receiver checks across m-sections (sdp-diff audit against both browsers).
  // One extmap id for two URIs in a group is each description's own finding (parseSdp's rule extmap-bundle-collision).
  for (const [side, d, groups] of [['offer', offer, offerGroups], ['answer', answer, answerGroups]] as const) {
    for (const group of groups) {
      const members = new Set(group);
      // One payload type, two codecs (or two configurations of one) in one group: both browsers take
      // it (measured, negotiation audit), a receiver that tells packets apart by payload type cannot.
      const pts = new Map<number, { codec: string; fmtp: string; mid: string | null }>();
      const ptSaid = new Set<number>();
      for (const m of d.media) {
        if (m.mid === null || !members.has(m.mid) || (m.port === 0 && !m.bundleOnly)) continue;
        for (const c of m.codecs) {
          if (c.name === '') continue;
          const codec = `${c.name.toLowerCase()}/${c.clockRate ?? ''}/${c.channels ?? 1}`;
          const fmtp = fmtpText(c);
          const was = pts.get(c.payloadType);
          if (was === undefined) pts.set(c.payloadType, { codec, fmtp, mid: m.mid });
          else if ((was.codec !== codec || was.fmtp !== fmtp) && !ptSaid.has(c.payloadType)) {
            ptSaid.add(c.payloadType);
            const what = was.codec !== codec ? `${describeCodec(c)} in mid ${JSON.stringify(m.mid)} and ${was.codec.split('/')[0]} in mid ${JSON.stringify(was.mid)}` : `${c.name} with a=fmtp "${fmtp}" in mid ${JSON.stringify(m.mid)} and "${was.fmtp}" in mid ${JSON.stringify(was.mid)}`;
            add(finding('bundle-payload-type-collision', `the ${side}'s payload type ${c.payloadType} is ${what}, one BUNDLE group: both browsers take it; a receiver that routes by payload type (no mid header extension, no ssrc lines) cannot tell them apart`, m.mid, m.index));
          }
        }
      }
    }
  }

  // A description that has no fingerprint or no ICE credentials at all says so itself (its browser
  // rules fingerprint-missing, ice-credentials-missing): not said again for each of its m-lines.
  const ruledOf = (d: SessionDescription) => {
    const rules = new Set(d.diagnostics.map((x) => (x.kind === 'rejected-by-browser' ? x.rule : null)));
    return { fingerprint: rules.has('fingerprint-missing'), ice: rules.has('ice-credentials-missing') };
  };
  const offerRuled = ruledOf(offer);
  const answerRuled = ruledOf(answer);
  const answerByMid = firstByMid(answer.media);
  const offerByMid = firstByMid(offer.media);
  const media = offer.media.map((o): MediaNegotiation => {
    const a = findAnswerMedia(o, answer, answerByMid, offerByMid);
    const mid = o.mid ?? a?.mid ?? null;
    const at = (kind: NegotiationDiagnosticKind, message: string) => add(finding(kind, message, mid, o.index));
    // An answer m-line of another kind answers nothing here: what follows would compare audio with
    // video (sdp-diff audit: swapped mids gave 13 errors and 31 warnings, one saying "Chromium
    // sends with the answer's first codec"). Said once; the rest of this m-line's findings dropped.
    const otherKind = a !== null && a.kind !== o.kind;
    if (a && (a.kind !== o.kind || (o.mid !== null && a.mid !== null && a.mid !== o.mid) || a.index !== o.index)) {
      // Only its place differs: said as such, not as two alike descriptions (pairs audit).
      const placeOnly = a.kind === o.kind && a.mid === o.mid;
      // As many m-lines on both sides: the answer reordered them, it neither lost nor added one (WHIP audit: janus-gateway#3320's answer, its two m-lines swapped, read "added" and "lost").
      const reordered = answer.media.length === offer.media.length;
      if (placeOnly) at('mline-mismatch', `offer m-line ${o.index} (${o.kind} mid ${shownMid(o.mid)}) is answered at the answer's index ${a.index}, not ${o.index}: ${reordered ? 'the answer has the offer\'s m-lines in another order' : `the answer ${a.index < o.index ? 'lost' : 'added'} an m-line before it`} (RFC 3264 §6: an answer keeps the offer's m-lines, in their order; Chromium refuses it: "The order of m-lines in answer doesn't match order in offer")`);
      else at('mline-mismatch', `offer m-line ${o.index} is ${o.kind} mid ${shownMid(o.mid)}, the answer's is ${a.kind} mid ${shownMid(a.mid)} at index ${a.index}${otherKind ? ': the browsers refuse such an answer; the findings of comparing the two (codecs, extensions, transport) are left out' : ''}`);
    }
    const mark = diags.length;
    const inOffer = o.mid !== null && offerBundled.has(o.mid);
    // An answer m-line without a=mid whose group names the offer's mid is in the group as Chromium
    // reads it (FillInMissingRemoteMids gives it the offer's mid, unless another m-line has it; measured:
    // mid-removed, taken), and answer-mid-missing says Firefox refuses it (README audit: the status read
    // "moved out of BUNDLE" beside that finding).
    const midLost = a !== null && a.mid === null && o.mid !== null && answerBundled.has(o.mid) && !answer.media.some((x) => x.mid === o.mid);
    const answerMid = a === null ? null : midLost ? o.mid : a.mid;
    const inAnswer = answerMid !== null && answerBundled.has(answerMid);
    const offerTag = inOffer && offerGroups[offerGroupOf.get(o.mid!)!]![0] === o.mid;
    const answerTag = inAnswer && answerGroups[answerGroupOf.get(answerMid!)!]![0] === answerMid;

    let status: MediaStatus;
    if (a === null) status = 'missing';
    // Another kind in its place answers nothing (sdp-diff audit: "accepted", "offerer sends", "DTLS ✓" beside the refusal).
    else if (otherKind) status = 'mismatched';
    else if (a.port === 0) status = a.bundleOnly && inAnswer ? 'bundle-only' : 'rejected';
    else if (o.port === 0 && !o.bundleOnly) status = 'rejected';
    // No group at all in the answer moves every bundled m-line out too (sdp-diff audit: said only when one mid was dropped).
    else if (inOffer && !inAnswer) status = 'moved-out-of-bundle';
    else status = 'accepted';
    const live = status === 'accepted' || status === 'bundle-only' || status === 'moved-out-of-bundle';

    // Acceptance is decided above, once: the codecs intersect when there is an answer m-line,
    // and count only when it is live (for a rejected one they tell the likely reason).
    // SDES-SRTP (RFC 4568): the answer takes one offered a=crypto, by its tag and with its suite. The
    // browsers do DTLS-SRTP only; this is a SIP leg's check (SIP audit: janus-gateway#2726's answer
    // took tag 1 with another suite, #1770's had no key at all, both said nothing).
    if (live && a !== null && !otherKind && /SAVP/i.test(a.protocol) && a.fingerprints.length === 0) {
      const offered = cryptoLines(o);
      const answered = cryptoLines(a);
      if (offered.length > 0 && answered.length === 0) at('crypto-mismatch', `the offer keys SRTP with a=crypto (RFC 4568) and the answer, ${a.protocol} without a=fingerprint, has no a=crypto: no key, so no media either way`);
      else if (offered.length > 0 && answered.length > 1) at('crypto-mismatch', `the answer has ${answered.length} a=crypto lines: it takes exactly one of the offer's (RFC 4568 §5.1.2)`);
      else if (offered.length > 0 && answered.length === 1) {
        const [x] = answered;
        // Tags are numbers (RFC 4568 §9.1: 1*9DIGIT): 01 is 1.
        const same = offered.find((c) => Number(c.tag) === Number(x!.tag));
        if (same === undefined) at('crypto-mismatch', `the answer's a=crypto tag ${x!.tag} (${x!.suite}) is none of the offer's (${listSome(offered, (c) => `${c.tag} ${c.suite}`)}): an answer echoes the tag of the line it takes (RFC 4568 §5.1.2)`);
        // Suite names compare without case (RFC 4568 §9.2's ABNF strings; pjmedia's pj_stricmp).
        else if (same.suite.toUpperCase() !== x!.suite.toUpperCase()) at('crypto-mismatch', `the answer's a=crypto tag ${x!.tag} is ${x!.suite}, and the offer's tag ${x!.tag} is ${same.suite}${offered.some((c) => c.suite.toUpperCase() === x!.suite.toUpperCase()) ? ` (the offer has ${x!.suite} as tag ${offered.find((c) => c.suite.toUpperCase() === x!.suite.toUpperCase())!.tag})` : ''}: an answer takes the suite of the tag it echoes (RFC 4568 §5.1.2, §7.1.2)`);
      }
    }
    const intersection = a ? negotiateCodecs(o, a) : null;
    const codecs = live && intersection ? intersection : unnegotiatedCodecs(o, a === null ? 'no answer m-line' : status === 'mismatched' ? 'not compared: the answer\'s m-line here is of another kind' : 'm-line rejected (port 0)');
    const rtp = /RTP\//i.test(o.protocol);
    if (status === 'rejected') {
      const common = rtp && intersection ? intersection.negotiated.filter((c) => c.role === null).length : 0;
      // A rejected m-line's formats are placeholders (RFC 3264 §6: sofia-sip writes a lone 19): no
      // codec in common there says nothing of why (SIP audit: "no codec in common" for a gateway
      // that had PCMU and PCMA, the offer's RTP/AVP with DTLS lines being the cause).
      const why = o.port === 0 && !o.bundleOnly ? 'the offer disabled it'
        : rtp && common > 0 ? `declined by the answerer (${common} codec${common === 1 ? '' : 's'} in common)`
        : rtp && a && a.codecs.some((c) => c.name !== '') ? 'no codec in common'
        : rtp ? `declined by the answerer (the formats of a rejected m-line are placeholders, RFC 3264 §6: the reason is the answerer's, a codec, transport profile${o.protocol !== a?.protocol && a ? ` (offered ${o.protocol}, answered ${a.protocol})` : ''} or media it does not take, or its policy)`
        : 'declined by the answerer';
      at('media-rejected', `${o.kind} m-line ${o.index} rejected: ${why}`);
    }
    // Video RED without ULPFEC or the reverse: libwebrtc's RtpVideoSender turns both off (negotiation audit: listed as negotiated).
    if (live && status !== 'rejected' && o.kind === 'video' && intersection !== null) {
      const red = codecs.negotiated.some((c) => c.name.toLowerCase() === 'red');
      const ulpfec = codecs.negotiated.some((c) => c.name.toLowerCase() === 'ulpfec');
      if (red !== ulpfec) at('video-fec-half', `video negotiates ${red ? 'red without ulpfec' : 'ulpfec without red'}: libwebrtc (Chromium, Safari) sends neither ("Only RED or only ULPFEC enabled, but not both. Disabling both.")`);
    }
    // A stopped m-line answered with a port (RFC 3264 §6): both browsers reject the answer (sdp-diff audit).
    if (a !== null && o.port === 0 && !o.bundleOnly && a.port !== 0) add(diagnostic('stopped-mline-accepted', `the offer stopped ${o.kind} m-line ${o.index} (port 0); the answer gives it port ${a.port}: both browsers reject it`, { mid, index: o.index, browsers: BOTH_REJECT }));
    if (status === 'missing') at('mline-count-mismatch', `no answer m-line for offer m-line ${o.index} (${o.kind})`);
    // The offer's bundle-only tag is what Firefox answers so (offer-tag-bundle-only): said, so the action is not the answerer's alone (audit of the change).
    const offerGroup = inOffer ? offerGroups[offerGroupOf.get(o.mid!)!] : undefined;
    const tagBundleOnly = offerGroup !== undefined && offer.media.find((x) => x.mid === offerGroup[0])?.bundleOnly === true;
    if (status === 'moved-out-of-bundle' && answerGroups.length === 0) at('moved-out-of-bundle', `mid ${mid} was bundled in the offer; the answer has no a=group:BUNDLE, so every m-line is on a transport of its own${tagBundleOnly ? ' (the offer\'s tag is bundle-only, which Firefox answers so: offer-tag-bundle-only)' : ''}`);
    // No a=mid on the answer's m-line while its group names the offer's: its own finding, with each browser's reading (audit of the change: said as moved-out-of-bundle, whose words say the opposite).
    if (midLost) add(diagnostic('answer-mid-missing', `mid ${mid} was bundled in the offer; the answer's m-line ${a!.index} has no a=mid while the answer's BUNDLE group names ${mid}: Firefox refuses the answer; Chromium takes it (both measured), giving the m-line the offer's mid, so the m-line stays in the group there`, { mid, index: o.index, browsers: FIREFOX_REJECTS }));
    if (status === 'moved-out-of-bundle' && answerGroups.length > 0) at('moved-out-of-bundle', `mid ${mid} was bundled in the offer; the answer accepts it outside its BUNDLE group`);

    if (live && a) {
      if (rtp && codecs.negotiated.filter((c) => c.role === null).length === 0) {
        const others = [...new Set(codecs.negotiated.map((c) => c.name))];
        // Each name once, rtx left out (codec audit: twenty "rtx" hid the H265 at the end), and why an
        // answer codec of an offered name matches none of them (its distinguishing parameters).
        const names = (d: MediaDescription) => [...new Set(d.codecs.map((c) => c.name).filter((n) => n !== '' && n.toLowerCase() !== 'rtx'))].join(', ') || 'none';
        const unlike = a.codecs.filter((ac) => ac.name !== '' && !NOT_RETRANSMITTED.has(ac.name.toLowerCase()) && ac.name.toLowerCase() !== 'rtx' && o.codecs.some((oc) => oc.name.toLowerCase() === ac.name.toLowerCase()));
        const why = unlike.length > 0 ? ` (the answer's ${unlike.slice(0, 3).map(describeCodec).join(', ')} is none of the offered ${[...new Set(unlike.map((c) => c.name))].join(', ')}: ${listSome(o.codecs.filter((oc) => unlike.some((ac) => ac.name.toLowerCase() === oc.name.toLowerCase())), describeCodec, 4)})` : '';
        // Opus written with one channel, or none: RFC 7587 §7 has it always opus/48000/2, mono or
        // stereo, and the browsers match it so (negotiation audit: the fix went unsaid).
        const opus = unlike.find((c) => c.name.toLowerCase() === 'opus' && c.channels !== 2);
        const listed = `offer ${names(o)}; answer ${names(a)}${why}${opus !== undefined ? `; RFC 7587 §7 writes opus as opus/48000/2 whether it carries mono or stereo (stereo=1 in a=fmtp says which), so the answer's ${describeCodec(opus)} should be opus/48000/2` : ''}`;
        // VP9 or AV1 on both sides, told apart by their parameters only (libwebrtc compares profile-id,
        // profile): Firefox matches them by name and clock rate, and both browsers take the answer
        // (measured, negotiation audit: VP9 profile-id=2 and AV1 profile=1 to an offer of profile 0).
        // With red, ulpfec or rtx beside it too, as libwebrtc's answers carry them: Firefox has the
        // namesake and those in common (measured: av1-profile-1-with-red, vp9-profile-2-with-red;
        // codec audit: "Firefox refuses" had been said).
        const namesake = a.codecs.find((ac) => /^(vp9|av1)$/i.test(ac.name) && o.codecs.some((oc) => oc.name.toLowerCase() === ac.name.toLowerCase() && oc.clockRate === ac.clockRate));
        if (namesake !== undefined) {
          at('codec-parameters-differ', `${o.kind} m-line ${o.index}: the answer's ${describeCodec(namesake)} is none of the offered ${namesake.name} codecs (${o.codecs.filter((c) => c.name.toLowerCase() === namesake.name.toLowerCase()).map(describeCodec).join(', ')}) by libwebrtc's rules, only by name and clock rate, as Firefox matches it: both browsers take the answer`);
        } else if (others.length > 0 && others.every((n) => /^(telephone-event|cn)$/i.test(n))) {
          // Only DTMF or CN in common: both browsers take the answer and no media flows (measured by
          // the sdp-diff audit: Firefox sends telephone-event only, Chromium configures no codec).
          at('no-common-codec', `${o.kind} m-line ${o.index} is accepted but no media codec matches: ${listed}: only ${others.join(', ')} in common; both browsers accept the answer, and no ${o.kind} flows (Firefox sends ${others.some((n) => n.toLowerCase() === 'telephone-event') ? 'DTMF only' : 'nothing'}, Chromium configures no codec)`);
        } else if (others.length > 0) {
          // Red, FEC or rtx only: Firefox drops them with no media codec and refuses; Chromium, sending
          // on the m-line, cannot set its send codecs (measured, negotiation audit: video red and ulpfec only).
          const sends = o.direction === 'sendrecv' || o.direction === 'sendonly';
          add(diagnostic('no-common-codec', `${o.kind} m-line ${o.index} is accepted but no media codec matches: ${listed}: only ${others.join(', ')} in common, no media codec: Firefox refuses the answer ("Answer had no codecs in common")${sends ? ', and so does Chromium, which sends on this m-line ("Failed to set remote … description send parameters")' : ''}`, { mid, index: o.index, browsers: sends ? BOTH_REJECT : FIREFOX_REJECTS }));
        } else if (a.codecs.some((c) => /^h265$/i.test(c.name) && o.codecs.some((oc) => /^h265$/i.test(oc.name)))) {
          // H265 on both sides that libwebrtc's rules match to none (a profile, tier or level it does not
          // read): Chromium's reading; Firefox's H265 matching was not measured (codec audit), so no verdict of it.
          at('no-common-codec', `${o.kind} m-line ${o.index} is accepted but no media codec matches: ${listed}: libwebrtc matches none of them (Chromium); what Firefox does with it was not measured`);
        } else if (a.codecs.some((c) => c.name !== '')) {
          // Nothing in common: Firefox refuses; Chromium takes it (measured: VP9 to an offer of VP8 only, a "FOO" codec).
          add(diagnostic('no-common-codec', `${o.kind} m-line ${o.index} is accepted but no media codec matches: ${listed}: Firefox refuses this answer; Chromium takes it, and sends with the first of the answer's codecs it implements, if it implements one`, { mid, index: o.index, browsers: FIREFOX_REJECTS }));
        } else at('no-common-codec', `${o.kind} m-line ${o.index} is accepted but no media codec matches: ${listed}`);
      }
      for (const c of codecs.answerOnly) {
        // A payload type with no rtpmap is the answer's own finding (parseSdp: codec-without-rtpmap).
        if (c.name === '') continue;
        // An rtx is without its codec only when the codec its apt names (media, red or ulpfec) is not negotiated; one for a negotiated codec is an answer codec the offer did not have.
        const apt = c.name.toLowerCase() === 'rtx' ? /(?:^|;)\s*apt=(\d+)/i.exec(c.fmtp ?? '')?.[1] : undefined;
        // An rtx with no apt= at all is the answer's own finding (parseSdp's rtx-apt rule: Chromium refuses it, measured): not said again as "rtx for payload type ?" (answer-munging audit).
        if (c.name.toLowerCase() === 'rtx' && apt === undefined) continue;
        const withoutCodec = c.name.toLowerCase() === 'rtx' && !codecs.negotiated.some((n) => String(n.answerPayloadType) === apt && !NOT_RETRANSMITTED.has(n.name.toLowerCase()));
        // The answer's first format is the codec its side prefers to send (thread audit: doubango answered
        // PCMA first to a PCMU offer, "no voice path", said only as one unoffered codec among four).
        const first = !withoutCodec && a.formats[0] === String(c.payloadType) && codecs.negotiated.length > 0;
        // The first media codec in common: red and FEC carry other codecs, nothing is sent "with" them (codec audit: red was named).
        const firstCommon = codecs.negotiated.find((n) => n.role === null);
        at(withoutCodec ? 'rtx-without-codec' : 'answer-codec-not-offered', `answer payload type ${c.payloadType}: ${c.reason}${first ? `; it is the answer's first codec, the one the answerer most prefers to receive, and the offerer never offered it (RFC 3264 §6.1: the answerer cannot send it) (${firstCommon ? `${commonFirst(firstCommon, a)} is the first one in common` : 'no media codec is in common'})` : ''}`);
      }
      for (const c of codecs.negotiated) {
        if (c.offerPayloadType === c.answerPayloadType) continue;
        // The answer's number bound in the offer to another codec: the likelier story is a lost or
        // changed fmtp, said with both readings (SFU audit: a Janus answer without its fmtp:102).
        const offered = o.codecs.find((x) => x.payloadType === c.answerPayloadType);
        const answered = a.codecs.find((x) => x.payloadType === c.answerPayloadType);
        // Not an rtx or red, whose apt or list names numbers of its own side.
        const media = answered !== undefined && !/^(rtx|red)$/i.test(answered.name);
        // A lost or changed a=fmtp explains a codec of the same name only (codec audit: said of VP8 at 96 answered H264).
        const sameName = offered !== undefined && answered !== undefined && offered.name.toLowerCase() === answered.name.toLowerCase();
        const bound = media && offered !== undefined && describeCodec(offered) !== describeCodec(answered) ? `; the offer's ${c.answerPayloadType} is another codec (${describeCodec(offered)}): the answer's ${c.answerPayloadType} reads as ${describeCodec(answered!)}, the offer's ${c.offerPayloadType}${sameName ? `, so if the answerer meant the offer's ${c.answerPayloadType}, its a=fmtp was lost or changed` : `, and the offerer reads what arrives at ${c.answerPayloadType} as ${offered.name}`}` : '';
        at('payload-type-remapped', `${c.name}: offer payload type ${c.offerPayloadType}, answer ${c.answerPayloadType}${bound}`);
      }
      // An offer whose proto no browser knows is the offer's own finding (rejected-by-browser, unknown-protocol).
      if (o.protocol.toUpperCase() !== a.protocol.toUpperCase() && isKnownProtocol(o.protocol)) {
        // JSEP §5.1.3: RTP/SAVPF and UDP/TLS/RTP/SAVPF answer each other; both browsers take that (measured).
        // So do the SCTP protos (RFC 8841 §4, §4.1): both browsers take DTLS/SCTP (the old sctpmap
        // form) and TCP/DTLS/SCTP answering UDP/DTLS/SCTP (audit: "Firefox rejects it" on both).
        const variant = (SAVPF_VARIANTS.has(o.protocol.toUpperCase()) && SAVPF_VARIANTS.has(a.protocol.toUpperCase())) || (SCTP_VARIANTS.has(o.protocol.toUpperCase()) && SCTP_VARIANTS.has(a.protocol.toUpperCase()));
        if (variant) at('protocol-variant', `offer ${o.protocol}, answer ${a.protocol}`);
        else add(diagnostic('protocol-mismatch', `offer ${o.protocol}, answer ${a.protocol}: Firefox rejects it (Chromium accepts)`, { mid, index: o.index, browsers: FIREFOX_REJECTS }));
      }
    }

    // Directions (RFC 3264 §6.1), as the browsers read them: a session-level one is not applied.
    // Two SIP legs (no ICE, no DTLS fingerprint on either side: no browser in the call) read a
    // session-level direction as RFC 8866 §6.7 says, every m-line without its own taking it (SIP
    // audit: a phone's session-level sendonly answered sendrecv had read "sendrecv → sendrecv ✓").
    const od = sipLegs ? o.direction : browserDirection(o);
    const ad = a === null ? null : sipLegs ? a.direction : browserDirection(a);
    const allowed = ALLOWED[od];
    const validDirection = ad === null || !live || allowed.includes(ad);
    // An answer that sends to a sendonly offer: both browsers refuse it (measured: direction-
    // sendonly-to-sendonly, direction-sendrecv-to-sendonly; Chromium "Incompatible receive
    // direction", Firefox "Answer tried to set send when offer did not set recv"): said, as SIP.js's
    // forceSendRecv leaves it (answer-munging audit). The other cases are not measured.
    const bySession = sipLegs && (o.directionSource === 'session' || (a !== null && a.directionSource === 'session'));
    if (!validDirection && bySession) at('invalid-direction', `offer ${od} answered ${ad}; allowed: ${allowed.join(', ')} (RFC 3264 §6.1, the session-level direction read as SIP peers read it: RFC 8866 §6.7)`);
    else if (!validDirection && od === 'sendonly' && (ad === 'sendrecv' || ad === 'sendonly')) add(diagnostic('invalid-direction', `offer sendonly answered ${ad}; allowed: ${allowed.join(', ')}: both browsers refuse the answer (setRemoteDescription: "Incompatible receive direction")`, { mid, index: o.index, browsers: BOTH_REJECT }));
    else if (!validDirection) at('invalid-direction', `offer ${od} answered ${ad}; allowed: ${allowed.join(', ')}`);
    // Another kind in the answer's place: no answer direction to hold against the offer's (audit of the change: it read valid, from the other m-line).
    const direction: DirectionNegotiation = {
      offer: od,
      answer: status === 'mismatched' ? null : ad,
      valid: status !== 'mismatched' && validDirection,
      allowed,
      // Nothing is sent to a side whose address is the old hold's 0.0.0.0 (address-hold; audit of the change: the row said "answerer sends").
      offererSends: live && ad !== null && sends(od) && receives(ad) && !(a !== null && addressHold(a, answer)),
      answererSends: live && ad !== null && sends(ad) && receives(od) && !addressHold(o, offer),
    };
    if (live && a && rtp && !direction.offererSends && !direction.answererSends && validDirection) at('no-media-flow', `offer ${od}, answer ${ad}: nothing is sent either way`);
    if (live && a) simulcastAnswered(o, a, { offerer: direction.offererSends, answerer: direction.answererSends }, at);
    // Opus stereo asked for by one side (RFC 7587 §6.1: the writer's wish to receive it): the other
    // sends mono, said where that other side sends on this m-line (audit of the change: a recvonly offer's wish).
    if (live && a && !otherKind) {
      for (const c of codecs.negotiated) {
        if (c.name.toLowerCase() !== 'opus') continue;
        const inOffer = stereo(o.codecs.find((x) => x.payloadType === c.offerPayloadType));
        const inAnswer = stereo(a.codecs.find((x) => x.payloadType === c.answerPayloadType));
        if (inOffer !== inAnswer && (inOffer ? direction.offererSends : direction.answererSends)) at('opus-stereo-one-way', inOffer
          ? `opus: the offer has stereo=1, the answer not: the answerer asks for mono, so the offerer sends it mono (libwebrtc's encoder follows the other side's stereo); to receive stereo the answer needs stereo=1`
          : `opus: the answer has stereo=1, the offer not: the offerer asks for mono, so the answerer sends it mono (libwebrtc's encoder follows the other side's stereo)`);
        const oCodec = o.codecs.find((x) => x.payloadType === c.offerPayloadType);
        const aCodec = a.codecs.find((x) => x.payloadType === c.answerPayloadType);
        const toOfferer = direction.answererSends ? opusWishes(oCodec, aCodec, 'answer') : [];
        const toAnswerer = direction.offererSends ? opusWishes(aCodec, oCodec, 'offer') : [];
        if (toAnswerer.length > 0) at('opus-receiver-params', `opus: the answer's a=fmtp asks the offerer's encoder for ${toAnswerer.join('; ')}`);
        if (toOfferer.length > 0) at('opus-receiver-params', `opus: the offer's a=fmtp asks the answerer's encoder for ${toOfferer.join('; ')}`);
      }
    }

    // Bandwidth lines: each side's b=AS or b=TIAS (RFC 8866 §5.8, RFC 3890) is the most it asks the
    // other to send it on this m-line; a browser applies the remote description's to what it sends
    // (libwebrtc: the sender's max bitrate; not measured here). Said where the other side sends,
    // so a munge that caps the call is seen (answer-munging audit: a GeForce NOW client's b=AS:128
    // in the answer's audio went unsaid).
    if (live && a && rtp) {
      const cap = (m: MediaDescription) => m.bandwidths.find((b) => b.type.toUpperCase() === 'TIAS') ?? m.bandwidths.find((b) => b.type.toUpperCase() === 'AS') ?? null;
      const kbps = (b: Bandwidth) => (b.type.toUpperCase() === 'TIAS' ? `${(b.bandwidth / 1000).toLocaleString('en-US')} kb/s` : `${b.bandwidth.toLocaleString('en-US')} kb/s`);
      const oc = cap(o);
      const ac = cap(a);
      for (const c of codecs.negotiated) {
        if (c.name.toLowerCase() !== 'h264') continue;
        const oc = o.codecs.find((x) => x.payloadType === c.offerPayloadType);
        const ac = a.codecs.find((x) => x.payloadType === c.answerPayloadType);
        const raised = oc && ac ? h264LevelRaised(oc, ac) : null;
        // An offer without profile-level-id: its level is a default, whose one said (negotiation audit: "the offer's 3.1" of a line with none).
        const unset = oc !== undefined && !oc.parameters.some((p) => p.name?.toLowerCase() === 'profile-level-id');
        // The answer's too (codec audit: an answer without one read "level 3.1" unsaid as a default).
        const answerUnset = ac !== undefined && !ac.parameters.some((p) => p.name?.toLowerCase() === 'profile-level-id');
        if (raised !== null) at('h264-level-raised', `H264 at payload type ${c.answerPayloadType}: the answer's level ${raised[1]}${answerUnset ? ' (it writes no profile-level-id: libwebrtc\'s default, 42e01f, Constrained Baseline 3.1; RFC 6184 §8.1\'s is 42000a, level 1, which is not above)' : ''} is above the offer's ${raised[0]}${unset ? ' (the offer writes no profile-level-id: libwebrtc\'s default, 42e01f, Constrained Baseline 3.1; RFC 6184 §8.1\'s is 42000a, level 1)' : ''}, and level-asymmetry-allowed=1 is not on both sides: RFC 6184 §8.2.2 has the answerer answer the offer's level or a lower one (libwebrtc answers the lower)`);
      }
      if (ac !== null && direction.offererSends) at('bandwidth-limit', `the answer's b=${ac.type}:${ac.bandwidth} asks the offerer to send at most ${kbps(ac)} on this m-line${ac.type.toUpperCase() === 'AS' ? ' (RTP and its overhead)' : ''}`);
      if (oc !== null && direction.answererSends) at('bandwidth-limit', `the offer's b=${oc.type}:${oc.bandwidth} asks the answerer to send at most ${kbps(oc)} on this m-line${oc.type.toUpperCase() === 'AS' ? ' (RTP and its overhead)' : ''}`);
    }

    // Header extensions (RFC 8285 §7), by URI.
    const negotiatedExt: ExtensionNegotiation[] = [];
    const answerOnlyExt: Extmap[] = [];
    if (live && a) {
      // The offer's first extmap of each URI (a find per answer extmap was quadratic; parser audit).
      const offered = new Map<string, Extmap>();
      for (const x of o.extmaps) if (!offered.has(extensionOf(x))) offered.set(extensionOf(x), x);
      for (const e of a.extmaps) {
        const oe = offered.get(extensionOf(e));
        if (!oe) {
          answerOnlyExt.push(e);
          add(diagnostic('header-extension-not-offered', `answer extmap ${e.id} ${extensionOf(e)} was not offered: Firefox rejects it (Chromium accepts)`, { mid, index: o.index, browsers: FIREFOX_REJECTS }));
          continue;
        }
        // Who sends it, as the two directions allow (RFC 8285 §7; negotiation audit: an /inactive
        // extension and a /recvonly one answered /recvonly were listed as negotiated, said nothing).
        const od = oe.direction ?? 'sendrecv';
        const ad = e.direction ?? 'sendrecv';
        const who = { offerer: sends(od) && receives(ad), answerer: sends(ad) && receives(od) };
        negotiatedExt.push({ uri: extensionOf(e), offerId: oe.id, answerId: e.id, direction: e.direction, offerDirection: oe.direction, sends: who });
        if (!who.offerer && !who.answerer && od !== 'inactive') {
          const allowed = od === 'sendonly' ? 'recvonly or inactive' : od === 'recvonly' ? 'sendonly or inactive' : 'any direction';
          add(diagnostic('header-extension-direction', `extmap ${e.id} ${extensionOf(e)}: the offer's ${od} answered ${ad}${ad !== 'inactive' ? ` (RFC 8285 §7: ${allowed})` : ''}: neither side sends it`, { mid, index: o.index }));
        }
        // An id out of range is the answer's own finding (rejected-by-browser, extmap-id-range).
        if (oe.id !== e.id && e.id >= 1 && e.id <= 255) add(diagnostic('header-extension-id-changed', `${extensionOf(e)}: offer id ${oe.id}, answer id ${e.id}: Firefox rejects it (Chromium accepts)`, { mid, index: o.index, browsers: FIREFOX_REJECTS }));
      }
    }
    const negotiatedUris = new Set(negotiatedExt.map((n) => n.uri));
    const offerOnlyExt = o.extmaps.filter((e) => !negotiatedUris.has(extensionOf(e)));

    // DTLS (RFC 8842, RFC 8122).
    // RTP/SAVP(F) with a fingerprint is DTLS-SRTP too: JSEP (RFC 8829 §5.8) takes it for
    // UDP/TLS/RTP/SAVPF, as both browsers do (the corpus's Jitsi, ice-lite gateway and 2013 Chrome
    // offers); it had been "plain RTP", and an answer's a=setup:actpass passed (negotiation audit).
    const dtlsUsed = keyedByDtls(o, a);
    // An m-line the offer does not use (port 0, not bundle-only: RFC 3264 §6) needs no DTLS (audit
    // against Firefox: its own re-offer after transceiver.stop() was "Firefox rejects it").
    const offerUsed = o.port !== 0 || o.bundleOnly;
    // Plain RTP or SDES (a SIP trunk's RTP/AVP, RTP/SAVP with a=crypto): no fingerprint, which both
    // browsers refuse (audit against both: passed as clean).
    const noDtls = (m: MediaDescription) => (m.protocol.toUpperCase().includes('RTP/') && !dtlsUsed ? ` (${m.protocol}${keyingWords(m) ?? ' with no keys: no a=fingerprint, no a=crypto'}): both browsers reject it, they implement DTLS-SRTP only` : '');
    // A bundled m-section other than its group's tag uses the tag's transport: its ICE
    // credentials, fingerprint and setup are not read, in an answer, and in an offer where it is
    // bundle-only (Firefox's SdpHelper::OwnsTransport; Chromium's VerifyCrypto and
    // VerifyIceUfragPwdPresent skip every bundled m-section but the first, offer or answer).
    // RFC 8829's own examples had four false errors (sdp-diff audit). An offer's other bundled
    // m-section without bundle-only owns a transport for Firefox until the answer: it refuses one without them.
    const offerShared = inOffer && !offerTag && o.bundleOnly;
    const offerFirefoxOwns = inOffer && !offerTag && !o.bundleOnly;
    // Not where the group's tag is rejected: no tag transport there (bundle-answer-tag-rejected says so).
    // By the mid it writes: one filled in from the offer (answer-mid-missing) keeps its own transport findings, as sideFindings, which has no offer, reads it.
    const answerShared = inAnswer && !answerTag && a!.mid !== null && !orphans.has(a!.mid);
    const firefoxOwns = ': Firefox rejects it (the m-section is bundled without a=bundle-only, so it has a transport of its own until the answer; Chromium accepts, using the BUNDLE tag\'s)';
    // Its DTLS roles too are the tag's: its own a=setup is not applied (both browsers take an
    // answer whose bundled video alone says actpass, measured: setup-actpass-not-tag; sdp-diff audit,
    // it had been an error, dtls-role-conflict).
    const tagMid = answerShared ? answerGroups[answerGroupOf.get(answerMid!)!]![0] : undefined;
    const tagAnswer = tagMid !== undefined ? answer.media.find((m) => m.mid === tagMid) : undefined;
    const tagOffer = tagMid !== undefined ? offer.media.find((m) => m.mid === tagMid) : undefined;
    const roles = tagAnswer !== undefined && tagOffer !== undefined ? dtlsRoles(tagOffer.setup, tagAnswer.setup) : dtlsRoles(o.setup, a?.setup ?? null);
    if ((dtlsUsed || rtp) && offerUsed && !offerShared && o.fingerprints.length === 0 && !offerRuled.fingerprint) {
      if (offerFirefoxOwns && dtlsUsed) add(diagnostic('missing-fingerprint', `the offer has no a=fingerprint for this m-line${firefoxOwns}`, { mid, index: o.index, browsers: FIREFOX_REJECTS }));
      else at('missing-fingerprint', `the offer has no a=fingerprint for this m-line${noDtls(o)}`);
    }
    if (dtlsUsed && offerUsed) dtlsSideFindings(o, 'offer', mid, o.index, add, offerShared);
    if ((dtlsUsed || rtp) && live && a && !answerShared && a.fingerprints.length === 0 && !answerRuled.fingerprint) at('missing-fingerprint', `the answer has no a=fingerprint for this m-line${noDtls(a)}`);
    if (dtlsUsed && live && a) {
      // An offer of holdconn is the offer's own finding (offer-setup-holdconn): the answer is not at fault (DTLS audit: its fix pointed at the answer).
      // An answer of actpass or holdconn is the answer's fault whatever the offer says (README audit: holdconn answered holdconn said the offer's alone).
      if (!roles.valid && !answerShared && !unreadSetup(o) && !unreadSetup(a) && (o.setup !== 'holdconn' || a.setup === 'actpass' || a.setup === 'holdconn')) at('dtls-role-conflict', `offer a=setup:${o.setup ?? '(none: read as actpass)'}, answer a=setup:${a.setup ?? '(none: active)'}`);
      dtlsSideFindings(a, 'answer', mid, o.index, add, answerShared);
    }

    // ICE (RFC 8839 §5.4).
    const offerIce = iceSide(o, offer.iceLite);
    const answerIce = a ? iceSide(a, answer.iceLite) : null;
    const iceLive = live && !(o.port === 0 && !o.bundleOnly);
    for (const [side, ice] of [['offer', offerIce], ['answer', live ? answerIce : null]] as const) {
      if (!ice || !iceLive) continue;
      // An answer's bundled m-line other than its tag needs none: only the tag's are used, and both
      // browsers take such an answer (measured; Chromium's sdp_offer_answer.cc says why). It had
      // been an error (negotiation audit). An offer's is needed: Firefox refuses an offer without.
      if ((ice.ufrag === null || ice.pwd === null) && (side === 'answer' ? answerShared : offerShared)) continue;
      if ((ice.ufrag === null || ice.pwd === null) && (side === 'offer' ? offerRuled : answerRuled).ice) continue;
      if ((ice.ufrag === null || ice.pwd === null) && side === 'offer' && offerFirefoxOwns) add(diagnostic('missing-ice-credentials', `the offer has no a=ice-${ice.ufrag === null ? 'ufrag' : 'pwd'}${firefoxOwns}`, { mid, index: o.index, browsers: FIREFOX_REJECTS }));
      else if (ice.ufrag === null || ice.pwd === null) at('missing-ice-credentials', `the ${side} has no a=ice-${ice.ufrag === null ? 'ufrag' : 'pwd'}`);
      else if (!ice.ufragValid || !ice.pwdValid) at('invalid-ice-credentials', iceCredentialsWords(side, ice.ufrag, ice.pwd));
      // Characters outside ice-char: a warning (audit against both browsers: they take "-", "_", "=").
      else if (!ICE_CHARS.test(ice.ufrag) || !ICE_CHARS.test(ice.pwd)) at('ice-credentials-chars', `the ${side}'s ${!ICE_CHARS.test(ice.ufrag) ? `ufrag ${JSON.stringify(ice.ufrag)}` : 'pwd'} has characters outside ice-char (ALPHA / DIGIT / "+" / "/"): both browsers take it`);
    }

    // rtcp-mux: each description's own finding (parseSdp: rejected-by-browser, rtcp-mux-missing).

    // SCTP (RFC 8841).
    let sctp: MediaNegotiation['sctp'] = null;
    if (isSctp(o)) {
      sctp = { offerPort: o.sctpPort, answerPort: a?.sctpPort ?? null, offerMaxMessageSize: o.maxMessageSize, answerMaxMessageSize: a?.maxMessageSize ?? null };
      // An offer without a=sctp-port means 5000 (RFC 8841 §5.2); both browsers take it (measured). An answer without one Firefox rejects.
      // Missing, Firefox rejects it; written and unreadable (a=sctp-port:x), both do (measured).
      // "a=sctp-port 5000" (a blank for the colon) is read as the port by parseSdp: both browsers take it
      // (measured). With two blanks Firefox reads the port too (Chromium refuses the line: sctp-port-value);
      // with a word, or nothing, both refuse the answer.
      const missing = live && a ? answerSctpPortFinding(a, mid, o.index) : null;
      if (missing !== null) add(missing);
      // Each side's form as written (the foreign-offer check: a 2013 Firefox offer, with neither, was "+ sctp-port").
      const form = (m: MediaDescription) => (m.sctpmap ? '+ sctpmap' : m.lines.some((l) => (l.kind === 'attribute' || l.kind === 'other-attribute') && l.name === 'sctp-port') ? '+ sctp-port' : '+ neither sctp-port nor sctpmap');
      if (live && a && (o.sctpmap === null) !== (a.sctpmap === null)) at('sctp-format-mismatch', `offer ${o.protocol} ${form(o)}, answer ${a.protocol} ${form(a)}`);
    }

    // A rejected m-line receives no layer, whatever its answer lists (change audit: "r0 ✓" on a port 0).
    const simulcast = simulcastOf(o, live ? a : null);
    const simulcastReceived = simulcastOf(o, live ? a : null, 'recv');
    if (live && a) {
      // The rids written "~" that the offer sends: each its own encoding in Chromium, made inactive.
      const offered = new Set(streams(o.simulcast?.send ?? null).flat());
      const paused = simulcastRids(a?.simulcast?.recv ?? null).filter((r) => r.startsWith('~') && offered.has(r.slice(1))).map((r) => r.slice(1));
      const taken = simulcast?.layers.filter((l) => l.received) ?? [];
      if (simulcast?.chromiumSendsNothing === true && taken.length > 0 && direction.offererSends) at('simulcast-all-paused', `the answer receives every layer it takes paused (${paused.map((r) => `~${r}`).join(', ')}): Chromium sends nothing on this m-line, every encoding inactive, until the sender's setParameters makes one active; Firefox ignores "~" and sends them all (measured)`);
      else if (paused.length > 0) at('simulcast-layer-paused', `the answer receives ${paused.join(', ')} paused (~): Chromium sends ${paused.length === 1 ? 'that layer' : 'those layers'} inactive (encoding.active false) until the sender's setParameters makes ${paused.length === 1 ? 'it' : 'them'} active`);
    }
    // Layers by rid with rtx, and nothing to tie each rtx stream to its layer: no repaired-rtp-stream-id
    // negotiated for the sender, no a=ssrc-group:FID (simulcast audit: the answer's dropping it was silent).
    if (live && a && codecs.negotiated.some((c) => c.role === 'rtx')) {
      for (const [sim, sender, own] of [[simulcast, 'offerer', o], [simulcastReceived, 'answerer', a]] as const) {
        const taken = sim?.layers.filter((l) => l.received).length ?? 0;
        if (taken < 2 || negotiatedExt.some((e) => plainUri(e.uri) === REPAIRED_RID_EXTENSION && e.sends[sender])) continue;
        if (own.ssrcGroups.some((g) => g.semantics.toUpperCase() === 'FID')) continue;
        // Where one side has the extension (encrypted or not) and the other leaves it out (an SFU's answer that drops it).
        const inOffer = o.extmaps.some((e) => innerExtension(e) === REPAIRED_RID_EXTENSION);
        if (inOffer === a.extmaps.some((e) => innerExtension(e) === REPAIRED_RID_EXTENSION)) continue;
        at('simulcast-rtx-unrepaired', `the ${sender} sends ${taken} simulcast layers by rid with rtx, and ${REPAIRED_RID_EXTENSION} is not negotiated (${inOffer ? 'the offer has it, the answer does not' : 'the answer has it, the offer does not'}), nor an a=ssrc-group:FID: nothing ties each rtx stream to its layer, so retransmissions repair none of them (RFC 8852 §3.2)`);
      }
    }

    if (otherKind) diags.length = mark;
    return {
      index: o.index,
      mid,
      kind: o.kind,
      status,
      protocol: { offer: o.protocol, answer: a?.protocol ?? null },
      direction,
      codecs,
      headerExtensions: { negotiated: negotiatedExt, offerOnly: offerOnlyExt, answerOnly: answerOnlyExt },
      dtls: {
        offerSetup: o.setup,
        answerSetup: a?.setup ?? null,
        offererRole: dtlsUsed && live ? roles.offererRole : null,
        answererRole: dtlsUsed && live ? roles.answererRole : null,
        // A bundled m-line uses its tag's transport: valid with the fingerprint of any m-line of its side (audit of the change: none anywhere had read valid on them).
        valid: !dtlsUsed || !live || (roles.valid && (o.fingerprints.length > 0 || (o.bundleOnly && offer.media.some((m) => m.fingerprints.length > 0))) && (a!.fingerprints.length > 0 || (answerShared && answer.media.some((m) => m.fingerprints.length > 0)))),
        offerFingerprints: o.fingerprints.map((f) => f.algorithm),
        answerFingerprints: a?.fingerprints.map((f) => f.algorithm) ?? [],
      },
      ice: { offer: offerIce, answer: answerIce },
      rtcpMux: { offer: o.rtcpMux, answer: a?.rtcpMux ?? null },
      bundle: { inOffer, inAnswer, offerTag, answerTag, offerBundleOnly: o.bundleOnly, answerSharesTag: answerShared },
      sctp,
      streams: {
        offer: { ssrcs: ssrcList(o), msids: msidList(o), sim: simGroups(o) },
        answer: { ssrcs: a ? ssrcList(a) : [], msids: a ? msidList(a) : [], sim: a ? simGroups(a) : [] },
      },
      simulcast,
      simulcastReceived,
    };
  });

  // An offer group's tagged m-line lost while other m-lines of that group go on (RFC 8843 §7.3.1).
  for (const tag of media.filter((m) => m.bundle.offerTag)) {
    const group = offerGroupOf.get(tag.mid!);
    // Others still in use: a group all rejected keeps no tag to pick (change audit: "tagged by mid 0", the rejected one).
    const others = media.filter((m) => m !== tag && m.bundle.inOffer && m.bundle.inAnswer && m.status !== 'rejected' && m.mid !== null && offerGroupOf.get(m.mid) === group);
    // A tag answered by an m-line with no a=mid stays the tag as Chromium reads it (its mid filled in: answer-mid-missing says Firefox refuses it).
    if ((tag.status === 'rejected' || tag.status === 'moved-out-of-bundle') && others.length > 0 && !deadTags.has(tag.mid!)) {
      const how = tag.status === 'rejected' ? 'rejected' : 'taken out of the group';
      const answerGroup = answerGroups[answerGroupOf.get(others[0]!.mid!) ?? -1];
      add(finding('bundle-tag-rejected', `mid ${tag.mid}, the offer's BUNDLE tag, was ${how}; the answer's group is tagged by mid ${answerGroup?.[0] ?? '-'}`, tag.mid, tag.index));
    }
  }

  // Bundled m-lines one side sends without MID, ssrcs or payload types of their own: the receiver cannot route them (simulcast audit).
  bundleDemux(media, offer, answer, answerGroupOf, add);

  // Extra answer m-lines.
  for (const a of answer.media.slice(offer.media.length)) {
    add(finding('mline-count-mismatch', `answer m-line ${a.index} (${a.kind}) has no offer m-line`, a.mid, a.index));
  }
  // BUNDLE: one transport, so one set of credentials per side.
  // The answer's only: an offer's bundled m-sections have credentials of their own until the
  // answer accepts the group (RFC 8829 §5.2.1: unique ones in an initial offer; its §7.1 example
  // had the warning; sdp-diff audit).
  for (const [side, desc, group] of answerGroups.map((g) => ['answer', answer, g] as const)) {
    const inGroup = new Set(group);
    const members = desc.media.filter((m) => m.mid !== null && inGroup.has(m.mid) && (m.port !== 0 || m.bundleOnly));
    // One without credentials other than the tag uses the tag's (and an offer's is missing-ice-credentials already).
    const ufrags = new Set(members.filter((m) => m.ice.ufrag !== null || m.mid === group[0]).map((m) => m.ice.ufrag));
    // An m-line with none is named as such (it read as an empty name: "ufrags HrkA, ").
    const which = answerGroups.length > 1 ? ` (mids ${group.join(' ')})` : '';
    if (ufrags.size > 1) add(finding('bundle-credentials-differ', `the ${side}'s BUNDLE group${which} has ufrags ${[...ufrags].map((u) => (u === null ? '(none, on an m-line without a=ice-ufrag)' : u)).join(', ')}`));
  }
  // No audio or video m-line sends either way, though some were accepted: the whole call carries no
  // media, said once for the session, a warning (thread audit: Chrome answered a recvonly offer
  // inactive on every m-line, and sdp-diff's summary read "0 errors, 0 warnings").
  const rtpLines = media.filter((m) => m.status === 'accepted' && (m.kind === 'audio' || m.kind === 'video'));
  if (rtpLines.length > 0 && rtpLines.every((m) => m.direction.valid && !m.direction.offererSends && !m.direction.answererSends)) {
    const data = media.some((m) => m.status === 'accepted' && m.kind === 'application');
    add(finding('no-media-at-all', `no audio or video m-line sends either way (${rtpLines.map((m) => `${m.kind} ${m.direction.offer} → ${m.direction.answer}`).join(', ')}): the call carries no audio or video${data ? ' (its data channel m-line is up)' : ''}`));
  }
  // Every m-line the offer opened rejected or unanswered: nothing negotiated, said once (data channel
  // audit: a data-channel-only offer answered with port 0 read "0 errors, 0 warnings", exit 0).
  const opened = media.filter((m) => {
    const o = offer.media[m.index];
    return o !== undefined && (o.port !== 0 || o.bundleOnly);
  });
  if (opened.length > 0 && opened.every((m) => m.status === 'rejected' || m.status === 'missing')) {
    add(finding('everything-rejected', `the answer rejects every m-line the offer opened (${opened.map((m) => `${m.kind} ${m.index}`).join(', ')}): nothing is negotiated, so no ICE or DTLS starts and no media or data channel flows`));
  }
  // Trickle (RFC 8840 §4): session or any m-line announcing it.
  // An ICE-lite side trickles nothing it needs to: its candidates are all in its description, and it
  // sends no checks, so it needs none of the other side's (RFC 8445 §2.5; SFU-pairs audit: said of
  // every mediasoup and WHIP answer, with advice that cannot help).
  const trickles = (d: SessionDescription) => d.iceLite || d.iceOptions.includes('trickle') || d.media.some((m) => m.ice.options.includes('trickle'));
  // Not between SIP/RTP legs, which have no ICE to trickle (pairs audit).
  if (offer.media.length > 0 && !sipLegs && (!trickles(offer) || !trickles(answer))) {
    // Both named when neither does (sdp-diff audit: only "the offer" was).
    add(finding('no-trickle', `${!trickles(offer) && !trickles(answer) ? 'neither the offer nor the answer announces' : !trickles(offer) ? 'the offer does not announce' : 'the answer does not announce'} a=ice-options:trickle`));
  }
  return { media, bundle: { offer: offerBundle, answer: answerBundle, offerGroups, answerGroups }, iceLite: { offer: offer.iceLite, answer: answer.iceLite }, diagnostics: diags };
}

/**
 * True when any diagnostic is an error: of a negotiation, a parsed description, or anything else
 * with `diagnostics` (library audit: the README's parsed description did not type-check).
 */
export function hasErrors(n: { readonly diagnostics: readonly { readonly severity: string }[] }): boolean {
  requireObject(n, 'hasErrors: the negotiation', 'diagnostics');
  return n.diagnostics.some((d) => d.severity === 'error');
}

/** The first codec in common as its answer line names it, with its payload type (answer-munging audit: "(H264 is the first one in common)" beside another H264 read as a contradiction). */
function commonFirst(n: NegotiatedCodec, answer: MediaDescription): string {
  const c = answer.codecs.find((x) => x.payloadType === n.answerPayloadType);
  return `${c !== undefined ? describeCodec(c) : n.name} at payload type ${n.answerPayloadType}`;
}
