/**
 * What one fuzz input must survive, as users reach the code: the library's readers and writers,
 * the commands (parse, sdp-diff, candidates, in every output mode) and the relay's logger on a
 * frame. Each target is timed on its own. What counts as a finding:
 * - uncaught: anything thrown that is not an SdpscopeError (a command would print "internal error");
 * - lossless: a line or description that parsed and does not write back byte for byte;
 * - non-finite: NaN or ±Infinity anywhere in a model or report (JSON would write null);
 * - slow: a target over 10 ms per 100 KB of input (10 ms below 100 KB), best of three runs.
 */
import { tryParseCandidate, writeCandidate } from '../../src/candidate/candidate.js';
import { explainCandidate } from '../../src/candidate/explain.js';
import { SdpscopeError } from '../../src/errors.js';
import { CandidateAnalyzer } from '../../src/analysis/analyzer.js';
import { summarizeFrame } from '../../src/analysis/frame.js';
import { redactText } from '../../src/analysis/redact.js';
import { readInput, scanInput } from '../../src/input/read.js';
import { pairFromOne } from '../../src/input/pair.js';
import { negotiate } from '../../src/negotiation/negotiate.js';
import { diffDescriptions } from '../../src/negotiation/diff.js';
import { parseSdp } from '../../src/sdp/parse.js';
import { writeSdp } from '../../src/sdp/write.js';
import { frameRecords } from '../../src/node/relay/log-record.js';
import { analyzeInputs } from '../../cli/commands/candidates.js';
import { diffTexts } from '../../cli/commands/diff.js';
import { parseText } from '../../cli/commands/parse.js';

export type FindingClass = 'uncaught' | 'lossless' | 'non-finite' | 'slow';

export interface Finding {
  readonly class: FindingClass;
  readonly target: string;
  readonly message: string;
}

/** The time a target may take on `bytes` of input: 10 ms per 100 KB, at least 10 ms. */
export function budgetMs(bytes: number): number {
  return 10 * Math.max(1, bytes / 102_400);
}

