/**
 * Finds SDPs and ICE candidates in whatever text a WebRTC engineer has: raw SDP (CRLF or LF),
 * bare a=/m= fragments, {type,sdp} objects, the seed's {type:"offer",offer:{…}} frames,
 * JSON-escaped SDP strings inside log lines, candidate frames (candidate as a string or as an
 * RTCIceCandidateInit object), arrays of them, NDJSON frame logs and chrome://webrtc-internals
 * dumps. Every result says where it came from. The readers are in this folder; this is their facade.
 */
import { relayRecord } from './relay-runs.js';
import { atLine, boundedFindings, diagnostic } from '../diagnostics.js';
import { requireObject, requireOptions, requireText, withoutStack } from '../errors.js';
import { walkJson } from './json-walk.js';
import { jsonValues } from './json-sequence.js';
import { binaryLineFinding, LineScanner, MAX_BINARY_REPORTS, nulLineFinding, textWithNul } from './line-scanner.js';
import { tooDeepToParse } from './json-check.js';
import { mayOpenObject, ObjectBlock } from './object-block.js';
import type { FoundCandidate, FoundDescription, InputReport, InputSink } from './types.js';

/** Where each collected description's candidates start in its report's list: they follow it, in order. */
const CANDIDATES_FROM = new WeakMap<FoundDescription, number>();

/**
 * The candidates of the `index`th description of a report `collectingSink` made, as the reader
 * reported them (a candidate a cut line ends in refused: CANDIDATE_CUT); null for another report.
 * Internal: `parse` prints them without reading the description again.
 */
export function candidatesOfDescription(report: InputReport, index: number): FoundCandidate[] | null {
  const d = report.descriptions[index];
  const from = d !== undefined ? CANDIDATES_FROM.get(d) : undefined;
  if (from === undefined) return null;
  const next = report.descriptions[index + 1];
  const to = (next !== undefined ? CANDIDATES_FROM.get(next) : undefined) ?? report.candidates.length;
  const out: FoundCandidate[] = [];
  for (let i = from; i < to && report.candidates[i]!.inDescription; i++) out.push(report.candidates[i]!);
  return out;
}

/** Collects what a scan finds into arrays. */
export function collectingSink(): InputSink & { report: InputReport } {
  const report: InputReport = { descriptions: [], candidates: [], endOfCandidates: [], problems: [] };
  // Problems are bounded per kind (the rest counted in one diagnostics-elided): a log of a
  // million lines that are not JSON is a hundred findings and a count.
  const problems = boundedFindings(report.problems);
  return {
    report,
    description: (f) => {
      CANDIDATES_FROM.set(f, report.candidates.length);
      report.descriptions.push(f);
    },
    candidate: (f) => report.candidates.push(f),
    endOfCandidates: (f) => report.endOfCandidates.push(f),
    problem: (p) => problems.push(p),
  };
}

export interface ScanOptions {
  /** Names the input in every Source (several files into one analyzer: a call between two files is then recognised). */
  readonly file?: string;
}

/** ScanOptions as requireOptions checks them (a File given as `file` is refused: its name is wanted). */
const SCAN_OPTIONS = { file: 'string' } as const;

/** The first line of `text` is a lone "{" or "[" (blanks around it). Internal. */
export function opensLoneBracket(text: string): boolean {
  const nl = text.indexOf('\n');
  const first = (nl < 0 ? text : text.slice(0, nl)).trim();
  return first === '{' || first === '[';
}

