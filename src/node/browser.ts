/** sdpscope/node outside Node.js: every name of the Node entry, throwing NODE_ONLY when used (see ../node-only.ts). */
import { nodeOnlyFunction as f, nodeOnlyValue as v } from '../node-only.js';

export const readTextInput = f('node', 'readTextInput');
export const looksBinary = f('node', 'looksBinary');
export const scanStream = f('node', 'scanStream');
export const startRelay = f('node', 'startRelay');
export const RELAY_DEFAULTS = v('node', 'RELAY_DEFAULTS');
export const CLOSE = v('node', 'CLOSE');
export const runClient = f('node', 'runClient');
export const framesOf = f('node', 'framesOf');
