/**
 * The values of a codec's a=fmtp parameters, where an RFC gives their range: Opus's (RFC 7587
 * §6.1), and any parameter written twice with two values. Munging code writes them by hand
 * (munging audit of 2026-12-06: RTCMultiConnection's setOpusAttributes wrote
 * `maxaveragebitrate=1048576;maxplaybackrate=1048576` after the browser's `maxplaybackrate=48000`,
 * and a=maxptime:3 beside `minptime=10`: read without a word). Internal to views.ts.
 */
import { diagnostic, type FindingSink, type ParseDiagnostic } from '../diagnostics.js';
import type { Codec, RtcpFb } from './model.js';
import { parseSdpProfileLevelId } from 'h264-profile-level-id';

/** Opus's parameters with a range (RFC 7587 §6.1), and what libwebrtc does with a value outside it (audio_encoder_opus.cc). */
const OPUS_RANGES: Readonly<Record<string, readonly [number, number, string]>> = {
  maxaveragebitrate: [6000, 510000, 'libwebrtc clamps it into that range'],
  maxplaybackrate: [8000, 48000, 'libwebrtc reads 48000 for it'],
  'sprop-maxcapturerate': [8000, 48000, 'a hint the receiver cannot use'],
};
/** Codecs whose a=fmtp parameters are all name=value (RFC 7587 §6.1, RFC 6184 §8.1, RFC 7741 §6.1, RFC 4588 §8.6, the VP9, AV1 and H.265 payload formats); RED and telephone-event have bare tokens. */
const PAIRS_ONLY: ReadonlySet<string> = new Set(['opus', 'h264', 'vp8', 'vp9', 'av1', 'h265', 'rtx']);
/**
 * The parameters each codec's payload format defines (RFC 7587 §6.1, RFC 6184 §8.1, RFC 4588 §8.6,
 * RFC 7741 §6.1, the VP9 and AV1 payload formats): a name one or two letters off one of them is a
 * typo the codec passes over (a PeerJS snippet copied into five repositories writes
 * "maxaveragebitrat"; munging audit 6).
 */
const KNOWN_NAMES: Readonly<Record<string, readonly string[]>> = {
  opus: ['maxplaybackrate', 'sprop-maxcapturerate', 'maxptime', 'ptime', 'minptime', 'maxaveragebitrate', 'stereo', 'sprop-stereo', 'cbr', 'useinbandfec', 'usedtx'],
  h264: ['profile-level-id', 'packetization-mode', 'level-asymmetry-allowed', 'sprop-parameter-sets', 'sprop-level-parameter-sets', 'max-mbps', 'max-smbps', 'max-fs', 'max-cpb', 'max-dpb', 'max-br', 'max-recv-level', 'redundant-pic-cap', 'in-band-parameter-sets', 'sprop-interleaving-depth', 'sprop-deint-buf-req', 'deint-buf-cap', 'sprop-init-buf-time', 'sprop-max-don-diff', 'max-rcmd-nalu-size', 'use-level-src-parameter-sets', 'sar-understood', 'sar-supported', 'max-fps', 'max-fr'],
  rtx: ['apt', 'rtx-time'],
  vp8: ['max-fr', 'max-fs'],
  vp9: ['profile-id', 'max-fr', 'max-fs'],
  av1: ['profile', 'level-idx', 'tier'],
};
/** KNOWN_NAMES as sets: a parameter is looked up in its codec's on parseSdp's hot path. */
const OPUS_NAMES = /* @__PURE__ */ new Set(KNOWN_NAMES['opus']);
const H264_NAMES = /* @__PURE__ */ new Set(KNOWN_NAMES['h264']);
const RTX_NAMES = /* @__PURE__ */ new Set(KNOWN_NAMES['rtx']);
const VP8_NAMES = /* @__PURE__ */ new Set(KNOWN_NAMES['vp8']);
const VP9_NAMES = /* @__PURE__ */ new Set(KNOWN_NAMES['vp9']);
const AV1_NAMES = /* @__PURE__ */ new Set(KNOWN_NAMES['av1']);
/** The known names of a codec (its name lower-cased), by comparisons: an object keyed by a name made per codec cost a hash each (a tenth of this function). */
const knownNames = (name: string): ReadonlySet<string> | undefined =>
  name === 'opus' ? OPUS_NAMES : name === 'h264' ? H264_NAMES : name === 'rtx' ? RTX_NAMES : name === 'vp8' ? VP8_NAMES : name === 'vp9' ? VP9_NAMES : name === 'av1' ? AV1_NAMES : undefined;
