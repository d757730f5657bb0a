/** `sdpscope parse FILE|-`: every SDP and candidate in the input, summarised or as JSON. */
import { readInput, SdpscopeError } from '../../src/index.js';
import { diagnosticJson } from '../render/diagnostics.js';
import { readTextInput } from '../../src/node/files.js';
import { renderParse, toJson } from '../render/parse.js';
import { makeStyle } from '../render/style.js';
import { EXIT_OK } from '../run.js';

export interface ParseOptions {
  readonly file: string;
  readonly json: boolean;
  readonly color: boolean;
}

export async function parseCommand(opts: ParseOptions, out: (s: string) => void): Promise<number> {
  const text = await readTextInput(opts.file);
  const report = readInput(text);
  const name = opts.file === '-' ? 'stdin' : opts.file;
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
  return EXIT_OK;
}
