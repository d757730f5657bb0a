/**
 * The SDP model. A description is its lines, in order, each typed (the writer walks them and
 * gives back the exact text), plus views built from them at parse time (media kind, codecs,
 * ICE, DTLS...) for reading. Views are plain data: edit `lines`, then parse again to refresh them.
 */
import type { Candidate, Verbatim } from '../candidate/candidate.js';
import type { CandidateExplanation } from '../candidate/explain.js';
import type { ParseDiagnostic } from '../diagnostics.js';
import type { ErrorInfo } from '../errors.js';

export type { Verbatim };

/** RFC 3264 §5.1 / RFC 8866 §6.7 media direction. */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
/** RFC 8842 §5.2 / RFC 4145 §4 DTLS role attribute. */
export type Setup = 'actpass' | 'active' | 'passive' | 'holdconn';

/** o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address> (RFC 8866 §5.2). */
export interface Origin {
  readonly username: string;
  /** sess-id: a numeric string up to 2^63; kept as a string, never a number. */
  readonly sessionId: string;
  /** sess-version, as a string. */
  readonly sessionVersion: string;
  readonly netType: string;
  readonly addressType: string;
  readonly address: string;
}

/** c=<nettype> <addrtype> <connection-address> (RFC 8866 §5.7); the address keeps any /ttl/count. */
export interface Connection {
  readonly netType: string;
  readonly addressType: string;
  readonly address: string;
}

/** b=<bwtype>:<bandwidth> (RFC 8866 §5.8): AS and CT in kbit/s, TIAS in bit/s (RFC 3890). */
export interface Bandwidth {
  readonly type: string;
  readonly bandwidth: number;
}

/** t=<start-time> <stop-time> (RFC 8866 §5.9), as strings (NTP seconds can pass 2^32). */
export interface Timing {
  readonly start: string;
  readonly stop: string;
}

/** m=<media> <port>[/<number of ports>] <proto> <fmt> ... (RFC 8866 §5.14). */
export interface MediaLine {
  /** "audio" | "video" | "application" | "text" | "message", or another token. */
  readonly kind: string;
  /** 0 rejects the m-section (RFC 3264 §6); 9 is the discard port JSEP uses. */
  readonly port: number;
  readonly portCount: number | null;
  /** e.g. "UDP/TLS/RTP/SAVPF", "UDP/DTLS/SCTP", "DTLS/SCTP", "RTP/SAVPF". */
  readonly protocol: string;
  /** Payload types (RTP) or formats ("webrtc-datachannel", "5000"), as written, in preference order. */
  readonly formats: readonly string[];
}

/** a=group:<semantics> *(SP <mid>) (RFC 5888 §5; BUNDLE per RFC 8843). */
export interface Group {
  readonly semantics: string;
  readonly mids: readonly string[];
}

/** a=msid-semantic: <semantic> [identifiers] (pre-RFC 8830 WebRTC, e.g. "WMS"). */
export interface MsidSemantic {
  readonly semantic: string;
  readonly identifiers: readonly string[];
}

/** a=fingerprint:<hash-func> <fingerprint> (RFC 8122 §5). */
export interface Fingerprint {
  /** As written, e.g. "sha-256" (compare lower-cased). */
  readonly algorithm: string;
  /** Upper-case hex pairs separated by ":" as usually written. */
  readonly value: string;
}

/** a=extmap:<id>[/<direction>] <URI> [<extension attributes>] (RFC 8285 §8). */
export interface Extmap {
  readonly id: number;
  readonly direction: Direction | null;
  readonly uri: string;
  readonly attributes: string | null;
}

/** a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>] (RFC 8866 §6.6). */
export interface RtpMap {
  readonly payloadType: number;
  readonly encodingName: string;
  readonly clockRate: number;
  /** Audio channels; null when not written (which means 1). */
  readonly channels: number | null;
}

/** One fmtp parameter: `name=value`, or a bare token (`0-15`, `111/111`) with name null. */
export interface FmtpParameter {
  readonly name: string | null;
  readonly value: string;
}

/** a=fmtp:<format> <format specific parameters> (RFC 8866 §6.15), parameters in order. */
export interface Fmtp {
  /** The format as written: an RTP payload type or e.g. "5000". */
  readonly format: string;
  readonly parameters: readonly FmtpParameter[];
}

