/** `sdp-diff A [B]`: negotiation report for an offer and an answer, or a diff of two of a kind. */
import { diffDescriptions, hasErrors, negotiate, pairFromOne, pairFromTwo, readInput, SdpscopeError, type DescriptionPair } from '../../src/index.js';
import { readTextInput } from '../../src/node/files.js';
import { renderDiff, renderNegotiation } from '../render/negotiation.js';
import { diagnosticJson } from '../render/diagnostics.js';
import { toJson } from '../render/parse.js';
import { makeStyle } from '../render/style.js';
import { EXIT_FINDINGS, EXIT_OK } from '../run.js';

export interface DiffOptions {
  readonly files: readonly string[];
  readonly json: boolean;
  readonly color: boolean;
}

const label = (f: string) => (f === '-' ? 'stdin' : f);

export async function diffCommand(opts: DiffOptions, out: (s: string) => void): Promise<number> {
  if (opts.files.length < 1 || opts.files.length > 2) throw new SdpscopeError('USAGE', 'give one file holding an offer and an answer, or two files (see --help)');
  if (opts.files.length === 2 && opts.files[0] === '-' && opts.files[1] === '-') throw new SdpscopeError('USAGE', 'standard input can be only one of the two inputs');
  const texts = await Promise.all(opts.files.map(readTextInput));
  const found = texts.map((t) => readInput(t).descriptions);
  const names: [string, string] = [label(opts.files[0]!), label(opts.files[1] ?? opts.files[0]!)];
  let pair: DescriptionPair;
  if (opts.files.length === 1) {
    if (found[0]!.length === 0) throw new SdpscopeError('NO_SDP_FOUND', `no SDP found in ${names[0]}`);
    pair = pairFromOne(found[0]!, names[0]);
  } else {
    pair = pairFromTwo(found[0]!, names[0], found[1]!, names[1]);
    // Keep the file names with their descriptions when the pair was swapped.
    if (pair.first !== found[0]!.find((f) => !f.description.fragment)) names.reverse();
  }
  const s = makeStyle(opts.color);
  const sourceOf = (f: DescriptionPair['first'], name: string) => ({ file: name, ...f.source, type: f.type });
  if (pair.mode === 'diff') {
    const d = diffDescriptions(pair.first.description, pair.second.description);
    out(opts.json ? toJson({ mode: 'diff', before: sourceOf(pair.first, names[0]), after: sourceOf(pair.second, names[1]), notes: pair.notes, ...d }) + '\n' : renderDiff(d, pair, names, s));
    return EXIT_OK;
  }
  const n = negotiate(pair.first.description, pair.second.description);
  out(opts.json
    ? toJson({ mode: 'negotiation', offer: sourceOf(pair.first, names[0]), answer: sourceOf(pair.second, names[1]), notes: pair.notes, ...n, diagnostics: n.diagnostics.map(diagnosticJson) }) + '\n'
    : renderNegotiation(n, pair, names, s));
  return hasErrors(n) ? EXIT_FINDINGS : EXIT_OK;
}
