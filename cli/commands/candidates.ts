/** `sdpscope candidates [FILE…]`: every candidate in any log, by ICE session, with NAT inference and pairs. */
import { CandidateAnalyzer, SdpscopeError, type AnalysisReport, type FoundCandidate, type InputSink, type SessionReport } from '../../src/index.js';
import { checkReadable, openTextStream, watchBlank } from '../../src/node/files.js';
import { scanStream } from '../../src/node/stream.js';
import { renderCall, renderSession, renderTotals, sessionJson, writeReportJsonRest } from '../render/candidates.js';
import { diagnosticWhere } from '../render/diagnostics.js';
import { Spool } from '../spool.js';
import { makeStyle } from '../render/style.js';
import { batched, CLEAR_PROGRESS, EXIT_OK } from '../run.js';
import { unreadCandidatesHint, unreadLinesNote } from '../unread.js';

export interface CandidatesOptions {
  readonly files: readonly string[];
  readonly json: boolean;
  readonly ndjson: boolean;
  readonly summary: boolean;
  readonly strict: boolean;
  readonly color: boolean;
  readonly maxSessions?: number;
  /** Show a progress line on stderr (a TTY, reading a file). */
  readonly progress: boolean;
}

export async function candidatesCommand(opts: CandidatesOptions, out: (s: string) => void, err: (s: string) => void, drained: () => Promise<void> | undefined = () => undefined): Promise<number> {
  const files = opts.files.length === 0 ? ['-'] : opts.files;
  if (files.filter((f) => f === '-').length > 1) throw new SdpscopeError('USAGE', 'standard input can be read only once');
  // Every file checked before a byte is written: a missing second file does not cut the first one's output.
  for (const file of files) await checkReadable(file);
  // Opened one after the other, as they are read: the next file is opened once the last is done.
  async function* inputs(): AsyncIterable<CandidateInput> {
    for (const file of files) {
      const name = file === '-' ? 'stdin' : file;
      const { stream, size } = await openTextStream(file);
      yield { name, stream, size };
    }
  }
  // An explicit --max-sessions may keep more than the thread's heap cap allows: analysed here.
  return analyzeLarge(inputs(), files.length, opts, out, err, drained, THREAD_ABOVE, opts.maxSessions === undefined);
}

/** Text bytes read before the analysis goes to a capped worker thread (cli/thread.ts). */
export const THREAD_ABOVE = 8 * 1024 * 1024;
/** An input that has not ended this long after the start (a pipe, `tail -f`) goes to the thread too. */
const THREAD_AFTER_MS = 250;

/**
 * The command on inputs already opened, as the CLI runs it: the first {@link THREAD_ABOVE} bytes
 * are read ahead; an input that ends within them is analysed here, a larger one (or a slow one) in
 * a worker thread with a capped heap (flat memory). Reading ahead also finds a bad file among
 * small ones (binary, corrupt gzip) before anything is written.
 */
export async function analyzeLarge(inputs: AsyncIterable<CandidateInput>, count: number, opts: Omit<CandidatesOptions, 'files'>, out: (s: string) => void, err: (s: string) => void, drained: () => Promise<void> | undefined = () => undefined, threadAbove = THREAD_ABOVE, thread = true): Promise<number> {
  const ahead = await readAhead(inputs, threadAbove, THREAD_AFTER_MS);
  if (!ahead.large || !thread) return analyzeInputs(ahead.inputs, count, opts, out, err, drained);
  const { analyzeInThread } = await import('../thread.js');
  return analyzeInThread(ahead.inputs, count, opts, out, err, drained);
}

/** An input partly read ahead: its chunks so far, then the rest of its stream. */
interface ReadAhead {
  readonly input: CandidateInput;
  readonly chunks: (Uint8Array | string)[];
  /** The read under way when reading ahead stopped on time (null: none, or the stream ended). */
  pending: Promise<IteratorResult<Uint8Array | string>> | null;
  rest: AsyncIterator<Uint8Array | string> | null;
}

/** Reads ahead up to `limit` bytes or `ms` milliseconds; gives the same inputs back, whole. */
async function readAhead(inputs: AsyncIterable<CandidateInput>, limit: number, ms: number): Promise<{ large: boolean; inputs: AsyncIterable<CandidateInput> }> {
  const all = inputs[Symbol.asyncIterator]();
  const seen: ReadAhead[] = [];
  let bytes = 0;
  let late = false;
  const deadline = Date.now() + ms;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  try {
    let more = limit > 0;
    while (more && !late) {
      const n = await all.next();
      if (n.done === true) break;
      const entry: ReadAhead = { input: n.value, chunks: [], pending: null, rest: n.value.stream[Symbol.asyncIterator]() };
      seen.push(entry);
      while (bytes < limit) {
        const read = entry.rest!.next();
        const got = Date.now() < deadline ? await Promise.race([read, timeout]) : 'late';
        if (got === 'late') {
          entry.pending = read;
          late = true;
          break;
        }
        if (got.done === true) {
          entry.rest = null;
          break;
        }
        entry.chunks.push(got.value);
        bytes += typeof got.value === 'string' ? got.value.length : got.value.byteLength;
      }
      more = bytes < limit;
    }
  } finally {
    clearTimeout(timer);
  }
  const large = late || bytes >= limit;
  async function* stream(e: ReadAhead): AsyncIterable<Uint8Array | string> {
    for (let c = e.chunks.shift(); c !== undefined; c = e.chunks.shift()) yield c;
    if (e.rest === null) return;
    if (e.pending !== null) {
      const first = await e.pending;
      if (first.done === true) return;
      yield first.value;
    }
    for (let c = await e.rest.next(); c.done !== true; c = await e.rest.next()) yield c.value;
  }
  async function* again(): AsyncIterable<CandidateInput> {
    for (const e of seen) yield { ...e.input, stream: stream(e) };
    for (let n = await all.next(); n.done !== true; n = await all.next()) yield n.value;
  }
  return { large, inputs: again() };
}