/** a=rtcp-fb:<pt|*> <type> [<parameters>] (RFC 4585 §4.2). */
export interface RtcpFb {
  /** A payload type as written, or "*" for all. */
  readonly format: string;
  /** "nack", "ccm", "goog-remb", "transport-cc", "trr-int", ... */
  readonly type: string;
  /** What follows the type: "pli", "fir", "100", or null. */
  readonly parameter: string | null;
}

/** a=rtcp:<port> [<nettype> <addrtype> <connection-address>] (RFC 3605 §2.1). */
export interface Rtcp {
  readonly port: number;
  readonly netType: string | null;
  readonly addressType: string | null;
  readonly address: string | null;
}

/** a=ssrc:<ssrc-id> <attribute>[:<value>] (RFC 5576 §4.1). */
export interface Ssrc {
  /** 32-bit SSRC as a string. */
  readonly ssrc: string;
  /** "cname", "msid", "mslabel", "label", ... */
  readonly attribute: string;
  readonly value: string | null;
}

/** a=ssrc-group:<semantics> *(SP <ssrc-id>) (RFC 5576 §4.2): FID (RTX), FEC-FR, SIM. */
export interface SsrcGroup {
  readonly semantics: string;
  readonly ssrcs: readonly string[];
}

/** a=msid:<stream id> [<track id>] (RFC 8830 §2). */
export interface Msid {
  readonly streamId: string;
  readonly trackId: string | null;
}

/** a=rid:<rid-id> <send|recv> [<params>] (RFC 8851 §4). */
export interface Rid {
  readonly id: string;
  readonly direction: 'send' | 'recv';
  /** "pt=96;max-width=1280", as written, or null. */
  readonly params: string | null;
}

/** a=simulcast:<send|recv> <streams> [<recv|send> <streams>] (RFC 8853 §5.1), streams as written. */
export interface Simulcast {
  readonly send: string | null;
  readonly recv: string | null;
}

/** a=sctpmap:<port> <protocol> [<streams>] (draft-ietf-mmusic-sctp-sdp-05, before RFC 8841). */
export interface Sctpmap {
  readonly port: number;
  readonly protocol: string;
  readonly streams: number | null;
}

/** The value each modeled attribute name reads into. Flags (no value) read into `null`. */
export interface AttributeValues {
  'group': Group;
  'msid-semantic': MsidSemantic;
  'ice-lite': null;
  'ice-ufrag': string;
  'ice-pwd': string;
  'ice-options': readonly string[];
  'fingerprint': Fingerprint;
  'setup': Setup;
  'mid': string;
  'extmap': Extmap;
  'extmap-allow-mixed': null;
  'sendrecv': null;
  'sendonly': null;
  'recvonly': null;
  'inactive': null;
  'rtpmap': RtpMap;
  'fmtp': Fmtp;
  'rtcp-fb': RtcpFb;
  'rtcp': Rtcp;
  'rtcp-mux': null;
  'rtcp-rsize': null;
  'ssrc': Ssrc;
  'ssrc-group': SsrcGroup;
  'msid': Msid;
  'rid': Rid;
  'simulcast': Simulcast;
  'sctp-port': number;
  'max-message-size': number;
  'sctpmap': Sctpmap;
  'bundle-only': null;
  'candidate': Candidate;
  'end-of-candidates': null;
  'ptime': number;
  'maxptime': number;
}

export type AttributeName = keyof AttributeValues;

interface LineBase {
  /** 1-based line number in the parsed text. */
  readonly line: number;
  /** This line's ending, only where it differs from the description's `eol` (`"\r"`: a last line cut between its CR and LF). */
  readonly eol?: string;
  /** The text as read, only where it differs from the canonical spelling of the fields. */
  readonly verbatim?: Verbatim;
}

/** A modeled attribute line. */
export type AttributeLine = {
  [K in AttributeName]: LineBase & { readonly kind: 'attribute'; readonly name: K; readonly value: AttributeValues[K] };
}[AttributeName];

