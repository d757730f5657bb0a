/**
 * What a signaling frame says, in a few fields (the relay's log and console, the page's frame
 * panel, `sdpscope client`), and a copy of it with its secrets redacted. Pure.
 */
import { inferRelayProtocol } from '../candidate/explain.js';
import { decodePriority, formatPriorityParts } from '../candidate/priority.js';
import { collectingSink, walkJson } from '../input/read.js';

export interface MediaSummary {
  readonly mid: string | null;
  readonly kind: string;
  readonly port: number;
  readonly direction: string;
  /** Distinct codec names in preference order (rtx/red/fec included). */
  readonly codecs: readonly string[];
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
    }
  | { readonly kind: 'invalid-candidate'; readonly code: string; readonly message: string }
  | { readonly kind: 'end-of-candidates'; readonly sdpMid: string | null }
  | { readonly kind: 'signal'; readonly type: string | null };

/** Summarises one parsed frame (a JSON value). */
export function summarizeFrame(frame: unknown): FrameSummary {
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
        ufrag: m.ice.ufrag,
        setup: m.setup,
      })),
      bundle: desc.bundle,
      iceLite: desc.iceLite,
      fingerprint: desc.media.find((m) => m.fingerprints.length > 0)?.fingerprints[0]?.algorithm ?? null,
      candidates: candidates.length,
    };
  }
  const c = candidates[0];
  if (c) {
    if (!c.candidate) return { kind: 'invalid-candidate', code: c.error?.code ?? 'CANDIDATE', message: c.error?.message ?? '' };
    const x = c.candidate;
    const relay = inferRelayProtocol(x);
    return {
      kind: 'candidate',
      type: x.type,
      protocol: x.transport,
      address: x.address,
      port: x.port,
      priority: formatPriorityParts(decodePriority(x.priority)),
      relayProtocol: relay ? (relay.protocol ?? [...new Set(relay.readings.map((r) => r.protocol))].join('/') + (relay.certainty === 'ambiguous' ? '?' : '')) : null,
      sdpMid: c.sdpMid,
      ufrag: c.usernameFragment,
    };
  }
  if (endOfCandidates[0]) return { kind: 'end-of-candidates', sdpMid: endOfCandidates[0].sdpMid };
  const type = frame !== null && typeof frame === 'object' && typeof (frame as { type?: unknown }).type === 'string' ? (frame as { type: string }).type : null;
  return { kind: 'signal', type };
}

/** One line of words for a summary ("offer: audio opus,red… · video VP8,… · 0 candidates"). */
export function describeFrame(s: FrameSummary): string {
  switch (s.kind) {
    case 'description':
      return `${s.type ?? 'sdp'}: ${s.media.map((m) => `${m.kind}${m.port === 0 ? ' (rejected)' : ''} ${m.direction} ${m.codecs.slice(0, 4).join(',')}${m.codecs.length > 4 ? ',…' : ''}`).join(' · ')} · ufrag ${s.media[0]?.ufrag ?? '-'} · setup ${s.media[0]?.setup ?? '-'}${s.candidates ? ` · ${s.candidates} candidates` : ''}`;
    case 'candidate':
      return `candidate: ${s.type} ${s.protocol} ${s.address}:${s.port} priority ${s.priority}${s.relayProtocol ? ` relay over ${s.relayProtocol}` : ''}${s.sdpMid !== null ? ` mid ${s.sdpMid}` : ''}`;
    case 'invalid-candidate':
      return `invalid candidate (${s.code})`;
    case 'end-of-candidates':
      return 'end of candidates';
    case 'signal':
      return s.type ?? '(no type)';
  }
}

const SECRET_KEYS = /^(credential|password|passwd|pwd|secret|token|authorization|api[-_]?key)$/i;
const ICE_PWD = /(a=ice-pwd:)([^\r\n]*)/g;

/** A pwd of the same length that still reads as one (ice-chars), and says it was redacted. */
function redactedPwd(pwd: string): string {
  return 'REDACTED'.slice(0, pwd.length) + 'x'.repeat(Math.max(0, pwd.length - 8));
}

/**
 * A copy of `frame` with secrets replaced: a=ice-pwd values in SDP text (same length, still
 * ice-chars, so a redacted log still parses and negotiates), and the values of keys such as
 * credential, password, token. The frame itself is not changed.
 */
export function redactFrame(frame: unknown): unknown {
  if (typeof frame === 'string') return frame.includes('a=ice-pwd:') ? frame.replace(ICE_PWD, (_m, k: string, v: string) => k + redactedPwd(v)) : frame;
  if (Array.isArray(frame)) return frame.map(redactFrame);
  if (frame !== null && typeof frame === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(frame)) out[k] = SECRET_KEYS.test(k) && (typeof v === 'string' || typeof v === 'number') ? '[redacted]' : redactFrame(v);
    return out;
  }
  return frame;
}

const SECRET_PAIRS = /("(?:credential|password|passwd|pwd|secret|token|authorization|api[-_]?key)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi;

/**
 * Secrets redacted in text that is not valid JSON (a frame the relay refused): ice-pwd values and
 * the values of "credential", "password"... keys, as far as they can be found in the text.
 */
export function redactText(text: string): string {
  return (redactFrame(text) as string).replace(SECRET_PAIRS, (_m, a: string, _v: string, b: string) => `${a}[redacted]${b}`);
}