/** Scans a whole text, JSON document or lines, into `sink`, as it finds things. */
export function scanInput(text: string, sink: InputSink, options: ScanOptions = {}): void {
  requireText(text, 'scanInput');
  requireObject(sink, 'scanInput: the sink', 'description', 'candidate', 'endOfCandidates', 'problem');
  requireOptions(options, 'scanInput: the options', SCAN_OPTIONS);
  const file = options.file !== undefined ? { file: options.file } : {};
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lead = body.length - body.trimStart().length;
  const c0 = body.charCodeAt(lead);
  if (c0 === 123 || c0 === 91) {
    let doc: unknown;
    let ok = true;
    try {
      if (tooDeepToParse(body)) ok = false;
      else doc = withoutStack(() => JSON.parse(body));
    } catch {
      ok = false;
    }
    if (ok) {
      let line = 1;
      for (let i = body.indexOf('\n'); i >= 0 && i < lead; i = body.indexOf('\n', i + 1)) line++;
      walkJson(doc, { line, ...file, format: 'json' }, locatingSink(body, line, sink));
      return;
    }
    // Several pretty-printed values one after the other (an offer and an answer pasted together):
    // each read whole, when each is JSON; otherwise line by line, below.
    // The first value that is not JSON ends the attempt (one exception, not one a value: a log of
    // "{x}" lines is 50,000 brace-balanced values).
    const values = jsonValues(body);
    if (values !== null) {
      const docs: { value: unknown; line: number }[] = [];
      for (const v of values) {
        if (tooDeepToParse(v.text)) break;
        try {
          docs.push({ value: withoutStack(() => JSON.parse(v.text)) as unknown, line: v.line });
        } catch {
          break;
        }
      }
      if (docs.length === values.length) {
        const located = locatingSink(body, docs[0]?.line ?? 1, sink);
        for (const d of docs) {
          relayRecord(sink, options.file, d.value);
          walkJson(d.value, { line: d.line, ...file, format: 'json' }, located);
        }
        return;
      }
    }
    // A text whose first line is a lone "{" or "[" and that does not parse as JSON (a
    // pretty-printed frame cut short) is said to be one, at line 1: the line scanner passes over
    // such a line (in the middle of a log it opens a block, and is no finding). The stream reader
    // says the same of the same text (node/stream.ts).
    if (opensLoneBracket(body)) sink.problem(diagnostic('invalid-json', 'line 1 starts like JSON but does not parse', atLine(1, null, null, options.file)));
  }
  const scanner = new LineScanner(sink, file);
  // An object printed over several lines (util.inspect, indented JSON after a log prefix) is read as one line (object-block.ts).
  const objects = new ObjectBlock();
  const release = () => {
    for (const h of objects.release()) scanner.push(h.text, h.ending, h.line);
  };
  let start = 0;
  let lineNo = 0;
  // NULs found once for the text, then passed line by line: a line holding one is binary data, skipped (as the stream reader does).
  let nul = body.indexOf('\0');
  let binary = 0;
  while (start < body.length) {
    lineNo++;
    const nl = body.indexOf('\n', start);
    const end = nl < 0 ? body.length : nl;
    const kept = nul >= 0 && nul < end && textWithNul(body.slice(start, end).replace(/\r$/, ''));
    if (nul >= 0 && nul < end && !kept) {
      release();
      if (binary++ < MAX_BINARY_REPORTS) sink.problem(binaryLineFinding(lineNo, options.file));
      scanner.breakBlock();
      nul = body.indexOf('\0', end);
    } else {
      if (kept) {
        if (binary++ < MAX_BINARY_REPORTS) sink.problem(nulLineFinding(lineNo, options.file));
        nul = body.indexOf('\0', end);
      }
      // One CR before the LF is the ending's, as the stream reader splits it (node/stream.ts): a line
      // ending in two ("v=0\r\r\n", a CRLF written over a CRLF) had its blank lines read as lines
      // of "\r" here and as blanks there (fuzz: parse's two renders, seed 11 input 18).
      const cr = end > start && body.charCodeAt(end - 1) === 13;
      const text = body.slice(start, cr ? end - 1 : end);
      const ending = cr ? (nl < 0 ? '\r' : '\r\n') : nl < 0 ? '' : '\n';
      const step = objects.open ? objects.push(text, ending, lineNo) : null;
      if (step === null || step.kind === 'gave-up') {
        if (step !== null) for (const h of step.held) scanner.push(h.text, h.ending, h.line);
        // An object may open after an SDP block too (a log's next line): not on an SDP line.
        if (!scanner.inPrefixedBlock && mayOpenObject(text) && !/^[a-zA-Z]=/.test(text) && objects.start(text, ending, lineNo)) scanner.breakBlock();
        else scanner.push(text, ending, lineNo);
      } else if (step.kind === 'closed') scanner.push(step.text, step.ending, step.line);
    }
    start = end + 1;
  }
  release();
  scanner.end();
}

/** Everything found in `text`: descriptions, candidates (trickled and inside SDPs), end-of-candidates, problems. */
export function readInput(text: string, options: ScanOptions = {}): InputReport {
  requireText(text, 'readInput');
  requireOptions(options, 'readInput: the options', SCAN_OPTIONS);
  const sink = collectingSink();
  scanInput(text, sink, options);
  // Nothing read, and getStats() results: said where a dashboard sees it (library audit: an empty
  // report, while the command line named sdpscope ice).
  const r = sink.report;
  if (r.descriptions.length === 0 && r.candidates.length === 0 && GETSTATS_MARK.test(text.slice(0, 65536))) {
    sink.problem(diagnostic('getstats-results', 'no SDP and no candidate line: the input looks like getStats() results (RTCStats objects: candidate-pair, local-candidate…), which readStatsDump and explainIce read (sdpscope ice)', { line: null, column: null, mid: null, ...(options.file !== undefined ? { file: options.file } : {}) }));
  }
  return r;
}