/** An attribute sdpscope does not model (or whose value did not read), kept as written. */
export interface OtherAttributeLine extends LineBase {
  readonly kind: 'other-attribute';
  readonly name: string;
  /** The text after the first ":", or null for a flag. */
  readonly value: string | null;
  /** Why a modeled attribute was not read, where its reader rejected it with an error (a=candidate): the error as plain data. */
  readonly rejection?: ErrorInfo;
}

/** v=, s=, i=, u=, e=, p=, r=, z=, k= and unknown letters: kept as text. */
export interface FieldLine extends LineBase {
  readonly kind: 'field';
  readonly letter: string;
  readonly value: string;
}

export interface OriginLine extends LineBase { readonly kind: 'origin'; readonly value: Origin }
export interface ConnectionLine extends LineBase { readonly kind: 'connection'; readonly value: Connection }
export interface BandwidthLine extends LineBase { readonly kind: 'bandwidth'; readonly value: Bandwidth }
export interface TimingLine extends LineBase { readonly kind: 'timing'; readonly value: Timing }
export interface MediaLineNode extends LineBase { readonly kind: 'media'; readonly value: MediaLine }

/** A line that is not `<letter>=<value>` (blank, garbage): kept as written. */
export interface InvalidLine extends LineBase {
  readonly kind: 'invalid';
  readonly text: string;
}

export type SdpLine =
  | AttributeLine
  | OtherAttributeLine
  | FieldLine
  | OriginLine
  | ConnectionLine
  | BandwidthLine
  | TimingLine
  | MediaLineNode
  | InvalidLine;

/** A codec of an m-section: rtpmap + fmtp + rtcp-fb for one payload type, in m-line order. */
export interface Codec {
  readonly payloadType: number;
  /** Encoding name as written ("opus", "VP8", "H264", "rtx", "red", "ulpfec", "telephone-event"). */
  readonly name: string;
  /** Hz; null only for a dynamic payload type with no rtpmap. */
  readonly clockRate: number | null;
  /** Audio channels as written in rtpmap; null when absent. */
  readonly channels: number | null;
  /** Format parameters in order, bare tokens kept ("0-15", "111/111"). */
  readonly parameters: readonly FmtpParameter[];
  /** rtcp-fb lines for this payload type and for "*", in order. */
  readonly feedback: readonly RtcpFb[];
  /** True for a static payload type (RFC 3551 §6) read from its number, without rtpmap. */
  readonly static: boolean;
  /** Line numbers of its rtpmap / fmtp lines (null when absent). */
  readonly rtpmapLine: number | null;
  readonly fmtpLine: number | null;
}

/** A candidate found in an m-section (or at session level), with its line number and what it says. */
export interface MediaCandidate {
  readonly line: number;
  readonly candidate: Candidate;
  /** explainCandidate(candidate), derived once at parse time. */
  readonly explanation: CandidateExplanation;
}

export interface IceParameters {
  /** a=ice-ufrag (RFC 8839 §5.4): media level, else session level; null when absent. */
  readonly ufrag: string | null;
  /** a=ice-pwd (RFC 8839 §5.4): media level, else session level; null when absent. */
  readonly pwd: string | null;
  /**
   * a=ice-options tokens ("trickle", "ice2", "renomination"; RFC 8839 §5.6): the session's, then
   * the m-section's, each once, as libwebrtc appends an m-section's options to the session's
   * (SFU-pairs audit: mediasoup's session "ice2" was lost beside its media "renomination").
   */
  readonly options: readonly string[];
  /** Where ufrag/pwd came from. */
  readonly source: 'media' | 'session' | 'none';
}

