/** `sdpscope parse FILE|-`: every SDP and candidate in the input, summarised or as JSON. */
import { SdpscopeError, sideFindings } from '../../src/index.js';
import { boundedFindings, MAX_FINDINGS_PER_KIND, type Diagnostic, type InputDiagnostic } from '../../src/diagnostics.js';
import type { FoundCandidate, FoundDescription, FoundEndOfCandidates, InputSink } from '../../src/input/types.js';
import { openTextStream, watchBlank } from '../../src/node/files.js';
import { scanStream } from '../../src/node/stream.js';
import { diagnosticJson } from '../render/diagnostics.js';
import { descriptionForJson } from '../render/description-json.js';
import { jsonItem, listedItems, writeJsonArray } from '../render/json.js';
import { CANDIDATE_HEADER, candidateRows } from '../render/candidates.js';
import { closingLines, descriptionBlock, FindingTally, trickledFindings, trickledTitle } from '../render/parse.js';
import { fitCell, makeStyle, tableLine, visibleLength, widenTo } from '../render/style.js';
import { batched, EXIT_FINDINGS, EXIT_OK } from '../run.js';
import { Spool } from '../spool.js';
import { unreadCandidatesHint } from '../unread.js';

export interface ParseOptions {
  readonly file: string;
  readonly json: boolean;
  readonly color: boolean;
  /** --type: what a description the input does not type is read as (a bare SDP); a type the input states wins. */
  readonly type?: 'offer' | 'answer' | undefined;
}

/** A description as --type reads it: typed, with the findings of that side, where the input said no type. */
function typed(f: FoundDescription, type: 'offer' | 'answer' | undefined): FoundDescription {
  return type === undefined || f.type !== null ? f : { ...f, type, typeFindings: sideFindings(f.description, type) };
}

export async function parseCommand(opts: ParseOptions, out: (s: string) => void, drained: () => Promise<void> | undefined = () => undefined): Promise<number> {
  const name = opts.file === '-' ? 'stdin' : opts.file;
  // Read as a stream in both modes: binary input is refused from its first bytes, and both
  // modes read the same model (a line with a NUL is that line's binary-data problem in each).
  const { stream } = await openTextStream(opts.file);
  return parseStream(stream, name, opts, out, drained);
}

/** The command on text already read (the fuzzer runs it on every input). */
export async function parseText(text: string, name: string, opts: Omit<ParseOptions, 'file'>, out: (s: string) => void): Promise<number> {
  return parseStream(chunksOf(text), name, opts, out);
}

/** The command on a stream of chunks (`name` says what it is in messages: "stdin" for standard input). */
export async function parseStream(stream: AsyncIterable<Uint8Array | string>, name: string, opts: Omit<ParseOptions, 'file'>, out: (s: string) => void, drained: () => Promise<void> | undefined = () => undefined): Promise<number> {
  return opts.json ? parseJson(stream, name, opts, out, drained) : parseSummary(stream, name, opts, out, drained);
}

async function* chunksOf(text: string): AsyncIterable<Buffer> {
  yield Buffer.from(text);
}

/** Nothing found: EMPTY_INPUT for an input of blanks, NO_SDP_FOUND otherwise. */
const nothingFound = (watched: ReturnType<typeof watchBlank>, name: string): SdpscopeError =>
  watched.blank() ? new SdpscopeError('EMPTY_INPUT', `${name === 'stdin' ? 'standard input' : name} is empty`) : new SdpscopeError('NO_SDP_FOUND', `no SDP and no candidate found in ${name === 'stdin' ? 'standard input' : name}${unreadCandidatesHint(watched.head())}`);

/**
 * `parse`: the summary of everything found, the text renderParse would give a whole report,
 * written as the input is read, in flat memory whatever its size. Each description is written
 * once the candidates read in it are; the trickled candidates' table, whose columns are as wide
 * as its widest cells, is spooled as rows (to disk past a few MB) and written at the end. Only
 * counts and the bounded findings are held.
 */
