/** sdpscope: the browser-safe core. Node-only helpers are in `sdpscope/node`. */
export * from './errors.js';
export * from './diagnostics.js';
export type * from './sdp/model.js';
export { parseSdp, type ParseSdpOptions } from './sdp/parse.js';
export { writeSdp } from './sdp/write.js';
export { parseCandidate, tryParseCandidate, writeCandidate } from './candidate/candidate.js';
export type { Candidate, CandidateExtension, KnownCandidateType, TcpType } from './candidate/candidate.js';
export { decodePriority, encodePriority, formatPriorityParts, type PriorityParts } from './candidate/priority.js';
export { classifyAddress, type AddressClass, type AddressFamily, type AddressInfo } from './candidate/address.js';
export {
  explainCandidate,
  inferRelayProtocol,
  explainNetworkCost,
  explainLocalPreference,
  lintCandidate,
} from './candidate/explain.js';
export type {
  CandidateExplanation,
  RelayProtocol,
  RelayProtocolInference,
  RelayReading,
  Implementation,
  NetworkCostInfo,
  AdapterClass,
  LocalPreferenceInfo,
} from './candidate/explain.js';
export {
  readInput,
  readDescriptions,
  readCandidates,
  scanInput,
  walkJson,
  LineScanner,
  collectingSink,
  candidatesInDescription,
} from './input/read.js';
export type {
  SdpType,
  InputFormat,
  Source,
  FoundDescription,
  FoundCandidate,
  FoundEndOfCandidates,
  InputReport,
  InputSink,
} from './input/read.js';
export { negotiate, hasErrors } from './negotiation/negotiate.js';
export type {
  Negotiation,
  MediaNegotiation,
  MediaStatus,
  DirectionNegotiation,
  DtlsNegotiation,
  DtlsRole,
  IceSide,
  ExtensionNegotiation,
} from './negotiation/negotiate.js';
export { negotiateCodecs, sameCodec, describeCodec } from './negotiation/codecs.js';
export type { NegotiatedCodec, DroppedCodec, CodecNegotiation } from './negotiation/codecs.js';
export { NEGOTIATION_DIAGNOSTICS, type NegotiationCode, type NegotiationDiagnostic } from './negotiation/diagnostics.js';
export { diffDescriptions, type DescriptionDiff, type DescriptionChange, type ChangeKind } from './negotiation/diff.js';
export { pairFromOne, pairFromTwo, inferType, type DescriptionPair } from './input/pair.js';
export { CandidateAnalyzer, toRecord, callBetween } from './analysis/analyzer.js';
export type { AnalyzerOptions, AnalysisReport, CandidateRecord, CallReport, SessionReport, SessionCounts } from './analysis/analyzer.js';
export { NatEvidence, type NatVerdict, type NatMapping } from './analysis/nat.js';
export { predictPairs, pairPriority, type PredictedPair, type PairEnd } from './analysis/pairs.js';
export { LOG_DIAGNOSTICS, type LogDiagnostic, type LogDiagnosticCode } from './analysis/diagnostics.js';
export type { LineScannerOptions } from './input/read.js';
export { summarizeFrame, describeFrame, redactFrame, redactText, type FrameSummary, type MediaSummary } from './analysis/frame.js';