export interface MediaDescription {
  /** 0-based index among m-sections (JSEP "m-line index", sdpMLineIndex). */
  readonly index: number;
  /** Lines of this m-section, starting with its m= line. */
  readonly lines: readonly SdpLine[];
  readonly kind: string;
  readonly port: number;
  readonly portCount: number | null;
  readonly protocol: string;
  readonly formats: readonly string[];
  /** c= of the section, else of the session. */
  readonly connection: Connection | null;
  readonly bandwidths: readonly Bandwidth[];
  /** a=mid (RFC 8843 §... / RFC 5888 §4), null when absent. */
  readonly mid: string | null;
  /** Declared direction of the section, else of the session, else sendrecv (RFC 3264 §5.1). */
  readonly direction: Direction;
  /** Whether the direction was written in the section, the session, or defaulted. */
  readonly directionSource: 'media' | 'session' | 'default';
  readonly ice: IceParameters;
  /** a=fingerprint lines of the section, else of the session (RFC 8122 §5). */
  readonly fingerprints: readonly Fingerprint[];
  /** a=setup of the section, else of the session (RFC 8842 §5.2). */
  readonly setup: Setup | null;
  readonly rtcpMux: boolean;
  readonly rtcpRsize: boolean;
  readonly rtcp: Rtcp | null;
  readonly codecs: readonly Codec[];
  /** a=extmap lines of the section, else of the session (RFC 8285 §8: either level; the browsers read both). */
  readonly extmaps: readonly Extmap[];
  readonly ssrcs: readonly Ssrc[];
  readonly ssrcGroups: readonly SsrcGroup[];
  readonly msids: readonly Msid[];
  readonly rids: readonly Rid[];
  readonly simulcast: Simulcast | null;
  /**
   * a=sctp-port (RFC 8841 §5.2); else, in the legacy form (`DTLS/SCTP 5000`,
   * draft-ietf-mmusic-sctp-sdp-05), the m= line's format, where Chromium reads the port
   * (webrtc_sdp.cc ignores a=sctpmap); else a legacy a=sctpmap's port.
   */
  readonly sctpPort: number | null;
  /** a=max-message-size (RFC 8841 §6): the largest message this side receives; 0 is no limit; null when absent (which means 64 KiB). */
  readonly maxMessageSize: number | null;
  readonly sctpmap: Sctpmap | null;
  /** a=bundle-only (RFC 8843 §6). */
  readonly bundleOnly: boolean;
  readonly candidates: readonly MediaCandidate[];
  /** a=end-of-candidates (RFC 8840 §8.2), in the section or the session. */
  readonly endOfCandidates: boolean;
  readonly ptime: number | null;
  readonly maxptime: number | null;
}

export interface SessionDescription {
  /** Lines before the first m= line (v=, o=, s=, t=, session attributes). */
  readonly lines: readonly SdpLine[];
  readonly media: readonly MediaDescription[];
  /** The line ending of the first line ("\r\n" or "\n"); others that differ carry their own. */
  readonly eol: string;
  /** Whether the last line ends with a line ending. */
  readonly finalEol: boolean;
  /** Whether the text started with a byte order mark (U+FEFF), which the writer gives back. */
  readonly bom: boolean;
  /** True when the text had neither a v= nor an o= line first (a pasted fragment of a=/m= lines); a description from o= whose v= alone is lost is not one (missing-line says so). */
  readonly fragment: boolean;
  readonly version: string | null;
  readonly origin: Origin | null;
  readonly sessionName: string | null;
  readonly timing: Timing | null;
  readonly connection: Connection | null;
  readonly groups: readonly Group[];
  /** mids of the first a=group:BUNDLE, or null when there is none (RFC 8843). */
  readonly bundle: readonly string[] | null;
  /** mids of every a=group:BUNDLE, in order: a description may have several (RFC 8843 §7; Chromium makes and takes them). */
  readonly bundleGroups: readonly (readonly string[])[];
  readonly iceLite: boolean;
  readonly iceUfrag: string | null;
  readonly icePwd: string | null;
  readonly iceOptions: readonly string[];
  readonly fingerprints: readonly Fingerprint[];
  readonly setup: Setup | null;
  readonly direction: Direction | null;
  readonly extmapAllowMixed: boolean;
  readonly msidSemantic: MsidSemantic | null;
  /** a=candidate lines at session level (outside any m-section): rare, kept apart. */
  readonly candidates: readonly MediaCandidate[];
  /**
   * a=end-of-candidates at session level (RFC 8840 §8.2: it then applies to every m-section; also
   * how a trickled a= fragment without m= ends its candidates).
   */
  readonly endOfCandidates: boolean;
  /** Findings of the parser (invalid lines, attribute syntax, candidate problems). */
  readonly diagnostics: readonly ParseDiagnostic[];
}
