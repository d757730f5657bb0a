/** What a signaling frame says, in a few fields (the relay's log and console, the page's frame panel, `sdpscope client`). Pure. */
import { formatPriorityParts } from '../candidate/priority.js';
import { requireObject, requireTree, SdpscopeError } from '../errors.js';
import { CANDIDATE_VALUE, walkJson, worthWalking } from '../input/json-walk.js';
import { collectingSink } from '../input/read.js';
import { readTrickled, sdpType, type TrickledCandidate } from '../input/found.js';
import { peerConnectionsOf } from '../input/webrtc-internals.js';
import { cutUfrag, summarizeDescriptionText } from './description-summary.js';

export interface MediaSummary {
  readonly mid: string | null;
  readonly kind: string;
  readonly port: number;
  readonly direction: string;
  /** Distinct codec names in preference order (rtx/red/fec included). */
  readonly codecs: readonly string[];
  /**
   * The m-line's ICE ufrag, its own or the session's. Cut to 256 characters ending in "…"
   * (RFC 8839 §5.4's most): a session-level one is every m-line's, and an 842 KB
   * one under 330 m-lines made a 278 MB summary (fuzz seed 20261205, input 227: 1.1 s a frame in
   * the relay's logger).
   */
  readonly ufrag: string | null;
  readonly setup: string | null;
}

export type FrameSummary =
  | {
      readonly kind: 'description';
      readonly type: string | null;
      readonly media: readonly MediaSummary[];
      readonly bundle: readonly string[] | null;
      readonly iceLite: boolean;
      readonly fingerprint: string | null;
      readonly candidates: number;
    }
  | {
      readonly kind: 'candidate';
      readonly type: string;
      readonly protocol: string;
      readonly address: string;
      readonly port: number;
      /** "type | local | component". */
      readonly priority: string;
      readonly relayProtocol: string | null;
      readonly sdpMid: string | null;
      readonly ufrag: string | null;
      /** A rule the line breaks makes Chromium's addIceCandidate refuse it ("Candidate:", "TYP", "generation x"…: its words in sdpscope candidates and parse); absent when none does. */
      readonly chromiumRefuses?: true;
    }
  | { readonly kind: 'invalid-candidate'; readonly code: string; readonly message: string }
  | { readonly kind: 'end-of-candidates'; readonly sdpMid: string | null }
  | { readonly kind: 'signal'; readonly type: string | null }
  /** Not summarised: the relay's logger was behind by more than its budget, or shutting down (the frame is logged whole). */
  | { readonly kind: 'not-summarized'; readonly reason: 'behind' | 'shutdown'; readonly behindMs: number };

/** Summarises one parsed frame (a JSON value). */
export function summarizeFrame(frame: unknown): FrameSummary {
  requireTree(frame, 'summarizeFrame: the frame');
  // An RTCSessionDescriptionInit-shaped frame ({type, sdp}): the walk would read its sdp and
  // nothing else; read in one pass (description-summary.ts), the same summary.
  if (frame !== null && typeof frame === 'object' && !Array.isArray(frame)) {
    const o = frame as Record<string, unknown>;
    if (peerConnectionsOf(o) === null) {
      const sdp = o['sdp'];
      if (typeof sdp === 'string') {
        const d = summarizeDescriptionText(sdp);
        if (d !== null) return { kind: 'description', type: sdpType(o['type']), ...d };
      } else if (!('candidate' in o)) {
        // The notes' frame, {type: "offer", offer: {type, sdp}}: the walk would read that one
        // description, the frame's type its type when its own has none.
        const inner = onlyDescription(o);
        const d = inner === null ? null : summarizeDescriptionText(inner['sdp'] as string);
        if (d !== null) return { kind: 'description', type: sdpType(inner!['type']) ?? sdpType(o['type']), ...d };
      } else {
        // A candidate frame ({candidate: "candidate:…", sdpMid…}) or one holding an
        // RTCIceCandidateInit ({type, candidate: {candidate, sdpMid…}}): the walk would read that
        // candidate alone, with the object around it as its init.
        const init = trickleInit(o) ?? meantCandidate(o);
        if (init !== null) return candidateSummary(readTrickled(init['candidate'] as string, init));
      }
    }
  }
  return summarizeByWalk(frame);
}

