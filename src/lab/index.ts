/**
 * sdpscope/lab: the NAT lab (Linux, root): network namespaces with NAT routers, coturn, the relay
 * and real browsers (Debian's Chromium through playwright-core, an optional peer dependency that
 * scripts/lab-setup.sh installs; Firefox ESR over WebDriver BiDi), a call through them, and the
 * checks of sdpscope's reading against the browsers' own.
 */
export { runLabCall, selectedPair, LAB_RELAY_PORT, type LabCallOptions, type LabCallResult, type LabPeerResult, type LabCandidateStats, type LabMedia, type StatsEntry } from './call.js';
export { verifyLabCall, runLabTools, LAB_CHECKS, type LabCheck, type LabCheckName, type LabToolReports } from './verify.js';
export { createLab, sweepStaleLabs, NAT_KINDS, NAT_DESCRIPTIONS, type Lab, type LabHost, type LabSide, type NatKind, type LabOptions } from './topology.js';
export { startCoturn, type Coturn } from './coturn.js';
export { launchPeer, BROWSERS, type BrowserName, type LabPeer } from './browsers.js';
export { askFingerprintVerdicts, fingerprintCases, type Verdicts } from './verdicts.js';
