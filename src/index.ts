/**
 * sdpscope: the browser-safe core (no Node.js imports; the compiler enforces it). Node-only parts
 * are in `sdpscope/node` (files, streams, relay, client) and `sdpscope/lab` (the NAT lab).
 */
export { SdpscopeError, isSdpscopeError, ERROR_CODES, type ErrorCode, type ErrorInfo, type ErrorPosition, type SdpscopeErrorJson } from './errors.js';
export { DIAGNOSTICS, SEVERITY } from './diagnostics.js';
export { BROWSER_RULES, type BrowserRule } from './sdp/browser-rules.js';
export { BROWSER_RULE_FIXES, diagnosticAction } from './sdp/browser-rule-fixes.js';
export type * from './diagnostics.js';

// SDP
export type * from './sdp/model.js';
export { parseSdp, type ParseSdpOptions } from './sdp/parse.js';
export { writeSdp } from './sdp/write.js';

// ICE candidates
export { parseCandidate, tryParseCandidate, writeCandidate } from './candidate/candidate.js';
export type { Candidate, CandidateExtension, KnownCandidateType, TcpType } from './candidate/candidate.js';
export { decodePriority, encodePriority, formatPriorityParts, type PriorityParts } from './candidate/priority.js';
export { classifyAddress, isRedactionMarker, type AddressClass, type AddressFamily, type AddressInfo } from './candidate/address.js';
export { explainCandidate, inferRelayProtocol, explainNetworkCost, explainLocalPreference } from './candidate/explain.js';
export type {
  CandidateExplanation,
  CandidateFinding,
  RelayProtocol,
  RelayProtocolInference,
  RelayReading,
  Implementation,
  NetworkCostInfo,
  AdapterClass,
  LocalPreferenceInfo,
} from './candidate/explain.js';

// Finding SDPs and candidates in any input
export { readInput, readDescriptions, readCandidates, scanInput, collectingSink, type ScanOptions } from './input/read.js';
export type { SdpType, InputFormat, Source, FoundDescription, FoundCandidate, FoundEndOfCandidates, InputReport, InputSink } from './input/types.js';
export { pairFromOne, pairFromTwo, inferType, type DescriptionPair, type PairOptions } from './input/pair.js';

// Offer/answer
export { negotiate, hasErrors } from './negotiation/negotiate.js';
export { sideFindings } from './negotiation/one-side.js';
export type {
  Negotiation,
  MediaNegotiation,
  MediaStatus,
  DirectionNegotiation,
  DtlsNegotiation,
  DtlsRole,
  IceSide,
  ExtensionNegotiation,
  SimulcastNegotiation,
} from './negotiation/negotiate.js';
export type { NegotiatedCodec, DroppedCodec, CodecNegotiation } from './negotiation/codecs.js';
export { diffDescriptions, type DescriptionDiff, type DescriptionChange, type ChangeKind } from './negotiation/diff.js';

// Candidate logs
export { CandidateAnalyzer } from './analysis/analyzer.js';
export type { AnalyzerOptions, AnalysisReport, CandidateRecord, CallReport, SessionReport, SessionCounts, KeptCandidate } from './analysis/analyzer.js';
export type { NatVerdict, NatMapping } from './analysis/nat.js';
export { predictPairs, pairPriority, type PredictedPair, type PairEnd } from './analysis/pairs.js';

// Signaling frames
export { summarizeFrame, describeFrame, type FrameSummary, type MediaSummary } from './analysis/frame.js';
export { redactFrame, redactText } from './analysis/redact.js';

// STUN and TURN messages (RFC 8489, RFC 8656, RFC 5780): decode captured packets, build requests
export {
  decodeStunMessage,
  encodeStunMessage,
  isStunMessage,
  attribute as stunAttribute,
  readAddress as readStunAddress,
  readErrorCode as readStunErrorCode,
  readText as readStunText,
  checkIntegrity as checkStunIntegrity,
  checkFingerprint as checkStunFingerprint,
  longTermKey as stunLongTermKey,
  xorAddressValue as stunXorAddress,
  MAGIC_COOKIE as STUN_MAGIC_COOKIE,
  STUN_ATTRIBUTES,
  STUN_METHODS,
  type StunMessage,
  type StunAttribute,
  type StunAddress,
  type StunClass,
  type StunMethod,
  type StunCrypto,
  type StunMessageInput,
  type StunAttributeInput,
} from './stun/message.js';
export { classifyNat, directPath, pathTable, explainStunErrorCode, restExpiry, NAT_TYPES, NAT_TYPE_DESCRIPTIONS, type NatType, type NatBehavior, type NatProbeMapping, type NatObservations, type NatProbeVerdict, type PathVerdict, type Endpoint as StunEndpoint } from './stun/nat.js';
export { parseIceServerUri, type IceServerUri, type IceServerScheme, type IceServerTransport } from './stun/uri.js';
export { PROBE_ERRORS, type ProbeErrorCode } from './stun/server-check.js';

// Stats dumps: why ICE failed
export { readStatsDump, peerConnectionFromStats, type StatsSnapshot, type LiveStatsOptions, type StatsDump, type DumpFormat, type DumpEvent, type PeerConnectionDump, type StatsHistory, type StatsPoint } from './ice/dump.js';
export { explainIce, explainCandidateError, describePair, ICE_VERDICTS, type IceReport, type IceVerdict, type IceVerdictCode, type IceCandidateInfo, type IceCandidateError, type IcePairInfo, type IcePairState, type IceTimelineEntry, type IceTransportInfo } from './ice/explain.js';