/** Unknown names looked at per codec (a hostile a=fmtp of thousands stays cheap). */
const MAX_UNKNOWN = 8;

/** The known parameter `name` is a typo of (an edit distance of at most 1, or 2 for names of 10 letters and more; max-fps and max-fr, which stacks write for H.264, known), or null. */
function typoOf(name: string, known: ReadonlySet<string>): string | null {
  if (name.length > 40 || name.startsWith('x-')) return null;
  const lower = name.toLowerCase();
  if (known.has(lower)) return null;
  for (const k of known) {
    const most = k.length >= 10 ? 2 : 1;
    if (Math.abs(k.length - lower.length) <= most && distance(lower, k, most) <= most) return k;
    // A word put inside a long one ("profileKey-level-id", a search and replace's): its start and end.
    if (k.length >= 8 && lower.length > k.length && lower.length <= k.length + 4) {
      let p = 0;
      while (p < k.length && lower[p] === k[p]) p++;
      let q = 0;
      while (q < k.length - p && lower[lower.length - 1 - q] === k[k.length - 1 - q]) q++;
      if (p >= 4 && p + q === k.length) return k;
    }
  }
  return null;
}

/** Levenshtein distance of two short strings, or more than `most` once it is sure to be. */
function distance(a: string, b: string, most: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (row[j]! < best) best = row[j]!;
    }
    if (best > most) return most + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** Opus's flags (RFC 7587 §6.1): 0 or 1. */
const OPUS_FLAGS: ReadonlySet<string> = new Set(['stereo', 'sprop-stereo', 'cbr', 'useinbandfec', 'usedtx']);

export const asInteger = (x: string): number => (/^[+-]?[0-9]{1,18}$/.test(x) ? Number(x) : NaN);

/** A parameter that is absent (`absent`) or a number from 0 to `max`, as libwebrtc's profile readers take it. */
export const inRange = (v: string | undefined, absent: string, max: number): boolean => {
  const n = asInteger(v ?? absent);
  return n >= 0 && n <= max;
};

/** H.265's level-id values (ITU-T H.265 Annex A: 30 × the level, 1 to 6.2), as libwebrtc's H265 reader takes them. */
const H265_LEVELS: ReadonlySet<number> = new Set([30, 60, 63, 90, 93, 120, 123, 150, 153, 156, 180, 183, 186]);

/**
 * Whether libwebrtc reads an H265 codec's profile, tier and level (ParseSdpForH265ProfileTierLevel):
 * level-id one of H.265's levels (93, 3.1, when absent), tier-flag 0 or 1 (0), and not tier 1
 * below level 4, which H.265 does not define; profile-id one of its 11 profiles, 1 to 11 (1 when absent).
 */
export function h265Readable(p: Record<string, string>): boolean {
  const level = asInteger(p['level-id'] ?? '93');
  const tier = asInteger(p['tier-flag'] ?? '0');
  const profile = asInteger(p['profile-id'] ?? '1');
  if (!H265_LEVELS.has(level) || (tier !== 0 && tier !== 1)) return false;
  if (tier === 1 && level < 120) return false;
  return profile >= 1 && profile <= 11;
}

/**
 * Whether libwebrtc reads an H264 profile-level-id: h264-profile-level-id's reading, and levels
 * 6, 6.1 and 6.2 (0x3c to 0x3e), which libwebrtc reads and that library (2.3) does not (audit of
 * the change: 64003c was said unreadable), with the profile part read as the library reads it.
 */
function h264Readable(pli: string): boolean {
  return readProfileLevelId({ 'profile-level-id': pli }) !== undefined;
}

/**
 * An H264 codec's profile and level as libwebrtc reads them: h264-profile-level-id's reading, and
 * levels 6 to 6.2 (0x3c to 0x3e: level 60, 61, 62), which that library (2.3) does not read, with
 * the profile read as it reads it (a level-6 offer had matched no H264 in sdp-diff).
 */
