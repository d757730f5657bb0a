/**
 * npm run verdicts (root, Linux): asks Chromium and Firefox again and rewrites
 * test/fixtures/verdicts/fingerprint.json, candidates.json and mutations.json.gz.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { askCandidateVerdicts, askFingerprintVerdicts } from '../src/lab/verdicts.js';
import { askMutationVerdicts } from '../src/lab/sdp-verdicts.js';

const dir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../test/fixtures/verdicts');
const v = await askFingerprintVerdicts();
const about = "Each browser's verdict on an answer whose a=fingerprint is replaced by each value, given to setRemoteDescription after the matching offer (two RTCPeerConnections with a data channel in one page, in the NAT lab's namespaces). Written by npm run verdicts (scripts/browser-verdicts.ts); test/e2e/verdicts.e2e.ts asks both browsers again on every run and requires the same verdicts.";
writeFileSync(`${dir}/fingerprint.json`, JSON.stringify({ about, ...v }, null, 2) + '\n');
console.log(`updated ${dir}/fingerprint.json`);
const c = await askCandidateVerdicts();
const aboutC = "Each browser's verdict on each candidate line given to addIceCandidate (sdpMid of the data channel) on a peer connection whose offer and answer are set (two RTCPeerConnections in one page, in the NAT lab's namespaces). \"accepts\" is addIceCandidate resolving: Firefox resolves it even for \"candidate:x\" (its parser runs later, on another thread), so only Chromium's verdicts say what a browser reads. Written by npm run verdicts (scripts/browser-verdicts.ts); test/e2e/verdicts.e2e.ts asks again on every run and requires the same verdicts.";
writeFileSync(`${dir}/candidates.json`, JSON.stringify({ about: aboutC, ...c }, null, 2) + '\n');
console.log(`updated ${dir}/candidates.json`);
const m = await askMutationVerdicts(undefined, (l) => console.log(l));
const aboutM = "Each browser's verdict on a real offer or answer of its own, changed in one place (src/lab/sdp-mutations.ts): a changed answer given to setRemoteDescription after the offer it answers, a changed offer to a fresh peer connection (which then answers it). The texts are the ones the browser saw. Written by npm run verdicts (scripts/browser-verdicts.ts); test/e2e/verdicts.e2e.ts asks again on every run and requires the same verdicts.";
// Without the key order of the description text, one JSON line per case: diffs stay readable after gunzip.
writeFileSync(`${dir}/mutations.json.gz`, gzipSync(JSON.stringify({ about: aboutM, ...m }, null, 1) + '\n', { level: 9 }));
console.log(`updated ${dir}/mutations.json.gz`);
