/**
 * One side of the candidate-log benchmark, in its own process so its peak RSS is its own:
 *   node candidates-worker.js sdpscope|baseline FILE
 * prints {"candidates":N,"ms":T,"maxRssMB":M}.
 * - sdpscope: the analysis `sdpscope candidates --summary` does (every candidate parsed,
 *   classified, grouped into sessions, counted, NAT inferred, linted, diagnostics), output
 *   discarded;
 * - baseline: the naive way: readline, a regex or JSON.parse per line, the `sdp` package's
 *   parseCandidate.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import SDPUtils from 'sdp';
import { CandidateAnalyzer } from '../src/index.js';
import { scanStream } from '../src/node/stream.js';

async function sdpscope(file: string): Promise<number> {
  // As `sdpscope candidates --summary`: sessions reported as they close, no candidate kept.
  const analyzer = new CandidateAnalyzer({ onSession: () => undefined, maxCandidatesPerSession: 0 });
  await scanStream(createReadStream(file, { highWaterMark: 1 << 18 }), analyzer);
  const r = analyzer.finish();
  return r.totals.candidates;
}

async function baseline(file: string): Promise<number> {
  let count = 0;
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const re = /(?:a=)?candidate:\S.*$/;
  for await (const line of rl) {
    let text: string | null = null;
    if (line.startsWith('{')) {
      try {
        const o = JSON.parse(line) as { candidate?: unknown; frame?: { candidate?: unknown } };
        const c = o.frame?.candidate ?? o.candidate;
        text = typeof c === 'string' ? c : c && typeof c === 'object' ? ((c as { candidate?: string }).candidate ?? null) : null;
      } catch {
        text = null;
      }
    } else {
      const m = re.exec(line);
      if (m) text = m[0];
    }
    if (text) {
      const c = SDPUtils.parseCandidate(text);
      if (c.type) count++;
    }
  }
  return count;
}

async function main(): Promise<void> {
  const [which, file] = process.argv.slice(2);
  const t0 = performance.now();
  const candidates = which === 'baseline' ? await baseline(file!) : await sdpscope(file!);
  const ms = performance.now() - t0;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ candidates, ms, maxRssMB }) + '\n');
}

void main();