/** An RTCStats object's ICE type written in JSON (Firefox before 50 wrote them without the hyphen). */
export const GETSTATS_MARK = /"type" ?: ?"(?:local-?candidate|remote-?candidate|candidate-?pair|transport|peer-connection)"/;

/** The SDPs in `text`, each with its type (when known) and where it came from. */
export function readDescriptions(text: string): FoundDescription[] {
  requireText(text, 'readDescriptions');
  return readInput(text).descriptions;
}

/** The candidates in `text`: trickled ones and those inside SDPs. */
export function readCandidates(text: string): FoundCandidate[] {
  requireText(text, 'readCandidates');
  return readInput(text).candidates;
}

/**
 * A sink that gives each candidate and description a JSON document read whole holds the line its
 * text is on in the document (its string found after the last one's), not the line of the value
 * it is in (ICE audit: every candidate of a pretty-printed file, samples/candidates.json too, read
 * "line 1"). The documents' values are walked in the order of their text (JSON.parse keeps it); a
 * text not found there (written with other escapes) keeps its line, and after a few such misses
 * in a row none is looked for (each miss searches the rest of the text; past 64 in all, only the next
 * 16 KiB).
 */
/** How far past the last text found a text is looked for once many were not found anywhere (see locatingSink). */
const LOCATE_WINDOW = 16384;

function locatingSink(body: string, first: number, sink: InputSink): InputSink {
  let cursor = 0;
  let line = first;
  let misses = 0;
  /**
   * Texts not found by a search of the rest of the text, in all: each such search costs the rest, so
   * past 64 only the next 16 KiB are searched (texts found and missed in turn, 100,000 of them, had
   * been quadratic; stopping there had put every later text at the value's line: hostile-input audit).
   */
  let missed = 0;
  /** Whether the texts were last found escaped twice (a dump's SDPs, JSON inside a JSON string): that form is tried first. */
  let twice = false;
  const find = (text: string, nested: boolean, whole: boolean): number => {
    let needle = JSON.stringify(text).slice(1, -1);
    if (nested) needle = JSON.stringify(needle).slice(1, -1);
    if (whole) return body.indexOf(needle, cursor);
    const i = body.slice(cursor, Math.min(body.length, cursor + LOCATE_WINDOW + needle.length)).indexOf(needle);
    return i < 0 ? -1 : cursor + i;
  };
  const locate = (text: string, at: number, long: boolean): number => {
    if (misses >= 8 || text.length === 0 || at < first) return at;
    // A candidate whole (two differ by their port, past its 64th character: new-user audit), a
    // description by its first lines.
    const cut = long ? text.slice(0, 64) : text.length > 512 ? text.slice(0, 512) : text;
    const escapes = /["\\\u0000-\u001f]/.test(cut);
    let found = -1;
    for (const whole of missed < 64 ? [false, true] : [false]) {
      found = find(cut, twice, whole);
      if (found < 0 && escapes) {
        found = find(cut, !twice, whole);
        if (found >= 0) twice = !twice;
      }
      if (found >= 0) break;
      if (whole) missed++;
    }
    if (found < 0) {
      misses++;
      return at;
    }
    misses = 0;
    // The line breaks between the last text and this one, counted in that stretch only: indexOf('\n')
    // from the cursor ran to the end of a dump written on one line for every candidate, quadratic
    // (hostile-input audit: 100,000 candidates in 14 MB took 13 s to parse, 1.7 s pretty-printed).
    for (let i = cursor; i < found; i++) if (body.charCodeAt(i) === 10) line++;
    // The next text is looked for after this one: a value repeated in a later entry (a dump's offer
    // in createOfferOnSuccess, then setLocalDescription) is that entry's (new-user audit).
    cursor = found + 1;
    return line;
  };
  return {
    description: (d) => {
      const l = locate(d.text, d.source.line, true);
      sink.description(l === d.source.line ? d : { ...d, source: { ...d.source, line: l } });
    },
    candidate: (c) => {
      const l = locate(c.text, c.source.line, false);
      sink.candidate(l === c.source.line ? c : { ...c, source: { ...c.source, line: l } });
    },
    endOfCandidates: (e) => sink.endOfCandidates(e),
    problem: (p) => sink.problem(p),
  };
}
