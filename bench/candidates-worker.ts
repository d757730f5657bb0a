/**
 * One side of the candidate-log benchmark, in its own process so its peak RSS is its own:
 *   node candidates-worker.js sdpscope FILE summary|ndjson|table|json|parse|parse-json
 *   node candidates-worker.js baseline FILE
 * prints {"candidates":N,"ms":T,"maxRssMB":M}.
 * - sdpscope: what `sdpscope candidates [--summary|--ndjson|--json] FILE` does (the CLI's own
 *   code: every candidate parsed, classified, grouped into sessions, counted, NAT inferred,
 *   linted, rendered; on these sizes in its capped worker thread, cli/thread.ts), with the
 *   output made and then discarded; the RSS is the whole process's, both threads; `parse` and
 *   `parse-json`: what `sdpscope parse [--json] FILE` does, output discarded too;
 * - baseline: the naive way: readline, a regex or JSON.parse per line, the `sdp` package's
 *   parseCandidate.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import SDPUtils from 'sdp';
import { analyzeLarge } from '../cli/commands/candidates.js';
import { parseCommand } from '../cli/commands/parse.js';
import { openTextStream } from '../src/node/files.js';

type Mode = 'summary' | 'ndjson' | 'table' | 'json' | 'parse' | 'parse-json';

async function sdpscope(file: string, mode: Mode): Promise<number> {
  if (mode === 'parse' || mode === 'parse-json') {
    // The text's closing line says how many candidates were read (--json: not counted).
    let candidates = 0;
    await parseCommand({ file, json: mode === 'parse-json', color: false }, (s) => {
      const m = /(\d+) candidates? · /.exec(s.slice(-200));
      if (m) candidates = Number(m[1]);
    });
    return candidates;
  }
  const { stream, size } = await openTextStream(file);
  let candidates = 0;
  let written = 0;
  const out = (s: string) => {
    if (mode === 'ndjson') for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) written++;
    // The totals line of the table modes, the totals object of --json: how many candidate lines were read.
    const m = /(\d+) candidate lines?|"totals": {"candidates":(\d+),/.exec(s.slice(-400));
    if (m) candidates = Number(m[1] ?? m[2]);
  };
  async function* one() {
    yield { name: file, stream, size };
  }
  await analyzeLarge(one(), 1, { json: mode === 'json', ndjson: mode === 'ndjson', summary: mode === 'summary', strict: false, color: false, progress: false }, out, () => undefined);
  return mode === 'ndjson' ? written : candidates;
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
  const [which, file, mode] = process.argv.slice(2);
  const t0 = performance.now();
  const candidates = which === 'baseline' ? await baseline(file!) : await sdpscope(file!, (mode ?? 'summary') as Mode);
  const ms = performance.now() - t0;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ candidates, ms, maxRssMB }) + '\n');
}

void main();