/** One input of the candidates command: a name, its bytes and its size when known. */
export interface CandidateInput {
  readonly name: string;
  readonly stream: AsyncIterable<Uint8Array | string>;
  readonly size: number | null;
}

/** The command on inputs already opened (the fuzzer runs it on every input). */
export async function analyzeInputs(inputs: AsyncIterable<CandidateInput>, count: number, opts: Omit<CandidatesOptions, 'files'>, write: (s: string) => void, err: (s: string) => void, drained: () => Promise<void> | undefined = () => undefined): Promise<number> {
  // Output in pieces of 64 KiB, handed on before waiting on the reader and at the end.
  const batch = batched(write, drained);
  // --json: the sessions and their findings as they close, spooled for the end (memory stays flat).
  const spools = { sessions: new Spool('sessions'), diagnostics: new Spool('diagnostics') };
  try {
    return await analyze(inputs, count, opts, batch.write, err, batch.pause, spools);
  } finally {
    batch.flush();
    spools.sessions.dispose();
    spools.diagnostics.dispose();
  }
}

async function analyze(inputs: AsyncIterable<CandidateInput>, count: number, opts: Omit<CandidatesOptions, 'files'>, out: (s: string) => void, err: (s: string) => void, pause: () => Promise<void> | undefined, spools: { readonly sessions: Spool; readonly diagnostics: Spool }): Promise<number> {
  const s = makeStyle(opts.color);
  const table = !opts.json && !opts.ndjson;
  // --json streams: the candidates as they are found, the rest once everything is read.
  let records = 0;
  const json = opts.json
    ? (r: string) => {
        out(`${records++ === 0 ? '{\n  "candidates": [\n' : ',\n'}    ${r}`);
      }
    : undefined;
  const analyzer = new CandidateAnalyzer({
    // A summary and NDJSON keep no candidate per session (no tables, no pairs): the lightest memory.
    ...(opts.summary || opts.ndjson ? { maxCandidatesPerSession: 0 } : {}),
    ...(opts.maxSessions !== undefined ? { maxSessions: opts.maxSessions } : {}),
    // NDJSON: the records as they are found; sessions are not printed (nor kept).
    ...(opts.ndjson ? { onCandidateJson: (r: string) => out(r + '\n'), onSession: () => undefined } : {}),
    // --json: each session kept as JSON text (its kept candidates dropped) for the end.
    ...(json
      ? {
          onCandidateJson: json,
          onSession: (r: SessionReport) => {
            const j = sessionJson(r);
            spools.sessions.add(j.session);
            for (const d of j.diagnostics) spools.diagnostics.add(d);
          },
        }
      : {}),
    ...(table ? { onSession: (r) => out(renderSession(r, s, opts.summary) + '\n') } : {}),
  });
  // --ndjson writes every candidate's whole record: the fast path's facts and then each line read
  // again for its record cost more than each line read once by the reference readers (2026-12-06,
  // 200k lines: 2.50–2.65 s → 2.24–2.33 s, the output byte for byte the same). The tables and
  // --json keep it: they read again only the candidates they keep (without it the tables took
  // 0.5 s more; --json on the 1M-line bench log 13.2 s instead of 16.1 s, but a peak of 176 MB
  // instead of 153, too near its 200 MB target).
  const sink: InputSink = opts.strict ? strictSink(analyzer) : opts.ndjson ? referenceOnly(analyzer) : analyzer;
  let sawAnything = false;
  /** The input's first MiB when it is one input, for what NO_SDP_FOUND can say of it (cli/unread.ts). */
  let head: { readonly text: string; readonly whole: boolean } | null = null;
  const names: string[] = [];
  try {
    await readAll();
  } catch (e) {
    // --strict stopped it: the --json document written so far is closed, with why (candidates
    // audit: stdout was cut in the middle of its array, not JSON).
    if (json && opts.strict && e instanceof SdpscopeError) {
      if (records === 0) out('{\n  "candidates": [');
      out(`${records === 0 ? '' : '\n  '}],\n  "stopped": ${JSON.stringify({ code: e.code, message: e.reason })}\n}\n`);
    }
    throw e;
  }
  async function readAll(): Promise<void> {
    for await (const { name, stream, size } of inputs) {
      names.push(name);
      let last = 0;
      const progress = opts.progress && size !== null && size > 0
        ? (bytes: number, lines: number) => {
            const now = Date.now();
            if (now - last < 200) return;
            last = now;
            // A gzipped file gives more bytes than its size: then only what was read.
            const share = bytes <= size ? `${Math.floor((100 * bytes) / size)}% (${(bytes / 1048576).toFixed(0)} of ${(size / 1048576).toFixed(0)} MB)` : `${(bytes / 1048576).toFixed(0)} MB`;
            err(`\r${name}: ${share}, ${lines} lines`);
          }
        : undefined;
      const watched = watchBlank(stream);
      // With several files, what each gave: one that gave nothing is said (README walk: an empty
      // or unrelated file among logs went unmentioned, while alone it is an error).
      let found = 0;
      const counted: InputSink = count > 1
        ? {
            description: (d) => {
              found++;
              sink.description(d);
            },
            candidate: (c) => {
              found++;
              sink.candidate(c);
            },
            endOfCandidates: (e) => {
              found++;
              sink.endOfCandidates(e);
            },
            problem: (p) => sink.problem(p),
          }
        : sink;
      try {
        await scanStream(watched.stream, counted, { ...(count > 1 ? { file: name } : {}), ...(progress ? { onProgress: progress } : {}), pause });
      } finally {
        // Cleared before what comes next, an error too (it was printed after the progress line, on it).
        if (progress && last !== 0) err(CLEAR_PROGRESS);
      }
      sawAnything ||= !watched.blank();
      if (count === 1) head = watched.head();
      // With what the file looks like, as for one file (candidates audit: the stack's hint was lost with two files).
      if (count > 1 && found === 0) err(`sdpscope: ${name === 'stdin' ? 'standard input' : name}: ${watched.blank() ? 'empty' : 'no candidate, description or end of candidates in it'}: nothing read from it${watched.blank() ? '' : unreadCandidatesHint(watched.head())}\n`);
    }
  }
  const report: AnalysisReport = analyzer.finish();
  if (report.totals.candidates === 0 && report.totals.invalid === 0 && report.sessions.length === 0 && spools.sessions.count === 0) {
    // Worded as `parse` words it: an input of blanks is empty.
    const said = names.map((n) => (n === 'stdin' ? 'standard input' : n)).join(', ');
    throw sawAnything ? new SdpscopeError('NO_SDP_FOUND', `no candidate found in ${said}${head !== null ? unreadCandidatesHint(head) : ''}`) : new SdpscopeError('EMPTY_INPUT', `${said} ${names.length > 1 ? 'are' : 'is'} empty`);
  }
  if (json) {
    if (records === 0) out('{\n  "candidates": [');
    out(`${records === 0 ? '' : '\n  '}],\n`);
    await writeReportJsonRest(report, spools.sessions, spools.diagnostics, out, pause);
  } else if (table) {
    for (const call of report.calls) out(renderCall(call, s, 10, opts.summary) + '\n');
    out(renderTotals(report, s));
    // Lines of candidates in a form not read, beside those read: said, as NO_SDP_FOUND says them when none was.
    const unread = head !== null ? unreadLinesNote(head) : '';
    if (unread !== '') out(s.dim(`note: ${unread}`) + '\n');
  } else if (report.totals.invalid > 0) {
    // --ndjson has a record for each candidate read: those that could not be read are said here.
    const first = report.diagnostics.find((d) => d.kind === 'unparseable-candidate');
    const where = first?.line != null ? diagnosticWhere(first) : 'the first';
    err(`sdpscope: ${report.totals.invalid} candidate line${report.totals.invalid === 1 ? '' : 's'} could not be read, so ${report.totals.invalid === 1 ? 'has' : 'have'} no record${first ? ` (${where}: ${first.message})` : ''}; --json or the tables list ${report.totals.invalid === 1 ? 'it' : 'them'}\n`);
  }
  return EXIT_OK;
}

/** --strict: the first candidate that does not parse stops the run (exit 2, with its line). */
/** The analyzer as a plain InputSink: the stream reader then takes no fast path (src/analysis/fast-facts.ts). */
const referenceOnly = (analyzer: CandidateAnalyzer): InputSink => ({
  description: (d) => analyzer.description(d),
  candidate: (c) => analyzer.candidate(c),
  endOfCandidates: (e) => analyzer.endOfCandidates(e),
  problem: (p) => analyzer.problem(p),
});

function strictSink(analyzer: CandidateAnalyzer): CandidateAnalyzer {
  return new Proxy(analyzer, {
    get(target, prop, receiver) {
      if (prop === 'candidate') {
        return (found: FoundCandidate) => {
          if (!found.candidate && found.error) {
            const where = found.source.file !== undefined ? `${found.source.file}:${found.source.line}` : `line ${found.source.line}`;
            throw new SdpscopeError(found.error.code, `${where}: ${found.error.message} (--strict)`);
          }
          target.candidate(found);
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
