/** sdpscope: the browser-safe core. Node-only helpers are in `sdpscope/node`. */
export * from './errors';
export * from './diagnostics';
export type * from './sdp/model';
export { parseSdp, type ParseSdpOptions } from './sdp/parse';
export { writeSdp } from './sdp/write';
export { parseCandidate, tryParseCandidate, writeCandidate } from './candidate/candidate';
export type { Candidate, CandidateExtension, KnownCandidateType, TcpType } from './candidate/candidate';
export { decodePriority, encodePriority, formatPriorityParts, type PriorityParts } from './candidate/priority';
export { classifyAddress, type AddressClass, type AddressFamily, type AddressInfo } from './candidate/address';
export {
  explainCandidate,
  inferRelayProtocol,
  explainNetworkCost,
  explainLocalPreference,
  lintCandidate,
} from './candidate/explain';
export type {
  CandidateExplanation,
  RelayProtocol,
  RelayProtocolInference,
  RelayReading,
  Implementation,
  NetworkCostInfo,
  AdapterClass,
  LocalPreferenceInfo,
} from './candidate/explain';
export {
  readInput,
  readDescriptions,
  readCandidates,
  scanInput,
  walkJson,
  LineScanner,
  collectingSink,
  candidatesInDescription,
} from './input/read';
export type {
  SdpType,
  InputFormat,
  Source,
  FoundDescription,
  FoundCandidate,
  FoundEndOfCandidates,
  InputReport,
  InputSink,
} from './input/read';
export { negotiate, hasErrors } from './negotiation/negotiate';
export type {
  Negotiation,
  MediaNegotiation,
  MediaStatus,
  DirectionNegotiation,
  DtlsNegotiation,
  DtlsRole,
  IceSide,
  ExtensionNegotiation,
} from './negotiation/negotiate';
export { negotiateCodecs, sameCodec, describeCodec } from './negotiation/codecs';
export type { NegotiatedCodec, DroppedCodec, CodecNegotiation } from './negotiation/codecs';
export { NEGOTIATION_DIAGNOSTICS, type NegotiationCode, type NegotiationDiagnostic } from './negotiation/diagnostics';
export { diffDescriptions, type DescriptionDiff, type DescriptionChange, type ChangeKind } from './negotiation/diff';
export { pairFromOne, pairFromTwo, inferType, type DescriptionPair } from './input/pair';
export { CandidateAnalyzer, toRecord, callBetween } from './analysis/analyzer';
export type { AnalyzerOptions, AnalysisReport, CandidateRecord, CallReport, SessionReport, SessionCounts } from './analysis/analyzer';
export { NatEvidence, type NatVerdict, type NatMapping } from './analysis/nat';
export { predictPairs, pairPriority, type PredictedPair, type PairEnd } from './analysis/pairs';
export { LOG_DIAGNOSTICS, type LogDiagnostic, type LogDiagnosticCode } from './analysis/diagnostics';
export type { LineScannerOptions } from './input/read';
export { summarizeFrame, describeFrame, redactFrame, redactText, type FrameSummary, type MediaSummary } from './analysis/frame';
