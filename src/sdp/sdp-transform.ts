/**
 * A bridge for dashboards built on sdp-transform: `toSdpTransform(description)` gives the object
 * `sdpTransform.parse(text)` gives for the same text (its shape, its field names, its numbers),
 * from sdp-transform itself, with the places where sdp-transform is wrong put right from
 * sdpscope's own reading (SDP_TRANSFORM_CORRECTIONS lists each, with the rule it breaks; the
 * test holds the two equal elsewhere on every SDP of the corpus). Pure and browser-safe; its
 * own entry (`sdpscope/sdp-transform`), so that the core does not carry sdp-transform.
 */
import { parse } from 'sdp-transform';
import type { SessionDescription as SdpTransformDescription } from 'sdp-transform';
import type { Candidate } from '../candidate/candidate.js';
import { requireObject } from '../errors.js';
import type { Msid, SdpLine, SessionDescription } from './model.js';
import { writeSdp } from './write.js';

export type { SdpTransformDescription };

/** Where toSdpTransform differs from sdpTransform.parse, and why (the fields named are sdp-transform's). */
export const SDP_TRANSFORM_CORRECTIONS = {
  'identifier-as-number': {
    fields: ['origin.sessionId', 'iceUfrag', 'icePwd', 'media[].mid', 'media[].iceUfrag', 'media[].icePwd', 'media[].candidates[].foundation', 'media[].rids[].id', 'media[].msid[].id', 'media[].msid[].appdata', 'groups[].mids'],
    why: 'sdp-transform turns every value that reads back as the same number into a number (a=mid:0 gives 0, a=mid:007 gives "007"; an o= session id gives a number below 2^53 and a string above): these are identifiers, strings by their grammar (RFC 8866 §5.2 sess-id, RFC 5888 §4 identification-tag, RFC 8839 §5.4 ice-char, §5.1 foundation, RFC 8851 §10 rid-id, RFC 8830 §2 msid-id), and its own typings say string. Here they are always the text as written.',
  },
  'text-as-number': {
    fields: ['media[].payloads', 'media[].ssrcs[].value', 'media[].ssrcGroups[].ssrcs', 'media[].simulcast.list1', 'media[].simulcast.list2', 'media[].label', 'media[].fmtp[].config', 'msidSemantic.token', 'media[].rtcpFb[].type', 'media[].rtcpFb[].subtype', 'media[].rids[].params', 'media[].remoteCandidates', 'media[].sctpmap.app', 'media[].ext[].config', 'name', 'media[].description', 'description', 'media[].rtp[].codec', 'media[].mediaClk.mediaClockValue', 'mediaClk.mediaClockValue', 'media[].mediaClk.id', 'mediaClk.id', 'media[].mediaClk.rateNumerator', 'mediaClk.rateNumerator', 'media[].mediaClk.rateDenominator', 'mediaClk.rateDenominator', 'media[].tsRefClocks[].clksrcExt', 'tsRefClocks[].clksrcExt', 'media[].sourceFilter.srcList', 'sourceFilter.srcList', 'media[].fingerprint.hash', 'fingerprint.hash', 'media[].control', 'control', 'media[].crypto[].config', 'media[].imageattrs[].attrs1', 'media[].imageattrs[].attrs2', 'media[].simulcast_03.value', 'media[].connection.ip', 'connection.ip'],
    why: 'sdp-transform makes a number of any value that reads back as one, in fields its typings declare string: a data channel\'s lone format (m=application 9 DTLS/SCTP 5000) gives payloads 5000, a=ssrc:1 cname:1234 a value 1234, a=label:1 a label 1, a=simulcast:recv 0 a list 0, a=rtpmap:1 1016/8000 a codec 1016, a=mediaclk:direct=0 (AES67) a value 0, so that payloads.split(" ") compiles and throws. Here every field typed string is a string.',
  },
  'candidate-extensions-out-of-order': {
    fields: ['media[].candidates[].generation', 'media[].candidates[].network-id', 'media[].candidates[].network-cost', 'media[].candidates[].tcptype', 'media[].candidates[].raddr', 'media[].candidates[].rport'],
    why: 'sdp-transform reads a candidate\'s extensions in one fixed order (raddr and rport, tcptype, generation, network-id, network-cost) and drops the rest of the line at the first other one: Chrome writes "generation 0 ufrag X network-id 1 network-cost 10", so network-id and network-cost are lost, and a tcptype after generation is lost too. RFC 8839 §5.1 lets extension attributes come in any order; here they are read wherever they are (a candidate sdp-transform did not read at all stays in invalid, as there).',
  },
  'msid-braces': {
    fields: ['media[].msid', 'media[].invalid'],
    why: 'sdp-transform reads a=msid ids as [A-Za-z0-9_-] only, and its pattern has no end: Firefox\'s "a=msid:{0c8b…} {98a1…}" is not an msid to it but an "invalid" line, and Firefox 121\'s "a=msid:- {98a1…}" an msid "-" whose track id is lost (written back "a=msid:- undefined"); an id with "/" or ":" is cut there. RFC 8830 §2: msid-id and msid-appdata are 1*64token-char, braces included; here every a=msid that read is as read.',
  },
  'msid-semantic-without-identifiers': {
    fields: ['msidSemantic.semantic', 'msidSemantic.token'],
    why: 'sdp-transform reads "a=msid-semantic: WMS" (what Chromium writes when no stream is sent) as semantic "" and token "WMS". RFC 8830 allows a semantic with no identifiers; here semantic is "WMS" and token "" (the first identifier when there is one, as sdp-transform reads it).',
  },
  'ice-options-list': {
    fields: ['iceOptions', 'media[].iceOptions'],
    why: 'sdp-transform keeps the first word of a=ice-options only: "trickle renomination" gives "trickle". RFC 8839 §5.6: a list of options; here the whole list, as written.',
  },
  'rtcp-mux-only': {
    fields: ['media[].rtcpMux', 'media[].invalid'],
    why: 'sdp-transform\'s rtcp-mux pattern has no end, so a=rtcp-mux-only (RFC 8858) alone reads as a=rtcp-mux. Here rtcpMux comes from an a=rtcp-mux line only, and a=rtcp-mux-only is in invalid, as any attribute sdp-transform does not model.',
  },
} as const;

