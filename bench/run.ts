/**
 * npm run bench: every benchmark, each against a named baseline in the same run, ratio printed.
 * Exit code 0 even on a MISS: targets are reported, not enforced (CI machines vary).
 */
import { runCandidatesBench } from './candidates.js';
import { runNegotiateBench } from './negotiate.js';
import { runParseBench } from './parse.js';
import { runRelayBench } from './relay.js';

const only = process.argv[2];
const benches: Record<string, () => boolean | Promise<boolean>> = {
  parse: runParseBench,
  negotiate: runNegotiateBench,
  candidates: runCandidatesBench,
  relay: runRelayBench,
};

console.log(`node ${process.version}, ${new Date().toISOString()}`);
async function main(): Promise<void> {
  let all = true;
  for (const [name, fn] of Object.entries(benches)) {
    if (only && only !== name) continue;
    console.log(`\n== ${name}`);
    all = (await fn()) && all;
  }
  console.log(all ? '\nall targets met' : '\nsome targets missed (see MISS above)');
}

void main();
