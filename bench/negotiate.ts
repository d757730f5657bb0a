/**
 * negotiate() on a 500-m-line offer/answer (target < 50 ms and linear: 500 m-lines take about
 * twice 250), and sdp-diff's cold start against `node -e 0` in the same run (target ≤ 2×).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { negotiate, parseSdp } from '../src/index.js';
import { fmt } from './harness.js';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const ROOT = resolve(__dirname, '../..');

function seed(kind: 'offer' | 'answer'): string {
  return (JSON.parse(readFileSync(resolve(ROOT, `samples/${kind}.json`), 'utf8')) as Record<string, { sdp: string }>)[kind]!.sdp;
}

/** The seed description with its audio and video m-sections repeated to `count` m-lines. */
export function manyMlines(kind: 'offer' | 'answer', count: number): string {
  const sdp = seed(kind);
  const head = sdp.slice(0, sdp.indexOf('m=audio'));
  const audio = sdp.slice(sdp.indexOf('m=audio'), sdp.indexOf('m=video'));
  const video = sdp.slice(sdp.indexOf('m=video'));
  const sections: string[] = [];
  for (let i = 0; i < count; i++) sections.push((i % 2 === 0 ? audio : video).replace(/a=mid:[01]\r\n/, `a=mid:${i}\r\n`));
  return head.replace('a=group:BUNDLE 0 1', `a=group:BUNDLE ${[...Array(count).keys()].join(' ')}`) + sections.join('');
}

function timeNegotiate(count: number): number {
  const offer = parseSdp(manyMlines('offer', count));
  const answer = parseSdp(manyMlines('answer', count));
  for (let i = 0; i < 3; i++) negotiate(offer, answer);
  const runs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    negotiate(offer, answer);
    runs.push(performance.now() - t0);
  }
  return runs.sort((a, b) => a - b)[7]!;
}

function coldStart(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export function runNegotiateBench(): boolean {
  timeNegotiate(500); // warm the JIT on both sizes before measuring either
  const t250 = timeNegotiate(250);
  const t500 = timeNegotiate(500);
  const linear = t500 / t250;
  const fast = t500 < 50;
  console.log(`negotiate, 500 m-lines: ${t500.toFixed(2)} ms median (target < 50 ms) ${fast ? 'PASS' : 'MISS'}; 250 m-lines ${t250.toFixed(2)} ms → ×${linear.toFixed(2)} for twice the m-lines (linear ≈ 2) ${linear < 3 ? 'PASS' : 'MISS'}`);

  // Interleave the two commands so machine drift hits both.
  const base: number[] = [];
  const diff: number[] = [];
  for (let i = 0; i < 5; i++) {
    base.push(coldStart(['-e', '0'], 4));
    diff.push(coldStart(['dist/bin/sdp-diff.js', 'samples/offer.json', 'samples/answer.json'], 4));
  }
  const b = base.sort((x, y) => x - y)[2]!;
  const d = diff.sort((x, y) => x - y)[2]!;
  const ratio = d / b;
  console.log(`sdp-diff cold start: ${fmt(d)} ms vs node -e 0 ${fmt(b)} ms → ${ratio.toFixed(2)}× (target ≤ 2×) ${ratio <= 2 ? 'PASS' : 'MISS'}`);
  return fast && linear < 3 && ratio <= 2;
}
