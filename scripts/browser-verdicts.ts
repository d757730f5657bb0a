/**
 * npm run verdicts (root, Linux): asks Chromium and Firefox again and rewrites
 * test/fixtures/verdicts/fingerprint.json, candidates.json, mutations.json.gz and
 * foreign-offers.json.gz (`npm run verdicts -- foreign`: that one only).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { askCandidateVerdicts, askFingerprintVerdicts } from '../src/lab/verdicts.js';
import { askMutationVerdicts } from '../src/lab/sdp-verdicts.js';
import { askForeignCandidates, askForeignOffers, type ForeignOffer } from '../src/lab/foreign-verdicts.js';
import { gunzipSync } from 'node:zlib';
import { readInput } from '../src/input/read.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const dir = `${root}/test/fixtures/verdicts`;

/** Every file under `d`, in path order. */
const walk = (d: string): string[] => readdirSync(d).sort().flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));

/**
 * The offers of other stacks: every whole description that says it is an offer, or writes
 * a=setup:actpass, in the shared corpus's SDPs, the real samples of test/fixtures/threads,
 * sdp-diff-audit and offers, the browsers' offers as real munging code left them
 * (test/fixtures/munged), and samples/; each text once, in path order.
 */
function foreignOffers(): ForeignOffer[] {
  const seen = new Set<string>();
  const out: ForeignOffer[] = [];
  for (const d of ['../shared/corpus/sdp', 'test/fixtures/threads', 'test/fixtures/sdp-diff-audit', 'test/fixtures/offers', 'test/fixtures/munged', 'samples']) {
    for (const f of walk(join(root, d))) {
      if (/\.(?:gz|md)$/.test(f)) continue;
      for (const x of readInput(readFileSync(f, 'utf8')).descriptions) {
        if (x.description.fragment || seen.has(x.text)) continue;
        // test/fixtures/offers holds offers only (some older than a=setup).
        if (x.type !== 'offer' && !(x.type === null && (d === 'test/fixtures/offers' || /^a=setup:actpass\r?$/m.test(x.text)))) continue;
        seen.add(x.text);
        const path = relative(root, f).replace(/^\.\.\/shared\//, 'shared/');
        out.push({ id: `${path}:${x.source.line}`, sdp: x.text });
      }
    }
  }
  return out;
}

/**
 * The candidate lines of the shared corpus's candidate logs and SDPs and of the real log samples
 * (test/fixtures/logs, threads, candidates), read as sdpscope reads them, each once, without "a=" (as trickled).
 */
function foreignCandidates(): { line: string; id: string }[] {
  const seen = new Map<string, string>();
  for (const d of ['../shared/corpus/candidates', '../shared/corpus/sdp', 'test/fixtures/logs', 'test/fixtures/threads', 'test/fixtures/candidates']) {
    for (const f of walk(join(root, d))) {
      if (f.endsWith('.md')) continue;
      const bytes = readFileSync(f);
      const text = (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
      for (const c of readInput(text).candidates) {
        const line = c.text.replace(/^a=/, '');
        if (!line.includes('\n') && !line.includes('\r') && !seen.has(line)) seen.set(line, `${relative(root, f).replace(/^\.\.\/shared\//, 'shared/')}:${c.source.line}`);
      }
    }
  }
  return [...seen].map(([line, id]) => ({ line, id }));
}

if (process.argv.includes('foreign')) {
  await writeForeign();
  process.exit(0);
}

async function writeForeign(): Promise<void> {
  const f = await askForeignOffers(foreignOffers(), (l) => console.log(l));
  const aboutF = "Each browser's verdict on an offer made by another stack (the shared corpus's SDPs, the real samples of test/fixtures/threads and sdp-diff-audit, samples/; each id is its file and line), given as it is to a fresh RTCPeerConnection's setRemoteDescription, then createAnswer (not set). Written by npm run verdicts (scripts/browser-verdicts.ts); test/sdp/foreign-offers.test.ts holds sdpscope parse to it, and test/e2e/verdicts.e2e.ts asks again on every run and requires the same verdicts.";
  writeFileSync(`${dir}/foreign-offers.json.gz`, gzipSync(JSON.stringify({ about: aboutF, ...f }, null, 1) + '\n', { level: 9 }));
  console.log(`updated ${dir}/foreign-offers.json.gz`);
  const c = await askForeignCandidates(foreignCandidates(), (l) => console.log(l));
  const aboutC = "Each browser's verdict on each candidate line of the shared corpus's candidate logs and SDPs and of the real log samples (test/fixtures/logs, threads; each id is where it was first found), without \"a=\", given to addIceCandidate on a peer connection whose remote offer alone is set (no local description: no gathering, no check). Only Chromium's verdicts say what a browser reads: Firefox resolves addIceCandidate for any line. Written by npm run verdicts (scripts/browser-verdicts.ts); test/candidate/foreign-candidates.test.ts holds sdpscope to it, test/e2e/verdicts.e2e.ts asks again on every run.";
  writeFileSync(`${dir}/foreign-candidates.json.gz`, gzipSync(JSON.stringify({ about: aboutC, ...c }, null, 1) + '\n', { level: 9 }));
  console.log(`updated ${dir}/foreign-candidates.json.gz`);
}
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
await writeForeign();