export type SdpTransformCorrection = keyof typeof SDP_TRANSFORM_CORRECTIONS;

type Loose = Record<string, unknown>;

/** A number sdp-transform would have given (its toIntIfInt), else the text. */
const asNumber = (v: string): number | string => (String(Number(v)) === v ? Number(v) : v);
/** The fields of `o` its typings declare string, as strings. */
function texts(o: unknown, ...keys: string[]): void {
  if (o === null || typeof o !== 'object') return;
  for (const k of keys) if (typeof (o as Loose)[k] === 'number') (o as Loose)[k] = String((o as Loose)[k]);
}
const each = (xs: unknown, ...keys: string[]) => {
  if (Array.isArray(xs)) for (const x of xs) texts(x, ...keys);
};

/** The fields typed string that the session and an m-section share (sdp-transform's SharedAttributes and SharedDescriptionFields), as strings. */
function sharedTexts(o: Loose): void {
  texts(o, 'iceUfrag', 'icePwd', 'control', 'setup', 'description', 'iceOptions');
  texts(o.connection, 'ip');
  texts(o.fingerprint, 'type', 'hash');
  texts(o.sourceFilter, 'netType', 'addressTypes', 'destAddress', 'srcList');
  // An array at run time, whatever its typings say (audit of the change).
  each(o.tsRefClocks, 'clksrc', 'clksrcExt');
  texts(o.mediaClk, 'id', 'mediaClockName', 'mediaClockValue', 'rateNumerator', 'rateDenominator');
  each(o.ext, 'uri', 'config', 'direction', 'encrypt-uri');
}

/** What sdpscope read in one section (the session's lines, or an m-section's), line by line. */
interface SectionReading {
  /** Each a=candidate line: the candidate, or null where it did not read. */
  readonly candidates: (Candidate | null)[];
  /** Each a=msid line that read; `msidLines` counts them all. */
  readonly msids: Msid[];
  msidLines: number;
  iceOptions: readonly string[] | null;
  rtcpMux: boolean;
  rtcpMuxOnly: number;
}

function readSection(lines: readonly SdpLine[]): SectionReading {
  const r: SectionReading = { candidates: [], msids: [], msidLines: 0, iceOptions: null, rtcpMux: false, rtcpMuxOnly: 0 };
  for (const l of lines) {
    if (l.kind === 'attribute') {
      if (l.name === 'candidate') r.candidates.push(l.value);
      else if (l.name === 'msid') {
        r.msids.push(l.value);
        r.msidLines++;
      } else if (l.name === 'ice-options') r.iceOptions = l.value;
      else if (l.name === 'rtcp-mux') r.rtcpMux = true;
    } else if (l.kind === 'other-attribute') {
      if (l.name === 'candidate') r.candidates.push(null);
      else if (l.name === 'msid') r.msidLines++;
      else if (l.name === 'rtcp-mux-only') r.rtcpMuxOnly++;
    }
  }
  return r;
}