export function readProfileLevelId(p: Readonly<Record<string, string>>): { readonly profile: number; readonly level: number } | undefined {
  const read = parseSdpProfileLevelId(p);
  if (read !== undefined) return read;
  const pli = p['profile-level-id'];
  if (pli === undefined || !/^[0-9a-fA-F]{4}3[c-eC-E]$/.test(pli)) return undefined;
  const profile = parseSdpProfileLevelId({ ...p, 'profile-level-id': `${pli.slice(0, 4)}34` });
  return profile === undefined ? undefined : { profile: profile.profile, level: parseInt(pli.slice(4), 16) };
}

/**
 * Why libwebrtc reads no codec out of a video codec's parameters (Chromium then drops that payload
 * type: measured by the parse audit, absent from its answer), or null: an H264 profile-level-id it
 * cannot parse, a VP9 profile-id or an AV1 profile out of range, an H265 profile, tier or level it
 * does not read. sdp-diff's codec words say the same (describeCodec).
 */
export function unreadableCodec(c: Codec): string | null {
  const p: Record<string, string> = {};
  for (const x of c.parameters) if (x.name !== null) p[x.name] = x.value;
  switch (c.name.toLowerCase()) {
    case 'h264':
      return p['profile-level-id'] !== undefined && !h264Readable(p['profile-level-id']) ? `H264 profile-level-id=${clip(p['profile-level-id'])} is no profile libwebrtc reads` : null;
    case 'vp9':
      return inRange(p['profile-id'], '0', 3) ? null : `VP9 profile-id=${clip(p['profile-id'] ?? '')} is no VP9 profile (0 to 3)`;
    case 'av1':
      return inRange(p['profile'], '0', 2) ? null : `AV1 profile=${clip(p['profile'] ?? '')} is no AV1 profile (0 to 2)`;
    case 'h265':
      return h265Readable(p) ? null : `H265 profile-id=${clip(p['profile-id'] ?? '1')} tier-flag=${clip(p['tier-flag'] ?? '0')} level-id=${clip(p['level-id'] ?? '93')} is no profile, tier and level libwebrtc reads`;
    default:
      return null;
  }
}

/** The findings of the codecs' parameter values in one m-section (`maxptime` its a=maxptime, with its line). */
export function codecParameterFindings(codecs: readonly Codec[], maxptime: { readonly value: number; readonly line: number } | null, mid: string | null, out: FindingSink<ParseDiagnostic>): void {
  for (const c of codecs) {
    // RFC 7587 §7: Opus is "opus/48000/2" in a=rtpmap whatever it carries; another rate or channel
    // count is no Opus libwebrtc has, and Chromium passes over the payload type (parse audit: a
    // RingCentral offer's OPUS/16000, said by nothing).
    if (c.rtpmapLine !== null && c.name.toLowerCase() === 'opus' && (c.clockRate !== 48000 || c.channels !== 2)) {
      out.push(diagnostic('codec-parameter-value', `a=rtpmap:${c.payloadType} ${c.name}/${c.clockRate ?? '?'}${c.channels !== null ? `/${c.channels}` : ''}: Opus is written opus/48000/2 whatever its rate and channels (RFC 7587 §7); Chromium passes over this payload type`, { line: c.rtpmapLine, column: null, mid }));
    }
    const ps = c.parameters;
    if (ps.length === 0) continue;
    const at = { line: c.fmtpLine, column: null, mid };
    const name = c.name.toLowerCase();
    const unreadable = name === 'h264' || name === 'vp9' || name === 'av1' || name === 'h265' ? unreadableCodec(c) : null;
    if (unreadable !== null) out.push(diagnostic('codec-parameter-value', `${unreadable} (payload type ${c.payloadType}): Chromium drops this payload type (it matches no codec of its own; measured), so the m-line has one codec fewer than it says`, at));
    const opus = name === 'opus';
    const pairsOnly = PAIRS_ONLY.has(name);
    // No map for a codec of a handful of parameters (parseSdp's hot path: each compared with those
    // before it); one for more (a=fmtp lines merged into thousands: linear, the growth test's case).
    const last = ps.length > SMALL ? new Map<string, string>() : null;
    const known = knownNames(name);
    if (known !== undefined) typos(c, known, at, out);
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      if (p.name === null) {
        // Written without "=" (vdo.ninja's ";maxptime:20"): webrtc_sdp.cc keeps such a token under no name, for RED's list and DTMF's events; for these codecs it does nothing.
        if (pairsOnly && p.value !== '') out.push(diagnostic('codec-parameter-value', `${c.name} parameter ${JSON.stringify(clip(p.value))} (payload type ${c.payloadType}) is not name=value: libwebrtc keeps it under no name, and it does nothing`, at));
        continue;
      }
      const before = last !== null ? last.get(p.name) : lastValue(ps, i, p.name);
      last?.set(p.name, p.value);
      if (before !== undefined && before !== p.value) {
        out.push(diagnostic('codec-parameter-value', `payload type ${c.payloadType} (${c.name || '?'}) has ${p.name}=${clip(before)} and then ${p.name}=${clip(p.value)}: one value per parameter (RFC 8866 §6.15); libwebrtc keeps the last`, at));
      }
      if (!opus) continue;
      // Names as written: one in another case Chromium does not read, and the case warning says so (audit of the change: both were said, contradicting).
      const range = Object.hasOwn(OPUS_RANGES, p.name) ? OPUS_RANGES[p.name] : undefined;
      if (range !== undefined) {
        const n = /^[0-9]{1,10}$/.test(p.value) ? Number(p.value) : NaN;
        if (!(n >= range[0] && n <= range[1])) out.push(diagnostic('codec-parameter-value', `opus ${p.name}=${clip(p.value)} (payload type ${c.payloadType}) is outside ${range[0]} to ${range[1]} (RFC 7587 §6.1): ${range[2]}`, at));
      } else if (OPUS_FLAGS.has(p.name) && p.value !== '0' && p.value !== '1') {
        out.push(diagnostic('codec-parameter-value', `opus ${p.name}=${clip(p.value)} (payload type ${c.payloadType}) is neither 0 nor 1 (RFC 7587 §6.1)`, at));
      }
    }
    // A packet time no frame can have: a=maxptime below the codec's minptime.
    const minptime = maxptime === null ? undefined : last !== null ? last.get('minptime') : lastValue(ps, ps.length, 'minptime');
    if (maxptime !== null && minptime !== undefined && /^[0-9]{1,6}$/.test(minptime) && maxptime.value < Number(minptime)) {
      out.push(diagnostic('codec-parameter-value', `a=maxptime:${maxptime.value} is below minptime=${minptime} of payload type ${c.payloadType} (${c.name || '?'}): no packet time is both`, { line: maxptime.line, column: null, mid }));
    }
  }
}

