/**
 * Every finding sdpscope reports without rejecting its input, in one model: a tagged union on
 * `kind`, each kind with its own payload (where it is: line and column, m-line, ICE session;
 * the error code of a rejection), and one table, {@link DIAGNOSTICS}, that documents each kind
 * (title, severity, what it means, what to do, the rule it comes from). A new kind is a new
 * entry in a payload map below, and does not compile until the table describes it.
 */
import type { ErrorCode } from './errors.js';
import type { BrowserRule } from './sdp/browser-rules.js';

export type Severity = 'error' | 'warning' | 'info';

/** Which part of sdpscope reports a kind (the README's tables are grouped by it). */
export type DiagnosticDomain = 'sdp' | 'candidate' | 'input' | 'negotiation' | 'log';

export interface DiagnosticInfo {
  readonly domain: DiagnosticDomain;
  readonly severity: Severity;
  readonly title: string;
  /** What it means. */
  readonly description: string;
  /** What to do about it. */
  readonly action: string;
  /** The RFC section (or implementation) the rule comes from. */
  readonly reference: string;
}

/** A line of an SDP or of an input. */
/** What each browser's setRemoteDescription does with a line (measured; see test/fixtures/verdicts/). */
export interface BrowserVerdicts {
  readonly chromium: 'rejects' | 'accepts';
  readonly firefox: 'rejects' | 'accepts';
}

export interface LinePosition {
  /** 1-based line in the text that was parsed; null for a finding about the whole text. */
  readonly line: number | null;
  /** 1-based column (UTF-16 code units) where the problem starts; null when the whole line is meant. */
  readonly column: number | null;
  /** The m-section's a=mid, when the line is in one that has a mid. */
  readonly mid: string | null;
  /** The input file the line is in, when a reader was given several (`sdpscope candidates a.log b.log`). */
  readonly file?: string;
  /** The line in an SDP held within that input line (a JSON frame's `sdp`, an escaped SDP): Source.sdpLine. */
  readonly sdpLine?: number;
}

/** A candidate, in an SDP or in a log. */
export interface CandidatePosition extends LinePosition {
  /** The ICE session (`sdpscope candidates`) the candidate belongs to; null outside the analyzer. */
  readonly session: string | null;
}

/** An m-line of an offer/answer exchange. */
export interface MediaPosition {
  /** The m-line's mid (the offer's, else the answer's); null for session-level findings. */
  readonly mid: string | null;
  /** The m-line's 0-based index; null for session-level findings. */
  readonly index: number | null;
}

/** An ICE session of a candidate log. */
export interface SessionPosition {
  /** The session it is about; null for the input as a whole. */
  readonly session: string | null;
  /** 1-based input line, where one applies. */
  readonly line: number | null;
  /** The input file of `line`, when several files are read (`sdpscope candidates a.log b.log`). */
  readonly file?: string;
  /** The line in an SDP held within that input line: Source.sdpLine. */
  readonly sdpLine?: number;
}

/** Text that was rejected: the {@link ErrorCode} of the rejection. */
export interface Rejection {
  readonly errorCode: ErrorCode;
}

/** SDP lines (parseSdp). */
export interface SdpDiagnosticPayloads {
  'invalid-line': LinePosition;
  'blank-line': LinePosition & { readonly browsers: BrowserVerdicts };
  'attribute-syntax': LinePosition;
  'fingerprint-invalid': LinePosition & { readonly browsers: BrowserVerdicts };
  /** A rule of BROWSER_RULES (src/sdp/browser-rules.ts): `rule` names it, `browsers` says who rejects. */
  'rejected-by-browser': LinePosition & { readonly browsers: BrowserVerdicts; readonly rule: BrowserRule };
  'mixed-line-endings': LinePosition;
  'ice-options-commas': LinePosition;
  'cr-line-endings': LinePosition;
  'no-final-line-ending': LinePosition;
  'codec-without-rtpmap': LinePosition;
  'fmtp-repeated': LinePosition;
  'attribute-repeated': LinePosition;
  'fid-without-rtx': LinePosition;
  'codec-parameter-value': LinePosition;
  'rtcp-fb-unknown': LinePosition;
  'fingerprint-redacted': LinePosition;
  /** `named`: the mid the group names that no m-line has ("" for an empty one: two blanks in a row, or one at the end). */
  'bundle-mid-missing': LinePosition & { readonly named: string };
  'ssrc-multiple-tracks': LinePosition & { readonly browsers: BrowserVerdicts };
  'missing-line': LinePosition;
  'page-summary': LinePosition;
  'rtpmap-unlisted': LinePosition;
  'no-media-sections': LinePosition;
  'trailing-blanks': LinePosition;
  'rid-discarded': LinePosition;
  'diagnostics-elided': LinePosition & Elision;
}

/** Findings of one kind past the first {@link MAX_FINDINGS_PER_KIND}: counted, not listed. */
export interface Elision {
  /** The kind not listed one by one. */
  readonly of: DiagnosticKind;
  /** How many were not listed. */
  readonly count: number;
  /** The line of the last one (`line` is the first's). */
  readonly lastLine: number | null;
  /** Of rejected-by-browser: the rules of those not listed (BROWSER_RULES), so that what to do about each is still said. */
  readonly rules?: readonly string[];
}

/** Candidate lines, wherever they were found (parseSdp, readInput, the analyzer). */
export interface CandidateDiagnosticPayloads {
  'unparseable-candidate': CandidatePosition & Rejection;
  'candidate-foundation': CandidatePosition;
  'candidate-invalid-address': CandidatePosition;
  'candidate-redacted-address': CandidatePosition;
  'candidate-missing-related-address': CandidatePosition;
  'candidate-unknown-type': CandidatePosition;
  'candidate-unknown-tcptype': CandidatePosition;
  'candidate-tcptype-missing': CandidatePosition;
  'type-preference-mismatch': CandidatePosition;
  'candidate-network-cost': CandidatePosition;
  'candidate-extension-value': CandidatePosition;
  'candidate-keyword-case': CandidatePosition;
  'candidate-unknown-transport': CandidatePosition;
  'candidate-unusable-address': CandidatePosition;
  'priority-component-mismatch': CandidatePosition;
}

/** What the readers find in their input (readInput, the stream reader). */
export interface InputDiagnosticPayloads {
  'invalid-json': LinePosition;
  'input-sdp': LinePosition & Rejection;
  'binary-data': LinePosition;
  'line-too-long': LinePosition;
  'sdp-cut': LinePosition;
  'sdp-lines-glued': LinePosition;
  'sdp-lines-unfolded': LinePosition;
  'getstats-results': LinePosition;
}

/** Offer/answer rules (negotiate, sdp-diff). */
export interface NegotiationDiagnosticPayloads {
  'no-common-codec': MediaPosition & { readonly browsers?: BrowserVerdicts };
  'codec-parameters-differ': MediaPosition;
  'answer-codec-not-offered': MediaPosition;
  'payload-type-remapped': MediaPosition;
  'opus-stereo-one-way': MediaPosition;
  'bandwidth-limit': MediaPosition;
  'h264-level-raised': MediaPosition;
  'rtx-without-codec': MediaPosition;
  'invalid-direction': MediaPosition & { readonly browsers?: BrowserVerdicts };
  'no-media-flow': MediaPosition;
  'no-media-at-all': MediaPosition;
  'everything-rejected': MediaPosition;
  'dtls-role-conflict': MediaPosition;
  'offer-setup-not-actpass': MediaPosition;
  'missing-setup': MediaPosition;
  'offer-setup-missing': MediaPosition & { readonly browsers: BrowserVerdicts };
  'offer-setup-holdconn': MediaPosition & { readonly browsers: BrowserVerdicts };
  'missing-fingerprint': MediaPosition & { readonly browsers?: BrowserVerdicts };
  'weak-fingerprint': MediaPosition;
  'missing-ice-credentials': MediaPosition & { readonly browsers?: BrowserVerdicts };
  'invalid-ice-credentials': MediaPosition;
  'ice-credentials-chars': MediaPosition;
  'bundle-credentials-differ': MediaPosition;
  'bundle-demux-ambiguous': MediaPosition;
  'simulcast-rtx-unrepaired': MediaPosition;
  'ice-lite-both': MediaPosition;
  'sip-legs': MediaPosition & { readonly withheld: { readonly offer: readonly BrowserRule[]; readonly answer: readonly BrowserRule[] } };
  'no-trickle': MediaPosition;
  'bundle-tag-rejected': MediaPosition;
  'bundle-answer-tag-rejected': MediaPosition & { readonly browsers: BrowserVerdicts };
  'bundle-rejected-member': MediaPosition;
  'simulcast-not-answered': MediaPosition;
  'simulcast-not-offered': MediaPosition;
  'session-direction-ignored': MediaPosition;
  'address-hold': MediaPosition;
  'crypto-mismatch': MediaPosition;
  'simulcast-layers-dropped': MediaPosition;
  'simulcast-layer-paused': MediaPosition;
  'simulcast-all-paused': MediaPosition;
  'bundle-not-in-offer': MediaPosition & { readonly browsers?: BrowserVerdicts };
  'offer-tag-bundle-only': MediaPosition;
  'lite-candidates-not-routable': MediaPosition;
  'moved-out-of-bundle': MediaPosition;
  'answer-mid-missing': MediaPosition & { readonly browsers: BrowserVerdicts };
  'stopped-mline-accepted': MediaPosition & { readonly browsers: BrowserVerdicts };
  'bundle-group-split': MediaPosition & { readonly browsers: BrowserVerdicts };
  'bundle-payload-type-collision': MediaPosition;
  'media-rejected': MediaPosition;
  'mline-count-mismatch': MediaPosition;
  'mline-mismatch': MediaPosition;
  'protocol-mismatch': MediaPosition & { readonly browsers: BrowserVerdicts };
  'protocol-variant': MediaPosition;
  'header-extension-not-offered': MediaPosition & { readonly browsers: BrowserVerdicts };
  'header-extension-id-changed': MediaPosition & { readonly browsers: BrowserVerdicts };
  'header-extension-direction': MediaPosition;
  'video-fec-half': MediaPosition;
  'opus-receiver-params': MediaPosition;
  'sctp-port-missing': MediaPosition & { readonly browsers: BrowserVerdicts };
  'sctp-format-mismatch': MediaPosition;
}

/** ICE sessions of a candidate log (CandidateAnalyzer, `sdpscope candidates`). */
export interface LogDiagnosticPayloads {
  'no-srflx': SessionPosition;
  'no-relay': SessionPosition;
  'relay-private-address': SessionPosition;
  'srflx-private-address': SessionPosition;
  'only-mdns-hosts': SessionPosition;
  'lite-hosts-not-routable': SessionPosition;
  'only-tcp': SessionPosition;
  'ipv6-only': SessionPosition;
  'duplicate-candidate': SessionPosition;
  'ice-restart': SessionPosition;
  'end-of-candidates-missing': SessionPosition;
  'candidate-after-end': SessionPosition;
  'sessions-evicted': SessionPosition;
  'call-without-candidates': SessionPosition;
}

export interface DiagnosticPayloads
  extends SdpDiagnosticPayloads,
    CandidateDiagnosticPayloads,
    InputDiagnosticPayloads,
    NegotiationDiagnosticPayloads,
    LogDiagnosticPayloads {}

export type DiagnosticKind = keyof DiagnosticPayloads;
export type SdpDiagnosticKind = keyof SdpDiagnosticPayloads;
export type CandidateDiagnosticKind = keyof CandidateDiagnosticPayloads;
export type InputDiagnosticKind = keyof InputDiagnosticPayloads;
export type NegotiationDiagnosticKind = keyof NegotiationDiagnosticPayloads;
export type LogDiagnosticKind = keyof LogDiagnosticPayloads;

/** One finding: `kind` is the tag; the payload depends on it; {@link DIAGNOSTICS} describes each kind. */
export type Diagnostic<K extends DiagnosticKind = DiagnosticKind> = {
  [P in K]: { readonly kind: P; readonly severity: Severity; readonly message: string } & DiagnosticPayloads[P];
}[K];

/** What parseSdp reports in `description.diagnostics`. */
export type ParseDiagnostic = Diagnostic<SdpDiagnosticKind | CandidateDiagnosticKind>;
/** What the readers report in `readInput(...).problems`. */
export type InputDiagnostic = Diagnostic<SdpDiagnosticKind | CandidateDiagnosticKind | InputDiagnosticKind>;
export type NegotiationDiagnostic = Diagnostic<NegotiationDiagnosticKind>;
/** What the candidate analyzer reports. */
export type LogDiagnostic = Diagnostic<LogDiagnosticKind | CandidateDiagnosticKind | InputDiagnosticKind | 'diagnostics-elided'>;

