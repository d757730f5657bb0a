/**
 * Codec intersection of one offer m-line and its answer, as libwebrtc matches codecs:
 * names case-insensitive; static payload types by number; equal clock rate, and for audio equal
 * channels (absent, 0 and 1 equal); parameter names as written (libwebrtc's map is case-sensitive); H264 same profile (h264-profile-level-id) and
 * packetization-mode (absent = 0), level not compared; VP9 profile-id and AV1 profile (absent
 * = 0; AV1's level-idx and tier not compared), numbers as numbers; H265 profile-id (absent = 1), tier-flag (absent = 0) and tx-mode (absent = SRST); rtx
 * through its apt; red by the codecs its list carries (depth apart; audio channels equal; a side
 * without a list by payload type); telephone-event, CN, ulpfec and flexfec by
 * name and rate; common rtcp-fb in any case.
 */
import { listSome } from '../arrays.js';
import { Profile } from 'h264-profile-level-id';
import { formatFmtpParameters } from '../sdp/grammar.js';
import { h265Readable, inRange, readProfileLevelId } from '../sdp/codec-parameters.js';
import type { Codec, MediaDescription, RtcpFb } from '../sdp/model.js';

export interface NegotiatedCodec {
  readonly name: string;
  /** "<kind>/<name>" as RTCCodecStats.mimeType writes it ("video/VP8", "audio/opus"), for comparing with getStats. */
  readonly mimeType: string;
  readonly clockRate: number | null;
  readonly channels: number | null;
  readonly offerPayloadType: number;
  readonly answerPayloadType: number;
  /** The answer's format parameters, as on its a=fmtp line ("" when none). */
  readonly fmtp: string;
  readonly offerFmtp: string;
  /** rtcp-fb both sides list for this codec ("nack pli", "transport-cc", ...). */
  readonly rtcpFeedback: readonly string[];
  /** The rtx payload types retransmitting this codec, when both sides have one. */
  readonly rtx: { readonly offerPayloadType: number; readonly answerPayloadType: number } | null;
  /** For rtx, red, ulpfec, flexfec: the kind of helper this is; null for a media codec. */
  readonly role: 'rtx' | 'red' | 'fec' | 'dtmf' | 'comfort-noise' | null;
}

export interface DroppedCodec {
  readonly name: string;
  readonly clockRate: number | null;
  readonly channels: number | null;
  readonly payloadType: number;
  readonly fmtp: string;
  /** Why it is not in the negotiated set, in words (e.g. "H264 Constrained Baseline packetization-mode=1 not in answer"). */
  readonly reason: string;
}

export interface CodecNegotiation {
  /** Codecs both sides have, in the answer's order (its preference). */
  readonly negotiated: readonly NegotiatedCodec[];
  readonly offerOnly: readonly DroppedCodec[];
  readonly answerOnly: readonly DroppedCodec[];
}

const H264_PROFILE_NAMES: Record<number, string> = {
  [Profile.ConstrainedBaseline]: 'Constrained Baseline',
  [Profile.Baseline]: 'Baseline',
  [Profile.Main]: 'Main',
  [Profile.ConstrainedHigh]: 'Constrained High',
  [Profile.High]: 'High',
  [Profile.PredictiveHigh444]: 'Predictive High 4:4:4',
};

type Params = (c: Codec) => Record<string, string>;

/**
 * Format parameters as a name → value map, names as written (bare tokens under ""): libwebrtc's
 * parameter map is case-sensitive, so a Packetization-Mode=1 is no packetization-mode to Chromium
 * (codec audit: matched as mode 1 beside the warning that Chromium reads none; an H265 Level-Id=999
 * made a false no-common-codec). Firefox reads names in any case: codec-parameter-value says so.
 */
function params(c: Codec): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of c.parameters) out[p.name ?? ''] = p.value;
  return out;
}

/** `params`, computed once per codec for the length of one negotiation. */
function cachedParams(): Params {
  const cache = new Map<Codec, Record<string, string>>();
  return (c) => {
    let out = cache.get(c);
    if (out === undefined) cache.set(c, (out = params(c)));
    return out;
  };
}

export function fmtpText(c: Codec): string {
  return formatFmtpParameters(c.parameters);
}

const lower = (c: Codec) => c.name.toLowerCase();
const channelsOf = (c: Codec) => (c.channels === null || c.channels === 0 ? 1 : c.channels);
const isRtx = (c: Codec) => lower(c) === 'rtx';
const isRed = (c: Codec) => lower(c) === 'red';