/** The first NaN or ±Infinity in a value, with its path; null when there is none. */
export function nonFinite(value: unknown): string | null {
  const seen = new Set<object>();
  const stack: [unknown, string][] = [[value, '$']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${path} = ${v}`;
    } else if (v !== null && typeof v === 'object' && !seen.has(v)) {
      seen.add(v);
      if (v instanceof Map) for (const [k, x] of v) stack.push([x, `${path}.get(${String(k)})`]);
      else for (const [k, x] of Object.entries(v)) stack.push([x, `${path}.${k}`]);
    }
  }
  return null;
}

/** Where two texts first differ, for the message. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `differs at ${i}: ${JSON.stringify(a.slice(i, i + 24))} became ${JSON.stringify(b.slice(i, i + 24))}`;
}

type Report = (f: Omit<Finding, 'target'>) => void;

const sink = () => {
  let n = 0;
  return { out: (s: string) => void (n += s.length), count: () => n };
};

/** Each target: the work, and the checks on what it made. Throwing a non-SdpscopeError is "uncaught". */
const TARGETS: ReadonlyArray<readonly [string, (text: string, report: Report) => void | Promise<void>]> = [
  ['readInput', (text, report) => {
    const r = readInput(text);
    for (const d of r.descriptions) {
      const back = writeSdp(d.description);
      if (back !== d.text) report({ class: 'lossless', message: `a description read from line ${d.source.line}: ${firstDifference(d.text, back)}` });
    }
    for (const c of r.candidates) {
      if (c.candidate === null) continue;
      const back = writeCandidate(c.candidate);
      if (back !== c.text) report({ class: 'lossless', message: `a candidate on line ${c.source.line}: ${firstDifference(c.text, back)}` });
    }
    const nf = nonFinite(r);
    if (nf) report({ class: 'non-finite', message: nf });
  }],
  ['parseSdp', (text, report) => {
    let d;
    try {
      d = parseSdp(text);
    } catch (e) {
      if (e instanceof SdpscopeError) return;
      throw e;
    }
    const back = writeSdp(d);
    if (back !== text) report({ class: 'lossless', message: firstDifference(text, back) });
    const nf = nonFinite(d);
    if (nf) report({ class: 'non-finite', message: nf });
  }],
  ['parseCandidate', (text, report) => {
    let from = 0;
    for (let i = text.indexOf('candidate:'); i >= 0; i = text.indexOf('candidate:', from)) {
      const start = text.lastIndexOf('\n', i) + 1;
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      from = end + 1;
      const line = text.slice(start, end).replace(/\r$/, '');
      const r = tryParseCandidate(line);
      if (!r.ok) continue;
      const back = writeCandidate(r.candidate);
      if (back !== line) report({ class: 'lossless', message: firstDifference(line, back) });
      const nf = nonFinite(r.candidate) ?? nonFinite(explainCandidate(r.candidate));
      if (nf) report({ class: 'non-finite', message: nf });
    }
  }],
  ['negotiate', (text, report) => {
    const found = readInput(text).descriptions;
    const complete = found.filter((f) => !f.description.fragment);
    const first = complete[0];
    if (!first) return;
    // Against itself (every rule on one description), and as the one input sdp-diff pairs.
    const results: unknown[] = [negotiate(first.description, first.description), diffDescriptions(first.description, (complete[1] ?? first).description)];
    try {
      const pair = pairFromOne(found, 'input');
      results.push(pair.mode === 'diff' ? diffDescriptions(pair.first.description, pair.second.description) : negotiate(pair.first.description, pair.second.description));
    } catch (e) {
      if (!(e instanceof SdpscopeError)) throw e;
    }
    const nf = nonFinite(results);
    if (nf) report({ class: 'non-finite', message: nf });
  }],
  ...([false, true] as const).map((json) => [`sdpscope parse${json ? ' --json' : ''}`, (text: string) => {
    try {
      parseText(text, 'input', { json, color: !json }, sink().out);
    } catch (e) {
      if (!(e instanceof SdpscopeError)) throw e;
    }
  }] as const),
  ...([['sdp-diff', [0], false], ['sdp-diff --json', [0], true], ['sdp-diff (two files)', [0, 0], false]] as const).map(([name, files, json]) => [name, (text: string) => {
    try {
      diffTexts(files.map(() => text), files.map((_t, i) => `input${i}`), { json, color: !json }, sink().out);
    } catch (e) {
      if (!(e instanceof SdpscopeError)) throw e;
    }
  }] as const),
  // In chunks, as from a file, in every output mode.
  ...([['', {}], [' --json', { json: true }], [' --ndjson', { ndjson: true }], [' --summary', { summary: true }]] as const).map(([flag, mode]) => [`sdpscope candidates${flag}`, async (text: string) => {
    const chunk = 'json' in mode ? 65_536 : 4093;
    const input = (async function* () {
      const stream = (async function* () {
        for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
      })();
      yield { name: 'input', stream, size: text.length };
    })();
    try {
      await analyzeInputs(input, 1, { json: false, ndjson: false, summary: false, ...mode, strict: false, color: true, progress: false }, sink().out, sink().out);
    } catch (e) {
      if (!(e instanceof SdpscopeError)) throw e;
    }
  }] as const),
  ['CandidateAnalyzer', (text, report) => {
    // The records and reports themselves, before JSON could turn a NaN into null.
    const analyzer = new CandidateAnalyzer({ keepRecords: true });
    scanInput(text, analyzer);
    const nf = nonFinite(analyzer.finish());
    if (nf) report({ class: 'non-finite', message: nf });
  }],
  ['relay logger', (text, report) => {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      // The relay refuses it, logging the start of it redacted.
      redactText(text.slice(0, 120));
      return;
    }
    const summary = summarizeFrame(frame);
    const nf = nonFinite(summary);
    if (nf) report({ class: 'non-finite', message: nf });
    for (const keep of [false, true]) frameRecords({ time: 0, room: 'r', from: 'c1', to: ['c2'], size: text.length, text }, frame, keep, summary);
  }],
];

export const TARGET_NAMES = TARGETS.map(([name]) => name);

async function timed(run: () => void | Promise<void>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

export interface CheckResult {
  readonly findings: Finding[];
  /** The target that came nearest its time budget, and its share of it (1 = at the budget). */
  readonly slowest: { readonly target: string; readonly ms: number; readonly share: number };
}

export interface CheckOptions {
  /** Time each target against its budget (default true); off for shrinking and regression tests. */
  readonly timing?: boolean;
  /** Only this target (shrinking a finding of it). */
  readonly only?: string;
  /** Told the number of each target as it starts (in TARGET_NAMES): the watchdog names what stalled. */
  readonly onTarget?: (index: number) => void;
}

/** Runs every target on `text`. */
export async function checkInput(text: string, options: CheckOptions = {}): Promise<CheckResult> {
  const findings: Finding[] = [];
  const bytes = Buffer.byteLength(text);
  const budget = budgetMs(bytes);
  let slowest = { target: '', ms: 0, share: 0 };
  for (const [n, [target, run]] of TARGETS.entries()) {
    if (options.only !== undefined && target !== options.only) continue;
    options.onTarget?.(n);
    const report: Report = (f) => findings.length < 16 && findings.push({ ...f, target });
    let ms: number;
    try {
      ms = await timed(() => run(text, report));
    } catch (e) {
      findings.push({ class: 'uncaught', target, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
      continue;
    }
    if (options.timing === false) continue;
    // A GC pause or a busy core is not a finding: the best of three runs is.
    const quiet: Report = () => undefined;
    for (let i = 0; i < 2 && ms > budget; i++) ms = Math.min(ms, await timed(() => run(text, quiet)));
    if (ms / budget > slowest.share) slowest = { target, ms, share: ms / budget };
    if (ms > budget) findings.push({ class: 'slow', target, message: `${ms.toFixed(1)} ms for ${bytes} bytes (budget ${budget.toFixed(1)} ms)` });
  }
  return { findings, slowest };
}