/** The severity of each kind: all that a producer of findings needs at run time. */
export const SEVERITY: { readonly [K in DiagnosticKind]: Severity } = {
  'invalid-line': 'error',
  'blank-line': 'error',
  'attribute-syntax': 'warning',
  'fingerprint-invalid': 'error',
  'rejected-by-browser': 'error',
  'mixed-line-endings': 'info',
  'ice-options-commas': 'warning',
  'cr-line-endings': 'error',
  'no-final-line-ending': 'warning',
  'codec-without-rtpmap': 'error',
  'fmtp-repeated': 'info',
  'attribute-repeated': 'warning',
  'fid-without-rtx': 'info',
  'codec-parameter-value': 'warning',
  'rtcp-fb-unknown': 'warning',
  'fingerprint-redacted': 'info',
  'bundle-mid-missing': 'error',
  'ssrc-multiple-tracks': 'error',
  'missing-line': 'error',
  'page-summary': 'warning',
  'rtpmap-unlisted': 'warning',
  'no-media-sections': 'warning',
  'trailing-blanks': 'warning',
  'rid-discarded': 'warning',
  'diagnostics-elided': 'info',
  'unparseable-candidate': 'error',
  'candidate-foundation': 'warning',
  'candidate-invalid-address': 'warning',
  'candidate-redacted-address': 'info',
  'candidate-missing-related-address': 'warning',
  'candidate-unknown-type': 'warning',
  'candidate-unknown-tcptype': 'warning',
  'candidate-tcptype-missing': 'info',
  'type-preference-mismatch': 'warning',
  'candidate-network-cost': 'warning',
  'candidate-extension-value': 'warning',
  'candidate-keyword-case': 'warning',
  'candidate-unknown-transport': 'warning',
  'candidate-unusable-address': 'warning',
  'priority-component-mismatch': 'info',
  'invalid-json': 'warning',
  'input-sdp': 'error',
  'binary-data': 'warning',
  'line-too-long': 'warning',
  'sdp-cut': 'warning',
  'sdp-lines-glued': 'warning',
  'sdp-lines-unfolded': 'info',
  'getstats-results': 'info',
  'no-common-codec': 'error',
  'codec-parameters-differ': 'warning',
  'answer-codec-not-offered': 'warning',
  'payload-type-remapped': 'warning',
  'opus-stereo-one-way': 'info',
  'bandwidth-limit': 'info',
  'h264-level-raised': 'info',
  'rtx-without-codec': 'warning',
  'invalid-direction': 'error',
  'no-media-flow': 'info',
  'no-media-at-all': 'warning',
  'everything-rejected': 'warning',
  'dtls-role-conflict': 'error',
  'offer-setup-not-actpass': 'warning',
  'missing-setup': 'warning',
  'offer-setup-missing': 'error',
  'offer-setup-holdconn': 'error',
  'missing-fingerprint': 'error',
  'weak-fingerprint': 'warning',
  'missing-ice-credentials': 'error',
  'invalid-ice-credentials': 'error',
  'ice-credentials-chars': 'warning',
  'bundle-credentials-differ': 'warning',
  'bundle-demux-ambiguous': 'warning',
  'simulcast-rtx-unrepaired': 'info',
  'ice-lite-both': 'warning',
  'sip-legs': 'info',
  'no-trickle': 'info',
  'bundle-tag-rejected': 'warning',
  'bundle-answer-tag-rejected': 'error',
  'bundle-rejected-member': 'info',
  'simulcast-not-answered': 'warning',
  'simulcast-not-offered': 'warning',
  'session-direction-ignored': 'warning',
  'address-hold': 'warning',
  'crypto-mismatch': 'error',
  'simulcast-layers-dropped': 'warning',
  'simulcast-layer-paused': 'info',
  'simulcast-all-paused': 'warning',
  'bundle-not-in-offer': 'error',
  'offer-tag-bundle-only': 'warning',
  'lite-candidates-not-routable': 'warning',
  'moved-out-of-bundle': 'warning',
  'answer-mid-missing': 'error',
  'stopped-mline-accepted': 'error',
  'bundle-group-split': 'error',
  'bundle-payload-type-collision': 'warning',
  'media-rejected': 'info',
  'mline-count-mismatch': 'error',
  'mline-mismatch': 'error',
  'protocol-mismatch': 'error',
  'protocol-variant': 'info',
  'header-extension-not-offered': 'error',
  'header-extension-id-changed': 'error',
  'header-extension-direction': 'info',
  'video-fec-half': 'info',
  'opus-receiver-params': 'info',
  'sctp-port-missing': 'error',
  'sctp-format-mismatch': 'warning',
  'no-srflx': 'warning',
  'no-relay': 'info',
  'relay-private-address': 'warning',
  'srflx-private-address': 'warning',
  'only-mdns-hosts': 'info',
  'lite-hosts-not-routable': 'warning',
  'only-tcp': 'warning',
  'ipv6-only': 'info',
  'duplicate-candidate': 'info',
  'ice-restart': 'info',
  'end-of-candidates-missing': 'info',
  'candidate-after-end': 'warning',
  'sessions-evicted': 'info',
  'call-without-candidates': 'warning',
};

/**
 * The documentation of every kind: what it means, what to do, where the rule comes from, and its
 * severity (from {@link SEVERITY}). Renderers, the README and dashboards read it; a parser that
 * does not import it does not carry its text (it is dropped by tree-shaking).
 */
