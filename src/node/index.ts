/** sdpscope/node: the parts that need Node.js: files and standard input, streams, the signaling relay and client. */
export { readTextInput, looksBinary, detectEncoding, textBytes, type InputEncoding } from './files.js';
export { scanStream, type ScanStreamOptions, type StreamReport } from './stream.js';
export { startRelay, RELAY_DEFAULTS, CLOSE, type Relay, type RelayEndpoint, type RelayOptions, type RelayLine, type RelayNotice } from './relay/index.js';
export { runClient, framesOf, type ClientOptions, type ClientResult, type ReceivedFrame } from './client.js';
export { probe, NODE_STUN_CRYPTO, type ProbeOptions, type ProbeReport, type ProbeServer, type ProbeServerResult, type ProbeError } from './probe.js';
