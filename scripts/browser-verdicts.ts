/** npm run verdicts (root, Linux): asks Chromium and Firefox again and rewrites test/fixtures/verdicts/fingerprint.json. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { askFingerprintVerdicts } from '../src/lab/verdicts.js';

const path = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../test/fixtures/verdicts/fingerprint.json');
const v = await askFingerprintVerdicts();
const about = "Each browser's verdict on an answer whose a=fingerprint is replaced by each value, given to setRemoteDescription after the matching offer (two RTCPeerConnections with a data channel in one page, in the NAT lab's namespaces). Written by npm run verdicts (scripts/browser-verdicts.ts); test/e2e/verdicts.e2e.ts asks both browsers again on every run and requires the same verdicts.";
writeFileSync(path, JSON.stringify({ about, ...v }, null, 2) + '\n');
console.log(`updated ${path}`);