/** A codec's parameter names one or two letters off its payload format's (a few looked at, however many there are). */
function typos(c: Codec, known: ReadonlySet<string>, at: { readonly line: number | null; readonly column: null; readonly mid: string | null }, out: FindingSink<ParseDiagnostic>): void {
  let unknown = 0;
  for (const p of c.parameters) {
    if (p.name === null || known.has(p.name)) continue;
    // Its name in another case: libwebrtc's parameter map is case-sensitive, so Chromium reads none
    // (a Packetization-Mode=1 is mode 0 to it); Firefox's parser reads names in any case (codec audit).
    const lower = p.name.toLowerCase();
    if (lower !== p.name && known.has(lower)) {
      out.push(diagnostic('codec-parameter-value', `${c.name} parameter ${clip(p.name)} (payload type ${c.payloadType}) is ${lower} in another case: libwebrtc reads parameter names as written, so Chromium reads no ${lower} here (Firefox reads it in any case); write it in lower case`, at));
      if (++unknown >= MAX_UNKNOWN) return;
      continue;
    }
    const meant = typoOf(p.name, known);
    if (meant !== null) out.push(diagnostic('codec-parameter-value', `${c.name} parameter ${clip(p.name)} (payload type ${c.payloadType}) is none of its payload format's: ${meant}? As written the codec passes over it`, at));
    if (++unknown >= MAX_UNKNOWN) return;
  }
}

/** Parameters a codec has, up to which each is compared with those before it. */
const SMALL = 16;

/** The value of the last parameter named `name` before index `end`, or undefined. Names as written: libwebrtc's parameter map is case-sensitive (a "UseInbandFec" beside "useinbandfec" is another key, which Opus does not read). */
function lastValue(ps: Codec['parameters'], end: number, name: string): string | undefined {
  for (let j = end - 1; j >= 0; j--) {
    const q = ps[j]!.name;
    if (q === name) return ps[j]!.value;
  }
  return undefined;
}

const clip = (v: string): string => (v.length > 24 ? `${v.slice(0, 24)}…` : v);

