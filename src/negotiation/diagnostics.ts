/**
 * What offer/answer checks find: a tagged union on `code`, and one table that describes every
 * code with its severity and the rule it comes from. A new code does not compile until described.
 */
import type { DiagnosticInfo, Severity } from '../diagnostics.js';

export const NEGOTIATION_DIAGNOSTICS = {
  'no-common-codec': {
    severity: 'error',
    title: 'No codec in common',
    description: 'The answer accepts the m-line (port not 0) but none of its codecs matches an offered one, so no media can flow. An answerer with no common codec must reject the m-line with port 0.',
    reference: 'RFC 3264 §6.1; JSEP (RFC 8829) §5.3.1',
  },
  'answer-codec-not-offered': {
    severity: 'error',
    title: 'Answer codec that the offer never had',
    description: 'The answer may only contain codecs from the offer (a subset, possibly with fewer parameters). Browsers fail setRemoteDescription on it or ignore the codec.',
    reference: 'RFC 3264 §6.1',
  },
  'payload-type-remapped': {
    severity: 'warning',
    title: 'Same codec, different payload type',
    description: 'The answer uses another payload type number than the offer for the same codec. Allowed (each side receives on the numbers it declared), but many SFUs and gateways mishandle it.',
    reference: 'RFC 3264 §6.1; RFC 8829 §5.3.1',
  },
  'rtx-without-codec': {
    severity: 'warning',
    title: 'RTX whose associated codec is not negotiated',
    description: 'An rtx payload type whose apt points to a codec that is not in the negotiated set: it can never be used.',
    reference: 'RFC 4588 §8.6',
  },
  'codec-without-rtpmap': {
    severity: 'error',
    title: 'Dynamic payload type without rtpmap',
    description: 'A payload type of 96..127 on the m= line with no a=rtpmap: nobody can tell which codec it is.',
    reference: 'RFC 8866 §6.6; RFC 3551 §3',
  },
  'invalid-direction': {
    severity: 'error',
    title: 'Answer direction not allowed for the offer direction',
    description: 'sendonly must be answered recvonly or inactive, recvonly with sendonly or inactive, inactive with inactive; sendrecv with anything.',
    reference: 'RFC 3264 §6.1',
  },
  'no-media-flow': {
    severity: 'info',
    title: 'Accepted, but no direction sends',
    description: 'The negotiated direction is inactive: the m-line is up but carries no media either way ("why no video?").',
    reference: 'RFC 3264 §6.1',
  },
  'dtls-role-conflict': {
    severity: 'error',
    title: 'DTLS roles do not complement each other',
    description: 'Answers must say active or passive (never actpass) and the opposite of a non-actpass offer; both sides active (or both passive) means no DTLS handshake.',
    reference: 'RFC 8842 §5.2–5.3; RFC 4145 §4.1',
  },
  'offer-setup-not-actpass': {
    severity: 'warning',
    title: 'Offer setup is not actpass',
    description: 'A JSEP offer uses a=setup:actpass so that the answerer can choose. Allowed in a re-offer that keeps an existing association.',
    reference: 'RFC 8842 §5.2; RFC 8829 §5.2.1',
  },
  'missing-setup': {
    severity: 'warning',
    title: 'DTLS m-line without a=setup',
    description: 'With no a=setup the offerer is active by the RFC 4145 default, which breaks JSEP peers expecting actpass.',
    reference: 'RFC 8842 §5.2; RFC 4145 §4',
  },
  'missing-fingerprint': {
    severity: 'error',
    title: 'DTLS m-line without a=fingerprint',
    description: 'A DTLS-SRTP or DTLS/SCTP m-line needs the certificate fingerprint of its side, at media or session level; browsers reject the description.',
    reference: 'RFC 8122 §5; RFC 8842 §5',
  },
  'weak-fingerprint': {
    severity: 'warning',
    title: 'Fingerprint hash is SHA-1 or unknown',
    description: 'SHA-256 or stronger is expected; SHA-1 is deprecated and some stacks reject it.',
    reference: 'RFC 8122 §5; RFC 8827 §6.5',
  },
  'missing-ice-credentials': {
    severity: 'error',
    title: 'ICE ufrag or pwd missing',
    description: 'An accepted m-line needs a=ice-ufrag and a=ice-pwd (media or session level), or connectivity checks cannot be authenticated.',
    reference: 'RFC 8839 §5.4',
  },
  'invalid-ice-credentials': {
    severity: 'error',
    title: 'ICE ufrag or pwd of illegal length or characters',
    description: 'ice-ufrag is 4..256 ice-chars and ice-pwd 22..256 ice-chars (ALPHA / DIGIT / "+" / "/").',
    reference: 'RFC 8839 §5.4',
  },
  'bundle-credentials-differ': {
    severity: 'warning',
    title: 'Different ICE credentials inside one BUNDLE group',
    description: 'Bundled m-lines share one transport, so they must carry the same ufrag/pwd and fingerprint.',
    reference: 'RFC 8843 §7.1.3',
  },
  'ice-lite-both': {
    severity: 'error',
    title: 'Both sides are ICE-lite',
    description: 'Two lite agents never send connectivity checks, so no pair is ever nominated.',
    reference: 'RFC 8445 §6.1.1',
  },
  'no-trickle': {
    severity: 'info',
    title: 'A side does not announce trickle ICE',
    description: 'Without a=ice-options:trickle a side must send every candidate in the SDP; trickled candidates may be ignored.',
    reference: 'RFC 8840 §4',
  },
  'rtcp-mux-missing': {
    severity: 'error',
    title: 'RTCP not multiplexed',
    description: 'WebRTC endpoints require rtcp-mux (Chrome fails with "RTCP-MUX is not enabled"); an answer must not drop it when the offer has it.',
    reference: 'RFC 8843 §9; RFC 5761 §5.1.3; RFC 8829 §4.1.1',
  },
  'bundle-tag-rejected': {
    severity: 'warning',
    title: 'The offerer-tagged BUNDLE m-line was rejected',
    description: 'The answer rejected or unbundled the first m-line of the offer\'s BUNDLE group; the answerer must then pick another tagged m-line, which some offerers do not expect.',
    reference: 'RFC 8843 §7.3.1',
  },
  'bundle-not-in-offer': {
    severity: 'error',
    title: 'Answer BUNDLE group names a mid the offer did not bundle',
    description: 'The answerer may only remove m-lines from the offered BUNDLE group, never add one.',
    reference: 'RFC 8843 §7.3',
  },
  'moved-out-of-bundle': {
    severity: 'warning',
    title: 'Accepted outside the BUNDLE group',
    description: 'The offer bundled the m-line; the answer accepted it but left it out of its group, so it needs a transport (and candidates) of its own.',
    reference: 'RFC 8843 §7.3.2',
  },
  'media-rejected': {
    severity: 'info',
    title: 'm-line rejected',
    description: 'The answer set port 0 (or the offer did): the m-line carries nothing. The reason given is what the codecs show.',
    reference: 'RFC 3264 §6',
  },
  'mline-count-mismatch': {
    severity: 'error',
    title: 'Answer and offer have different numbers of m-lines',
    description: 'An answer has exactly one m-line for each m-line of the offer, in the same order.',
    reference: 'RFC 3264 §6',
  },
  'mline-mismatch': {
    severity: 'error',
    title: 'm-lines do not correspond',
    description: 'The answer m-line at this position has another media kind or mid than the offer\'s.',
    reference: 'RFC 3264 §6; RFC 8829 §5.3.1',
  },
  'protocol-mismatch': {
    severity: 'warning',
    title: 'Different transport protocol in the answer',
    description: 'The answer\'s m= proto differs from the offer\'s (e.g. RTP/SAVPF vs UDP/TLS/RTP/SAVPF); compatible variants are tolerated by browsers, others are not.',
    reference: 'RFC 3264 §6.1; RFC 8829 §5.1.2',
  },
  'header-extension-not-offered': {
    severity: 'error',
    title: 'Answer header extension the offer did not have',
    description: 'The answerer may only accept offered RTP header extensions.',
    reference: 'RFC 8285 §7',
  },
  'header-extension-id-changed': {
    severity: 'warning',
    title: 'Header extension answered with another id',
    description: 'The answer maps an offered URI to a different id; JSEP answerers echo the offer\'s id.',
    reference: 'RFC 8285 §7; RFC 8829 §5.3.1',
  },
  'sctp-port-missing': {
    severity: 'error',
    title: 'Data channel m-line without SCTP port',
    description: 'An accepted SCTP m-line needs a=sctp-port (or the legacy a=sctpmap) so that both sides open the association on a known port.',
    reference: 'RFC 8841 §5.2',
  },
  'sctp-format-mismatch': {
    severity: 'warning',
    title: 'Data channel syntax differs between offer and answer',
    description: 'One side uses the legacy "DTLS/SCTP 5000" + a=sctpmap syntax, the other "UDP/DTLS/SCTP webrtc-datachannel" + a=sctp-port.',
    reference: 'RFC 8841 §4; draft-ietf-mmusic-sctp-sdp-05',
  },
} as const satisfies Record<string, DiagnosticInfo>;

export type NegotiationCode = keyof typeof NEGOTIATION_DIAGNOSTICS;

export interface NegotiationDiagnostic {
  readonly code: NegotiationCode;
  readonly severity: Severity;
  /** The m-line's mid (offer's, else answer's), or null for session-level findings. */
  readonly mid: string | null;
  /** The m-line's index, or null for session-level findings. */
  readonly index: number | null;
  readonly message: string;
}

export function negotiationDiagnostic(code: NegotiationCode, message: string, mid: string | null = null, index: number | null = null): NegotiationDiagnostic {
  return { code, severity: NEGOTIATION_DIAGNOSTICS[code].severity, mid, index, message };
}
