/**
 * What one fuzz input must survive, as users reach the code: the library's readers and writers,
 * the commands (parse, sdp-diff, candidates, in every output mode) and the relay's logger on a
 * frame. Each target is timed on its own. What counts as a finding:
 * - uncaught: anything thrown that is not an SdpscopeError (a command would print "internal error");
 * - lossless: a line or description that parsed and does not write back byte for byte;
 * - non-finite: NaN or ±Infinity anywhere in a model or report (JSON would write null);
 * - slow: a target over its budget (budgetMs: 10 ms per 100 KB plus 1 µs a line), best of three runs.
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
import { readStatsDump } from '../../src/ice/dump.js';
import { explainIce } from '../../src/ice/explain.js';
import { renderIce } from '../../cli/render/ice.js';
import { makeStyle } from '../../cli/render/style.js';
import { decodeStunMessage, checkFingerprint } from '../../src/stun/message.js';
import { parseIceServerUri } from '../../src/stun/uri.js';

export type FindingClass = 'uncaught' | 'lossless' | 'non-finite' | 'slow';

export interface Finding {
  readonly class: FindingClass;
  readonly target: string;
  readonly message: string;
}

/**
 * The time a target may take on an input: 10 ms per 100 KB, plus 1 µs per line, at least 10 ms.
 * The line term: every model keeps an object per line (that is what lossless means), and making
 * and collecting one costs 0.2 to 0.3 µs in V8 however short the line, so 100 KB of empty lines
 * (100,000 lines) cannot be read in 10 ms; anything superlinear still shows at once.
 */
export function budgetMs(bytes: number, lines: number): number {
  return Math.max(10, (10 * bytes) / 102_400 + lines / 1000);
}

/**
 * Lines in `text`: line feeds, plus one, plus the line feeds written as the escape `\n` inside
 * JSON strings (an SDP in a frame): the model keeps an object for each of those lines too. A
 * 121 KB answer frame whose SDP has 60,000 lines was held to 12 ms, as if it had one (fuzz seed 777).
 */