/**
 * RTCP feedback as RFC 4585 §4.2 and its extensions define it, and as the browsers know it: each
 * type with the parameters it takes ("" none; a number for trr-int). libwebrtc adds goog-remb,
 * transport-cc, goog-lntf and rrtr, with no parameter.
 */
const FEEDBACK: Readonly<Record<string, readonly string[] | 'number' | 'any'>> = {
  // RFC 4585 §4.2 (its grammar allows none after nack and ack); ecn: RFC 6679 §6.1; rai: RFC 6285
  // §11.1; tllei, pslei: RFC 6642 §5 (IANA's rtcp-fb nack registry).
  nack: ['', 'pli', 'sli', 'rpsi', 'app', 'rai', 'tllei', 'pslei', 'ecn'],
  // ccfb: RFC 8888 §6 (congestion control feedback, "a=rtcp-fb:* ack ccfb").
  ack: ['', 'rpsi', 'app', 'ccfb'],
  // Application-layer feedback, its parameters the application's (RFC 4585 §4.2).
  app: 'any',
  'trr-int': 'number',
  // RFC 5104 §7.1; pause: RFC 7728 §10 (tmmbr may carry smaxpr=); lrr: RFC 9627 (Layer Refresh Request).
  ccm: ['fir', 'tmmbr', 'tstr', 'vbcm', 'pause', 'lrr'],
  'goog-remb': [''],
  'transport-cc': [''],
  'goog-lntf': [''],
  rrtr: [''],
};

/** A parameter written as a type ("a=rtcp-fb:96 pli", vdo.ninja's): the type it is a parameter of. */
const PARAMETER_OF: Readonly<Record<string, string>> = {
  pli: 'nack pli', sli: 'nack sli', rpsi: 'nack rpsi', rai: 'nack rai', tllei: 'nack tllei', pslei: 'nack pslei', ecn: 'nack ecn',
  fir: 'ccm fir', tmmbr: 'ccm tmmbr', tstr: 'ccm tstr', vbcm: 'ccm vbcm', pause: 'ccm pause', lrr: 'ccm lrr', ccfb: 'ack ccfb',
  remb: 'goog-remb', lntf: 'goog-lntf', twcc: 'transport-cc', 'transport-wide-cc': 'transport-cc',
};

/**
 * Why an a=rtcp-fb line names no feedback anyone sends (an unknown type, or a parameter its type
 * does not take), or null. A real Kurento SDP's "ccm fir\" (a stray backslash) had been read as
 * FIR, said by nothing (parse audit): no browser sends or asks for such feedback.
 */
export function feedbackProblem(fb: RtcpFb): string | null {
  const type = fb.type.toLowerCase();
  // "x-…" names a private extension its own peers know (Skype for Business's x-message): not judged.
  if (type.startsWith('x-')) return null;
  const takes = Object.hasOwn(FEEDBACK, type) ? FEEDBACK[type]! : undefined;
  const shown = (v: string) => JSON.stringify(v.length > 24 ? `${v.slice(0, 24)}…` : v);
  if (takes === undefined) {
    const meant = Object.hasOwn(PARAMETER_OF, type) ? PARAMETER_OF[type] : undefined;
    return `a=rtcp-fb type ${shown(fb.type)} is no RTCP feedback a browser knows (nack, ack, ccm, app, trr-int, goog-remb, transport-cc, goog-lntf, rrtr)${meant !== undefined ? ` ("${meant}" meant?)` : ''}`;
  }
  if (takes === 'any') return null;
  const param = (fb.parameter ?? '').trim();
  if (takes === 'number') return /^[0-9]{1,10}$/.test(param) ? null : `a=rtcp-fb trr-int takes a number of milliseconds (RFC 4585 §4.2), not ${shown(param)}`;
  // A parameter's first word is the parameter (tmmbr smaxpr=…: RFC 5104 §7.1); the rest its values.
  const word = param.split(/\s+/, 1)[0]!.toLowerCase();
  if (takes.includes(word)) return null;
  const near = takes.find((t) => t !== '' && word.replace(/[^a-z]/g, '') === t);
  return `a=rtcp-fb ${fb.type} ${shown(param)}: ${takes.length === 1 ? `${fb.type} takes no parameter` : `${fb.type} takes ${takes.filter((t) => t !== '').join(', ')}${takes.includes('') ? ' or none' : ''}`}${near !== undefined ? ` (${JSON.stringify(near)} with a stray character?)` : ''}`;
}
