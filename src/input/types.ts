/**
 * What the readers find and where: the types every reader (JSON walk, webrtc-internals dumps,
 * line scanner, text scan) produces, and the sink they hand their findings to.
 */
import type { Candidate } from '../candidate/candidate.js';
import type { CandidateExplanation } from '../candidate/explain.js';
import type { InputDiagnostic, NegotiationDiagnostic } from '../diagnostics.js';
import type { ErrorInfo } from '../errors.js';
import type { SessionDescription } from '../sdp/model.js';

/** RTCSdpType. */
export type SdpType = 'offer' | 'answer' | 'pranswer' | 'rollback';

/** How the item was found. */
export type InputFormat = 'sdp' | 'sdp-fragment' | 'json' | 'webrtc-internals' | 'text';

export interface Source {
  /** 1-based line of the input where the item (or the JSON value holding it) starts. */
  readonly line: number;
  /** The file it was read from, when a reader was given several. */
  readonly file?: string;
  /**
   * For a candidate of an SDP that the input holds within one of its lines (a JSON string, an
   * escaped SDP in a log line): its 1-based line in that SDP (`line` is the input's line). An SDP
   * written out over the input's lines has none: `line` is then the candidate's own.
   */
  readonly sdpLine?: number;
  readonly format: InputFormat;
  /** Where in the JSON value: `$.PeerConnections["8-1"].updateLog[7].value`. */
  readonly path?: string;
  /** webrtc-internals peer connection id ("8-1"). */
  readonly peerConnection?: string;
  /** webrtc-internals event ("setLocalDescriptionOnSuccess", "onicecandidate", "addIceCandidate") or the signaling frame's type. */
  readonly event?: string;
  /** The time the log gives the item (a number in ms, or the text as written). */
  readonly timestamp?: number | string;
  /** Who sent the frame, where the log says (relay logs: "from"). */
  readonly sender?: string;
  /** The relay room, where the log says. */
  readonly room?: string;
  /**
   * webrtc-internals: the browser's error when the setLocalDescription or setRemoteDescription this
   * description was given to failed (its …OnFailure event after it), as the dump logs it.
   */
  readonly refusedWith?: string;
}

export interface FoundDescription {
  /** offer/answer/pranswer/rollback from the surrounding object or event; null when nothing says. */
  readonly type: SdpType | null;
  /** The SDP text exactly as found (after JSON unescaping). */
  readonly text: string;
  readonly description: SessionDescription;
  /**
   * What the description breaks as the offer or answer `type` says it is (sideFindings: an offer
   * without a=setup, which Firefox refuses; an answer saying a=setup:actpass, which both refuse);
   * empty when no type is stated (or rollback), or for a fragment. A pair's other findings are negotiate()'s.
   */
  readonly typeFindings: readonly NegotiationDiagnostic[];
  readonly source: Source;
}

/**
 * A candidate a reader found: parsed (`candidate` and `explanation` set, `error` null) or
 * rejected (`error` set, the other two null). A union, so that checking one narrows the others
 * (library audit: `if (f.candidate)` left `f.explanation` possibly null).
 */
export type FoundCandidate = FoundCandidateFields & (ParsedCandidateFields | RejectedCandidateFields);

/** A found candidate that parsed. */
export interface ParsedCandidateFields {
  readonly candidate: Candidate;
  /** Null: it parsed. */
  readonly error: null;
  /** explainCandidate(candidate), derived once where the candidate was found. */
  readonly explanation: CandidateExplanation;
}

/** A found candidate that was rejected. */
export interface RejectedCandidateFields {
  /** Null: the text was rejected, see `error`. */
  readonly candidate: null;
  /** Why the text was rejected, as plain data (its `column` counts in `text`). */
  readonly error: ErrorInfo;
  readonly explanation: null;
}

/** What every found candidate has, parsed or rejected. */
export interface FoundCandidateFields {
  /** The candidate text as found. */
  readonly text: string;
  /** RTCIceCandidateInit.sdpMid, or the mid of the m-section it was in. */
  readonly sdpMid: string | null;
  readonly sdpMLineIndex: number | null;
  /** RTCIceCandidateInit.usernameFragment, or the ice-ufrag of its m-section. */
  readonly usernameFragment: string | null;
  /** True when it came out of an SDP (a=candidate), false for trickled ones. */
  readonly inDescription: boolean;
  readonly source: Source;
  /**
   * The side the words just before it on its log line give it: `local candidate: …`,
   * `onIceCandidate …` (local), `remote candidate=…`, `addIceCandidate …` (remote). The analyzer
   * places a candidate by it only where nothing else does (no ufrag, no peer connection, no
   * sender). Not part of a Source.
   */
  readonly side?: 'local' | 'remote';
  /**
   * The list it came in says its agent is ICE-lite (mediasoup's transport parameters,
   * `iceParameters.iceLite`): host candidates only, all given at once (RFC 8445 §2.5). Not part
   * of a Source.
   */
  readonly iceLite?: true;
}

/** A trickle end-of-candidates signal: a frame whose candidate is null or "". */
export interface FoundEndOfCandidates {
  readonly sdpMid: string | null;
  /**
   * The generation it ends: the RTCIceCandidateInit's usernameFragment (W3C webrtc-pc; RFC 8838
   * §8.2: end-of-candidates is per generation), when the frame has one.
   */
  readonly usernameFragment?: string | null;
  readonly source: Source;
}

export interface InputReport {
  readonly descriptions: FoundDescription[];
  readonly candidates: FoundCandidate[];
  readonly endOfCandidates: FoundEndOfCandidates[];
  readonly problems: InputDiagnostic[];
}

/** Receives what a scan finds, as it finds it. */
export interface InputSink {
  description(found: FoundDescription): void;
  candidate(found: FoundCandidate): void;
  endOfCandidates(found: FoundEndOfCandidates): void;
  problem(problem: InputDiagnostic): void;
}

/** Where a walk is: the Source so far, and the type of the frame around it. Internal to the readers. */
export interface WalkContext extends Source {
  readonly frameType?: string;
  /**
   * Sender and room come from a relay log record (`{time, room, from, to, frame}`): the frame's
   * own `from`, `sender` or `room` keys do not change them (a client could otherwise claim to be
   * another; pages audit). Not part of a Source.
   */
  readonly pinned?: true;
  /**
   * The ufrags of the local and remote SDPs an object holds beside its lists of candidates:
   * Janus's admin API handle info (`sdps.local`, `sdps.remote`; its `local-candidates` and
   * `remote-candidates`) and Firefox's about:webrtc report (`sdpHistory`; its
   * `rawLocalCandidates`, `rawRemoteCandidates`). Candidates audit: each list had been a
   * "no ufrag" session. Not part of a Source.
   */
  readonly sideUfrags?: { readonly local: string | null; readonly remote: string | null };
}
