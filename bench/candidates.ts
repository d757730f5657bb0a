/**
 * `sdpscope candidates` against a naive baseline on generated logs, same run: throughput ratios
 * per output mode on the 1M-line mixed log (targets: --summary and --ndjson ≥ 5×, the table
 * ≥ 3×), and a peak-RSS table per mode and input (target < 150 MB; --json < 200 MB), flat as the
 * input grows: 200k, 1M and 3M lines, a fleet log of short sessions, and one session whose every
 * candidate is new.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCandidateLog, type LogShape } from './candidates-log.js';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

interface Run {
  candidates: number;
  ms: number;
  maxRssMB: number;
}

type Mode = 'summary' | 'ndjson' | 'table' | 'json' | 'parse' | 'parse-json';

function worker(args: string[]): Run {
  const r = spawnSync(process.execPath, [resolve(__dirname, 'candidates-worker.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`worker ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Run;
}

async function logOf(lines: number, shape: LogShape = 'mixed'): Promise<{ file: string; mb: number }> {
  const file = join(tmpdir(), `sdpscope-bench-${shape === 'mixed' ? '' : `${shape}-`}${lines}.log`);
  if (!existsSync(file)) await writeCandidateLog(file, lines, 7, shape);
  return { file, mb: statSync(file).size / 1048576 };
}

const best = (runs: Run[]): Run => [...runs].sort((a, b) => a.ms - b.ms)[0]!;

export async function runCandidatesBench(): Promise<boolean> {
  const big = await logOf(1_000_000);
  let ok = true;
  // Throughput, best of two runs each, baseline in the same run.
  const base = best([worker(['baseline', big.file]), worker(['baseline', big.file])]);
  const lps = (r: Run) => Math.round(1_000_000 / (r.ms / 1000)).toLocaleString('en-US');
  console.log(`candidates, 1M-line log (${big.mb.toFixed(0)} MB): naive baseline ${lps(base)} lines/s, ${(base.ms / 1000).toFixed(1)} s (${base.candidates} candidates)`);
  const targets: [Mode, number][] = [['summary', 5], ['ndjson', 5], ['table', 3], ['json', 1]];
  const rss = new Map<string, number>();
  for (const [mode, target] of targets) {
    const ours = best([worker(['sdpscope', big.file, mode]), worker(['sdpscope', big.file, mode])]);
    rss.set(`1M ${mode}`, ours.maxRssMB);
    const ratio = base.ms / ours.ms;
    const met = mode === 'json' || ratio >= target;
    ok &&= met;
    console.log(`  ${mode.padEnd(7)} ${lps(ours)} lines/s, ${(ours.ms / 1000).toFixed(1)} s → ${ratio.toFixed(2)}× the baseline${mode === 'json' ? '' : ` (target ≥ ${target}×) ${met ? 'PASS' : 'MISS'}`}${ours.candidates !== base.candidates && mode !== 'ndjson' ? ` (read ${ours.candidates})` : ''}`);
  }
  // Peak RSS per input and mode (one run each).
  const inputs: [string, number, LogShape, readonly Mode[]][] = [
    ['200k lines', 200_000, 'mixed', ['summary', 'ndjson', 'table', 'json']],
    ['1M lines', 1_000_000, 'mixed', []],
    ['3M lines', 3_000_000, 'mixed', ['summary', 'ndjson', 'table']],
    ['fleet, 1M lines', 1_000_000, 'fleet', ['summary', 'ndjson', 'table']],
    ['one session, 1M lines', 1_000_000, 'one', ['summary']],
  ];
  console.log(`\ncandidates, peak RSS in MB (target < 150; --json < 200); baseline ${base.maxRssMB.toFixed(0)} MB at 1M lines`);
  console.log(`  ${'input'.padEnd(24)}${['summary', 'ndjson', 'table', 'json'].map((m) => m.padStart(9)).join('')}`);
  for (const [name, lines, shape, modes] of inputs) {
    const { file } = await logOf(lines, shape);
    const cells: string[] = [];
    for (const mode of ['summary', 'ndjson', 'table', 'json'] as const) {
      let mb = rss.get(`${name === '1M lines' ? '1M' : name} ${mode}`);
      if (mb === undefined && modes.includes(mode)) mb = worker(['sdpscope', file, mode]).maxRssMB;
      if (mb !== undefined) ok &&= mb < (mode === 'json' ? 200 : 150);
      cells.push((mb === undefined ? '–' : `${mb.toFixed(0)}${mb < (mode === 'json' ? 200 : 150) ? '' : '!'}`).padStart(9));
    }
    console.log(`  ${name.padEnd(24)}${cells.join('')}`);
  }
  console.log('  (! = over its target)');
  // `sdpscope parse` streams both ways: flat memory whatever the input (no target in the issue
  // but that; before, the text mode held every candidate: 750 MB at 200k lines).
  console.log('\nparse, peak RSS in MB and time (output discarded)');
  for (const [name, lines] of [['200k lines', 200_000], ['1M lines', 1_000_000]] as const) {
    const { file } = await logOf(lines);
    const cells = (['parse', 'parse-json'] as const).map((mode) => {
      const r = worker(['sdpscope', file, mode]);
      return `${mode === 'parse' ? 'text' : '--json'} ${r.maxRssMB.toFixed(0)} MB, ${(r.ms / 1000).toFixed(1)} s`;
    });
    console.log(`  ${name.padEnd(12)}${cells.join('   ')}`);
  }
  return ok;
}