function roleOf(c: Codec): NegotiatedCodec['role'] {
  switch (lower(c)) {
    case 'rtx':
      return 'rtx';
    case 'red':
      return 'red';
    case 'ulpfec':
    case 'flexfec':
    case 'flexfec-03':
      return 'fec';
    case 'telephone-event':
      return 'dtmf';
    case 'cn':
      return 'comfort-noise';
    default:
      return null;
  }
}

/**
 * An answer's VP9 with no profile-id (profile 0) where the offer has VP9 of other profiles only:
 * how Firefox answers (foreign-offer oracle, measured: a munged offer of VP9 profile-id=2 answered
 * with VP9 and no profile-id at its payload type).
 */
function vp9ByName(a: Codec, namesakes: readonly Codec[]): boolean {
  return lower(a) === 'vp9' && params(a)['profile-id'] === undefined && namesakes.every((o) => (params(o)['profile-id'] ?? '0') !== '0');
}

/** A codec in words: the name with what distinguishes it from its namesakes. */
export function describeCodec(c: Codec): string {
  const p = params(c);
  const base = c.name || `payload type ${c.payloadType}`;
  switch (lower(c)) {
    case 'h264': {
      const pli = readProfileLevelId(p);
      // One libwebrtc cannot read (High 10's 6e001f) matches no H264 in Chromium, not even its own copy (codec audit: "(unreadable)" read as a text fault).
      const profile = pli ? (H264_PROFILE_NAMES[pli.profile] ?? `profile ${p['profile-level-id']}`) : `profile-level-id ${p['profile-level-id'] ?? '?'} (no profile libwebrtc reads: it matches no H264)`;
      return `${base} ${profile} packetization-mode=${p['packetization-mode'] ?? '0'}`;
    }
    case 'vp9':
      return `${base} profile-id=${p['profile-id'] ?? '0'}${inRange(p['profile-id'], '0', 3) ? '' : ' (no VP9 profile, 0 to 3: it matches no VP9 in Chromium)'}`;
    case 'av1':
      return `${base} profile=${p['profile'] ?? '0'}${inRange(p['profile'], '0', 2) ? '' : ' (no AV1 profile, 0 to 2: it matches no AV1 in Chromium)'}`;
    case 'h265':
      return `${base} profile-id=${p['profile-id'] ?? '1'} tier-flag=${p['tier-flag'] ?? '0'}${p['level-id'] !== undefined && !h265Readable(p) ? ` level-id=${p['level-id']}` : ''} tx-mode=${p['tx-mode'] ?? 'SRST'}${h265Readable(p) ? '' : ' (no profile, tier and level libwebrtc reads: it matches no H265)'}`;
    case 'rtx':
      return `rtx (apt=${p['apt'] ?? '?'})`;
    default:
      return `${base}/${c.clockRate ?? '?'}${c.channels !== null && c.channels > 1 ? '/' + c.channels : ''}`;
  }
}

const isStatic = (pt: number) => pt <= 34 || (pt >= 64 && pt <= 95);