export const DIAGNOSTICS: { readonly [K in DiagnosticKind]: DiagnosticInfo } = /* @__PURE__ */ withSeverity({
  // SDP lines
  'invalid-line': {
    domain: 'sdp',
    title: 'Line is not "<type>=<value>"',
    description: 'Every SDP line is one letter, "=", and a value. The line is kept as written and not interpreted.',
    action: 'Look for a line broken by copy and paste or by a log line limit, or text pasted into the SDP.',
    reference: 'RFC 8866 §5',
  },
  'blank-line': {
    domain: 'sdp',
    title: 'Blank line',
    description: 'SDP has no blank lines. Among the lines, both browsers reject one (measured by the sdp-diff audit: Chromium 156 "Invalid SDP line", Firefox ESR 153 stops reading at it and finds fewer m-lines); right before an m= line, Firefox takes the description above it (an offer cut short, its later m-sections lost; an answer it then refuses for having fewer m-lines than its offer: measured, JSEP\'s examples as RFC 8829 prints them); after the last line, Chromium rejects it and Firefox ignores it; `browsers` says which. Kept as written. (A file that ends with a blank line is not an SDP that does: the readers of files and logs leave a file\'s trailing blank lines out.)',
    action: 'Remove it: whatever added it (string concatenation, a template, a log join) breaks setRemoteDescription.',
    reference: 'RFC 8866 §5',
  },
  'fingerprint-invalid': {
    domain: 'sdp',
    title: 'DTLS fingerprint a browser refuses',
    description: 'a=fingerprint that a browser\'s setRemoteDescription rejects (measured with Chromium 156 and Firefox ESR 153; `browsers` says which): a hash function neither knows (both), md5 and md2 (Chromium), a value that is not hex pairs joined by ":" (both), lower-case hex (Firefox: "Malformed fingerprint token"), the wrong number of bytes for the hash (Chromium: "Failed to apply remote fingerprint"). An upper-case hash name both accept.',
    action: 'Write the fingerprint of the certificate as the browser\'s own description has it: a=fingerprint:sha-256 followed by 32 hex pairs.',
    reference: 'RFC 8122 §5, RFC 8842',
  },
  'rejected-by-browser': {
    domain: 'sdp',
    title: 'A line a browser refuses',
    description: 'Something in the description that Chromium\'s or Firefox\'s setRemoteDescription refuses, measured with Chromium 156 and Firefox ESR 153 by the browser-verdict harness (README: "What the browsers refuse"); `rule` names it (BROWSER_RULES lists every rule), `browsers` says which browser rejects it. A rule one browser accepts is still an error: the description fails there.',
    action: 'Write the line as the browser\'s own description has it: each rule\'s "what to do" (listed per rule) says how.',
    reference: 'RFC 8866 and the RFC each rule names (BROWSER_RULES)',
  },
  'attribute-syntax': {
    domain: 'sdp',
    title: 'Attribute value does not follow its grammar',
    description: 'A known attribute whose value could not be read; it is kept as an uninterpreted attribute.',
    action: 'Compare the line with the sample in the message; an SDP munged by hand is the usual cause. Browsers reject many of these in setRemoteDescription.',
    reference: 'RFC 8866 §6, RFC 8839, RFC 8843, RFC 8122, RFC 4566',
  },
  'ice-options-commas': {
    domain: 'sdp',
    title: 'ICE options separated by commas',
    description: 'a=ice-options lists its options separated by blanks (ice-option-tag *(SP ice-option-tag)). Written with commas (a=ice-options:ice2,trickle, as OBS\'s WHIP client sends it) it is one unknown option: the peer does not see trickle, or renomination. Both browsers take the line (measured): nothing fails, the option is just not there.',
    action: 'Separate the options with a blank: a=ice-options:trickle ice2.',
    reference: 'RFC 8839 §5.6',
  },
  'mixed-line-endings': {
    domain: 'sdp',
    title: 'Mixed line endings',
    description: 'Some lines end with CRLF and others with LF. RFC 8866 requires CRLF but parsers should accept LF. Kept as written.',
    action: 'Usually harmless; it shows that the SDP was edited or assembled from pieces.',
    reference: 'RFC 8866 §5',
  },
  'cr-line-endings': {
    domain: 'sdp',
    title: 'Lines ended by CR alone',
    description: 'SDP lines joined by a lone carriage return (the classic Mac line ending) instead of CRLF or LF. Browsers split an SDP at LF only, so they read these lines as one and refuse the description.',
    action: 'Find what rewrote the line endings (a text editor, a copy through an old Mac tool, a string replace of "\\n") and send CRLF as the browser wrote it.',
    reference: 'RFC 8866 §5',
  },
  'no-final-line-ending': {
    domain: 'sdp',
    title: 'No line ending after the last line',
    description: 'Every SDP line ends with CRLF, the last one too. Said of a fragment of a= lines (a warning); a whole description without it is rejected-by-browser (rule no-final-line-ending: Chromium rejects it, Firefox accepts). The text may have been cut (a log line limit, a copy that stopped short).',
    action: 'Check that the description is whole: compare its m-lines and BUNDLE group with what was sent.',
    reference: 'RFC 8866 §5',
  },
  'codec-without-rtpmap': {
    domain: 'sdp',
    title: 'Payload type without rtpmap',
    description: 'A payload type on the m= line that is not a static one (RFC 3551) and has no a=rtpmap: nobody can tell which codec it is. A truncated SDP, or munging that dropped lines.',
    action: 'Add the a=rtpmap line, or remove the payload type from the m= line.',
    reference: 'RFC 8866 §6.6; RFC 3551 §3',
  },
  'codec-parameter-value': {
    domain: 'sdp',
    title: 'A codec parameter out of its range, misspelled, or written twice with two values',
    description: 'An a=fmtp value outside what its RFC allows: Opus\'s maxaveragebitrate outside 6000 to 510000 bit/s (libwebrtc clamps it: a munged 1048576 gives 510000, not the bitrate asked for), maxplaybackrate or sprop-maxcapturerate outside 8000 to 48000 (libwebrtc reads 48000 for maxplaybackrate then), a flag (stereo, sprop-stereo, cbr, useinbandfec, usedtx) neither 0 nor 1; any parameter written twice with two values (munging that appends its own after the browser\'s: libwebrtc keeps the last); an a=maxptime below the codec\'s minptime; a parameter of a codec whose parameters are all name=value (Opus, H.264, VP8, VP9, AV1, H.265, rtx) written without "=" (vdo.ninja\'s ";maxptime:20": libwebrtc keeps it under no name, as RED\'s list, and it does nothing); a name one or two letters off one its payload format defines, or with a word put inside it (a PeerJS snippet\'s "maxaveragebitrat", a search and replace\'s "profileKey-level-id": the codec passes over it, and H.264 without its profile-level-id is Constrained Baseline 3.1); a video codec libwebrtc reads no profile of (an H.264 profile-level-id it cannot parse, a VP9 profile-id above 3, an AV1 profile above 2, an H.265 profile, tier and level it does not read: Chromium drops that payload type, measured by the parse audit). Munging code writes them by hand (RTCMultiConnection\'s setOpusAttributes, in the munging audit\'s real outputs).',
    action: 'Write each parameter once, spelled as its payload format names it, inside its range (maxaveragebitrate=510000 for the most Opus sends); take the munging step\'s values out of the browser\'s a=fmtp rather than appending after them.',
    reference: 'RFC 7587 §6.1; RFC 8866 §6.15; libwebrtc audio_encoder_opus.cc',
  },
  'rtcp-fb-unknown': {
    domain: 'sdp',
    title: 'An a=rtcp-fb line that names no feedback anyone sends',
    description: 'An RTCP feedback type no browser knows (RFC 4585 §4.2 defines ack, nack, app and trr-int, RFC 5104 ccm; libwebrtc adds goog-remb, transport-cc, goog-lntf and rrtr; "x-" types are private, not judged), or a parameter its type does not take (nack: pli, sli, rpsi, app, rai, tllei, pslei, ecn or none; ack: rpsi, app, ccfb or none; ccm: fir, tmmbr, tstr, vbcm, pause, lrr; trr-int: a number; app: its own). Both browsers take the description, and neither sends or asks for such feedback: the line negotiates nothing, and a stray character (a real Kurento Media Server SDP\'s "ccm fir\\") costs the codec its keyframe requests.',
    action: 'Spell the feedback as its RFC does (a=rtcp-fb:<pt> ccm fir, nack pli, transport-cc), or leave the line out.',
    reference: 'RFC 4585 §4.2, RFC 5104 §7.1, RFC 6285 §11.1, RFC 6642 §5, RFC 6679 §6.1, RFC 7728 §10, RFC 8888 §6, RFC 9627',
  },
  'fingerprint-redacted': {
    domain: 'sdp',
    title: 'DTLS fingerprint redacted',
    description: 'The a=fingerprint value is a redaction marker ("*****…", "XX:XX:…", "<redacted>", "REDACTED"), or hex pairs some of them masked or elided ("57:E5:**:**", "57:E5:...:AD:79"), put there by whoever shared the SDP, as addresses are masked: the description as sent had a fingerprint, and nothing can be told of it. Both browsers would refuse this copy as written (a value that is not hex pairs), which is not said as an error: it is not what was sent.',
    action: 'Ask for the SDP before redaction to check the DTLS fingerprint; a fingerprint is the hash of a public certificate, no secret (the ice-pwd is the credential).',
    reference: 'RFC 8122 §5',
  },
  'fid-without-rtx': {
    domain: 'sdp',
    title: 'An rtx ssrc with no rtx payload type',
    description: 'An a=ssrc-group:FID names a retransmission ssrc (RFC 5576 §4.2), but no rtx payload type is on the m= line: retransmissions are sent with an rtx payload type that names the original one in its apt (RFC 4588 §8.6), so nothing can be sent on that ssrc. Munging writes it: lib-jitsi-meet\'s RtxModifier added FID groups to Firefox\'s offers, which offered no rtx. Both browsers take such a description (measured as a control of the munged offers).',
    action: 'Offer an rtx payload type for the codec (a=rtpmap:<pt> rtx/90000 and a=fmtp:<pt> apt=<codec pt>), or leave the FID group out.',
    reference: 'RFC 4588 §8.6, RFC 5576 §4.2',
  },
  'fmtp-repeated': {
    domain: 'sdp',
    title: 'A payload type with several a=fmtp lines',
    description: 'Two or more a=fmtp lines for one payload type (a server writing apt= and its own parameters apart, as PingOS does). RFC 8866 §6.15 has one a=fmtp per format; libwebrtc merges their parameters into one set, a later value of a name replacing an earlier one (webrtc_sdp.cc: each line\'s parameters added to the codec), and so does sdpscope: the codec has the parameters of every line.',
    action: 'Write one a=fmtp line per payload type, its parameters joined by ";".',
    reference: 'RFC 8866 §6.15',
  },
  'attribute-repeated': {
    domain: 'sdp',
    title: 'An attribute of one value written twice, with different values',
    description: 'a=setup, a=ice-ufrag, a=ice-pwd, a=max-message-size or a=sctp-port twice in one section with different values, or two different direction attributes (a=sendrecv then a=inactive): each is one value of the section (RFC 8842 §5, RFC 8839 §5.4, RFC 8841 §6, RFC 3264 §5.1). Both browsers take the description; Chromium reads the last line of each (measured in Chromium 156: the last a=setup decided its DTLS role, the last ufrag its checks, the last max-message-size its sctp.maxMessageSize), and both browsers the last direction: sdpscope reads the last too. A reader of the text sees the first: usually a munging step that appended a line instead of replacing one.',
    action: 'Keep one line of each: replace the value where the munging appends a second line.',
    reference: 'RFC 8842 §5, RFC 8839 §5.4, RFC 8841 §6, RFC 3264 §5.1',
  },
  'missing-line': {
    domain: 'sdp',
    title: 'A required line is missing',
    description: 'Every SDP has v=, o=, s= and t= lines before its first m= line, v= first. Browsers reject a description without them ("Expect line: o="). A text from its o= line is read as a description whose v= line alone was lost (a copy from webrtc-internals\' page leaves it out with the session\'s summary), not as a fragment.',
    action: 'Add the missing line (v=0, o=- 0 0 IN IP4 127.0.0.1, s=-, t=0 0 are what browsers write), or find where the description was cut or rewritten.',
    reference: 'RFC 8866 §5',
  },
  'page-summary': {
    domain: 'sdp',
    title: 'A v= or m= line copied with webrtc-internals\' section summary',
    description: 'chrome://webrtc-internals shows each section of a description folded under a summary: its first line, " (N more lines)", and for an m-section " direction=<dir> mid=<mid>" (" munged" when setLocalDescription\'s section differs from createOffer\'s; peer_connection_update_table.js). Text copied from the page carries the summary on the section\'s first line, and a section folded on the page (more than 10 sections, inactive or rejected ones) is copied as its summary alone. sdpscope reads the line without the summary (the line is kept as written) and says how many lines a folded section lost; a browser given the text refuses it (the summary\'s words are not payload types).',
    action: 'Copy the description with the page\'s "Copy description to clipboard" button, or from its dump ("Create a WebRTC-Internals dump"), or open every section before copying the page text.',
    reference: 'RFC 8866 §5.14',
  },
  'rtpmap-unlisted': {
    domain: 'sdp',
    title: 'An a=rtpmap for a payload type the m= line does not list',
    description: 'An a=rtpmap line whose payload type is not among its m= line\'s formats. Both browsers take the description and pass over the line (measured; libwebrtc: "Ignore rtpmap line that did not appear in the <fmt> of the m-line"): that codec is not offered there. Where another m-section lists the payload type with no a=rtpmap, the line is likely that codec\'s, put in the wrong m-section by a munge (Wowza\'s mungeSDPPublish inserts H264\'s lines after the first a=rtcp-rsize, which is the audio section\'s): there the payload type has no codec. (An a=fmtp or a=rtcp-fb for such a payload type Chromium rejects: codec-attribute-unknown-pt.)',
    action: 'Put the codec\'s a=rtpmap, a=fmtp and a=rtcp-fb lines in the m-section whose m= line lists its payload type, or add the payload type to this m= line.',
    reference: 'RFC 8866 §6.6',
  },
  'no-media-sections': {
    domain: 'sdp',
    title: 'A description with no m-line',
    description: 'A whole description with no m= line negotiates nothing: no transport, so ICE and DTLS never start and no media or data flows. Both browsers take such an offer and answer it with no m-line either, and no ICE credentials (measured), which pion then refuses ("SetRemoteDescription called with no ice-ufrag": ion-sfu#426). createOffer() makes one when the peer connection has no transceiver and no data channel.',
    action: 'Add what the call carries before createOffer(): addTrack or addTransceiver for media, createDataChannel for data (a server that offers nothing when it has nothing to send: offer a data channel, or wait).',
    reference: 'RFC 8866 §5.14, RFC 9429 §5.2.1',
  },
  'trailing-blanks': {
    domain: 'sdp',
    title: 'Most lines end with a blank',
    description: 'Half or more of the description\'s lines (three at least) end with a blank or a tab, as a log that pads its lines or a copy from a page leaves them. Each such line is read as written, so the blank is part of the last value: a mid "0 " is not "0", a=setup:actpass followed by a blank is refused by Chromium, an o= line gets a seventh field. The findings on those lines follow from this one cause.',
    action: 'Take the description as the application set it (its own log of pc.localDescription.sdp, a webrtc-internals dump), or strip the blank at the end of each line before reading it.',
    reference: 'RFC 8866 §5',
  },
  'rid-discarded': {
    domain: 'sdp',
    title: 'An a=rid line the receiver discards',
    description: 'RFC 8851 §5 has the receiver of an SDP discard an a=rid line whose rid id another a=rid line of the m-section repeats (every line of that id), and one whose pt= lists no payload type of the m= line (a payload type of pt= not on the m= line is dropped from it). libwebrtc writes both rules (webrtc_sdp.cc, RemoveInvalidRidDescriptions), then drops the discarded rids from a=simulcast. Measured, Chromium 156 answered with a=rid:f recv written twice keeps encodings q and h of q, h and f: layer f is not sent; with a=rid:f recv pt=55 (no such payload type) it keeps all three. Firefox ESR 153 takes both answers.',
    action: 'Write each rid once per m-section, and its pt= with payload types of the m= line (or no pt=): an SFU that builds its answer from the offer\'s rids should copy them, not append them again.',
    reference: 'RFC 8851 §5, §4; RFC 8853 §5.1',
  },
  'ssrc-multiple-tracks': {
    domain: 'sdp',
    title: 'Several tracks in one m-section (Plan B)',
    description: 'The a=ssrc lines of one m-section name more than one track (their msid, or the label of the older Plan B form): Plan B, which Chromium 156 rejects under Unified Plan ("Media section has more than one track specified with a=ssrc lines which is not supported with Unified Plan"); Firefox ESR 153 accepts it (measured by the sdp-diff audit on Jitsi\'s and Medooze\'s Plan B offers of the corpus). An rtx or simulcast group of one track is one track.',
    action: 'Offer one m-section per track (Unified Plan); an SFU still speaking Plan B needs updating for current browsers.',
    reference: 'RFC 8843; draft-uberti-rtcweb-plan (Plan B, abandoned); JSEP (RFC 9429)',
  },
  'bundle-mid-missing': {
    domain: 'sdp',
    title: 'BUNDLE group names a mid no m-line has',
    description: 'a=group:BUNDLE lists a mid that no m-section carries: the description lost m-lines (truncated) or the group was edited by hand. Browsers reject it. An empty mid (two spaces in a row, or one at the end of the line) Chromium rejects and Firefox accepts (measured by the sdp-diff audit).',
    action: 'Make the group list the mids of the m-lines that are there.',
    reference: 'RFC 8843 §7; RFC 5888 §5',
  },
  'diagnostics-elided': {
    domain: 'sdp',
    title: 'More findings of one kind, counted',
    description: 'Past 100 findings of one kind in one text (an SDP, an input), the rest are counted in this one (`of`, `count`, from `line` to `lastLine`), not listed one by one: a paste of a megabyte of blank lines is one finding, not half a million.',
    action: 'Read the first ones: they are listed; the rest are the same finding again.',
    reference: 'sdpscope',
  },
  // Candidates
  'unparseable-candidate': {
    domain: 'candidate',
    title: 'Candidate line that does not parse',
    description: 'Text that starts like a candidate but is not one; the error code and column say where it breaks. Kept as written (in an SDP) or counted and skipped (in a log; --strict makes it fatal).',
    action: 'Read the field at the column: a truncated line, a redacted field, or a stack writing outside the RFC 8839 grammar. Chromium\'s addIceCandidate refuses such a line ("Error processing ICE candidate", measured: a port or priority out of range or not a number, no typ); Firefox\'s resolves even for "candidate:x" and drops it without a word. (A component id of 0 or above 256, refused here, Chromium takes and never pairs.)',
    reference: 'RFC 8839 §5.1',
  },
  'candidate-foundation': {
    domain: 'candidate',
    title: 'Foundation outside 1*32ice-char',
    description: 'The foundation is empty, longer than 32 characters, or has characters other than ALPHA / DIGIT / "+" / "/". Tolerated because real stacks emit it.',
    action: 'Harmless between tolerant stacks; a strict ICE agent may refuse the candidate.',
    reference: 'RFC 8839 §5.1',
  },
  'candidate-invalid-address': {
    domain: 'candidate',
    title: 'Candidate address is neither an IP address nor a host name',
    description: 'The connection-address (or raddr) is not an IPv4 or IPv6 address and not a DNS name, e.g. a prefix written where an address belongs ("::/0") or an IPv4 address with leading zeros ("010.0.0.1"). No peer can use it.',
    action: 'Find what wrote it; a candidate without a usable address never pairs.',
    reference: 'RFC 8839 §5.1 (connection-address)',
  },
  'candidate-redacted-address': {
    domain: 'candidate',
    title: 'Address redacted',
    description: 'The address is a redaction marker ("x.x.x.x", "*.*.*.*", "[PUBLIC IP]", "<redacted>", "REDACTED"...) put there by whoever shared the log: the candidate\'s network, pairs and NAT evidence cannot be told.',
    action: 'Ask for the log before redaction, or read the other fields (type, priority, relay protocol) only.',
    reference: 'RFC 8839 §5.1 (connection-address)',
  },
  'candidate-missing-related-address': {
    domain: 'candidate',
    title: 'srflx/relay candidate without raddr/rport',
    description: 'RFC 8839 requires raddr and rport on reflexive and relayed candidates. Chrome accepts such lines; Firefox rejects them ("Error parsing attribute"). Not said of a prflx candidate: one is learned from a connectivity check (RFC 8445 §7.3.1.3), never gathered or trickled, and an agent\'s log of it (ice4j\'s "RemoteCandidate=… typ prflx") has no base to show.',
    action: 'Add "raddr 0.0.0.0 rport 0" (what browsers write to hide the base) if the producer is yours.',
    reference: 'RFC 8839 §5.1',
  },
  'candidate-tcptype-missing': {
    domain: 'candidate',
    title: 'TCP candidate without tcptype',
    description: 'RFC 6544 §4.5 gives every TCP candidate a tcptype (active, passive or so). Without one its role is a guess: an agent may connect to it as if passive (at port 9, the discard port, nothing answers). Both browsers take such a line (measured, at port 9 and at 5000); Chrome wrote them before it implemented RFC 6544 (the 2014 captures of the corpus).',
    action: 'Write tcptype active (port 9), passive or so; the ICE stacks of today write it.',
    reference: 'RFC 6544 §4.5',
  },
  'candidate-unknown-tcptype': {
    domain: 'candidate',
    title: 'tcptype is not active, passive or so',
    description: 'A TCP candidate\'s tcptype is one of active, passive and so (RFC 6544 §4.5); anything else (or an empty value, as sdp-transform 1.5.1 wrote it) leaves the candidate\'s role unknown: no TCP pair can be formed with it. Chromium\'s addIceCandidate refuses a tcptype it does not know ("tcptype foo"), and takes an empty one as the line\'s last word, not before another extension ("tcptype  generation 0", measured).',
    action: 'Write tcptype active, passive or so; an active candidate pairs with a passive one, so with so.',
    reference: 'RFC 6544 §4.5',
  },
  'candidate-unknown-type': {
    domain: 'candidate',
    title: 'Candidate type is not host, srflx, prflx or relay',
    description: 'The grammar allows other tokens, but no browser uses such a candidate: Chromium\'s addIceCandidate refuses it, upper case too ("typ HOST"; "Error processing ICE candidate", measured); Firefox\'s resolves whatever it cannot read.',
    action: 'Check the producer: the type is host, srflx, prflx or relay, in lower case.',
    reference: 'RFC 8839 §5.1',
  },
  'type-preference-mismatch': {
    domain: 'candidate',
    title: 'Type preference unusual for the declared type',
    description: 'The top byte of the priority is the type preference; the value seen is outside what browsers and most stacks use for this type (e.g. a "relay" with the host preference 126). RFC 8445 §5.1.2.2\'s values are a SHOULD: some servers write others on purpose (FreeSWITCH\'s and an ICE-lite gateway\'s host candidates with preference 0, Medooze\'s with 1, real captures in the corpus), and a script may have rewritten the type. Against a browser, such a candidate is checked in an order its priority, not its type, decides.',
    action: 'From a server you run: expected if it is the server\'s own scheme (a lite server is checked by its peer\'s order anyway). Otherwise look for an SFU or a script that rewrites candidates.',
    reference: 'RFC 8445 §5.1.2.1',
  },
  'candidate-network-cost': {
    domain: 'candidate',
    title: 'network-cost outside libwebrtc\'s range',
    description: 'The network-cost extension is not a number, or is above 999 (kNetworkCostMax). Chromium reads it as a 16-bit number: a value that is not a number or is above 65535 makes addIceCandidate fail ("Error processing ICE candidate"); 1000..65535 it accepts. The extension keeps its text either way.',
    action: 'Find what wrote the value; for Chrome peers keep it within 0..999.',
    reference: 'libwebrtc rtc_base/network_constants.h; webrtc_sdp.cc (network-cost)',
  },
  'candidate-keyword-case': {
    domain: 'candidate',
    title: 'The line writes "candidate:" or "typ" in another case',
    description: 'RFC 8839\'s grammar writes the attribute "candidate" and the word "typ" in lower case. sdpscope reads "Candidate:", "a=Candidate:" and "TYP" (in a candidate string, as addIceCandidate gets it: a frame\'s, parseCandidate\'s) as they stand for, and Firefox\'s addIceCandidate resolves them, but Chromium\'s refuses the candidate ("Error processing ICE candidate", measured for these three), so a Chromium peer never pairs with it.',
    action: 'Write "candidate:" and "typ" in lower case: look for the step that changed the case (a logger or template that capitalises, a hand edit, a gateway\'s own writer).',
    reference: 'RFC 8839 §5.1',
  },
  'candidate-extension-value': {
    domain: 'candidate',
    title: 'An extension without its value, or one of the wrong kind',
    description: 'RFC 8839 §5.1: each extension is a name and a value. A last name with no value ("… generation 0 foo") Chromium ignores and takes the candidate (measured; libwebrtc reads extensions in pairs), so it is kept with an empty value and written back as it was. A generation or network-id that is not a number Chromium refuses the candidate for ("Error processing ICE candidate", measured with "generation x" and "network-id x"), and so a line whose blanks it splits wrong: it splits at each blank, keeping the empty fields between two, so a run of blanks among the eight fields (aligned columns, LiveKit\'s "10.0.0.5      56869"), a tab between them, or a run after generation, network-id or tcptype before another extension (its value then empty) is refused (measured on the corpus\'s real lines); a run after "typ host", after ufrag or an unknown name is taken. A tcptype on a udp candidate Chromium refuses too ("Invalid non-TCP candidate": go2rtc wrote one before its fix).',
    action: 'Find what wrote the line: a cut line (the value lost at the end), or a stack writing its own extensions.',
    reference: 'RFC 8839 §5.1 (extension-att-name, extension-att-value); webrtc_sdp.cc ParseCandidate',
  },
  'priority-component-mismatch': {
    domain: 'candidate',
    title: 'The priority\'s last byte does not match the component',
    description: 'RFC 8445 §5.1.2.1 computes a priority as 2^24 × type preference + 2^8 × local preference + (256 − component ID): its last byte says the component. When it says another (libnice raises priorities to keep them unique; an ICE-lite gateway writes its own; a line rewritten by hand), the priority was not computed by the formula. Harmless to connectivity: pairs are ordered by the priorities as written.',
    action: 'Nothing to fix for the call; when reading a priority\'s parts (type | local | component), know that this stack does not follow the formula.',
    reference: 'RFC 8445 §5.1.2.1',
  },
  'candidate-unusable-address': {
    domain: 'candidate',
    title: 'An address no peer can send to',
    description: 'The candidate\'s address is the unspecified address (0.0.0.0, ::), a multicast or a broadcast address: a stack that wrote it before it knew its address, or a placeholder. It pairs with nothing: in a one-sided log this is the only place that says so.',
    action: 'Find what wrote it (a server announcing 0.0.0.0 or :: instead of its public address: its external-ip setting; a TURN server\'s relay address of ::).',
    reference: 'RFC 8445 §5.1.1.1 (the unspecified address is not gathered); RFC 8839 §5.1',
  },
  'candidate-unknown-transport': {
    domain: 'candidate',
    title: 'Transport is not UDP or TCP',
    description: 'A candidate\'s transport is udp or tcp (RFC 8839 §5.1, RFC 6544; any case). Chromium\'s addIceCandidate refuses another ("Error processing ICE candidate", measured with sctp), but for ssltcp, its own old pseudo-TLS over TCP, which it still reads (webrtc_sdp.cc); no pair can be formed with any of them against a browser of today.',
    action: 'Find what wrote it: the transport field is the third after "candidate:" (foundation, component, transport).',
    reference: 'RFC 8839 §5.1 (transport), RFC 6544 §4.5',
  },
  // Input
  'invalid-json': {
    domain: 'input',
    title: 'Truncated or invalid JSON',
    description: 'A line or document that starts like JSON but does not parse (truncated, or cut by a log line limit), or one over 1 MiB nested more than 256 deep, which no input is and which JSON.parse would take gigabytes for. Candidates and SDPs in its text are still looked for.',
    action: 'Raise the logger\'s line limit, or log frames as NDJSON one per line.',
    reference: 'RFC 8259',
  },
  'input-sdp': {
    domain: 'input',
    title: 'SDP that could not be read',
    description: 'A string that looks like an SDP but was rejected by the SDP parser; the error code says why.',
    action: 'See the error code; an empty "sdp" field or text that only starts with "v=" are the usual causes.',
    reference: 'RFC 8866 §5',
  },
  'binary-data': {
    domain: 'input',
    title: 'Binary data',
    description: 'A line with NUL bytes was skipped; an SDP line with one or two NULs in it ("a=send\\0only") is kept as read, said, so that its description is not cut in two (the attribute is then not the one it looks like, as to a browser). (A byte of invalid UTF-8, a Latin-1 "é", is read as U+FFFD and its line kept: the candidate in it is read, or refused for what the U+FFFD breaks.)',
    action: 'Decompress the input first (a .gz dump) or check that it is the log you meant; a NUL inside an SDP line: find what put it there (a C string written whole, a bad copy) and take it out.',
    reference: '-',
  },
  'line-too-long': {
    domain: 'input',
    title: 'Line too long',
    description: 'A line longer than the limit (64 MiB by default) was skipped to keep memory bounded.',
    action: 'Split the input into lines (NDJSON), or raise the limit where the reader is called.',
    reference: '-',
  },
  'sdp-cut': {
    domain: 'input',
    title: 'SDP cut short',
    description: 'An SDP in a quoted string that its line ends before closing (a log line cut at its limit): what it holds is read, and the lines after the cut are missing, m-sections and candidates with them. A candidate on the cut line itself is refused (CANDIDATE_CUT).',
    action: 'Raise the logger\'s line limit, or take the whole SDP from where it came from (the other side\'s signaling log, the browser\'s webrtc-internals).',
    reference: '-',
  },
  'sdp-lines-glued': {
    domain: 'input',
    title: 'SDP lines glued together',
    description: 'A line holds three or more SDP attributes each written right after the value before it (`a=rtcp-muxa=rtcp-rsizea=rtpmap:111 opus/48000/2`): the description\'s line breaks were lost, as a post, a chat or a copy from a page loses them. Where one line ends cannot be told, so the lines are not read as a description; candidates on the line are still read.',
    action: 'Take the description again with its line breaks: the application\'s own log of the SDP, a webrtc-internals dump, or the thread\'s raw text.',
    reference: 'RFC 8866 §5',
  },
  'sdp-lines-unfolded': {
    domain: 'input',
    title: 'SDP lines folded, as an RFC prints them',
    description: 'An indented SDP (an RFC\'s or a draft\'s example, a code comment, a quoted mail) has lines that go on on the next line, indented deeper: JSEP\'s examples write `a=msid:<stream>` and its track id below it, `a=fingerprint:sha-256` and its hex pairs on two more lines, a candidate\'s `typ host` on a line of its own. Each such line is joined to the SDP line before it, with a blank between (none where a ":" ends or starts a piece), and the description is read whole. A line at the SDP\'s own indent that is no SDP line is not joined: it stays in the description, where parseSdp says it is broken (`invalid-line`).',
    action: 'Nothing, for an example read from a document. An SDP that really went over the wire folded is broken: browsers refuse a line broken in two.',
    reference: 'RFC 8866 §5 (one field per line); RFC 9429 §7 (examples folded for width)',
  },
  'getstats-results': {
    domain: 'input',
    title: 'getStats() results, not signaling',
    description: 'The input holds no SDP and no candidate line, and looks like getStats() results saved as JSON (RTCStats objects of type candidate-pair, local-candidate, transport…): the ICE state of a call, which readInput does not read. readStatsDump (or peerConnectionFromStats for live results) and explainIce read them: the pairs, their checks, the candidates as the stats show them, a verdict (sdpscope ice).',
    action: 'Give the text to readStatsDump and the peer connection to explainIce (`sdpscope ice FILE`); the candidate lines themselves are in the icecandidate events and the SDPs.',
    reference: 'W3C webrtc-stats',
  },
  // Negotiation
  'no-common-codec': {
    domain: 'negotiation',
    title: 'No codec in common',
    description: 'The answer accepts the m-line (port not 0) but none of its codecs matches an offered one. An answerer with no common codec must reject the m-line with port 0 (RFC 3264 §6.1). Firefox refuses such an answer ("Answer had no codecs in common with offer"); Chromium takes it and, as offerer, sends with the first of the answer\'s codecs it implements though it did not offer it (measured, Chromium 156 and Firefox ESR 153: an answer of VP9 only to an offer of VP8 only, and of a codec nobody has). The answerer can send nothing: none of its codecs was offered. When only telephone-event or CN is in common, both browsers accept the answer and no media flows: Firefox sends DTMF only, Chromium configures no codec (measured by the sdp-diff audit). When only red, FEC or rtx is in common, Firefox refuses the answer, and so does Chromium when it sends on the m-line ("Failed to set remote video description send parameters"; measured by the negotiation audit: video answered with red and ulpfec only). VP9 or AV1 told apart by profile only is codec-parameters-differ.',
    action: 'Compare the codec table: offer a codec the answerer has (setCodecPreferences, server codec list), or have the answerer reject the m-line.',
    reference: 'RFC 3264 §6.1; JSEP (RFC 9429) §5.3.1',
  },
  'codec-parameters-differ': {
    domain: 'negotiation',
    title: 'VP9 or AV1 answered with parameters none of the offered ones have',
    description: 'The answer\'s only media codec is a VP9 or AV1 whose profile (VP9 profile-id, AV1 profile) no offered codec of that name has: libwebrtc\'s rules tell them apart, Firefox matches VP9 and AV1 by name and clock rate only (JsepVideoCodecDescription). Both browsers take such an answer, with red and ulpfec beside it or not (measured, Chromium 156 and Firefox ESR 153: VP9 profile-id=2 and AV1 profile=1 answered to an offer of profile 0); what the offerer then sends is a profile the answerer did not ask for.',
    action: 'Answer with a profile the offer lists (or have the offerer offer the one wanted, setCodecPreferences).',
    reference: 'RFC 3264 §6.1; draft-ietf-payload-vp9 §6; AV1 RTP specification §7.2',
  },
  'answer-codec-not-offered': {
    domain: 'negotiation',
    title: 'Answer codec that the offer never had',
    description: 'The answer lists a codec the offer did not have. RFC 3264 §6.1 lets an answer add formats (JSEP answerers never do): the answerer cannot send it, not being offered, but the offerer can. Both browsers accept such an answer (measured: a payload type, a name, a clock rate, H264/VP9/AV1 parameters the offer did not have), and as offerers send with the first codec of the answer they implement, even one they did not offer (measured, Chromium 156 and Firefox ESR 153: an answer of VP9 then VP8 to an offer of VP8 only configures the sender with VP9). An rtx whose apt the answer changed: Chromium sends with it, Firefox drops it. When it is the answer\'s first codec, the message says so, with the first one in common: the answerer prefers to send a codec the offerer never said it receives (a doubango answer of PCMA first to a PCMU offer in a "no voice" thread).',
    action: 'Build the answer from the offer\'s codecs (an SFU answering from a fixed list is the usual cause), or offer the codec if it is wanted.',
    reference: 'RFC 3264 §6.1',
  },
  'payload-type-remapped': {
    domain: 'negotiation',
    title: 'Same codec, different payload type',
    description: 'The answer uses another payload type number than the offer for the same codec. Allowed (each side receives on the numbers it declared), but many SFUs and gateways mishandle it.',
    action: 'Echo the offer\'s payload types in the answer (JSEP answerers do).',
    reference: 'RFC 3264 §6.1; RFC 9429 §5.3.1',
  },
  'opus-stereo-one-way': {
    domain: 'negotiation',
    title: 'Opus stereo asked for by one side only',
    description: 'Opus\'s stereo=1 says the side that writes it prefers to receive stereo (RFC 7587 §6.1); its absence, mono. Written in the offer and not the answer (a browser\'s answer leaves it out unless munged in: GetStream\'s and Ant Media\'s answer munges add it), the offerer sends the answerer mono: libwebrtc\'s Opus encoder takes its channel count from the other side\'s stereo. The other way round, the answerer sends mono. The usual "why is the audio mono" of a stereo call.',
    action: 'Write stereo=1 (and sprop-stereo=1 on a side that sends stereo) in the a=fmtp of the description of each side that should receive stereo, the answer included.',
    reference: 'RFC 7587 §6.1, §7',
  },
  'h264-level-raised': {
    domain: 'negotiation',
    title: 'An H264 answer at a level above the offer\'s',
    description: 'A negotiated H264 codec whose answer profile-level-id has a higher level than the offer\'s, while level-asymmetry-allowed=1 is not on both sides: RFC 6184 §8.2.2 has the answerer answer the offered level or a lower one, as libwebrtc does (H264GenerateProfileLevelIdForAnswer takes the lower). Codecs still match (the level is not compared); an offerer that holds to the rule sends no higher than its own level, and a receiver held to the answer\'s level may get less than it asked for (mediasoup-client#148).',
    action: 'Answer with the offer\'s level or a lower one, or have both sides say level-asymmetry-allowed=1.',
    reference: 'RFC 6184 §8.2.2',
  },
  'bandwidth-limit': {
    domain: 'negotiation',
    title: 'A bandwidth line caps what the other side sends',
    description: 'b=AS (kb/s, RTP with its overhead) or b=TIAS (b/s, without it) in an m-section is the most its writer asks to receive there; a browser applies the remote description\'s to what it sends on that m-line (libwebrtc makes it the sender\'s maximum bitrate). Said for each side\'s line where the other side sends: a munge that adds one to the answer (a bitrate cap, a "quality" setting) caps the offerer\'s stream, which is the usual "why is the video blurry" of such a call.',
    action: 'If the cap is not wanted, remove the b= line from the description that has it (or raise it); to cap a sender, prefer RTCRtpSender.setParameters({encodings: [{maxBitrate}]}) on the sending side over munging.',
    reference: 'RFC 8866 §5.8, RFC 3890',
  },
  'rtx-without-codec': {
    domain: 'negotiation',
    title: 'RTX whose associated codec is not negotiated',
    description: 'An rtx payload type whose apt points to a codec that is not in the negotiated set: it can never be used.',
    action: 'Remove the rtx line, or keep the codec its apt names.',
    reference: 'RFC 4588 §8.6',
  },
  'invalid-direction': {
    domain: 'negotiation',
    title: 'Answer direction not allowed for the offer direction',
    description: 'sendonly must be answered recvonly or inactive, recvonly with sendonly or inactive, inactive with inactive; sendrecv with anything.',
    action: 'Answer with a direction the table allows (the transceiver\'s direction in the answerer).',
    reference: 'RFC 3264 §6.1',
  },
  'no-media-at-all': {
    domain: 'negotiation',
    title: 'No m-line carries media',
    description: 'Every audio and video m-line the answer accepted is inactive once negotiated (each one\'s no-media-flow): the call is up and carries no audio or video at all. An answerer with nothing to send answering a recvonly offer (Chrome answers it inactive), a hold on both sides, or directions munged.',
    action: 'Give the side that should send a track (addTrack, or a transceiver sendrecv/sendonly) before the offer or answer is made, and renegotiate (an answerer with nothing to send answers a recvonly offer inactive).',
    reference: 'RFC 3264 §6.1',
  },
  'everything-rejected': {
    domain: 'negotiation',
    title: 'The answer rejects every m-line',
    description: 'Every m-line the offer opened is rejected (port 0) or left unanswered: nothing is negotiated, so no ICE or DTLS starts, no media flows and no data channel opens (ondatachannel never fires; channels made before the answer close in Chromium). Both browsers take such an answer. An answerer that supports nothing offered (a SIP gateway without the transport profile or codecs, an SFU with data channels off), or munging.',
    action: 'Look at why the answerer declined each m-line (the per-m-line findings): its codecs, its transport profile (RTP/AVP and UDP/TLS/RTP/SAVPF are not interchangeable), SCTP support for a data channel; and offer what it takes.',
    reference: 'RFC 3264 §6; RFC 8841',
  },
  'no-media-flow': {
    domain: 'negotiation',
    title: 'Accepted, but no direction sends',
    description: 'The negotiated direction is inactive: the m-line is up but carries no media either way ("why no video?").',
    action: 'Set the transceivers\' directions (or add a track) on the side that should send, and renegotiate.',
    reference: 'RFC 3264 §6.1',
  },
  'dtls-role-conflict': {
    domain: 'negotiation',
    title: 'DTLS roles do not complement each other',
    description: 'Answers must say active or passive (never actpass) and the opposite of a non-actpass offer; both sides active (or both passive) means no DTLS handshake.',
    action: 'Answer a=setup:active (or passive) opposite the offer; never answer actpass.',
    reference: 'RFC 8842 §5.2–5.3; RFC 4145 §4.1',
  },
  'offer-setup-not-actpass': {
    domain: 'negotiation',
    title: 'Offer setup is not actpass',
    description: 'A JSEP offer uses a=setup:actpass so that the answerer can choose. Allowed in a re-offer that keeps an existing association, and in a WHIP client\'s offer: RFC 9725 §4.2 (updating RFC 8842) lets a client that can only be the DTLS client offer setup:active, the endpoint then answering passive. Both browsers take an offer of setup:active (measured, Chromium 156 and Firefox ESR 153).',
    action: 'Offer actpass unless this re-offer keeps the DTLS roles of an existing session, or a WHIP client that is DTLS client only offers active (its answer must then say passive).',
    reference: 'RFC 8842 §5.2; RFC 9429 §5.2.1; RFC 9725 §4.2',
  },
  'missing-setup': {
    domain: 'negotiation',
    title: 'DTLS answer m-line without a=setup',
    description: 'With no a=setup the answerer is active by the RFC 4145 default. Both browsers accept such an answer (measured), but a peer that reads the role from the line finds none.',
    action: 'Add a=setup:active or a=setup:passive to the answer.',
    reference: 'RFC 8842 §5.2; RFC 4145 §4',
  },
  'offer-setup-missing': {
    domain: 'negotiation',
    title: 'DTLS offer m-line without a=setup',
    description: 'An offer must say a=setup:actpass. Firefox rejects an offer without it ("Invalid offer, no setup attribute"); Chromium accepts it and reads the role as actpass (measured), so the answer\'s active or passive stands.',
    action: 'Add a=setup:actpass to every m-line of the offer.',
    reference: 'RFC 8842 §5.2; RFC 9429 §5.2.1',
  },
  'offer-setup-holdconn': {
    domain: 'negotiation',
    title: 'DTLS offer m-line with a=setup:holdconn',
    description: 'holdconn holds the connection: no DTLS role can follow from it, and JSEP offers actpass. Firefox rejects such an offer ("Invalid description, illegal setup attribute "holdconn""); Chromium takes it in setRemoteDescription and then cannot answer it (createAnswer: "Failed to create transport answer, transport is missing"; both measured). The answer is not at fault.',
    action: 'Offer a=setup:actpass (a re-offer that keeps the DTLS roles: the role it has, active or passive).',
    reference: 'RFC 8842 §5.2; RFC 4145 §4; RFC 9429 §5.2.1',
  },
  'missing-fingerprint': {
    domain: 'negotiation',
    title: 'm-line without a=fingerprint (no DTLS)',
    description: 'A DTLS-SRTP or DTLS/SCTP m-line needs the certificate fingerprint of its side, at media or session level; browsers reject the description. An RTP m-line of plain RTP (RTP/AVP) or SDES-SRTP (RTP/SAVP(F) with a=crypto), as a SIP trunk or gateway offers it, has none: both browsers reject it too (measured, Chromium 156: "Called with SDP without DTLS fingerprint"; Firefox ESR 153: "no fingerprint attribute"); they implement DTLS-SRTP only. An m-line with port 0 (not used, RFC 3264 §6) needs none, nor a bundled m-line other than its BUNDLE tag in an answer, or in an offer where it is a=bundle-only (the tag\'s transport is used: Chromium\'s VerifyCrypto, Firefox\'s OwnsTransport); in an offer without bundle-only, Firefox refuses it (its `browsers` says so).',
    action: 'Keep the a=fingerprint line (SDP munging or a gateway dropped it); in front of a SIP trunk, a WebRTC gateway or SBC that terminates DTLS-SRTP.',
    reference: 'RFC 8122 §5; RFC 8842 §5',
  },
  'weak-fingerprint': {
    domain: 'negotiation',
    title: 'Fingerprint hash is SHA-1, MD5 or unknown',
    description: 'A SHA-2 hash is expected (sha-256 the one every stack supports; sha-224, which mediasoup writes, and sha-384 and sha-512 are taken too); SHA-1 is deprecated and some stacks reject it, MD5 and MD2 are broken.',
    action: 'Generate the certificate fingerprint with sha-256.',
    reference: 'RFC 8122 §5; RFC 8827 §6.5',
  },
  'missing-ice-credentials': {
    domain: 'negotiation',
    title: 'ICE ufrag or pwd missing',
    description: 'An accepted m-line needs a=ice-ufrag and a=ice-pwd (media or session level), or connectivity checks cannot be authenticated; a bundled m-line other than its BUNDLE tag uses the tag\'s, in an answer and in an offer where it is a=bundle-only (RFC 8829 §5.2.1: a bundle-only one has none); in an offer without bundle-only, Firefox refuses it (its `browsers` says so).',
    action: 'Keep the a=ice-ufrag and a=ice-pwd lines.',
    reference: 'RFC 8839 §5.4',
  },
  'invalid-ice-credentials': {
    domain: 'negotiation',
    title: 'ICE ufrag or pwd of illegal length or characters',
    description: 'ice-ufrag is 4..256 ice-chars and ice-pwd 22..256 (ALPHA / DIGIT / "+" / "/"). Measured: both browsers reject one too short; Chromium 156 rejects 257 characters and a character such as "!" ("ICE ufrag must contain only alphanumeric characters, \'+\', and \'/\'"), which Firefox ESR 153 takes. "-", "=", "#" and "_" Chromium lets through: ice-credentials-chars.',
    action: 'Generate credentials of legal length; browsers reject the description otherwise.',
    reference: 'RFC 8839 §5.4',
  },
  'ice-credentials-chars': {
    domain: 'negotiation',
    title: 'ICE ufrag or pwd with characters outside ice-char',
    description: 'ice-char is ALPHA / DIGIT / "+" / "/": a "-", "_", "=" (base64 padding) or "#" is outside it. Both browsers take these (measured, Chromium 156 and Firefox ESR 153, in an offer and an answer: libwebrtc lets these four through on purpose); a stricter ICE stack may refuse them.',
    action: 'Generate credentials from ice-chars if the producer is yours.',
    reference: 'RFC 8839 §5.4',
  },
  'bundle-credentials-differ': {
    domain: 'negotiation',
    title: 'Different ICE credentials inside one BUNDLE group',
    description: 'The answer\'s bundled m-lines share one transport, so they must carry the same ufrag/pwd and fingerprint. An offer\'s are no finding: until the answer accepts the group, each m-line has credentials of its own (RFC 8829 §5.2.1: unique ones in an initial offer).',
    action: 'Use one set of credentials for every m-line of the group.',
    reference: 'RFC 8843 §7.1.3',
  },
  'bundle-demux-ambiguous': {
    domain: 'negotiation',
    title: 'Bundled m-lines whose packets the receiver cannot tell apart',
    description: 'Packets of one BUNDLE transport are routed to their m-line by the MID header extension (urn:ietf:params:rtp-hdrext:sdes:mid, RFC 9143 §9.2), else by an ssrc signalled in a=ssrc, else by a payload type that belongs to one m-line only (libwebrtc\'s RtpDemuxer). Two m-lines of a group that one side sends without the MID extension negotiated (an answer that left it out), without a=ssrc lines (simulcast by rid has none) and with a payload type in common (VP8 at 96 in both) leave the receiver nothing to route by: one m-line\'s media lands on the other, or is dropped. A rid (RSID) is scoped to its m-line, so layers l, m, h in both do not help.',
    action: 'Negotiate urn:ietf:params:rtp-hdrext:sdes:mid (offer it, and answer it with the offer\'s id), or signal each m-line\'s ssrcs, or give each m-line payload types of its own.',
    reference: 'RFC 9143 §9.2; RFC 8852',
  },
  'simulcast-rtx-unrepaired': {
    domain: 'negotiation',
    title: 'Simulcast layers with rtx that nothing ties to their layer',
    description: 'Simulcast by rid carries no a=ssrc lines, so a receiver learns which rtx stream repairs which layer from the repaired-rtp-stream-id header extension (RFC 8852 §3.2), or from a=ssrc-group:FID where ssrcs are signalled. With rtx negotiated, two or more layers taken, and neither (one side has the extension and the other leaves it out: an answer that dropped it while keeping rtx), the rtx packets belong to no layer: retransmissions repair nothing and quality drops under loss.',
    action: 'Answer urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id with the offer\'s id beside rtp-stream-id, or signal the layers\' ssrcs with their FID groups.',
    reference: 'RFC 8852 §3.2; RFC 4588',
  },
  'sip-legs': {
    domain: 'negotiation',
    title: 'Two SIP/RTP legs: no browser in this exchange',
    description: 'Neither description uses ICE or DTLS anywhere (no a=ice-ufrag, no a=fingerprint, no DTLS profile): plain RTP or SDES between a SIP phone, a trunk, a gateway or a media server (Kurento\'s RTP endpoint, rtpengine, FreeSWITCH), as RFC 3264 negotiates it. What a browser would refuse in each (no ICE credentials, no fingerprint, no rtcp-mux) fails nothing here, so those findings are not counted as errors of this negotiation: `withheld` names them per side (`sdpscope parse` shows each), and the session-level direction is read as SIP peers read it.',
    action: 'Nothing, if no browser takes part. If one does, it is on another leg: compare that leg\'s offer and answer (the gateway\'s, with ICE and DTLS).',
    reference: 'RFC 3264; RFC 8827 §6.5',
  },
  'ice-lite-both': {
    domain: 'negotiation',
    title: 'Both sides are ICE-lite',
    description: 'Two lite agents send no connectivity checks (RFC 8445 §6.1.1: neither forms a checklist; the initiating one is controlling and each takes the other\'s candidate as given). That works only between addresses that reach each other directly, two servers on public addresses; nothing tests the path. No browser is lite: a client that says so (metaRTC\'s does) either runs checks anyway or cannot cross a NAT.',
    action: 'A side behind a NAT must run full ICE (a browser always does); ICE-lite is for agents on public addresses.',
    reference: 'RFC 8445 §6.1.1',
  },
  'no-trickle': {
    domain: 'negotiation',
    title: 'A side does not announce trickle ICE',
    description: 'Without a=ice-options:trickle a side must send every candidate in the SDP; trickled candidates may be ignored. Not said of an ICE-lite side: its candidates are all in its description, and it sends no checks, so it needs none of the other side\'s (RFC 8445 §2.5).',
    action: 'Send complete descriptions (wait for gathering) to a peer that does not trickle.',
    reference: 'RFC 8840 §4',
  },
  'session-direction-ignored': {
    domain: 'negotiation',
    title: 'Direction written at session level only: the browsers ignore it',
    description: 'A description whose a=sendonly, a=recvonly or a=inactive is at session level, with no direction in its m-sections: RFC 8866 §6.7 and RFC 3264 §5.1 apply it to every m-section, but Chromium and Firefox read each m-section\'s own direction and default to sendrecv (measured, Chromium 156 and Firefox ESR 153: an offer with a session-level a=recvonly is answered, and negotiated, as sendrecv). sdp-diff reads the directions as the browsers do.',
    action: 'Write the direction in each m-section (what browsers and JSEP do).',
    reference: 'RFC 8866 §6.7; RFC 3264 §5.1; RFC 9429 §5.2.2',
  },
  'address-hold': {
    domain: 'negotiation',
    title: 'c=0.0.0.0 with a real port and no ICE: the old hold',
    description: 'An m-section whose connection address is 0.0.0.0 with a port other than 0 and 9, in a description without ICE: RFC 2543\'s way to put a stream on hold, which RFC 3264 §8.4 keeps for backward compatibility. The other side sends nothing there, whatever the direction says. With ICE, 0.0.0.0 and port 9 are only what gathering fills in, and are not said. Some SIP peers refuse it in an initial offer (Lync and Skype for Business: 488 "Call hold not allowed for initial INVITE offer").',
    action: 'To hold, write a=sendonly or a=inactive (RFC 3264 §8.4) and keep the real address; to receive, give the address media should reach.',
    reference: 'RFC 3264 §8.4; RFC 2543',
  },
  'crypto-mismatch': {
    domain: 'negotiation',
    title: 'SDES-SRTP: the answer\'s a=crypto takes no offered line',
    description: 'An m-section keyed by SDES (RTP/SAVP or RTP/SAVPF with a=crypto, no a=fingerprint: a SIP leg; browsers do DTLS-SRTP only): the answer must take exactly one of the offer\'s a=crypto lines, echoing its tag with the same crypto suite and its own key. An answer with no a=crypto has no key (no media either way); one whose tag is none of the offer\'s, or whose suite is not that tag\'s, is refused by conforming peers or keys SRTP the other side cannot decrypt.',
    action: 'Answer with one a=crypto line: the tag and the suite of the offered line you take, and your own inline key.',
    reference: 'RFC 4568 §5.1.2, §7.1.2, §9.1',
  },
  'simulcast-not-offered': {
    domain: 'negotiation',
    title: 'The answer has simulcast the offer did not propose',
    description: 'The answer writes a=simulcast (and its a=rid lines) on an m-line whose offer has none. Simulcast is the offer\'s proposal: the answer takes the offer\'s streams with the direction reversed (RFC 8853 §5.3), so an answer alone starts nothing. Both browsers accept such an answer (measured: Chromium 156 on its own answer with the rid header extension, simulcast-send-unoffered and simulcast-recv-unoffered; Firefox ESR 153 on its own, asked once); no layer is negotiated, one stream flows. Said where the offer\'s m-section has no a=simulcast line at all, and where the answer adds a direction the offer has not (recv l;m;h send a;b to an offer of send l;m;h: its send answers nothing). A server that answers so to ask for layers gets one.',
    action: 'Answer only the directions the offer has, reversed (its send with recv, its recv with send). To receive simulcast, have the sender offer it (sendEncodings with rids on its transceiver); an answerer cannot start it.',
    reference: 'RFC 8853 §5.3; RFC 9429 §5.3.1',
  },
  'simulcast-not-answered': {
    domain: 'negotiation',
    title: 'Simulcast offered, not answered',
    description: 'The offer sends simulcast (a=simulcast:send with its rids); the answer has no a=simulcast recv, so the answerer takes one stream: the offerer sends one layer. Chromium keeps the first rid\'s encoding (measured, Chromium 156: of q;h;f it sends q). The same of an offer that receives simulcast (a=simulcast:recv, a server asking for layers) answered without a=simulcast send: the answerer sends one stream (RFC 8853 §5.3).',
    action: 'Answer with a=simulcast:recv and the a=rid lines of the layers wanted (an SFU), or expect one stream; order the offer\'s rids so that the one to keep is first. To an offer that receives simulcast: answer a=simulcast:send with a=rid send lines for its rids.',
    reference: 'RFC 8853 §5.3; RFC 9429 §5.3.1',
  },
  'simulcast-layers-dropped': {
    domain: 'negotiation',
    title: 'Simulcast layers the answer does not take',
    description: 'The answer\'s a=simulcast:recv names fewer of the offer\'s rids than the offer sends (or rids the offer never had, or says send where it must say recv): the layers it leaves out are not sent. Chromium keeps exactly the answered rids, alternatives included (measured, Chromium 156: recv h;f of q;h;f sends h and f, recv q,h;f sends q, h and f; a recv list of unknown rids, or a send one, leaves no rid encoding); Firefox ESR 153 takes the first rid of each alternative (q and f of recv q,h;f) and, when nothing is taken as simulcast, still sends one stream (measured by the sdp-diff audit). A recv rid with no a=rid:<id> recv line (missing, or its line says send) Chromium drops too (measured: recv q;h;f with f\'s line missing sends q and h; every line on the send side, one stream, q); Firefox refuses such an answer (simulcast-rid-missing). The same, the directions reversed, of an offer that receives simulcast: the answer\'s a=simulcast:send and its a=rid send lines say which layers the answerer sends (said by the RFC alone: no browser was measured as the answerer).',
    action: 'Answer every layer to be sent with the reversed a=simulcast list (recv for the offer\'s send, send for its recv) and its a=rid line (rids as offered).',
    reference: 'RFC 8853 §5.3, §5.4',
  },
  'simulcast-layer-paused': {
    domain: 'negotiation',
    title: 'Simulcast layers the answer takes paused',
    description: 'The answer\'s a=simulcast:recv writes a layer with "~" (recv ~r0;r1;r2): the answerer takes it paused, and the offerer is not to send it until it is resumed (RFC 8853 §5.2). Chromium applies it: the layer\'s encoding is made inactive (encoding.active false, libwebrtc\'s UpdateSimulcastLayerStatusInSender), so that layer is not sent though it was negotiated; an SFU that answers with "~" for a layer it wants gets none (an answer without "~" makes active again a layer the sender had turned off). Firefox: not measured.',
    action: 'If the layer is wanted from the start, answer it without "~"; otherwise resume it with the sender\'s setParameters (encodings[i].active = true) when it is wanted.',
    reference: 'RFC 8853 §5.2, §5.3',
  },
  'simulcast-all-paused': {
    domain: 'negotiation',
    title: 'Every simulcast layer taken paused: Chromium sends nothing',
    description: 'The answer\'s a=simulcast:recv writes every layer it takes with "~" (recv ~1;~2, as a Teams answer to Chrome does): each is paused (RFC 8853 §5.2), and Chromium makes every encoding inactive, so nothing at all is sent on the m-line though its direction sends (measured, sdp-diff audit: Chromium 156 sent 0 packets; Firefox ESR 153 ignores "~" and sends every layer). The direction row says so beside "offerer sends", and the JSON\'s simulcast.chromiumSendsNothing.',
    action: 'Answer at least one layer without "~" if media is wanted from the start; otherwise the sender must resume one with setParameters (encodings[i].active = true) when the answerer asks for it.',
    reference: 'RFC 8853 §5.2, §5.3',
  },
  'bundle-tag-rejected': {
    domain: 'negotiation',
    title: 'The offerer-tagged BUNDLE m-line was rejected',
    description: 'The answer rejected or unbundled the first m-line of the offer\'s BUNDLE group; the answerer must then pick another tagged m-line, which some offerers do not expect.',
    action: 'Put an m-line the answerer accepts first in the offer\'s BUNDLE group.',
    reference: 'RFC 8843 §7.3.1',
  },
  'bundle-answer-tag-rejected': {
    domain: 'negotiation',
    title: 'The answer rejects its own BUNDLE group\'s tag and accepts the rest',
    description: 'The first mid of a BUNDLE group in the answer is its tag, whose transport the group uses; the answer gives that m-line port 0 and accepts another of the group, which is then left with no transport. RFC 8843 §7.3.3 has the answerer reject every m-line of the group when it rejects the tagged one. Both browsers reject such an answer (measured, Chromium 156 and Firefox ESR 153: "The m= section with mid=\'1\' should be rejected."; "mid specified for bundle transport in group attribute points at a disabled m-section"); Safari too (pion/webrtc#840).',
    action: 'Reject every m-line of the group, or take the rejected m-line out of the group so that an accepted one comes first (its tag).',
    reference: 'RFC 8843 §7.3.3; RFC 9429 §5.3.1',
  },
  'bundle-rejected-member': {
    domain: 'negotiation',
    title: 'The answer keeps a rejected m-line in its BUNDLE group',
    description: 'An m-line the answer rejects (port 0, not bundle-only) is still named in the answer\'s a=group:BUNDLE. RFC 9143 §7.3.3 (as RFC 8843 before it) has the answerer leave a rejected m-line\'s mid out of the group. Both browsers accept such an answer (measured, Chromium 156 and Firefox ESR 153); a stricter stack may not. Not said of a group whose m-lines are all rejected.',
    action: 'Leave the rejected mid out of the answer\'s BUNDLE group.',
    reference: 'RFC 9143 §7.3.3',
  },
  'lite-candidates-not-routable': {
    domain: 'negotiation',
    title: 'An ICE-lite side whose candidates no peer elsewhere can reach',
    description: 'The description is ICE-lite (a server: host candidates only, and it never sends checks) and every candidate in it is a loopback, private, carrier-grade NAT (100.64/10), link-local or unique-local address. Not said where the other description has candidates of such an address class too (a call on one LAN). The peer sends its checks there, and only a peer on that machine or network reaches them: a server without its public address configured (mediasoup without announcedAddress gives 127.0.0.1; a container gives its bridge address). The candidates command says the same of a log (lite-hosts-not-routable).',
    action: 'Configure the address clients reach the server at: mediasoup\'s announcedAddress, Janus\' nat_1_1_mapping, pion\'s NAT1To1IPs, SRS\'s candidate, LiveKit\'s node_ip; or give the clients a TURN server.',
    reference: 'RFC 8445 §2.5; RFC 8839 §5.1',
  },
  'offer-tag-bundle-only': {
    domain: 'negotiation',
    title: 'The offer\'s BUNDLE tag is bundle-only',
    description: 'The first m-section a=group:BUNDLE names in the offer, the tag it suggests, has a=bundle-only. RFC 9143 §7.2.1: "The offerer MUST NOT suggest a bundle-only m= section as the offerer-tagged m= section" (JSEP marks the m-sections after the first); and bundle-only is defined for a port of zero only (§6). Firefox ESR 153 answered the WHIP draft\'s example offer (both m-sections bundle-only, port 9) with no BUNDLE group, every m-line on a transport of its own, and bundled it once the first m-section lost its a=bundle-only; Chromium 156 answered both bundled (measured by the sdp-diff audit of 2026-12-07).',
    action: 'Leave a=bundle-only off the group\'s first m-section, and give the bundle-only ones port 0.',
    reference: 'RFC 9143 §7.2.1, §6; RFC 9429 §5.2.1',
  },
  'bundle-not-in-offer': {
    domain: 'negotiation',
    title: 'Answer BUNDLE group names a mid the offer did not bundle',
    description: 'The answerer may only remove m-lines from the offered BUNDLE group, never add one; nor add a group to an offer that has none, which Chromium rejects ("A BUNDLE group was added in the answer that did not exist in the offer"; Firefox accepts it, measured).',
    action: 'Build the answer\'s group from the offer\'s.',
    reference: 'RFC 8843 §7.3',
  },
  'stopped-mline-accepted': {
    domain: 'negotiation',
    title: 'The answer accepts an m-line the offer stopped',
    description: 'The offer has the m-line with port 0 (stopped, not bundle-only) and the answer gives it a port: a stream offered with port 0 is answered with port 0 (RFC 3264 §6). Both browsers reject such an answer (measured by the sdp-diff audit, Chromium 156 and Firefox ESR 153).',
    action: 'Answer a stopped m-line with port 0 (and no candidates); a server that reuses m-lines must follow the offer\'s stops.',
    reference: 'RFC 3264 §6; RFC 8843 §7.3.3',
  },
  'bundle-group-split': {
    domain: 'negotiation',
    title: 'The answer splits an offered BUNDLE group',
    description: 'Two BUNDLE groups of the answer take m-lines of one offered group: each answer group answers one offered group whole, less what it rejects or moves out (RFC 8843 §7.3.2). Chromium 156 rejects such an answer ("A MID in the answer has changed group"); Firefox ESR 153 accepts it (measured by the sdp-diff audit).',
    action: 'Answer one group per offered group, with the m-lines it accepts bundled.',
    reference: 'RFC 8843 §7.3.2',
  },
  'bundle-payload-type-collision': {
    domain: 'negotiation',
    title: 'One payload type for two codecs in a BUNDLE group',
    description: 'Two bundled m-sections of one description give one payload type to different codecs, or to one codec with different a=fmtp. The m-sections share one RTP session, so a payload type must mean one codec configuration across them (RFC 9143, "Payload Type (PT) Value Reuse"). Both browsers take such a description (measured, Chromium 156 and Firefox ESR 153: video\'s VP8 answered under opus\'s number; libwebrtc only counts it, bugs.webrtc.org/14420, and older Chromium refused "a BUNDLE group contains a codec collision"); a receiver that routes packets by payload type (no mid header extension, no a=ssrc lines: some SFUs and gateways) cannot tell them apart.',
    action: 'Give each codec configuration its own payload type across the group (an answerer: echo the offer\'s numbers).',
    reference: 'RFC 9143 (Payload Type (PT) Value Reuse); RFC 8843',
  },
  'moved-out-of-bundle': {
    domain: 'negotiation',
    title: 'Accepted outside the BUNDLE group',
    description: 'The offer bundled the m-line; the answer accepted it but left it out of its group. A balanced offerer gives it a transport (and candidates) of its own. A max-bundle offerer: Chromium refuses the answer ("Answer cannot remove m= section … from already-established BUNDLE group"); Firefox accepts it and keeps the m-line on the bundle\'s transport (measured, Chromium 156 and Firefox ESR 153). The offer does not say which policy it was made under.',
    action: 'Keep it in the group: an offerer with bundlePolicy max-bundle (Chromium) refuses the answer otherwise.',
    reference: 'RFC 8843 §7.3.2',
  },
  'answer-mid-missing': {
    domain: 'negotiation',
    title: 'Answer m-line without a=mid that its BUNDLE group names',
    description: 'The offer\'s m-line has a mid and is bundled; the answer\'s m-line has no a=mid while the answer\'s a=group:BUNDLE names that mid. Firefox refuses the answer ("mid specified for bundle transport in group attribute does not exist"); Chromium takes it, giving the m-line the offer\'s mid (libwebrtc\'s FillInMissingRemoteMids), so there the m-line stays in the group (both measured: mid-removed). sdp-diff tells it once: the answer\'s own bundle-mid-missing for that mid (parse reads the answer without its offer) is left out of its report.',
    action: 'Write each answer m-line\'s a=mid, the offer\'s mid for that m-line (RFC 8843 §7.2; JSEP answers copy it).',
    reference: 'RFC 8843 §7.2; RFC 9429 §5.3.1',
  },
  'media-rejected': {
    domain: 'negotiation',
    title: 'm-line rejected',
    description: 'The answer set port 0 (or the offer did): the m-line carries nothing. The reason given is what the codecs show.',
    action: 'If media was expected, see the reason: usually no codec in common.',
    reference: 'RFC 3264 §6',
  },
  'mline-count-mismatch': {
    domain: 'negotiation',
    title: 'Answer and offer have different numbers of m-lines',
    description: 'An answer has exactly one m-line for each m-line of the offer, in the same order.',
    action: 'Answer every offered m-line (reject with port 0 what is not wanted).',
    reference: 'RFC 3264 §6',
  },
  'mline-mismatch': {
    domain: 'negotiation',
    title: 'm-lines do not correspond',
    description: 'The answer m-line at this position has another media kind or mid than the offer\'s.',
    action: 'Keep the offer\'s order, kinds and mids in the answer.',
    reference: 'RFC 3264 §6; RFC 9429 §5.3.1',
  },
  'protocol-mismatch': {
    domain: 'negotiation',
    title: 'Another transport protocol in the answer',
    description: 'The answer\'s m= proto is not the offer\'s nor its compatible variant: Firefox rejects the answer (measured with RTP/AVPF and TCP/TLS/RTP/SAVPF answering UDP/TLS/RTP/SAVPF), Chromium accepts it; `browsers` says so.',
    action: 'Echo the offer\'s proto.',
    reference: 'RFC 3264 §6.1; RFC 9429 §5.3.1',
  },
  'protocol-variant': {
    domain: 'negotiation',
    title: 'The compatible variant of the offer\'s protocol',
    description: 'RTP/SAVPF answering UDP/TLS/RTP/SAVPF or the other way round: both browsers take it (measured).',
    action: 'Nothing, unless a strict peer is involved: echo the offer\'s proto.',
    reference: 'RFC 9429 §5.1.3',
  },
  'header-extension-not-offered': {
    domain: 'negotiation',
    title: 'Answer header extension the offer did not have',
    description: 'The answerer may only accept offered RTP header extensions: Firefox rejects the answer, Chromium accepts it (measured).',
    action: 'Answer only the offered a=extmap URIs.',
    reference: 'RFC 8285 §7',
  },
  'opus-receiver-params': {
    domain: 'negotiation',
    title: 'Opus parameters that narrow what the other side sends',
    description: 'Opus\'s a=fmtp parameters are the writer\'s wishes as a receiver (RFC 7587 §6.1), and libwebrtc\'s encoder follows them: a maxaveragebitrate caps the other side\'s average bitrate (said below libwebrtc\'s 32 kb/s default: 6000 is 6 kb/s, thin speech), a maxplaybackrate below 48000 narrows the band it encodes (8000: narrowband, telephone quality), and without useinbandfec=1 the other side sends no in-band FEC (said where that side asks for it itself, as browsers do). Said where the other side sends on the m-line. The usual "why does the audio sound bad" when the network is fine: a munge or a server\'s fixed a=fmtp.',
    action: 'Write the wishes the receiving side means: remove a low maxaveragebitrate or raise it (browsers default to about 32 kb/s for mono, 510000 is Opus\'s most), leave maxplaybackrate out for full band, and keep useinbandfec=1.',
    reference: 'RFC 7587 §6.1, §7',
  },
  'video-fec-half': {
    domain: 'negotiation',
    title: 'Video negotiates RED without ULPFEC, or ULPFEC without RED',
    description: 'For video, libwebrtc (Chromium, Edge, Safari, native apps) protects with ULPFEC carried in RED (RFC 2198, RFC 5109): negotiated alone, either one is turned off with the other ("Only RED or only ULPFEC enabled, but not both. Disabling both.", RtpVideoSender), so the codec table lists FEC that is never sent. Audio RED (RFC 2198 redundancy of Opus) and FlexFEC stand alone and are not this.',
    action: 'Offer and answer red and ulpfec together on the video m-line (as the browsers\' own descriptions do), or neither.',
    reference: 'RFC 5109; RFC 2198',
  },
  'header-extension-direction': {
    domain: 'negotiation',
    title: 'A header extension answered in a direction that leaves it unused',
    description: 'An a=extmap may carry a direction (a=extmap:1/sendonly URI; none is sendrecv). RFC 8285 §7: an extension offered sendonly is answered recvonly or inactive, one offered recvonly is answered sendonly or inactive, one offered inactive is answered inactive. Answered otherwise (Firefox offers csrc-audio-level /recvonly; an answer that copies it back /recvonly), or answered inactive, the extension is sent by neither side, whatever the table of negotiated extensions lists; only the directions the two allow carry it.',
    action: 'Answer each extension in the direction that reverses the offer\'s (sendonly → recvonly, recvonly → sendonly), or leave it out of the answer if it is not wanted.',
    reference: 'RFC 8285 §7',
  },
  'header-extension-id-changed': {
    domain: 'negotiation',
    title: 'Header extension answered with another id',
    description: 'The answer maps an offered URI to a different id; JSEP answerers echo the offer\'s id. Firefox rejects the answer ("Answer changed id for extmap attribute"), Chromium accepts it (measured).',
    action: 'Echo the offer\'s ids.',
    reference: 'RFC 8285 §7; RFC 9429 §5.3.1',
  },
  'sctp-port-missing': {
    domain: 'negotiation',
    title: 'Data channel m-line without SCTP port',
    description: 'An accepted SCTP m-line needs a=sctp-port (or the legacy a=sctpmap) so that both sides open the association on a known port. Firefox ESR 153 rejects such an answer ("Answer had no codecs in common"); Chromium 156 accepts it, taking 5000; one that is not a number (a=sctp-port:x) both reject, and a=sctp-port:0, no port (RFC 9260 §3.1), Firefox rejects as one with none (measured); `browsers` says so.',
    action: 'Add a=sctp-port:5000 (the usual value).',
    reference: 'RFC 8841 §5.2',
  },
  'sctp-format-mismatch': {
    domain: 'negotiation',
    title: 'Data channel syntax differs between offer and answer',
    description: 'One side uses the legacy "DTLS/SCTP 5000" + a=sctpmap syntax, the other "UDP/DTLS/SCTP webrtc-datachannel" + a=sctp-port.',
    action: 'Answer in the offer\'s syntax.',
    reference: 'RFC 8841 §4; draft-ietf-mmusic-sctp-sdp-05',
  },
  // Candidate logs
  'no-srflx': {
    domain: 'log',
    title: 'No server-reflexive candidate',
    description: 'Only host (and maybe relay) candidates: no STUN server was configured, it was unreachable, or outbound UDP is blocked. A peer outside this network cannot reach the host addresses. Not said of an ICE-lite agent (a=ice-lite): it gathers host candidates only (RFC 8445 §2.5).',
    action: 'Check iceServers (a stun: URL), that the STUN server answers, and that UDP to its port gets out of this network. A server (a media server, a gateway, an app in a container) gathers no srflx of its own: it must announce its public address (pion\'s NAT1To1IPs, go2rtc\'s candidates, mediasoup\'s announcedAddress, Janus\'s nat_1_1_mapping, FreeSWITCH\'s ext-rtp-ip, coturn\'s external-ip): a private address it announces (a Docker bridge\'s 172.17.x, a cloud network\'s 10.x or 172.31.x) is reachable only inside that network (for a container, host networking or the host\'s address).',
    reference: 'RFC 8445 §5.1.1.2; RFC 8489',
  },
  'no-relay': {
    domain: 'log',
    title: 'No relay candidate',
    description: 'No TURN server was configured, or it was unreachable, or refused the credentials (401/403). Without a relay, two symmetric NATs or a UDP-blocking firewall cannot be crossed. Not said of an ICE-lite agent, which has none by definition.',
    action: 'Configure a TURN server (turn: and turns: URLs) and check its credentials.',
    reference: 'RFC 8656; RFC 8445 §5.1.1.2',
  },
  'relay-private-address': {
    domain: 'log',
    title: 'Relay candidate with a private address',
    description: 'The TURN server allocated on a private (RFC 1918, or an IPv6 ULA), CGNAT or loopback address: it is behind NAT and does not announce its public address (coturn: external-ip). Remote peers cannot reach it.',
    action: 'Set the TURN server\'s external address (coturn --external-ip public/private).',
    reference: 'RFC 8656 §7; coturn --external-ip',
  },
  'srflx-private-address': {
    domain: 'log',
    title: 'Server-reflexive candidate with a private address',
    description: 'A srflx candidate on a private (RFC 1918, or an IPv6 ULA), CGNAT, link-local or loopback address: the STUN server that answered is inside a private network (on the LAN, or a server with two interfaces answering from the inner one), so the address it saw is no one\'s on the internet. Remote peers cannot reach it; it only helps a peer inside the same network.',
    action: 'Use a STUN server on the internet (for coturn on a machine with two interfaces: listen on the public one, and set --external-ip).',
    reference: 'RFC 8445 §5.1.1.1; RFC 5389 §1',
  },
  'lite-hosts-not-routable': {
    domain: 'log',
    title: 'An ICE-lite agent announces no address a peer elsewhere can reach',
    description: 'The session is ICE-lite (a=ice-lite, or iceLite in mediasoup\'s transport parameters: a server that gathers host candidates only and never sends checks), and every one of its candidates is a private, loopback or link-local address. A client outside that network sends its checks there and nothing answers: the server runs in a container or behind a NAT without its public address configured.',
    action: 'Configure the address clients reach the server at: SRS\'s candidate, mediasoup\'s announcedAddress, Janus\' nat_1_1_mapping, pion\'s NAT1To1IPs, LiveKit\'s node_ip; or a TURN server for the clients.',
    reference: 'RFC 8445 §2.5 (lite agents have host candidates only)',
  },
  'only-mdns-hosts': {
    domain: 'log',
    title: 'Host addresses hidden behind mDNS names',
    description: 'Every host candidate is a .local name (the browser had no media permission or hides local IPs). Only a peer on the same link can resolve them; others need srflx or relay.',
    action: 'Expected in browsers; across networks make sure STUN and TURN work.',
    reference: 'draft-ietf-mmusic-mdns-ice-candidates; RFC 6762',
  },
  'only-tcp': {
    domain: 'log',
    title: 'Only TCP candidates',
    description: 'No UDP candidate at all. From a browser: UDP is blocked on its way out (the notes\' "protocol restriction"). From a server (an SFU, a media server): it is configured for TCP only. Media over TCP or TURN/TLS only either way, and a peer that offers UDP only cannot pair with it.',
    action: 'From a browser: offer TURN over TCP or TLS on 443, allow UDP if you can. From a server: enable its UDP ports, or make sure every client can do ICE-TCP or TURN over TCP.',
    reference: 'RFC 6544; RFC 8656',
  },
  'ipv6-only': {
    domain: 'log',
    title: 'IPv6 candidates only',
    description: 'No IPv4 candidate: an IPv4-only peer cannot pair with any of them.',
    action: 'Give the side an IPv4 path (a relay with an IPv4 address).',
    reference: 'RFC 8445 §6.1.2.2',
  },
  'duplicate-candidate': {
    domain: 'log',
    title: 'Candidate seen more than once',
    description: 'The same candidate (foundation, component, transport, address, port, type) arrived again in one session: a resend, or a log that records both sides.',
    action: 'Usually harmless; counts in the report are of distinct candidates.',
    reference: 'RFC 8838 §4',
  },
  'ice-restart': {
    domain: 'log',
    title: 'ICE restart',
    description: 'The same peer connection or sender started using a new ufrag: an ICE restart (or a new call on the same connection).',
    action: 'See what failed before it (the earlier session\'s candidates and pairs).',
    reference: 'RFC 8445 §9; RFC 8839 §4.4.1.1.1',
  },
  'candidate-after-end': {
    domain: 'log',
    title: 'A candidate after the end of candidates',
    description: 'A session\'s candidate came after its end-of-candidates (a null or empty candidate frame, a=end-of-candidates, a gathering state "complete"). The end says the agent sends no more candidates in that ICE session, and the peer\'s ICE may already have failed on the ones it had; a new candidate belongs to an ICE restart (a new ufrag). Or the end was not this side\'s: a page\'s own "iceGatheringState: complete" among the other side\'s candidates, in a log that names neither. Said once per session, at the first such candidate, and only of a session its ufrag names: without one, a later candidate may be an ICE restart\'s or another call\'s.',
    action: 'Send end-of-candidates only once gathering is over (onicecandidate with null), and forward it only for the side that gathered; if candidates keep coming, do not signal the end early.',
    reference: 'RFC 8838 §8.2; RFC 8840 §4.1',
  },
  'end-of-candidates-missing': {
    domain: 'log',
    title: 'No end-of-candidates',
    description: 'The session never signalled the end of gathering (a null candidate frame or a=end-of-candidates), so the peer cannot know gathering finished. Not said of a session whose description does not trickle (no a=ice-options:trickle) or is ICE-lite: its candidates are all in it (RFC 8838 §3, RFC 8445 §2.5).',
    action: 'Forward the null candidate (onicecandidate with candidate null) through the signaling.',
    reference: 'RFC 8838 §8.2; RFC 8840 §4.1',
  },
  'call-without-candidates': {
    domain: 'log',
    title: 'A call side with no candidate in the input',
    description: 'A call was recognised (an offer and its answer, a peer connection, two senders in a room) but one side, or both, has no candidate in the input, so no pair can be predicted. When candidates came for sessions that are in no call, the message names them: their ufrag is not the descriptions\' (candidates of an ICE generation before a restart, another call\'s, or a ufrag rewritten on the way). The notes\' own frame log is such a case (its SDPs and its trickled candidates come from different sessions).',
    action: 'Check that the candidates logged are this call\'s: the ufrag in each candidate (or its usernameFragment) must be the a=ice-ufrag of its side\'s description; log every onicecandidate and addIceCandidate.',
    reference: 'RFC 8838 §4 (trickled candidates belong to a generation); RFC 8839 §5.4',
  },
  'sessions-evicted': {
    domain: 'log',
    title: 'Sessions reported early to bound memory',
    description: 'More sessions were open at once than the limit; the least recently active ones were reported and dropped. Pairs between an evicted session and a later peer are not predicted.',
    action: 'Raise --max-sessions, or split the log by call.',
    reference: '-',
  },
});