/** The corrections that concern one section: sdp-transform's object for it (the root or an m-section), and what sdpscope read there. */
function correctSection(o: Loose, r: SectionReading): void {
  sharedTexts(o);
  texts(o, 'mid');
  if (r.iceOptions !== null && r.iceOptions.length > 1) o.iceOptions = r.iceOptions.join(' ');
  const invalid = (o.invalid ?? []) as { value: string }[];
  const drop = (starts: string) => {
    const kept = invalid.filter((x) => !x.value.startsWith(starts));
    if (kept.length > 0) o.invalid = kept;
    else delete o.invalid;
  };
  // Every a=msid read (none refused): sdpscope's reading, which sdp-transform's pattern cuts or refuses.
  if (r.msidLines > 0 && r.msids.length === r.msidLines) {
    if (invalid.some((x) => x.value.startsWith('msid:'))) drop('msid:');
    o.msid = r.msids.map((x) => ({ id: x.streamId, ...(x.trackId !== null ? { appdata: x.trackId } : {}) }));
  } else for (const x of (o.msid ?? []) as Loose[]) texts(x, 'id', 'appdata');
  // a=rtcp-mux-only beside a=rtcp-mux too, as RFC 8858 §4 has offers write both (audit of the change: the line was lost there).
  if (r.rtcpMuxOnly > 0 && o.rtcpMux !== undefined) {
    if (!r.rtcpMux) delete o.rtcpMux;
    o.invalid = [...((o.invalid ?? []) as { value: string }[]), ...Array.from({ length: r.rtcpMuxOnly }, () => ({ value: 'rtcp-mux-only' }))];
  }
  // Each candidate sdp-transform read is the next one sdpscope read at its foundation, component, address and port
  // (a line sdp-transform refused, "[PUBLIC IP]" or "TYP", is in its invalid and passed over here).
  let k = 0;
  for (const c of (o.candidates ?? []) as Loose[]) {
    texts(c, 'foundation', 'transport', 'ip', 'type', 'raddr', 'tcptype');
    let own: Candidate | null | undefined;
    for (let j = k; j < r.candidates.length; j++) {
      const x = r.candidates[j];
      if (x && x.foundation === c.foundation && x.component === c.component && x.address === c.ip && x.port === c.port) {
        own = x;
        k = j + 1;
        break;
      }
    }
    if (!own) continue;
    if (c.raddr === undefined && own.relatedAddress !== null && own.relatedPort !== null) {
      c.raddr = own.relatedAddress;
      c.rport = own.relatedPort;
    }
    if (c.tcptype === undefined && own.tcpType !== null) c.tcptype = own.tcpType;
    if (c.generation === undefined && own.generation !== null) c.generation = own.generation;
    // A network-id that is no number stays out: sdp-transform's typings say number.
    if (c['network-id'] === undefined && own.networkId !== null && typeof asNumber(own.networkId) === 'number') c['network-id'] = asNumber(own.networkId);
    if (c['network-cost'] === undefined && own.networkCost !== null) c['network-cost'] = own.networkCost;
  }
}

/** sdp-transform's object for the description's text, corrected where it is wrong (SDP_TRANSFORM_CORRECTIONS). */
export function toSdpTransform(description: SessionDescription): SdpTransformDescription {
  requireObject(description, 'toSdpTransform: the description', 'media', 'lines');
  const out = parse(writeSdp(description));
  const root = out as unknown as Loose;
  texts(out.origin, 'sessionId', 'username', 'netType', 'address');
  texts(root, 'name', 'uri', 'email', 'phone', 'timezones', 'repeats');
  each(out.groups, 'type', 'mids');
  const semantic = description.msidSemantic;
  if (out.msidSemantic && semantic && out.msidSemantic.semantic !== semantic.semantic) out.msidSemantic = { semantic: semantic.semantic, token: semantic.identifiers[0] ?? '' };
  texts(out.msidSemantic, 'semantic', 'token');
  correctSection(root, readSection(description.lines));
  // sdp-transform breaks lines at a lone CR too; sdpscope does not (RFC 8866 §5): where the two see other sections, the m-sections are left as sdp-transform read them.
  const aligned = out.media.length === description.media.length;
  out.media.forEach((m, i) => {
    const mm = m as unknown as Loose;
    texts(mm, 'type', 'protocol', 'payloads', 'remoteCandidates', 'label', 'bfcpFloorCtrl', 'bfcpConfId', 'bfcpUserId', 'bfcpFloorId');
    texts(mm.simulcast, 'list1', 'list2');
    texts(mm.sctpmap, 'app');
    each(mm.fmtp, 'config');
    each(mm.rtp, 'codec');
    each(mm.imageattrs, 'attrs1', 'attrs2');
    texts(mm.simulcast_03, 'value');
    each(mm.rtcpFb, 'type', 'subtype');
    each(mm.ssrcs, 'attribute', 'value');
    each(mm.ssrcGroups, 'semantics', 'ssrcs');
    each(mm.rids, 'id', 'direction', 'params');
    each(mm.crypto, 'suite', 'config', 'sessionConfig');
    if (aligned) correctSection(mm, readSection(description.media[i]!.lines));
    else {
      sharedTexts(mm);
      texts(mm, 'mid');
      each(mm.candidates, 'foundation');
      each(mm.msid, 'id', 'appdata');
    }
  });
  return out;
}