/** Whether two media codecs (not rtx/red) are the same for negotiation. */
export function sameCodec(o: Codec, a: Codec, audio: boolean, paramsOf: Params = params): boolean {
  // Static payload types (RFC 3551: 0–34; 64–95 are no codec's) are identified by number when a
  // side has no rtpmap; 35–63 are dynamic, as 96–127 (libwebrtc's lower dynamic range: a 35 without
  // its rtpmap is no codec; negotiation audit).
  if ((o.rtpmapLine === null || a.rtpmapLine === null) && isStatic(o.payloadType) && isStatic(a.payloadType)) {
    if (o.payloadType !== a.payloadType) return false;
    // An rtpmap that names another codec at a static number is that codec, as both browsers read
    // it (change audit: an answer's "a=rtpmap:0 PCMA/8000" to an offer's PCMU at 0 had been negotiated).
    return o.name === '' || a.name === '' || (lower(o) === lower(a) && (o.clockRate === null || a.clockRate === null || o.clockRate === a.clockRate));
  }
  if (o.name === '' || a.name === '' || lower(o) !== lower(a)) return false;
  if (o.clockRate !== a.clockRate) return false;
  if (audio && channelsOf(o) !== channelsOf(a)) return false;
  const po = paramsOf(o);
  const pa = paramsOf(a);
  switch (lower(o)) {
    case 'h264':
      return sameH264Profile(po, pa) && (po['packetization-mode'] ?? '0') === (pa['packetization-mode'] ?? '0');
    case 'vp9':
      // A profile libwebrtc does not read (VP9 has 0 to 3) matches nothing, on either side (VP9IsSameProfile; codec audit: profile-id=4 on both was ✓).
      return inRange(po['profile-id'], '0', 3) && inRange(pa['profile-id'], '0', 3) && sameNumber(po['profile-id'], pa['profile-id'], '0');
    case 'av1':
      // Profile alone: level-idx and tier are asymmetric (AV1 RTP specification §7.2.3), as libwebrtc's
      // codec_comparators.cc compares them now; measured, Chromium 156 matches an answer of level-idx=8
      // or tier=1 to its offer of 5 and 0, and not one of profile=1 (an older libwebrtc compared all three).
      // AV1 has profiles 0 to 2; another matches nothing (AV1IsSameProfile; codec audit).
      return inRange(po['profile'], '0', 2) && inRange(pa['profile'], '0', 2) && sameNumber(po['profile'], pa['profile'], '0');
    case 'h265':
      // And tx-mode, SRST when absent (libwebrtc's IsSameCodecSpecific: H265IsSameProfile, H265IsSameTier, IsSameH265TxMode; negotiation audit).
      // Each side's profile, tier and level must read (ParseSdpForH265ProfileTierLevel): a level-id of no
      // H.265 level, or tier 1 below level 4, matches nothing, however alike the two (codec audit: level-id=999 was ✓).
      return h265Readable(po) && h265Readable(pa) && sameNumber(po['profile-id'], pa['profile-id'], '1') && sameNumber(po['tier-flag'], pa['tier-flag'], '0') && (po['tx-mode'] ?? 'SRST').toUpperCase() === (pa['tx-mode'] ?? 'SRST').toUpperCase();
    default:
      return true;
  }
}

/** A number as libwebrtc's StringToNumber reads one (strtoll over the whole text: a sign and leading zeros taken, "01" is 1), else NaN. */
/** H264 levels in order (1b between 1 and 1.1: h264-profile-level-id's Level, L1_b = 0). */
const levelRank = (l: number) => (l === 0 ? 10.5 : l);
const levelName = (l: number) => (l === 0 ? '1b' : (l / 10).toFixed(1).replace(/\.0$/, ''));

/**
 * The offer's and the answer's H264 levels when the answer's is higher and level-asymmetry-allowed=1
 * is not on both sides (RFC 6184 §8.2.2; codec audit: unsaid, mediasoup-client#148), else null.
 */
export function h264LevelRaised(offer: Codec, answer: Codec): [string, string] | null {
  const o = params(offer);
  const a = params(answer);
  if (o['level-asymmetry-allowed'] === '1' && a['level-asymmetry-allowed'] === '1') return null;
  const lo = readProfileLevelId(o);
  const la = readProfileLevelId(a);
  if (!lo || !la || levelRank(la.level) <= levelRank(lo.level)) return null;
  return [levelName(lo.level), levelName(la.level)];
}

/** Two H264 codecs of one profile, as libwebrtc's H264IsSameProfile (both read, levels 6 to 6.2 too). */
function sameH264Profile(o: Readonly<Record<string, string>>, a: Readonly<Record<string, string>>): boolean {
  const x = readProfileLevelId(o);
  const y = readProfileLevelId(a);
  return x !== undefined && y !== undefined && x.profile === y.profile;
}

/** Two parameter values that are numbers, compared as numbers ("00" is 0, as libwebrtc's StringToNumber reads it; codec audit), `absent` when absent; other text as text. */
function sameNumber(x: string | undefined, y: string | undefined, absent: string): boolean {
  const a = x ?? absent;
  const b = y ?? absent;
  return /^[0-9]{1,9}$/.test(a) && /^[0-9]{1,9}$/.test(b) ? Number(a) === Number(b) : a === b;
}

const fbKey = (f: RtcpFb) => (f.parameter ? `${f.type} ${f.parameter}` : f.type);
/** The same, for comparing: feedback names match in any case (libwebrtc's FeedbackParam::operator==, EqualsIgnoreCase; negotiation audit). */
const fbMatch = (f: RtcpFb) => fbKey(f).toLowerCase();

