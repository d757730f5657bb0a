/** sdpscope/node outside Node.js: every name of the Node entry, throwing NODE_ONLY when used (a promise rejecting with it where Node's returns one; see ../node-only.ts). */
import { nodeOnlyAsync as a, nodeOnlyFunction as f, nodeOnlyValue as v } from '../node-only.js';

export const readTextInput = a('node', 'readTextInput');
export const looksBinary = f('node', 'looksBinary');
export const detectEncoding = f('node', 'detectEncoding');
export const textBytes = f('node', 'textBytes');
export const scanStream = a('node', 'scanStream');
export const startRelay = a('node', 'startRelay');
export const RELAY_DEFAULTS = v('node', 'RELAY_DEFAULTS');
export const CLOSE = v('node', 'CLOSE');
export const runClient = a('node', 'runClient');
export const framesOf = f('node', 'framesOf');
export const probe = a('node', 'probe');
export const NODE_STUN_CRYPTO = v('node', 'NODE_STUN_CRYPTO');