async function parseSummary(input: AsyncIterable<Uint8Array | string>, name: string, opts: Omit<ParseOptions, 'file'>, write: (s: string) => void, drained: () => Promise<void> | undefined): Promise<number> {
  const s = makeStyle(opts.color);
  const batch = batched(write, drained);
  const { write: out, pause } = batch;
  const lines = (ls: readonly string[]) => {
    for (const l of ls) out(l + '\n');
  };
  const rows = new Spool('trickled-rows');
  const widths = CANDIDATE_HEADER.map(visibleLength);
  const problems: InputDiagnostic[] = [];
  const bounded = boundedFindings(problems);
  /** Trickled candidates' own findings (render/parse.ts trickledFindings), after the problems. */
  const own: Diagnostic[] = [];
  const ownSink = boundedFindings(own);
  const inDescriptions = new FindingTally();
  let descriptions = 0;
  let candidates = 0;
  let ends = 0;
  // The description whose candidates are being read (until a trickled candidate or the next description).
  let open: { readonly found: FoundDescription; readonly candidates: FoundCandidate[] } | null = null;
  const close = () => {
    if (open === null) return;
    lines(descriptionBlock(open.found, open.candidates, name, s));
    open = null;
  };
  // The lines of unparseable trickled candidates whose problem is kept (the table shows them, the
  // problems list does not): at most the kept problems' lines, plus the candidates seen while
  // fewer than the bound were kept (each brings its problem first), so a bounded set.
  const keptProblemLines = new Set<number>();
  const rejectedLines = new Set<number>();
  let keptUnparseable = 0;
  const sink: InputSink = {
    description: (found) => {
      const f = typed(found, opts.type);
      close();
      descriptions++;
      inDescriptions.add(f.description.diagnostics).add(f.typeFindings);
      open = { found: f, candidates: [] };
    },
    candidate: (f) => {
      candidates++;
      if (f.inDescription) {
        open?.candidates.push(f);
        return;
      }
      close();
      if (f.error !== null && (keptUnparseable < MAX_FINDINGS_PER_KIND || keptProblemLines.has(f.source.line))) rejectedLines.add(f.source.line);
      for (const w of trickledFindings(f)) ownSink.push(w);
      const row = candidateRows([f], s)[0]!.map((c) => fitCell(c, opts.color));
      widenTo(widths, row);
      // Cells are escaped (fitCell: no raw tab or line feed in one), so a tab joins them.
      rows.addLine(row.join('\t'));
    },
    endOfCandidates: () => void ends++,
    problem: (p) => {
      bounded.push(p);
      if (p.kind === 'unparseable-candidate' && problems[problems.length - 1] === p) {
        keptUnparseable++;
        if (p.line !== null) keptProblemLines.add(p.line);
      }
    },
  };
  const watched = watchBlank(input);
  try {
    // A description is whole once reported (its candidates are reported with it): written at the
    // end of each chunk read, not when the next item comes (a live pipe shows an offer at once).
    await scanStream(watched.stream, sink, { pause: () => (close(), pause()) });
    close();
    if (descriptions === 0 && candidates === 0) throw nothingFound(watched, name);
    if (rows.count > 0) {
      out(trickledTitle(rows.count, ends, s) + '\n' + s.bold(tableLine(CANDIDATE_HEADER, widths)) + '\n');
      await rows.lines((row) => out(tableLine(row.split('\t'), widths) + '\n'), pause);
      out('\n');
    }
    const shown = problems.filter((p) => p.kind !== 'unparseable-candidate' || !rejectedLines.has(p.line ?? -1));
    lines(closingLines([...problems, ...own], [...shown, ...own], inDescriptions, descriptions, candidates, s));
    return inDescriptions.errors > 0 || hasErrors(problems) || hasErrors(own) ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    batch.flush();
    rows.dispose();
  }
}

/**
 * Errors in what was read (a line that is not SDP, a payload type nobody can name, a cut
 * description) are findings: exit 1, as sdp-diff's negotiation errors.
 */
const hasErrors = (ds: readonly { readonly severity: string }[]): boolean => ds.some((d) => d.severity === 'error');

/**
 * `parse --json`: the document {descriptions, candidates, endOfCandidates, problems} in the
 * reports' JSON layout (cli/render/json.ts), written as the input is read: each description as it is found,
 * the candidates and ends of candidates spooled (to disk past a few MB) for after them.
 */
async function parseJson(stream: AsyncIterable<Uint8Array | string>, name: string, opts: Omit<ParseOptions, 'file'>, write: (s: string) => void, drained: () => Promise<void> | undefined): Promise<number> {
  const batch = batched(write, drained);
  const { write: out, pause } = batch;
  const candidates = new Spool('candidates');
  const ends = new Spool('end-of-candidates');
  const problems: InputDiagnostic[] = [];
  const bounded = boundedFindings(problems);
  let descriptions = 0;
  let errors = false;
  const sink: InputSink = {
    description: (found: FoundDescription) => {
      const f = typed(found, opts.type);
      out(`${descriptions++ === 0 ? '{\n  "descriptions": [\n' : ',\n'}${jsonItem({ type: f.type, source: f.source, description: { ...descriptionForJson(f.description), diagnostics: f.description.diagnostics.map(diagnosticJson) }, typeFindings: f.typeFindings?.map(diagnosticJson) })}`);
      errors ||= hasErrors(f.description.diagnostics) || hasErrors(f.typeFindings);
    },
    candidate: (f: FoundCandidate) => candidates.add(f),
    endOfCandidates: (f: FoundEndOfCandidates) => ends.add(f),
    problem: (p) => bounded.push(p),
  };
  const watched = watchBlank(stream);
  try {
    await scanStream(watched.stream, sink, { pause });
    if (descriptions === 0 && candidates.count === 0) throw nothingFound(watched, name);
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