/**
 * The one value of `o` that is a description ({type, sdp}), when nothing else in `o` is anything
 * the walk would read (another description, a candidate, JSON in a string); else null.
 */
function onlyDescription(o: Record<string, unknown>): Record<string, unknown> | null {
  let found: Record<string, unknown> | null = null;
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (found === null && v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, unknown>)['sdp'] === 'string' && peerConnectionsOf(v as Record<string, unknown>) === null) {
      found = v as Record<string, unknown>;
      continue;
    }
    if (worthWalking(v)) return null;
  }
  return found;
}

/** The object whose "candidate" string the walk reads alone (the frame, or its RTCIceCandidateInit), or null for any other frame. */
function trickleInit(o: Record<string, unknown>): Record<string, unknown> | null {
  const c = o['candidate'];
  if (typeof c === 'string') return c !== '' && CANDIDATE_VALUE.test(c) ? o : null;
  if (c === null || typeof c !== 'object' || Array.isArray(c)) return null;
  const inner = c as Record<string, unknown>;
  const text = inner['candidate'];
  return typeof text === 'string' && text !== '' && CANDIDATE_VALUE.test(text) && typeof inner['sdp'] !== 'string' && peerConnectionsOf(inner) === null ? inner : null;
}

/**
 * A candidate frame whose candidate string does not start as one ("garbage", a bare "1 1 udp …"):
 * the frame says it is one (its type "candidate", or an sdpMid or sdpMLineIndex beside it), so it
 * is read as one and refused with the reason, not summarised as a plain signal (relay/client audit:
 * `{"type":"candidate","candidate":"garbage"}` showed as "candidate"). Null for any other frame.
 */
function meantCandidate(o: Record<string, unknown>): Record<string, unknown> | null {
  const c = o['candidate'];
  const inner = c !== null && typeof c === 'object' && !Array.isArray(c) ? (c as Record<string, unknown>) : null;
  const init = typeof c === 'string' ? o : inner !== null && typeof inner['candidate'] === 'string' && typeof inner['sdp'] !== 'string' ? inner : null;
  if (init === null) return null;
  const text = init['candidate'] as string;
  const says = o['type'] === 'candidate' || 'sdpMid' in init || 'sdpMLineIndex' in init;
  return says && text !== '' && !CANDIDATE_VALUE.test(text) ? init : null;
}

/** The summary of a trickled candidate as read. */
function candidateSummary(c: TrickledCandidate): FrameSummary {
  if (!c.candidate || !c.explanation) return { kind: 'invalid-candidate', code: c.error?.code ?? 'CANDIDATE_PREFIX', message: c.error?.reason ?? '' };
  const x = c.candidate;
  return {
    kind: 'candidate',
    type: x.type,
    protocol: x.transport,
    address: x.address,
    port: x.port,
    priority: formatPriorityParts(c.explanation.priority),
    relayProtocol: c.explanation.relayProtocol ? (c.explanation.relayProtocol.certainty === 'unknown' ? '' : c.explanation.relayProtocol.label) : null,
    sdpMid: c.sdpMid,
    ufrag: c.usernameFragment,
    // Read, yet refused by Chromium: said on the relay's line (audit of the change: "Candidate:…" shown as a good candidate).
    ...(c.explanation.warnings.some((w) => w.message.includes('Chromium refuses')) ? { chromiumRefuses: true as const } : {}),
  };
}