function dropped(c: Codec, reason: string): DroppedCodec {
  return { name: c.name, clockRate: c.clockRate, channels: c.channels, payloadType: c.payloadType, fmtp: fmtpText(c), reason };
}

/** red's list of the payload types it carries, as written ("111/111"), or null without one (libwebrtc's kCodecParamNotInNameValueFormat). */
function redParameter(c: Codec): string | null {
  return c.parameters.find((p) => p.name === null)?.value ?? null;
}

/**
 * Whether red lists carried by an answer's red (`answered`) and an offer's (`offered`) match, as
 * libwebrtc's MatchesWithReferenceAttributesAndComparator has it: position by position up to the
 * shorter list ("different levels of redundancy … are OK": "111/111" matches "111/111/111", and
 * "111/0" matches "111"), each answer payload type the one paired with the offer's there; a part
 * that is not a number makes it the whole text's equality. `toOffer`: an answer payload type's
 * paired offer payload type.
 */
function redListsMatch(answered: string, offered: string, toOffer: (pt: number) => number | undefined): boolean {
  const a = answered.split('/');
  const o = offered.split('/');
  for (let i = 0; i < Math.min(a.length, o.length); i++) {
    if (!/^[0-9]{1,9}$/.test(a[i]!) || !/^[0-9]{1,9}$/.test(o[i]!)) return answered === offered;
    if (toOffer(Number(a[i])) !== Number(o[i])) return false;
  }
  return true;
}

/** What makes two codecs of an m-line the same codec: their payload type and the lines they were read from. */
const sameLines = (c: Codec) => `${c.payloadType} ${c.rtpmapLine} ${c.fmtpLine}`;

/** The named codecs of a list by lower-cased name, each payload type once. */
function namesakesBy(codecs: readonly Codec[]): Map<string, Codec[]> {
  const out = new Map<string, Codec[]>();
  const seen = new Set<number>();
  for (const c of codecs) {
    if (c.name === '' || seen.has(c.payloadType)) continue;
    seen.add(c.payloadType);
    const list = out.get(lower(c));
    if (list) list.push(c);
    else out.set(lower(c), [c]);
  }
  return out;
}

/** Nothing negotiated: every offered codec dropped for one reason (no answer m-line, the m-line rejected). */
export function unnegotiatedCodecs(offer: MediaDescription, reason: string): CodecNegotiation {
  return { negotiated: [], offerOnly: offer.codecs.map((c) => dropped(c, reason)), answerOnly: [] };
}

/**
 * Intersects the codecs of an offer m-line and its answer m-line, whatever their ports: whether
 * the m-line is accepted is negotiate's decision.
 */
