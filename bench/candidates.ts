/**
 * sdpscope's candidate-log analysis against a naive baseline on a generated 1M-line mixed log
 * (~200 MB), same run; throughput ratio (target ≥ 5×) and peak RSS (target < 150 MB at any
 * size: measured at 200k and 1M lines to show it is flat).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeCandidateLog } from './candidates-log.js';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

interface Run {
  candidates: number;
  ms: number;
  maxRssMB: number;
}

function worker(which: 'sdpscope' | 'baseline', file: string): Run {
  const r = spawnSync(process.execPath, [resolve(__dirname, 'candidates-worker.js'), which, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${which} worker failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Run;
}

async function logOf(lines: number): Promise<{ file: string; mb: number }> {
  const file = join(tmpdir(), `sdpscope-bench-${lines}.log`);
  if (!existsSync(file)) await writeCandidateLog(file, lines);
  return { file, mb: statSync(file).size / 1048576 };
}

export async function runCandidatesBench(): Promise<boolean> {
  const big = await logOf(1_000_000);
  const small = await logOf(200_000);
  const best = (which: 'sdpscope' | 'baseline', file: string) => [worker(which, file), worker(which, file)].sort((a, b) => a.ms - b.ms)[0]!;
  const ours = best('sdpscope', big.file);
  const base = best('baseline', big.file);
  const oursSmall = worker('sdpscope', small.file);
  const lps = (r: Run) => Math.round(1_000_000 / (r.ms / 1000));
  const ratio = base.ms / ours.ms;
  console.log(`candidates, 1M-line log (${big.mb.toFixed(0)} MB): sdpscope ${lps(ours).toLocaleString('en-US')} lines/s (${(big.mb / (ours.ms / 1000)).toFixed(0)} MB/s, ${ours.candidates} candidates) vs naive baseline ${lps(base).toLocaleString('en-US')} lines/s (${base.candidates} candidates) → ${ratio.toFixed(2)}× (target ≥ 5×) ${ratio >= 5 ? 'PASS' : 'MISS'}`);
  const flat = ours.maxRssMB < 150 && oursSmall.maxRssMB < 150;
  console.log(`candidates, peak RSS: sdpscope ${oursSmall.maxRssMB.toFixed(0)} MB at 200k lines, ${ours.maxRssMB.toFixed(0)} MB at 1M lines (target < 150 MB) ${flat ? 'PASS' : 'MISS'}; baseline ${base.maxRssMB.toFixed(0)} MB`);
  if (ours.candidates < base.candidates) console.log(`  note: sdpscope found ${base.candidates - ours.candidates} fewer candidates than the baseline`);
  return ratio >= 5 && flat;
}
