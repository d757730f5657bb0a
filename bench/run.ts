/**
 * npm run bench: every benchmark, each against a named baseline in the same run, ratio printed.
 * Exit code 0 even on a MISS: targets are reported, not enforced (CI machines vary).
 */
import { runNegotiateBench } from './negotiate';
import { runParseBench } from './parse';

const only = process.argv[2];
const benches: Record<string, () => boolean> = {
  parse: runParseBench,
  negotiate: runNegotiateBench,
};

console.log(`node ${process.version}, ${new Date().toISOString()}`);
let all = true;
for (const [name, fn] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n== ${name}`);
  all = fn() && all;
}
console.log(all ? '\nall targets met' : '\nsome targets missed (see MISS above)');
