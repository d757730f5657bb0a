/** `sdpscope parse FILE|-`: every SDP and candidate in the input, summarised or as JSON. */
import { SdpscopeError } from '../../src/index.js';
import { collectingSink } from '../../src/input/read.js';
import { boundedFindings, type InputDiagnostic } from '../../src/diagnostics.js';
import type { FoundCandidate, FoundDescription, FoundEndOfCandidates, InputSink } from '../../src/input/types.js';
import { openTextStream, watchBlank } from '../../src/node/files.js';
import { scanStream } from '../../src/node/stream.js';
import { diagnosticJson } from '../render/diagnostics.js';
import { jsonItem, listedItems, writeJsonArray } from '../render/json.js';
import { renderParse } from '../render/parse.js';
import { makeStyle } from '../render/style.js';
import { batched, EXIT_FINDINGS, EXIT_OK } from '../run.js';
import { Spool } from '../spool.js';

export interface ParseOptions {
  readonly file: string;
  readonly json: boolean;
  readonly color: boolean;
}

export async function parseCommand(opts: ParseOptions, out: (s: string) => void, drained: () => Promise<void> | undefined = () => undefined): Promise<number> {
  const name = opts.file === '-' ? 'stdin' : opts.file;
  // Read as a stream in both modes: binary input is refused from its first bytes, and both
  // modes read the same model (a line with a NUL is that line's binary-data problem in each).
  const { stream } = await openTextStream(opts.file);
  if (opts.json) return parseJson(stream, name, out, drained);
  return parseSummary(stream, name, opts, out);
}

/** The command on text already read (the fuzzer runs it on every input). */
export async function parseText(text: string, name: string, opts: Omit<ParseOptions, 'file'>, out: (s: string) => void): Promise<number> {
  return opts.json ? parseJson(chunksOf(text), name, out, () => undefined) : parseSummary(chunksOf(text), name, opts, out);
}

async function* chunksOf(text: string): AsyncIterable<Buffer> {
  yield Buffer.from(text);
}

/** Nothing found: EMPTY_INPUT for an input of blanks, NO_SDP_FOUND otherwise. */
const nothingFound = (blank: boolean, name: string): SdpscopeError =>
  blank ? new SdpscopeError('EMPTY_INPUT', `${name === 'stdin' ? 'standard input' : name} is empty`) : new SdpscopeError('NO_SDP_FOUND', `no SDP and no candidate found in ${name === 'stdin' ? 'standard input' : name}`);

/** `parse`: the summary of everything found. */
async function parseSummary(input: AsyncIterable<Uint8Array | string>, name: string, opts: Omit<ParseOptions, 'file'>, out: (s: string) => void): Promise<number> {
  const sink = collectingSink();
  const { stream, blank } = watchBlank(input);
  await scanStream(stream, sink);
  const report = sink.report;
  if (report.descriptions.length === 0 && report.candidates.length === 0) throw nothingFound(blank(), name);
  out(renderParse(report, name, makeStyle(opts.color)));
  return hasErrors([...report.problems, ...report.descriptions.flatMap((d) => d.description.diagnostics)]) ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * Errors in what was read (a line that is not SDP, a payload type nobody can name, a cut
 * description) are findings: exit 1, as sdp-diff's negotiation errors.
 */
const hasErrors = (ds: readonly { readonly severity: string }[]): boolean => ds.some((d) => d.severity === 'error');

/**
 * `parse --json`: the document JSON.stringify({descriptions, candidates, endOfCandidates,
 * problems}, null, 2) would give, written as the input is read: each description as it is found,
 * the candidates and ends of candidates spooled (to disk past a few MB) for after them.
 */
async function parseJson(stream: AsyncIterable<Uint8Array | string>, name: string, write: (s: string) => void, drained: () => Promise<void> | undefined): Promise<number> {
  const batch = batched(write, drained);
  const { write: out, pause } = batch;
  const candidates = new Spool('candidates');
  const ends = new Spool('end-of-candidates');
  const problems: InputDiagnostic[] = [];
  const bounded = boundedFindings(problems);
  let descriptions = 0;
  let errors = false;
  const sink: InputSink = {
    description: (f: FoundDescription) => {
      out(`${descriptions++ === 0 ? '{\n  "descriptions": [\n' : ',\n'}${jsonItem({ type: f.type, source: f.source, description: f.description })}`);
      errors ||= hasErrors(f.description.diagnostics);
    },
    candidate: (f: FoundCandidate) => candidates.add(f),
    endOfCandidates: (f: FoundEndOfCandidates) => ends.add(f),
    problem: (p) => bounded.push(p),
  };
  const watched = watchBlank(stream);
  try {
    await scanStream(watched.stream, sink, { pause });
    if (descriptions === 0 && candidates.count === 0) throw nothingFound(watched.blank(), name);
    out(descriptions === 0 ? '{\n  "descriptions": [],\n' : '\n  ],\n');
    await writeJsonArray('candidates', [candidates], out, pause);
    out(',\n');
    await writeJsonArray('endOfCandidates', [ends], out, pause);
    out(',\n');
    await writeJsonArray('problems', [listedItems(problems.map(diagnosticJson))], out, pause);
    out('\n}\n');
    return errors || hasErrors(problems) ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    batch.flush();
    candidates.dispose();
    ends.dispose();
  }
}
