/** `sdpscope parse FILE|-`: every SDP and candidate in the input, summarised or as JSON. */
import { readInput, SdpscopeError } from '../../src/index.js';
import { diagnosticJson } from '../render/diagnostics.js';
import { readTextInput } from '../../src/node/files.js';
import { renderParse, toJson } from '../render/parse.js';
import { makeStyle } from '../render/style.js';
import { EXIT_FINDINGS, EXIT_OK } from '../run.js';

export interface ParseOptions {
  readonly file: string;
  readonly json: boolean;
  readonly color: boolean;
}

export async function parseCommand(opts: ParseOptions, out: (s: string) => void): Promise<number> {
  const text = await readTextInput(opts.file);
  return parseText(text, opts.file === '-' ? 'stdin' : opts.file, opts, out);
}

/** The command on text already read (the fuzzer runs it on every input). */
export function parseText(text: string, name: string, opts: Omit<ParseOptions, 'file'>, out: (s: string) => void): number {
  const report = readInput(text);
  if (report.descriptions.length === 0 && report.candidates.length === 0) {
    throw new SdpscopeError('NO_SDP_FOUND', `no SDP and no candidate found in ${name}`);
  }
  if (opts.json) {
    out(toJson({
      descriptions: report.descriptions.map((d) => ({ type: d.type, source: d.source, description: d.description })),
      candidates: report.candidates,
      endOfCandidates: report.endOfCandidates,
      problems: report.problems.map(diagnosticJson),
    }) + '\n');
  } else {
    out(renderParse(report, name, makeStyle(opts.color)));
  }
  // Errors in what was read (a line that is not SDP, a payload type nobody can name, a cut
  // description) are findings: exit 1, as sdp-diff's negotiation errors.
  const errors = [...report.problems, ...report.descriptions.flatMap((d) => d.description.diagnostics)].some((d) => d.severity === 'error');
  return errors ? EXIT_FINDINGS : EXIT_OK;
}
