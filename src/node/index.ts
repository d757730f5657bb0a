/** sdpscope/node: helpers that need Node.js (files, standard input). */
export { readTextInput, looksBinary } from './files';
