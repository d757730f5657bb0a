/** sdpscope/lab outside Node.js: every name of the lab entry, throwing NODE_ONLY when used (a promise rejecting with it where Node's returns one; see ../node-only.ts). */
import { nodeOnlyAsync as a, nodeOnlyFunction as f, nodeOnlyValue as v } from '../node-only.js';

export const runLabCall = a('lab', 'runLabCall');
export const selectedPair = f('lab', 'selectedPair');
export const LAB_RELAY_PORT = v('lab', 'LAB_RELAY_PORT');
export const verifyLabCall = f('lab', 'verifyLabCall');
export const runLabTools = f('lab', 'runLabTools');
export const LAB_CHECKS = v('lab', 'LAB_CHECKS');
export const createLab = f('lab', 'createLab');
export const sweepStaleLabs = f('lab', 'sweepStaleLabs');
export const NAT_KINDS = v('lab', 'NAT_KINDS');
export const NAT_DESCRIPTIONS = v('lab', 'NAT_DESCRIPTIONS');
export const startCoturn = a('lab', 'startCoturn');
export const launchPeer = a('lab', 'launchPeer');
export const BROWSERS = v('lab', 'BROWSERS');
export const askFingerprintVerdicts = a('lab', 'askFingerprintVerdicts');
export const fingerprintCases = f('lab', 'fingerprintCases');