function withSeverity(docs: { readonly [K in DiagnosticKind]: Omit<DiagnosticInfo, 'severity'> }): { readonly [K in DiagnosticKind]: DiagnosticInfo } {
  const out: Partial<Record<DiagnosticKind, DiagnosticInfo>> = {};
  for (const kind of Object.keys(docs) as DiagnosticKind[]) out[kind] = { ...docs[kind], severity: SEVERITY[kind] };
  return out as { readonly [K in DiagnosticKind]: DiagnosticInfo };
}

/** Builds a finding of `kind`: its severity from the table, its payload as given. */
export function diagnostic<K extends DiagnosticKind>(kind: K, message: string, payload: DiagnosticPayloads[K]): Diagnostic<K> {
  return { kind, severity: SEVERITY[kind], message, ...payload } as Diagnostic<K>;
}

/** Findings of one kind one text lists one by one; the rest are counted in a diagnostics-elided. */
export const MAX_FINDINGS_PER_KIND = 100;

/** Where findings go: push adds one (a parser's list, bounded per kind). */
export interface FindingSink<D extends Diagnostic> {
  push(d: D): void;
  /** True when `kind` is past its bound: the finding at `line` is counted, and need not be made (`rule`: a browser rule's, kept in the count's `rules`). */
  skip(kind: D['kind'], line: number | null, rule?: string): boolean;
}

