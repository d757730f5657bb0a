/** sdpscope/node: helpers that need Node.js (files, standard input, streams). */
export { readTextInput, looksBinary } from './files';
export { scanStream, type ScanStreamOptions, type StreamReport, type ReaderProblems } from './stream';