/** The reference: the frame walked as any input is, its first description summarised from parseSdp's model. */
export function summarizeByWalk(frame: unknown): FrameSummary {
  const sink = collectingSink();
  walkJson(frame, { line: 1, format: 'json' }, sink);
  const { descriptions, candidates, endOfCandidates } = sink.report;
  const d = descriptions[0];
  if (d) {
    const desc = d.description;
    return {
      kind: 'description',
      type: d.type,
      media: desc.media.map((m) => ({
        mid: m.mid,
        kind: m.kind,
        port: m.port,
        direction: m.direction,
        codecs: [...new Set(m.codecs.map((c) => c.name).filter((n) => n !== ''))],
        ufrag: m.ice.ufrag === null ? null : cutUfrag(m.ice.ufrag),
        setup: m.setup,
      })),
      bundle: desc.bundle,
      iceLite: desc.iceLite,
      fingerprint: desc.media.find((m) => m.fingerprints.length > 0)?.fingerprints[0]?.algorithm ?? null,
      candidates: candidates.length,
    };
  }
  const c = candidates[0];
  if (c) return candidateSummary(c);
  if (endOfCandidates[0]) return { kind: 'end-of-candidates', sdpMid: endOfCandidates[0].sdpMid };
  // A candidate frame the walk took for none (its candidate does not start as one): refused with the reason.
  const meant = frame !== null && typeof frame === 'object' && !Array.isArray(frame) ? meantCandidate(frame as Record<string, unknown>) : null;
  if (meant !== null) return candidateSummary(readTrickled(meant['candidate'] as string, meant));
  const type = frame !== null && typeof frame === 'object' && typeof (frame as { type?: unknown }).type === 'string' ? (frame as { type: string }).type : null;
  return { kind: 'signal', type };
}

/** One m-line in a summary's words: a data channel's, which has no codec, as such (relay/client audit: "application sendrecv  · ufrag"). */
function mediaWords(m: MediaSummary): string {
  const rejected = m.port === 0 ? ' (rejected)' : '';
  if (m.kind === 'application' && m.codecs.length === 0) return `data channel${rejected}`;
  const codecs = m.codecs.length > 0 ? ` ${m.codecs.slice(0, 4).join(',')}${m.codecs.length > 4 ? ',…' : ''}` : '';
  return `${m.kind}${rejected} ${m.direction}${codecs}`;
}

/** One line of words for a summary ("offer: audio opus,red… · video VP8,… · 0 candidates"). */
export function describeFrame(s: FrameSummary): string {
  requireObject(s, 'describeFrame: the summary (summarizeFrame(frame))', 'kind');
  switch (s.kind) {
    case 'description':
      // No m-line at all is said (README walk: "offer:  · ufrag - · setup -").
      if (s.media.length === 0) return `${s.type ?? 'sdp'}: no m-line${s.candidates ? ` · ${s.candidates} candidate${s.candidates === 1 ? '' : 's'}` : ''}`;
      return `${s.type ?? 'sdp'}: ${s.media.map(mediaWords).join(' · ')} · ufrag ${s.media[0]?.ufrag ?? '-'} · setup ${s.media[0]?.setup ?? '-'}${s.candidates ? ` · ${s.candidates} candidate${s.candidates === 1 ? '' : 's'}` : ''}`;
    case 'candidate':
      return `candidate: ${s.type} ${s.protocol} ${s.address}:${s.port} priority ${s.priority}${s.relayProtocol ? ` relay over ${s.relayProtocol}` : ''}${s.sdpMid !== null ? ` mid ${s.sdpMid}` : ''}${s.chromiumRefuses === true ? ' (Chromium refuses it: sdpscope parse says why)' : ''}`;
    case 'invalid-candidate':
      return `invalid candidate (${s.code})${s.message !== '' ? `: ${s.message.length > 120 ? `${s.message.slice(0, 120)}…` : s.message}` : ''}`;
    case 'end-of-candidates':
      return 'end of candidates';
    case 'signal':
      // An offer or answer whose SDP did not read is said (lab audit: {"type":"offer","sdp":5} showed as a plain "offer").
      return s.type === 'offer' || s.type === 'answer' || s.type === 'pranswer' ? `${s.type}: no SDP read (none, not a string, or not an SDP)` : (s.type ?? '(no type)');
    case 'not-summarized':
      return s.reason === 'shutdown' ? '(not summarised: shutting down)' : `(not summarised: the logger is ${s.behindMs} ms behind)`;
    default:
      throw new SdpscopeError('INVALID_ARGUMENT', `describeFrame: "${String((s as { kind: unknown }).kind)}" is not a summary kind`);
  }
}