export function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  for (let i = text.indexOf('\\n'); i >= 0; i = text.indexOf('\\n', i + 2)) n++;
  return n;
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
      else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}[${i}]`]);
      else for (const k in v) stack.push([(v as Record<string, unknown>)[k], `${path}.${k}`]);
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

/**
 * Each target: the work users wait for (`run`, timed) and the checks on what it made (`verify`,
 * not timed: walking a model for NaN costs more than making it). A throw that is not an
 * SdpscopeError, in either, is "uncaught"; an SdpscopeError is a rejection with a code, as designed.
 */
interface Target<R = unknown> {
  readonly name: string;
  readonly run: (text: string) => R | Promise<R>;
  readonly verify?: (text: string, result: R, report: Report) => void;
  /** How many times the target reads the input (sdp-diff of two files: twice): its budget is for that many bytes. */
  readonly copies?: number;
}

const target = <R>(t: Target<R>): Target => t as Target;

/** Runs `f`; an SdpscopeError is a rejection (undefined), anything else goes up. */
async function rejecting<R>(f: () => R | Promise<R>): Promise<R | undefined> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof SdpscopeError) return undefined;
    throw e;
  }
}

/** The value, or undefined where the input was refused with an SdpscopeError (synchronous). */
function rejectingSync<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof SdpscopeError) return undefined;
    throw e;
  }
}

/** The lines of `text` with a candidate in them (as a user pastes them one by one). */
function candidateLinesOf(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = text.indexOf('candidate:'); i >= 0; i = text.indexOf('candidate:', from)) {
    const start = text.lastIndexOf('\n', i) + 1;
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    from = end + 1;
    out.push(text.slice(start, end).replace(/\r$/, ''));
  }
  return out;
}

const TARGETS: readonly Target[] = [
  target({
    name: 'readInput',
    run: (text) => readInput(text),
    verify: (_text, r, report) => {
      for (const d of r.descriptions) {
        const back = writeSdp(d.description);
        if (back !== d.text) report({ class: 'lossless', message: `a description read from line ${d.source.line}: ${firstDifference(d.text, back)}` });
      }
      for (const c of r.candidates) {
        if (c.candidate === null) continue;
        const back = writeCandidate(c.candidate);
        // A candidate string's closing line break is not the candidate's (read without it, as Chrome does).
        let end = c.text.length;
        while (end > 0 && (c.text.charCodeAt(end - 1) === 10 || c.text.charCodeAt(end - 1) === 13)) end--;
        const own = back === c.text ? back : c.text.slice(0, end);
        if (back !== own) report({ class: 'lossless', message: `a candidate on line ${c.source.line}: ${firstDifference(own, back)}` });
      }
      const nf = nonFinite(r);
      if (nf) report({ class: 'non-finite', message: nf });
    },
  }),
  target({
    name: 'parseSdp + writeSdp',
    run: (text) => rejecting(() => {
      const d = parseSdp(text);
      return { d, back: writeSdp(d) };
    }),
    verify: (text, r, report) => {
      if (!r) return;
      if (r.back !== text) report({ class: 'lossless', message: firstDifference(text, r.back) });
      const nf = nonFinite(r.d);
      if (nf) report({ class: 'non-finite', message: nf });
    },
  }),
  target({
    name: 'parseCandidate + explain',
    run: (text) => candidateLinesOf(text).map((line) => {
      const r = tryParseCandidate(line);
      return r.ok ? { line, c: r.candidate, x: explainCandidate(r.candidate), back: writeCandidate(r.candidate) } : null;
    }),
    verify: (_text, results, report) => {
      for (const r of results) {
        if (!r) continue;
        if (r.back !== r.line) report({ class: 'lossless', message: firstDifference(r.line, r.back) });
        const nf = nonFinite(r.c) ?? nonFinite(r.x);
        if (nf) report({ class: 'non-finite', message: nf });
      }
    },
  }),
  target({
    name: 'negotiate + diff',
    run: (text) => {
      const found = readInput(text).descriptions;
      const complete = found.filter((f) => !f.description.fragment);
      const first = complete[0];
      if (!first) return [];
      // Against itself (every rule on one description), and as the one input sdp-diff pairs.
      const results: unknown[] = [negotiate(first.description, first.description), diffDescriptions(first.description, (complete[1] ?? first).description)];
      try {
        const pair = pairFromOne(found, 'input');
        results.push(pair.mode === 'diff' ? diffDescriptions(pair.first.description, pair.second.description) : negotiate(pair.first.description, pair.second.description));
      } catch (e) {
        if (!(e instanceof SdpscopeError)) throw e;
      }
      return results;
    },
    verify: (_text, results, report) => {
      const nf = nonFinite(results);
      if (nf) report({ class: 'non-finite', message: nf });
    },
  }),
  ...([false, true] as const).map((json) => target({ name: `sdpscope parse${json ? ' --json' : ''}`, run: (text) => rejecting(() => parseText(text, 'input', { json, color: !json }, sink().out)) })),
  ...([['sdp-diff', 1, false], ['sdp-diff --json', 1, true], ['sdp-diff (two files)', 2, false]] as const).map(([name, files, json]) =>
    target({ name, copies: files, run: (text) => rejecting(() => diffTexts(Array.from({ length: files }, () => text), Array.from({ length: files }, (_t, i) => `input${i}`), { json, color: !json }, sink().out)) }),
  ),
  // In chunks, as from a file, in every output mode.
  ...([['', {}], [' --json', { json: true }], [' --ndjson', { ndjson: true }], [' --summary', { summary: true }]] as const).map(([flag, mode]) =>
    target({
      name: `sdpscope candidates${flag}`,
      run: (text) => {
        const chunk = 'json' in mode ? 65_536 : 4093;
        const input = (async function* () {
          const stream = (async function* () {
            for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
          })();
          yield { name: 'input', stream, size: text.length };
        })();
        return rejecting(() => analyzeInputs(input, 1, { json: false, ndjson: false, summary: false, ...mode, strict: false, color: true, progress: false }, sink().out, sink().out));
      },
    }),
  ),
  target({
    name: 'CandidateAnalyzer',
    run: (text) => {
      const analyzer = new CandidateAnalyzer({ keepRecords: true });
      scanInput(text, analyzer);
      return analyzer.finish();
    },
    // The records and reports themselves, before JSON could turn a NaN into null.
    verify: (_text, r, report) => {
      const nf = nonFinite(r);
      if (nf) report({ class: 'non-finite', message: nf });
    },
  }),
  target({
    name: 'relay logger',
    run: (text) => {
      let frame: unknown;
      try {
        frame = JSON.parse(text);
      } catch {
        // The relay refuses it, logging the start of it redacted.
        return redactText(text.slice(0, 120));
      }
      const summary = summarizeFrame(frame);
      for (const keep of [false, true]) frameRecords({ time: 0, room: 'r', from: 'c1', to: ['c2'], size: text.length, text }, frame, keep, summary);
      return summary;
    },
    verify: (_text, summary, report) => {
      const nf = nonFinite(summary);
      if (nf) report({ class: 'non-finite', message: nf });
    },
  }),
  // The readers of issues 16 and 17 (stats dumps, STUN messages, ICE server URIs), to the same standard.
  target({
    name: 'readStatsDump + explainIce',
    run: (text) =>
      rejecting(() => {
        const dump = readStatsDump(text);
        const reports = dump.peerConnections.map(explainIce);
        return { reports, text: renderIce(reports, makeStyle(true), { format: dump.format, userAgent: dump.userAgent }) };
      }),
    verify: (_text, r, report) => {
      const nf = nonFinite(r?.reports);
      if (nf) report({ class: 'non-finite', message: nf });
    },
  }),
  target({
    name: 'decodeStunMessage',
    // The input's UTF-16 units as bytes (a mutated RFC 5769 vector stays one), from every offset a STUN header could start at.
    run: (text) => {
      const bytes = Uint8Array.from(text.slice(0, 65_536), (c) => c.charCodeAt(0) & 0xff);
      const out: unknown[] = [];
      for (let at = 0; at + 20 <= bytes.length && out.length < 64; at++) {
        if (bytes[at + 4] !== 0x21 || bytes[at + 5] !== 0x12) continue;
        const m = rejectingSync(() => decodeStunMessage(bytes.subarray(at)));
        if (m) out.push({ m: { class: m.class, method: m.method, attributes: m.attributes.length }, fingerprint: checkFingerprint(m) });
      }
      return out;
    },
  }),
  target({
    name: 'parseIceServerUri',
    run: (text) => (text.match(/\b(?:stuns?|turns?):[^\s"',\]]{0,2048}/g) ?? []).slice(0, 1000).map((u) => rejectingSync(() => parseIceServerUri(u))),
    verify: (_text, r, report) => {
      const nf = nonFinite(r);
      if (nf) report({ class: 'non-finite', message: nf });
    },
  }),
];

export const TARGET_NAMES = TARGETS.map((t) => t.name);


export interface CheckResult {
  readonly findings: Finding[];
  /** The target that came nearest its time budget, and its share of it (1 = at the budget). */
  readonly slowest: { readonly target: string; readonly ms: number; readonly share: number; readonly budget: number };
}

export interface CheckOptions {
  /** Time each target against its budget (default true); off for shrinking and regression tests. */
  readonly timing?: boolean;
  /** Only this target (shrinking a finding of it). */
  readonly only?: string;
  /** Told the number of the target (in TARGET_NAMES) at each run of it: the watchdog sees progress and names what stalled. */
  readonly onRun?: (target: number) => void;
}

/** Runs every target on `text`. */
export async function checkInput(text: string, options: CheckOptions = {}): Promise<CheckResult> {
  const findings: Finding[] = [];
  const bytes = Buffer.byteLength(text);
  const lines = lineCount(text);
  let slowest = { target: '', ms: 0, share: 0, budget: budgetMs(bytes, lines) };
  for (const [n, t] of TARGETS.entries()) {
    const budget = budgetMs(bytes * (t.copies ?? 1), lines * (t.copies ?? 1));
    if (options.only !== undefined && t.name !== options.only) continue;
    const report: Report = (f) => void (findings.length < 16 && findings.push({ ...f, target: t.name }));
    let ms = 0;
    try {
      options.onRun?.(n);
      const t0 = performance.now();
      const result = await t.run(text);
      ms = performance.now() - t0;
      t.verify?.(text, result, report);
    } catch (e) {
      findings.push({ class: 'uncaught', target: t.name, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
      continue;
    }
    if (options.timing === false) continue;
    // A GC pause or a busy core is not a finding: the best of three runs is.
    for (let i = 0; i < 2 && ms > budget; i++) {
      options.onRun?.(n);
      const t0 = performance.now();
      await t.run(text);
      ms = Math.min(ms, performance.now() - t0);
    }
    if (ms / budget > slowest.share) slowest = { target: t.name, ms, share: ms / budget, budget };
    if (ms > budget) findings.push({ class: 'slow', target: t.name, message: `${ms.toFixed(1)} ms for ${bytes} bytes${(t.copies ?? 1) > 1 ? ` read ${t.copies} times` : ''} (budget ${budget.toFixed(1)} ms)` });
  }
  return { findings, slowest };
}