export function negotiateCodecs(offer: MediaDescription, answer: MediaDescription): CodecNegotiation {
  const audio = offer.kind === 'audio';
  const params = cachedParams();
  const pairs: [Codec, Codec][] = []; // [offer, answer], in answer order
  const usedOffer = new Set<Codec>();
  const pending: Codec[] = []; // rtx and red: matched once their targets are
  const answerOnly: DroppedCodec[] = [];

  // Media codecs first, then red and rtx, whose parameters name other codecs. An answer codec
  // takes the offer's codec of its own payload type when that one matches, before any other
  // (first come, an answer's second H264 took the offer's other H264, and the codec of its own
  // payload type was then called "not in offer"); the rest take the first that matches, in order.
  const media = answer.codecs.filter((a) => !isRtx(a) && !isRed(a));
  for (const a of answer.codecs) if (isRtx(a) || isRed(a)) pending.push(a);
  const offerByPt = new Map<number, Codec>();
  for (const c of offer.codecs) if (!offerByPt.has(c.payloadType)) offerByPt.set(c.payloadType, c);
  // Each answer payload type's first pair: the offer payload type it answers (red and rtx name theirs).
  const answered = new Map<number, number>();
  const pair = (o: Codec, a: Codec) => {
    usedOffer.add(o);
    pairs.push([o, a]);
    if (!answered.has(a.payloadType)) answered.set(a.payloadType, o.payloadType);
  };
  // An m= line may list a format twice: its codecs are then the same codec (the same payload
  // type, a=rtpmap and a=fmtp lines: "96" and "096" are one payload type that may have two), which
  // matches the same offered codecs. Each such codec's search resumes where its last one stopped
  // (what lies before is used or does not match), so that n copies cost n, not n² (parser audit:
  // 12 KB took 11 s).
  const resume = new Map<string, number>();
  const firstUnused = (a: Codec, matches: (c: Codec) => boolean): Codec | undefined => {
    const k = sameLines(a);
    for (let i = resume.get(k) ?? 0; i < offer.codecs.length; i++) {
      const c = offer.codecs[i]!;
      if (!usedOffer.has(c) && matches(c)) {
        resume.set(k, i + 1);
        return c;
      }
    }
    resume.set(k, offer.codecs.length);
    return undefined;
  };
  const unmatched: Codec[] = [];
  for (const a of media) {
    const o = offerByPt.get(a.payloadType);
    if (o !== undefined && !usedOffer.has(o) && !isRtx(o) && !isRed(o) && sameCodec(o, a, audio, params)) pair(o, a);
    else unmatched.push(a);
  }
  // Made when a reason first needs them (most m-lines match every codec).
  let offerNames: Map<string, Codec[]> | null = null;
  let answerNames: Map<string, Codec[]> | null = null;
  // Why an answer codec matched nothing, said once for its copies.
  const why = new Map<string, string>();
  for (const a of unmatched) {
    const o = firstUnused(a, (c) => !isRtx(c) && !isRed(c) && sameCodec(c, a, audio, params));
    if (o) pair(o, a);
    else {
      let reason = why.get(sameLines(a));
      if (reason === undefined) {
        // The same codec answered twice: the offer's is answered by the other payload type already.
        const taken = pairs.find(([oc]) => sameCodec(oc, a, audio, params));
        const namesakes = (offerNames ??= namesakesBy(offer.codecs)).get(lower(a)) ?? [];
        reason = a.name === '' ? `payload type ${a.payloadType} has no rtpmap`
          : taken !== undefined ? `${describeCodec(a)} a second time: the offer's (payload type ${taken[0].payloadType}) is answered by payload type ${taken[1].payloadType}`
          : a.name !== '' && namesakes.length > 0 ? `${describeCodec(a)} not in offer (offer has ${listSome(namesakes, describeCodec)})${vp9ByName(a, namesakes) ? ': Firefox answers so, matching VP9 by name and not by profile-id (measured), and the offerer decodes this payload type as the profile it offered' : ''}`
          : `${describeCodec(a)} not in offer`;
        why.set(sameLines(a), reason);
      }
      // The offer's codec at this payload type, another: the offerer decodes what arrives at it as
      // its own (sdp-diff audit: VP8's 96 answered as H264, the hazard unsaid).
      const there = offerByPt.get(a.payloadType);
      if (there !== undefined && a.name !== '' && there.name !== '' && lower(there) !== lower(a)) reason += `; the offer's payload type ${a.payloadType} is ${describeCodec(there)}: the offerer reads what arrives at ${a.payloadType} as ${there.name}`;
      answerOnly.push(dropped(a, reason));
    }
  }
  const answerToOffer = (pt: number): number | undefined => answered.get(pt);
  for (const a of pending.filter(isRed)) {
    const list = redParameter(a);
    // As libwebrtc matches red (MatchesWithReferenceAttributesAndComparator; negotiation audit): audio
    // channels equal; two lists by position up to the shorter (redListsMatch); neither with one, name
    // and rate; one side without a list, audio red of the same payload type only.
    const o = firstUnused(a, (c) => {
      if (!isRed(c) || c.clockRate !== a.clockRate || (audio && channelsOf(c) !== channelsOf(a))) return false;
      const ol = redParameter(c);
      if (list !== null && ol !== null) return redListsMatch(list, ol, answerToOffer);
      if (list === null && ol === null) return true;
      return audio && c.payloadType === a.payloadType;
    });
    if (o) pair(o, a);
    else answerOnly.push(dropped(a, `${describeCodec(a)}${list !== null ? ' carrying ' + list : ''} not in offer`));
  }
  // An rtx whose codec is negotiated, but which answers no offered rtx: a second rtx for that
  // codec, or the offer's rtx of its payload type with its apt changed (audit: "rtx-without-codec"
  // was said of a negotiated VP8; Chromium, the offerer, then sends with the answer's rtx).
  const rtxNotOffered = (a: Codec, apt: number, offerApt: number): string => {
    const mine = pairs.find(([oc]) => isRtx(oc) && Number(params(oc)['apt']) === offerApt);
    const same = offerByPt.get(a.payloadType);
    const was = same !== undefined && isRtx(same) && params(same)['apt'] !== params(a)['apt'] ? `; the offer's payload type ${a.payloadType} is rtx for payload type ${params(same)['apt'] ?? '?'}: the answer changed its apt` : '';
    return mine !== undefined
      ? `rtx (apt=${apt}) a second time: the offer's rtx for payload type ${offerApt} (${mine[0].payloadType}) is answered by payload type ${mine[1].payloadType}${was}`
      : `rtx (apt=${apt}): the offer has no rtx for payload type ${offerApt}${was}`;
  };
  // An rtx whose apt names no negotiated codec: the answer's own codec there, if it has one, named
  // (sdp-diff audit: "not a negotiated codec" read as a contradiction beside the answer's H264 at 96).
  const rtxOfUnnegotiated = (a: Codec): string => {
    const apt = params(a)['apt']!;
    const own = answer.codecs.find((c) => String(c.payloadType) === apt && !isRtx(c));
    return own === undefined ? `rtx for payload type ${apt}, which is not a negotiated codec` : `rtx for payload type ${apt}, ${describeCodec(own)}, which the answer has and the offer does not (its own line says why): not a negotiated codec`;
  };
  for (const a of pending.filter(isRtx)) {
    const apt = Number(params(a)['apt']);
    const offerApt = answerToOffer(apt);
    // Video rtx by its apt alone: libwebrtc's video rules compare no clock rate, Firefox keys rtx on apt (negotiation audit).
    const o = offerApt === undefined ? undefined : firstUnused(a, (c) => isRtx(c) && Number(params(c)['apt']) === offerApt && (!audio || c.clockRate === a.clockRate));
    if (o) pair(o, a);
    else answerOnly.push(dropped(a, offerApt === undefined ? (params(a)['apt'] === undefined ? 'rtx with no apt= (it names no codec to retransmit: Chromium refuses it, measured)' : rtxOfUnnegotiated(a)) : rtxNotOffered(a, apt, offerApt)));
  }
  // Keep the answer's order for the result.
  const order = new Map(answer.codecs.map((c, i) => [c, i]));
  pairs.sort((x, y) => order.get(x[1])! - order.get(y[1])!);

  // rtx pairs by the offer payload type they retransmit.
  const rtxFor = new Map<number, [Codec, Codec]>();
  for (const pair of pairs) if (isRtx(pair[0])) rtxFor.set(Number(params(pair[0])['apt']), pair);
  const negotiated: NegotiatedCodec[] = pairs.map(([o, a]) => {
    const ofb = new Set(o.feedback.map(fbMatch));
    const candidate = rtxFor.get(o.payloadType);
    const rtxPair = candidate && Number(params(candidate[1])['apt']) === a.payloadType ? candidate : undefined;
    return {
      name: a.name || o.name,
      mimeType: `${offer.kind}/${a.name || o.name}`,
      clockRate: a.clockRate ?? o.clockRate,
      channels: a.channels ?? o.channels,
      offerPayloadType: o.payloadType,
      answerPayloadType: a.payloadType,
      fmtp: fmtpText(a),
      offerFmtp: fmtpText(o),
      rtcpFeedback: a.feedback.filter((f) => ofb.has(fbMatch(f))).map(fbKey),
      rtx: rtxPair ? { offerPayloadType: rtxPair[0].payloadType, answerPayloadType: rtxPair[1].payloadType } : null,
      role: roleOf(a),
    };
  });

  const offerOnly = offer.codecs.filter((c) => !usedOffer.has(c)).map((c) => {
    if (c.name === '') return dropped(c, `payload type ${c.payloadType} has no rtpmap`);
    if (isRtx(c)) {
      const target = offerByPt.get(Number(params(c)['apt']));
      return dropped(c, target && !usedOffer.has(target) ? `rtx for ${describeCodec(target)} (apt=${target.payloadType}), which was not negotiated` : `rtx (apt=${params(c)['apt'] ?? '?'}) not in answer`);
    }
    const namesakes = (answerNames ??= namesakesBy(answer.codecs)).get(lower(c)) ?? [];
    return dropped(c, namesakes.length > 0 && !isRed(c)
      ? `${describeCodec(c)} not in answer (answer has ${listSome(namesakes, describeCodec)})`
      : `${describeCodec(c)} not in answer`);
  });
  return { negotiated, offerOnly, answerOnly };
}
