/** sdpscope/node: the parts that need Node.js (files, standard input, streams, the relay and client, the NAT lab). */
export { readTextInput, looksBinary } from './files';
export { scanStream, type ScanStreamOptions, type StreamReport, type ReaderProblems } from './stream';
export { startRelay, RELAY_DEFAULTS, CLOSE, type Relay, type RelayOptions, type RelayLine, type RelayNotice } from './relay';
export { runClient, framesOf, type ClientOptions, type ClientResult, type ReceivedFrame } from './client';
export { runLabCall, selectedPair, LAB_RELAY_PORT, type LabCallOptions, type LabCallResult, type LabPeerResult, type LabCandidateStats, type LabMedia, type StatsEntry } from './lab/call';
export { verifyLabCall, runLabTools, LAB_CHECKS, type LabCheck, type LabCheckName, type LabToolReports } from './lab/verify';
export { createLab, sweepStaleLabs, NAT_KINDS, NAT_DESCRIPTIONS, type Lab, type LabHost, type LabSide, type NatKind, type LabOptions } from './lab/topology';
export { startCoturn, type Coturn } from './lab/coturn';
export { launchPeer, BROWSERS, type BrowserName, type LabPeer } from './lab/browsers';