/**
 * A sink into `into` that lists the first {@link MAX_FINDINGS_PER_KIND} findings of each kind and
 * counts the rest in one diagnostics-elided per kind (placed where the first elided one was).
 * Internal: parseSdp and the input readers use it, so that no input makes findings without bound.
 */
export function boundedFindings<D extends Diagnostic>(into: D[]): FindingSink<D> {
  const seen = new Map<DiagnosticKind, number>();
  const elided = new Map<DiagnosticKind, { count: number; lastLine: number | null; rules?: string[] }>();
  const count = (kind: DiagnosticKind, line: number | null, rule?: string): void => {
    const e = elided.get(kind);
    if (e) {
      e.count++;
      if (line !== null) e.lastLine = line;
      if (rule !== undefined && !(e.rules ??= []).includes(rule)) e.rules.push(rule);
      return;
    }
    // The message is read when wanted (a getter: JSON and spreads see a plain string).
    const first = { kind: 'diagnostics-elided' as const, severity: SEVERITY['diagnostics-elided'], line, column: null, mid: null, of: kind, count: 1, lastLine: line, get message(): string { return elisionMessage(this); } };
    if (rule !== undefined) (first as { rules?: string[] }).rules = [rule];
    elided.set(kind, first);
    into.push(first as Diagnostic as D);
  };
  return {
    push(d: D): void {
      const n = seen.get(d.kind) ?? 0;
      if (n < MAX_FINDINGS_PER_KIND || d.kind === 'diagnostics-elided') {
        seen.set(d.kind, n + 1);
        into.push(d);
      } else count(d.kind, 'line' in d ? d.line : null, 'rule' in d && typeof d.rule === 'string' ? d.rule : undefined);
    },
    skip(kind: DiagnosticKind, line: number | null, rule?: string): boolean {
      if ((seen.get(kind) ?? 0) < MAX_FINDINGS_PER_KIND) return false;
      count(kind, line, rule);
      return true;
    },
  };
}

function elisionMessage(e: Elision & { line: number | null }): string {
  const where = e.line === null ? '' : e.lastLine !== null && e.lastLine !== e.line ? ` (lines ${e.line} to ${e.lastLine})` : ` (line ${e.line})`;
  return `${e.count} more ${e.of} finding${e.count === 1 ? '' : 's'}${where}, counted, not listed (the first ${MAX_FINDINGS_PER_KIND} are)`;
}

/** No line, column or mid: a finding about a whole text. */
export const NOWHERE: LinePosition = { line: null, column: null, mid: null };

/** A candidate position from a line position (no session yet). */
export const atLine = (line: number | null, column: number | null = null, mid: string | null = null, file?: string): LinePosition => (file === undefined ? { line, column, mid } : { line, column, mid, file });
