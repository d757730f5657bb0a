/**
 * A bridge for dashboards built on sdp-transform: `toSdpTransform(description)` gives the object
 * `sdpTransform.parse(text)` gives for the same text (its shape, its field names, its numbers),
 * from sdp-transform itself, with the places where sdp-transform is wrong put right from
 * sdpscope's own reading (SDP_TRANSFORM_CORRECTIONS lists each, with the rule it breaks; the
 * test holds the two equal elsewhere on every SDP of the corpus). Pure and browser-safe; its
 * own entry (`sdpscope/sdp-transform`), so that the core does not carry sdp-transform.
 */
import { parse } from 'sdp-transform';
import type { MediaAttributes, SessionDescription as SdpTransformDescription } from 'sdp-transform';
import type { Candidate } from '../candidate/candidate.js';
import { requireObject } from '../errors.js';
import type { SessionDescription } from './model.js';
import { writeSdp } from './write.js';

export type { SdpTransformDescription };

/** Where toSdpTransform differs from sdpTransform.parse, and why (the fields named are sdp-transform's). */
export const SDP_TRANSFORM_CORRECTIONS = {
  'identifier-as-number': {
    fields: ['origin.sessionId', 'iceUfrag', 'icePwd', 'media[].mid', 'media[].iceUfrag', 'media[].icePwd', 'media[].candidates[].foundation', 'media[].rids[].id', 'media[].msid[].id', 'media[].msid[].appdata', 'groups[].mids'],
    why: 'sdp-transform turns every value that reads back as the same number into a number (a=mid:0 gives 0, a=mid:007 gives "007"; an o= session id gives a number below 2^53 and a string above): these are identifiers, strings by their grammar (RFC 8866 §5.2 sess-id, RFC 5888 §4 identification-tag, RFC 8839 §5.4 ice-char, §5.1 foundation, RFC 8851 §10 rid-id, RFC 8830 §2 msid-id), and its own typings say string. Here they are always the text as written.',
  },
  'candidate-extensions-out-of-order': {
    fields: ['media[].candidates[].generation', 'media[].candidates[].network-id', 'media[].candidates[].network-cost'],
    why: 'sdp-transform reads a candidate\'s extensions in one fixed order (tcptype, generation, network-id, network-cost) and drops the rest of the line at the first other one: Chrome writes "generation 0 ufrag X network-id 1 network-cost 10", so network-id and network-cost are lost. RFC 8839 §5.1 lets extension attributes come in any order; here they are read wherever they are.',
  },
  'msid-braces': {
    fields: ['media[].msid', 'media[].invalid'],
    why: 'sdp-transform reads a=msid ids as [A-Za-z0-9_-] only, so Firefox\'s "a=msid:{0c8b…} {98a1…}" is not an msid to it but an "invalid" line. RFC 8830 §2: msid-id and msid-appdata are 1*64token-char, braces included; here they are read as msid.',
  },
} as const;

export type SdpTransformCorrection = keyof typeof SDP_TRANSFORM_CORRECTIONS;

const asText = (v: unknown): unknown => (typeof v === 'number' ? String(v) : v);
/** A number sdp-transform would have given (its toIntIfInt), else the text. */
const asNumber = (v: string): number | string => (String(Number(v)) === v ? Number(v) : v);

/** sdp-transform's object for the description's text, corrected where it is wrong (SDP_TRANSFORM_CORRECTIONS). */
export function toSdpTransform(description: SessionDescription): SdpTransformDescription {
  requireObject(description, 'toSdpTransform: the description', 'media', 'lines');
  const out = parse(writeSdp(description));
  if (out.origin) out.origin.sessionId = asText(out.origin.sessionId) as string;
  const root = out as { iceUfrag?: unknown; icePwd?: unknown };
  if (root.iceUfrag !== undefined) root.iceUfrag = asText(root.iceUfrag);
  if (root.icePwd !== undefined) root.icePwd = asText(root.icePwd);
  for (const g of out.groups ?? []) g.mids = asText(g.mids) as string;
  out.media.forEach((m, i) => {
    const mm = m as MediaAttributes & { mid?: unknown; iceUfrag?: unknown; icePwd?: unknown };
    if (mm.mid !== undefined) mm.mid = asText(mm.mid) as string;
    if (mm.iceUfrag !== undefined) mm.iceUfrag = asText(mm.iceUfrag) as string;
    if (mm.icePwd !== undefined) mm.icePwd = asText(mm.icePwd) as string;
    const invalid = (m as { invalid?: { value: string }[] }).invalid;
    if (invalid?.some((x) => x.value.startsWith('msid:'))) {
      const kept = invalid.filter((x) => !x.value.startsWith('msid:'));
      if (kept.length > 0) (m as { invalid?: { value: string }[] }).invalid = kept;
      else delete (m as { invalid?: unknown }).invalid;
      m.msid = (description.media[i]?.msids ?? []).map((x) => ({ id: x.streamId, ...(x.trackId !== null ? { appdata: x.trackId } : {}) }));
    }
    for (const x of m.msid ?? []) {
      x.id = asText(x.id) as string;
      if (x.appdata !== undefined) x.appdata = asText(x.appdata) as string;
    }
    for (const r of m.rids ?? []) r.id = asText(r.id) as string;
    // The k-th candidate sdp-transform pushed is the section's k-th a=candidate line.
    const ours: (Candidate | null)[] = [];
    for (const l of description.media[i]?.lines ?? []) {
      if (l.kind === 'attribute' && l.name === 'candidate') ours.push(l.value);
      else if (l.kind === 'other-attribute' && l.name === 'candidate') ours.push(null);
    }
    (m.candidates ?? []).forEach((c, k) => {
      c.foundation = asText(c.foundation) as string;
      const own = ours[k];
      if (!own) return;
      const cc = c as typeof c & { generation?: number; 'network-id'?: number; 'network-cost'?: number };
      if (cc.generation === undefined && own.generation !== null) cc.generation = own.generation;
      if (cc['network-id'] === undefined && own.networkId !== null) cc['network-id'] = asNumber(own.networkId) as number;
      if (cc['network-cost'] === undefined && own.networkCost !== null) cc['network-cost'] = own.networkCost;
    });
  });
  return out;
}
